#include "sql_client.h"

namespace paramsafe::integration {

namespace {

std::string Field(const PGresult* r, int code) {
  const char* v = PQresultErrorField(r, code);
  return v == nullptr ? "" : v;
}

// Quotes a keyword/value conninfo value: '...' with \ and ' escaped.
std::string QuoteConninfoValue(const char* v) {
  std::string out = "'";
  for (const char* p = v; *p != '\0'; ++p) {
    if (*p == '\\' || *p == '\'') out.push_back('\\');
    out.push_back(*p);
  }
  out.push_back('\'');
  return out;
}

struct ConninfoOptionsDeleter {
  void operator()(PQconninfoOption* o) const { PQconninfoFree(o); }
};

}  // namespace

std::string SqlResult::Scalar() const {
  if (rows.empty() || rows[0].empty() || !rows[0][0]) return "";
  return *rows[0][0];
}

std::unique_ptr<SqlClient> SqlClient::Connect(const std::string& conninfo, std::string* error) {
  PgConnPtr conn(PQconnectdb(conninfo.c_str()));
  if (!conn || PQstatus(conn.get()) != CONNECTION_OK) {
    *error = conn ? PQerrorMessage(conn.get()) : "cannot allocate a libpq connection";
    return nullptr;
  }
  PQsetNoticeProcessor(
      conn.get(), [](void*, const char*) {}, nullptr);
  return std::unique_ptr<SqlClient>(new SqlClient(std::move(conn)));
}

SqlResult SqlClient::Exec(const std::string& sql, const std::vector<std::string>& params) {
  PgResultPtr r;
  if (params.empty()) {
    r.reset(PQexec(conn_.get(), sql.c_str()));
  } else {
    std::vector<const char*> values;
    for (const auto& p : params) values.push_back(p.c_str());
    r.reset(PQexecParams(conn_.get(), sql.c_str(), static_cast<int>(values.size()), nullptr,
                         values.data(), nullptr, nullptr, 0));
  }
  SqlResult out;
  ExecStatusType st = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    out.error = r ? PQresultErrorMessage(r.get()) : PQerrorMessage(conn_.get());
    out.sqlstate = r ? Field(r.get(), PG_DIAG_SQLSTATE) : "";
    out.constraint = r ? Field(r.get(), PG_DIAG_CONSTRAINT_NAME) : "";
    return out;
  }
  out.ok = true;
  for (int i = 0; i < PQntuples(r.get()); ++i) {
    auto& row = out.rows.emplace_back();
    for (int j = 0; j < PQnfields(r.get()); ++j) {
      if (PQgetisnull(r.get(), i, j)) {
        row.emplace_back(std::nullopt);
      } else {
        row.emplace_back(std::string(PQgetvalue(r.get(), i, j),
                                     static_cast<std::size_t>(PQgetlength(r.get(), i, j))));
      }
    }
  }
  return out;
}

std::optional<std::string> WithDatabase(const std::string& conninfo, const std::string& dbname,
                                        std::string* error) {
  char* err = nullptr;
  std::unique_ptr<PQconninfoOption, ConninfoOptionsDeleter> options(
      PQconninfoParse(conninfo.c_str(), &err));
  if (!options) {
    *error = err != nullptr ? err : "cannot parse the connection string";
    PQfreemem(err);
    return std::nullopt;
  }
  std::string out;
  for (const PQconninfoOption* o = options.get(); o->keyword != nullptr; ++o) {
    if (o->val == nullptr || std::string_view(o->keyword) == "dbname") continue;
    out += std::string(o->keyword) + "=" + QuoteConninfoValue(o->val) + " ";
  }
  out += "dbname=" + QuoteConninfoValue(dbname.c_str());
  return out;
}

}  // namespace paramsafe::integration
