// ScratchDatabase: a fresh PostgreSQL database with a random name, created
// through the admin URL in PARAMSAFE_TEST_DATABASE_URL (a superuser URL to the
// `postgres` database of a throw-away cluster) and dropped WITH (FORCE) when the
// object is destroyed. Each test gets its own, so tests are independent and
// may run in parallel. Not thread-safe; Connect() sessions are independent.
#ifndef PARAMSAFE_TESTS_INTEGRATION_SCRATCH_DATABASE_H_
#define PARAMSAFE_TESTS_INTEGRATION_SCRATCH_DATABASE_H_

#include <memory>
#include <string>

#include "sql_client.h"

namespace paramsafe::integration {

inline constexpr const char* kAdminUrlVariable = "PARAMSAFE_TEST_DATABASE_URL";

class ScratchDatabase {
 public:
  // Creates the database. nullptr and a clear *error when the variable is
  // unset, the server is unreachable or CREATE DATABASE fails.
  static std::unique_ptr<ScratchDatabase> Create(std::string* error);

  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;
  ~ScratchDatabase();  // DROP DATABASE ... WITH (FORCE): ends leftover sessions

  const std::string& name() const { return name_; }
  // libpq keyword/value connection string of the scratch database, as the
  // admin URL's user (a superuser).
  const std::string& url() const { return url_; }

  // A new superuser session on the scratch database; nullptr and *error on failure.
  std::unique_ptr<SqlClient> Connect(std::string* error) const;
  // The session on the admin (`postgres`) database, e.g. for pg_terminate_backend.
  SqlClient& admin() { return *admin_; }

 private:
  ScratchDatabase(std::unique_ptr<SqlClient> admin, std::string name, std::string url)
      : admin_(std::move(admin)), name_(std::move(name)), url_(std::move(url)) {}

  std::unique_ptr<SqlClient> admin_;
  std::string name_;
  std::string url_;
};

}  // namespace paramsafe::integration

#endif  // PARAMSAFE_TESTS_INTEGRATION_SCRATCH_DATABASE_H_
