// SqlClient: a plain libpq session for tests, independent of store/. Tests use
// it as the superuser "DBA" that inspects and tampers with what the plugin
// wrote. Owns its PGconn; not thread-safe (one thread at a time).
#ifndef PARAMSAFE_TESTS_INTEGRATION_SQL_CLIENT_H_
#define PARAMSAFE_TESTS_INTEGRATION_SQL_CLIENT_H_

#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace paramsafe::integration {

struct PgConnDeleter {
  void operator()(PGconn* c) const { PQfinish(c); }
};
struct PgResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgConnPtr = std::unique_ptr<PGconn, PgConnDeleter>;
using PgResultPtr = std::unique_ptr<PGresult, PgResultDeleter>;

// The outcome of one statement, copied out of the PGresult.
struct SqlResult {
  bool ok = false;
  std::string sqlstate;    // empty when ok
  std::string error;       // libpq's message, empty when ok
  std::string constraint;  // constraint named by the error, if any
  std::vector<std::vector<std::optional<std::string>>> rows;  // text format

  // The first column of the first row, or "" (NULL or no rows).
  std::string Scalar() const;
};

class SqlClient {
 public:
  // Connects to a libpq URL or keyword/value string. nullptr and *error set
  // on failure.
  static std::unique_ptr<SqlClient> Connect(const std::string& conninfo, std::string* error);

  // Runs sql with optional text parameters ($1, $2, ...). Several statements
  // are allowed only without parameters.
  SqlResult Exec(const std::string& sql, const std::vector<std::string>& params = {});

  PGconn* raw() const { return conn_.get(); }

 private:
  explicit SqlClient(PgConnPtr conn) : conn_(std::move(conn)) {}
  PgConnPtr conn_;
};

// A conninfo equal to `conninfo` but naming database `dbname`. nullopt and
// *error set when conninfo does not parse.
std::optional<std::string> WithDatabase(const std::string& conninfo, const std::string& dbname,
                                        std::string* error);

}  // namespace paramsafe::integration

#endif  // PARAMSAFE_TESTS_INTEGRATION_SQL_CLIENT_H_
