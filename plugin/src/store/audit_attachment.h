// AuditAttachment: the audit record of the request this thread is serving,
// waiting for the write it records.
//
// While an AuditAttachment is alive, its record is this thread's pending
// record. The first Transaction on this thread that commits a change inserts
// the record into paramsafe.audit_events inside that transaction, just before
// COMMIT (InsertPendingAuditRecord), so the write and its record are kept or
// lost together. A transaction that changed nothing (PostgreSQL assigned it no
// transaction id; READ ONLY ones included) inserts nothing. Once COMMIT
// succeeds the record is marked written and no later transaction inserts it
// again; when COMMIT fails it stays unwritten.
//
// Not thread-safe, and need not be: an attachment is only ever seen by the
// thread that created it. The record is borrowed and read at commit time, so
// what the request added to it until then (resources, parameters) is kept.
#ifndef PARAMSAFE_STORE_AUDIT_ATTACHMENT_H_
#define PARAMSAFE_STORE_AUDIT_ATTACHMENT_H_

#include "core/audit.h"
#include "core/status.h"
#include "store/pg_connection.h"

namespace paramsafe::store {

class AuditAttachment {
 public:
  // Makes `record` this thread's pending record.
  // REQUIRES: record outlives this; no other AuditAttachment alive on this thread.
  explicit AuditAttachment(const core::AuditRecord& record);
  ~AuditAttachment();  // this thread has no pending record afterwards
  AuditAttachment(const AuditAttachment&) = delete;
  AuditAttachment& operator=(const AuditAttachment&) = delete;

  // True once a committed transaction holds the record.
  bool written() const { return written_; }

 private:
  friend core::Result<AuditAttachment*> InsertPendingAuditRecord(PgConnection& conn);
  friend class Transaction;

  const core::AuditRecord& record_;
  bool written_ = false;
};

// For Transaction::Commit, inside the open transaction on `conn`, before
// COMMIT: inserts this thread's pending record when there is one, it is not
// written yet, and the transaction has changed something. Returns the
// attachment whose row it inserted (to be marked written once COMMIT
// succeeds), or nullptr when it inserted nothing. A failed insert (kUnavailable)
// has aborted the transaction: the caller must not commit it.
core::Result<AuditAttachment*> InsertPendingAuditRecord(PgConnection& conn);

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_AUDIT_ATTACHMENT_H_
