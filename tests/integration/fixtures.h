// GoogleTest fixtures of the integration tests: a scratch database per test
// (ScratchDatabaseTest) and, on top of it, an abi::Runtime opened over that
// database (RuntimeTest), with helpers to put and get parameters.
#ifndef PARAMSAFE_TESTS_INTEGRATION_FIXTURES_H_
#define PARAMSAFE_TESTS_INTEGRATION_FIXTURES_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "abi/runtime.h"
#include "core/parameter_service.h"
#include "scratch_database.h"
#include "sql_client.h"

namespace paramsafe::integration {

inline constexpr const char* kAccount = "123456789012";
inline constexpr const char* kRegion = "us-east-1";
// Fixed test root keys: the real one, and another one for "wrong key" tests.
inline constexpr const char* kTestRootKey =
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
inline constexpr const char* kOtherRootKey =
    "f0e0d0c0b0a090807060504030201000f1e1d1c1b1a191817161514131211101";

class ScratchDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override;

  ScratchDatabase& db() { return *db_; }
  // Runs SQL on a superuser session of the scratch database: the "DBA" of
  // the tests (see SqlClient::Exec).
  SqlResult Sql(const std::string& query, const std::vector<std::string>& params = {}) {
    return sql_->Exec(query, params);
  }
  // The first column of the first row of Sql(query, params), or "".
  std::string SqlScalar(const std::string& query, const std::vector<std::string>& params = {}) {
    return Sql(query, params).Scalar();
  }
  // The session Sql() runs on, for helpers that live outside the fixtures.
  SqlClient& sql_client() { return *sql_; }

 private:
  std::unique_ptr<ScratchDatabase> db_;
  std::unique_ptr<SqlClient> sql_;
};

class RuntimeTest : public ScratchDatabaseTest {
 protected:
  void SetUp() override;
  void TearDown() override { runtime_.reset(); }

  // The configuration tests open runtimes with: no cache, so every read sees
  // the database as it is now.
  abi::Config TestConfig(const std::string& root_key_hex = kTestRootKey);

  // Replaces the runtime with one opened with `config` (same database).
  void Reopen(const abi::Config& config);

  abi::Runtime& rt() { return *runtime_; }
  core::ItemKey Key(const std::string& name) const;

  core::Result<core::PutParameterOutput> Put(const std::string& name, const std::string& type,
                                             const std::string& value, bool overwrite = false,
                                             std::optional<std::string> key_id = std::nullopt);
  core::Result<core::ParameterValue> Get(const std::string& name,
                                         std::optional<std::int64_t> version = std::nullopt);

 private:
  std::unique_ptr<abi::Runtime> runtime_;
};

// True when the plaintext of v equals expected. Compares without printing.
bool PlaintextIs(const core::ParameterValue& v, const std::string& expected);

// v in byte order: for comparing what a listing returns when its order is not
// what the test is about.
inline std::vector<std::string> Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace paramsafe::integration

#endif  // PARAMSAFE_TESTS_INTEGRATION_FIXTURES_H_
