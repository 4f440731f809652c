#include "store/audit_attachment.h"

#include <array>
#include <string>

#include "store/audit_rows.h"

namespace paramsafe::store {

namespace {

// Whether the open transaction has changed anything: PostgreSQL assigns a
// transaction id at the first change. Asked apart from the insert, because an
// INSERT is refused in a READ ONLY transaction even when it would insert no row.
const Statement kWroteSomething = {"audit_transaction_wrote",
                                   "SELECT pg_current_xact_id_if_assigned() IS NOT NULL"};

// The request this thread serves runs start to end on it (the ABI's invoke()
// is synchronous), so a thread-local pointer finds its record without passing
// it through every service and repository signature.
thread_local AuditAttachment* t_pending = nullptr;

// Whatever made the insert fail, the write must not commit without its record
// (and the caller's own error mapping must not read it as, say, bad input).
core::Status Unstored(const core::Status& s) {
  return core::Status(core::Code::kUnavailable,
                      "the request's audit record could not be stored with its write, so the "
                      "write was not committed (" +
                          s.reason() + ")");
}

}  // namespace

AuditAttachment::AuditAttachment(const core::AuditRecord& record) : record_(record) {
  t_pending = this;
}

AuditAttachment::~AuditAttachment() {
  if (t_pending == this) t_pending = nullptr;
}

core::Result<AuditAttachment*> InsertPendingAuditRecord(PgConnection& conn) {
  AuditAttachment* pending = t_pending;
  if (pending == nullptr || pending->written_) return static_cast<AuditAttachment*>(nullptr);
  // A transaction a failed statement aborted will roll back at COMMIT; it
  // keeps no write, so it gets no record (and Commit reports it as before).
  if (PQtransactionStatus(conn.raw()) != PQTRANS_INTRANS) {
    return static_cast<AuditAttachment*>(nullptr);
  }
  auto wrote = conn.Run(kWroteSomething);
  if (!wrote.ok()) return Unstored(wrote.status());
  if (!wrote->Bool(0, 0)) return static_cast<AuditAttachment*>(nullptr);
  const std::array<const core::AuditRecord*, 1> rows = {&pending->record_};
  auto r = conn.Run(kInsertAuditRows, AuditRowParams(rows));
  if (!r.ok()) return Unstored(r.status());
  return pending;
}

}  // namespace paramsafe::store
