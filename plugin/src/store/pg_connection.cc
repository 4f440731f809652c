#include "store/pg_connection.h"

#include "store/sqlstate.h"

namespace paramsafe::store {

using core::Code;
using core::Result;
using core::Status;

Result<std::unique_ptr<PgConnection>> PgConnection::Open(const std::string& url) {
  PGconn* raw = PQconnectdb(url.c_str());
  auto conn = std::make_unique<PgConnection>(PassKey(), raw);
  if (raw == nullptr) return Status(Code::kUnavailable, "cannot allocate a libpq connection");
  if (PQstatus(raw) != CONNECTION_OK) {
    // libpq's text spans lines ("...\n\tIs the server running..."): make it one.
    std::string msg;
    for (const char* c = PQerrorMessage(raw); *c != '\0'; ++c) {
      bool space = *c == '\n' || *c == '\t' || *c == ' ';
      if (space && (msg.empty() || msg.back() == ' ')) continue;
      msg += space ? ' ' : *c;
    }
    while (!msg.empty() && msg.back() == ' ') msg.pop_back();
    return Status(Code::kUnavailable, "cannot connect to PostgreSQL: " + msg);
  }
  // Notices (e.g. "relation already exists, skipping") would go to stderr, and
  // no output may cross the plugin boundary.
  PQsetNoticeProcessor(raw, [](void*, const char*) {}, nullptr);
  auto setup = conn->Exec("SET application_name = 'paramsafe'; SET bytea_output = 'hex'; "
                          "SET TIME ZONE 'UTC'");
  if (!setup.ok()) return setup.status();
  return conn;
}

bool PgConnection::CheckAlive() {
  // An idle connection has nothing to read unless the server spoke first,
  // typically a FATAL error followed by closing the socket. The first read takes
  // the message (handed to the silent notice processor), the second meets the
  // end of file and marks the connection bad. Both reads are non-blocking.
  for (int i = 0; i < 2 && Healthy(); ++i) {
    if (PQconsumeInput(conn_.get()) == 0) break;
  }
  return Healthy();
}

Result<PgResult> PgConnection::Check(PgResult r, std::string_view what) {
  if (r && (r.status() == PGRES_COMMAND_OK || r.status() == PGRES_TUPLES_OK)) return r;
  return StatusFromResult(r.get(), conn_.get(), what);
}

Result<PgResult> PgConnection::Exec(std::string_view sql) {
  std::string text(sql);
  return Check(PgResult(PQexec(conn_.get(), text.c_str())), "query");
}

Result<PgResult> PgConnection::Run(const Statement& statement, const Params& params) {
  if (!prepared_.contains(statement.name)) {
    PgResult r(PQprepare(conn_.get(), statement.name, statement.sql, 0, nullptr));
    auto checked = Check(std::move(r), statement.name);
    if (!checked.ok()) return checked.status();
    prepared_.insert(statement.name);
  }
  PgResult r(PQexecPrepared(conn_.get(), statement.name, params.size(), params.values(),
                            params.lengths(), params.formats(), /*resultFormat=*/0));
  return Check(std::move(r), statement.name);
}

}  // namespace paramsafe::store
