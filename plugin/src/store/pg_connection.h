// PgConnection: one libpq connection and the statements prepared on it.
// Owned by a Pool (or a test); not thread-safe: one thread uses it at a time.
#ifndef PARAMSAFE_STORE_PG_CONNECTION_H_
#define PARAMSAFE_STORE_PG_CONNECTION_H_

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

#include "core/status.h"
#include "store/params.h"
#include "store/pg_result.h"
#include "store/statement.h"

namespace paramsafe::store {

class PgConnection {
 public:
  // Connects to a libpq URL or keyword/value string. kUnavailable on failure,
  // with libpq's message (which names the host, never a password).
  static core::Result<std::unique_ptr<PgConnection>> Open(const std::string& url);

  // Runs SQL text without parameters (DDL, BEGIN/COMMIT). Use for fixed text only.
  core::Result<PgResult> Exec(std::string_view sql);

  // Runs a named statement, preparing it on this connection the first time.
  core::Result<PgResult> Run(const Statement& statement, const Params& params = Params());

  bool Healthy() const { return PQstatus(conn_.get()) == CONNECTION_OK; }
  // Like Healthy(), but first reads what the server sent while the connection
  // sat idle, so a connection the server has since closed (pg_terminate_backend,
  // a restart) is seen as broken without a round trip. For idle connections.
  bool CheckAlive();
  // True when the server side is inside a transaction block.
  bool InTransaction() const { return PQtransactionStatus(conn_.get()) != PQTRANS_IDLE; }
  PGconn* raw() const { return conn_.get(); }

  // Only Open() can make a PassKey, so only Open() constructs connections.
  class PassKey {
    friend class PgConnection;
    PassKey() = default;
  };
  PgConnection(PassKey, PGconn* c) : conn_(c) {}

 private:
  struct Finish {
    void operator()(PGconn* c) const { PQfinish(c); }
  };
  core::Result<PgResult> Check(PgResult r, std::string_view what);

  std::unique_ptr<PGconn, Finish> conn_;
  std::unordered_set<std::string> prepared_;
};

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_PG_CONNECTION_H_
