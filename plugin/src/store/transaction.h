// Transaction: RAII BEGIN ... COMMIT on one connection. Rolls back in the
// destructor unless Commit() succeeded. Commit() also inserts the audit record
// of the request this thread serves when the transaction wrote something
// (store/audit_attachment.h). Not thread-safe.
#ifndef PARAMSAFE_STORE_TRANSACTION_H_
#define PARAMSAFE_STORE_TRANSACTION_H_

#include "core/status.h"
#include "store/pg_connection.h"

namespace paramsafe::store {

class Transaction {
 public:
  // REQUIRES: conn outlives the Transaction and is not inside a transaction.
  static core::Result<Transaction> Begin(PgConnection& conn);

  Transaction(Transaction&& other) noexcept : conn_(other.conn_), open_(other.open_) {
    other.open_ = false;
  }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();

  core::Result<PgResult> Run(const Statement& s, const Params& p = Params()) {
    return conn_->Run(s, p);
  }

  // kOutcomeUnknown when the connection broke during COMMIT: the transaction may
  // or may not have committed, and the caller must not assume either.
  // kUnavailable, with nothing committed, when the request's audit record
  // could not be inserted.
  core::Status Commit();

 private:
  explicit Transaction(PgConnection& conn) : conn_(&conn), open_(true) {}
  PgConnection* conn_;
  bool open_;
};

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_TRANSACTION_H_
