#include "store/pg_audit_query.h"

#include <limits>

#include "store/pg_result.h"
#include "store/pg_time.h"
#include "store/pg_time_param.h"

namespace paramsafe::store {

namespace {

// $1 start, $2 upper bound (the end time, or the cursor's time), $3 the
// cursor's event id, $4 event name, $5 resource, $6 error code, $7 errors
// only, $8 limit, $9 principal. Open bounds are NULL and become +-infinity, so
// the range stays an index condition in a generic plan too.
#define PS_AUDIT_PAGE_SELECT \
  "SELECT event_id, " PS_EPOCH_US("event_time") ", request_id, event_source, event_name, "      \
  "aws_region, account_id, principal_arn, access_key_id, source_ip, user_agent, resources, "    \
  "read_only, error_code, error_message, request_parameters::text "                              \
  "FROM paramsafe.audit_events "                                                                 \
  "WHERE event_time >= COALESCE(" PS_TIMESTAMP_FROM_US("$1") ", '-infinity') "                   \
  "AND event_time <= COALESCE(" PS_TIMESTAMP_FROM_US("$2") ", 'infinity') "                      \
  "AND ($3::bigint IS NULL OR event_time < " PS_TIMESTAMP_FROM_US("$2") " OR event_id < $3) "    \
  "AND ($4::text IS NULL OR event_name = $4) "                                                   \
  "AND ($5::text IS NULL OR $5 = ANY (resources)) "                                              \
  "AND ($6::text IS NULL OR error_code = $6) "                                                   \
  "AND (NOT $7::boolean OR error_code IS NOT NULL) "

#define PS_AUDIT_PAGE_ORDER "ORDER BY event_time DESC, event_id DESC LIMIT $8"

Params& OptionalMicros(Params& p, const std::optional<core::TimePoint>& t) {
  return t ? p.Int(ToEpochMicros(*t)) : p.Null();
}

std::string Column(const PgResult& r, int row, int col) {
  return r.IsNull(row, col) ? std::string() : r.String(row, col);
}

std::optional<std::string> OptionalColumn(const PgResult& r, int row, int col) {
  if (r.IsNull(row, col)) return std::nullopt;
  return r.String(row, col);
}

StoredAuditEvent RowToEvent(const PgResult& r, int row) {
  StoredAuditEvent e;
  e.event_id = r.Int(row, 0);
  core::AuditRecord& a = e.record;
  a.event_time = FromEpochMicros(r.Int(row, 1));
  a.request_id = Column(r, row, 2);
  a.event_source = Column(r, row, 3);
  a.event_name = Column(r, row, 4);
  a.region = Column(r, row, 5);
  a.account_id = Column(r, row, 6);
  a.principal_arn = Column(r, row, 7);
  a.access_key_id = Column(r, row, 8);
  a.source_ip = Column(r, row, 9);
  a.user_agent = Column(r, row, 10);
  a.resources = ParseTextArray(r.Text(row, 11));
  a.read_only = r.Bool(row, 12);
  a.error_code = OptionalColumn(r, row, 13);
  a.error_message = OptionalColumn(r, row, 14);
  a.request_parameters = OptionalColumn(r, row, 15);
  return e;
}

}  // namespace

// Two statements rather than one with "$9 IS NULL OR principal_arn = $9": a
// generic plan of that could not use the principal index.
const Statement kAuditPageByTime = {"audit_page_by_time", PS_AUDIT_PAGE_SELECT PS_AUDIT_PAGE_ORDER};
const Statement kAuditPageByPrincipal = {"audit_page_by_principal", PS_AUDIT_PAGE_SELECT
                                         "AND principal_arn = $9::text " PS_AUDIT_PAGE_ORDER};

core::Result<std::vector<StoredAuditEvent>> PgAuditQuery::Page(
    const AuditFilter& filter, const std::optional<AuditCursor>& after, int limit) {
  Params p;
  OptionalMicros(p, filter.start_time);
  // Every event of earlier pages was at or before the end time, so the
  // cursor's time is the tighter upper bound when there is one.
  OptionalMicros(p, after ? std::optional<core::TimePoint>(after->event_time) : filter.end_time);
  if (after) {
    p.Int(after->event_id);
  } else {
    p.Null();
  }
  p.OptionalText(filter.event_name)
      .OptionalText(filter.resource)
      .OptionalText(filter.error_code)
      .Bool(filter.errors_only)
      .Int(limit < 1 ? 1 : limit);
  if (filter.principal_arn) p.Text(*filter.principal_arn);
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(
      PgResult r, conn->Run(filter.principal_arn ? kAuditPageByPrincipal : kAuditPageByTime, p));
  std::vector<StoredAuditEvent> page;
  page.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) page.push_back(RowToEvent(r, i));
  return page;
}

std::vector<std::string> ParseTextArray(std::string_view s) {
  std::vector<std::string> out;
  if (s.size() < 2 || s.front() != '{' || s.back() != '}') return out;
  s = s.substr(1, s.size() - 2);
  std::size_t i = 0;
  while (i < s.size()) {
    std::string element;
    bool quoted = s[i] == '"';
    if (quoted) {
      // "..." with backslash escapes, as array_out writes elements that hold
      // anything special (quotes, commas, braces, spaces, backslashes).
      for (++i; i < s.size() && s[i] != '"'; ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        element += s[i];
      }
      ++i;  // the closing quote
    } else {
      while (i < s.size() && s[i] != ',') element += s[i++];
    }
    if (quoted || element != "NULL") out.push_back(std::move(element));
    ++i;  // the comma
  }
  return out;
}

}  // namespace paramsafe::store
