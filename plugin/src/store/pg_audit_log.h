// PgAuditLog: core::AuditLog in PostgreSQL (paramsafe.audit_events), with
// group commit: Write() queues the record and waits; one writer thread takes
// every record queued so far (up to kMaxBatch) and inserts them with one
// statement in one transaction, so many concurrent requests share one commit
// and auditing does not cap reads at the database's single-row commit rate.
// When the batch fails, every record in it gets the error; when it failed on
// its content rather than on the database, each record is retried alone, so
// one record the table refuses does not fail the requests batched with it.
//
// The writer draws connections from the pool it is given (the Runtime's audit
// pool) and sets a lock timeout on them, so that a table locked
// by an administrator fails the waiting requests after a few seconds (they are
// then not answered: fail closed) instead of holding them forever.
//
// Thread-safe. The destructor lets the writer store what is queued, then
// joins it; Write() calls made after destruction began return kUnavailable.
#ifndef PARAMSAFE_STORE_PG_AUDIT_LOG_H_
#define PARAMSAFE_STORE_PG_AUDIT_LOG_H_

#include <cstddef>
#include <cstdint>
#include <memory>

#include "core/audit.h"
#include "store/pool.h"

namespace paramsafe::store {

class PgAuditLog final : public core::AuditLog {
 public:
  // The most records one commit holds; more waiting records go in the next.
  static constexpr std::size_t kMaxBatch = 1000;

  // REQUIRES: pool outlives this.
  explicit PgAuditLog(Pool& pool);
  ~PgAuditLog() override;
  PgAuditLog(const PgAuditLog&) = delete;
  PgAuditLog& operator=(const PgAuditLog&) = delete;

  core::Status Write(const core::AuditRecord& record) override;

  // What the writer did since construction, for metrics and tests.
  struct Stats {
    std::uint64_t records = 0;  // records stored
    std::uint64_t commits = 0;  // transactions that stored them
    std::uint64_t failed = 0;   // records whose Write() returned an error
  };
  Stats stats() const;

 private:
  struct Writer;
  std::unique_ptr<Writer> writer_;
};

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_PG_AUDIT_LOG_H_
