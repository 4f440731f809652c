#include "store/transaction.h"

#include "store/audit_attachment.h"

namespace paramsafe::store {

using core::Code;
using core::Result;
using core::Status;

Result<Transaction> Transaction::Begin(PgConnection& conn) {
  auto r = conn.Exec("BEGIN");
  if (!r.ok()) return r.status();
  return Transaction(conn);
}

Transaction::~Transaction() {
  if (open_ && conn_->Healthy()) {
    // Best effort: a failure leaves the connection unhealthy and the pool drops it.
    (void)conn_->Exec("ROLLBACK");
  }
}

Status Transaction::Commit() {
  // The audit record of the request this thread serves joins the first
  // transaction that writes, so the write and its record commit together. A
  // failed insert leaves open_ set: the destructor rolls the write back.
  auto attached = InsertPendingAuditRecord(*conn_);
  if (!attached.ok()) return attached.status();
  open_ = false;
  auto r = conn_->Exec("COMMIT");
  if (r.ok()) {
    // COMMIT of an aborted transaction "succeeds" as ROLLBACK.
    if (std::string_view(PQcmdStatus(r->get())) == "ROLLBACK") {
      return Status(Code::kConflict, "transaction was rolled back");
    }
    if (*attached != nullptr) (*attached)->written_ = true;
    return Status::Ok();
  }
  if (!conn_->Healthy()) {
    return Status(Code::kOutcomeUnknown,
                  "connection lost during COMMIT; the write may or may not have been applied");
  }
  return r.status();
}

}  // namespace paramsafe::store
