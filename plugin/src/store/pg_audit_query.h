// PgAuditQuery: reads the audit trail (paramsafe.audit_events) back, newest
// first, a page at a time, for `paramsafe audit`. A page is found through an
// index: audit_events_principal_idx when a principal is given, else
// audit_events_time_idx; the other filters are checked on the rows the index
// yields. Paging is by (event_time, event_id), so records stored while a
// reader pages never shift its pages.
//
// Thread-safe (each call leases its own connection).
#ifndef PARAMSAFE_STORE_PG_AUDIT_QUERY_H_
#define PARAMSAFE_STORE_PG_AUDIT_QUERY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/audit.h"
#include "core/clock.h"
#include "core/status.h"
#include "store/pool.h"
#include "store/statement.h"

namespace paramsafe::store {

// Which records to read. Every given filter must hold.
struct AuditFilter {
  std::optional<core::TimePoint> start_time;  // event_time >= start_time
  std::optional<core::TimePoint> end_time;    // event_time <= end_time
  std::optional<std::string> principal_arn;
  std::optional<std::string> event_name;
  std::optional<std::string> resource;  // one of the record's resource ARNs
  std::optional<std::string> error_code;
  bool errors_only = false;  // only records with an error code
};

struct StoredAuditEvent {
  std::int64_t event_id = 0;
  core::AuditRecord record;
};

// Where the next page starts: just older than the last event of a page.
struct AuditCursor {
  core::TimePoint event_time;
  std::int64_t event_id = 0;
};

class PgAuditQuery {
 public:
  // REQUIRES: pool outlives this.
  explicit PgAuditQuery(Pool& pool) : pool_(pool) {}

  // Up to `limit` records matching `filter`, newest first (ties: the later
  // stored first), all older than `after` when given. Fewer than `limit` means
  // there are no more. REQUIRES: limit >= 1.
  core::Result<std::vector<StoredAuditEvent>> Page(const AuditFilter& filter,
                                                   const std::optional<AuditCursor>& after,
                                                   int limit);

 private:
  Pool& pool_;
};

// The statements of a page without and with a principal, for tests that
// check their plans. $1..$8 (and $9) as in pg_audit_query.cc.
extern const Statement kAuditPageByTime;
extern const Statement kAuditPageByPrincipal;

// The elements of a one-dimensional text[] in PostgreSQL's text output form
// ({a,"b c",NULL}); NULL elements are skipped. Exposed for tests.
std::vector<std::string> ParseTextArray(std::string_view literal);

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_PG_AUDIT_QUERY_H_
