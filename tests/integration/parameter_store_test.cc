// Parameters through ParameterService over real PostgreSQL: round trips,
// versions, and version numbering under concurrent writers.
#include <algorithm>
#include <mutex>
#include <numeric>
#include <thread>
#include <vector>

#include "fixtures.h"

namespace paramsafe::integration {
namespace {

using ParameterStoreTest = RuntimeTest;

TEST_F(ParameterStoreTest, StringRoundTrips) {
  auto put = Put("/app/plain", "String", "hello world");
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ(put->version, 1);
  auto got = Get("/app/plain");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->version.attributes.type, "String");
  EXPECT_EQ(got->version.version, 1);
  EXPECT_TRUE(PlaintextIs(*got, "hello world"));
}

TEST_F(ParameterStoreTest, StringListRoundTrips) {
  ASSERT_TRUE(Put("/app/list", "StringList", "a,b,c").ok());
  auto got = Get("/app/list");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->version.attributes.type, "StringList");
  EXPECT_TRUE(PlaintextIs(*got, "a,b,c"));
}

TEST_F(ParameterStoreTest, SecureStringRoundTrips) {
  ASSERT_TRUE(Put("/app/secret", "SecureString", "s3cr3t-value").ok());
  auto got = Get("/app/secret");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->version.attributes.type, "SecureString");
  EXPECT_EQ(got->version.attributes.key_ref, "alias/aws/ssm");
  EXPECT_TRUE(PlaintextIs(*got, "s3cr3t-value"));
}

TEST_F(ParameterStoreTest, SecureStringWithoutDecryptionReturnsNoPlaintext) {
  ASSERT_TRUE(Put("/app/secret", "SecureString", "s3cr3t-value").ok());
  core::GetParameterInput in;
  in.key = Key("/app/secret");
  in.with_decryption = false;
  auto got = rt().parameters().Get(in);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_FALSE(got->plaintext.has_value());
}

TEST_F(ParameterStoreTest, OverwriteCreatesVersionTwoAndKeepsVersionOne) {
  ASSERT_TRUE(Put("/app/x", "SecureString", "first").ok());
  auto second = Put("/app/x", "SecureString", "second", /*overwrite=*/true);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->version, 2);

  auto latest = Get("/app/x");
  ASSERT_TRUE(latest.ok()) << latest.status().ToString();
  EXPECT_EQ(latest->version.version, 2);
  EXPECT_TRUE(PlaintextIs(*latest, "second"));
  auto v1 = Get("/app/x", 1);
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
  EXPECT_TRUE(PlaintextIs(*v1, "first"));
}

TEST_F(ParameterStoreTest, PutWithoutOverwriteOfExistingIsAlreadyExists) {
  ASSERT_TRUE(Put("/app/x", "String", "first").ok());
  auto again = Put("/app/x", "String", "second");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), core::Code::kAlreadyExists);
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.versions"), "1");
}

TEST_F(ParameterStoreTest, ConcurrentOverwritesGetConsecutiveVersions) {
  constexpr int kThreads = 8;
  constexpr int kPutsPerThread = 50;
  constexpr int kTotal = kThreads * kPutsPerThread;
  // Fewer connections than writers: writers queue for the pool, and sealing
  // inside a write must not need a second connection of the same pool.
  abi::Config config = TestConfig();
  config.pool_size = kThreads / 2;
  Reopen(config);
  std::mutex mu;
  std::vector<std::int64_t> acknowledged;
  std::vector<std::string> failures;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPutsPerThread; ++i) {
        auto put = Put("/load/counter", "SecureString",
                       "value-" + std::to_string(t) + "-" + std::to_string(i), true);
        std::lock_guard lock(mu);
        if (put.ok()) {
          acknowledged.push_back(put->version);
        } else {
          failures.push_back(put.status().ToString());
        }
      }
    });
  }
  for (auto& th : threads) th.join();

  EXPECT_TRUE(failures.empty()) << failures.size() << " puts failed, first: " << failures[0];
  std::vector<std::int64_t> expected(kTotal);
  std::iota(expected.begin(), expected.end(), 1);
  std::sort(acknowledged.begin(), acknowledged.end());
  EXPECT_EQ(acknowledged, expected) << "every version must be acknowledged exactly once";

  SqlResult stored =
      Sql("SELECT count(*), count(DISTINCT v.version), min(v.version), max(v.version),"
          "       max(i.latest_version)"
          " FROM paramsafe.versions v JOIN paramsafe.items i USING (item_id)"
          " WHERE i.name = '/load/counter'");
  ASSERT_TRUE(stored.ok) << stored.error;
  const auto& row = stored.rows.at(0);
  // Parameter Store keeps the 100 most recent versions.
  EXPECT_EQ(row[0], "100");
  EXPECT_EQ(row[1], "100");
  EXPECT_EQ(row[2], std::to_string(kTotal - 99));
  EXPECT_EQ(row[3], std::to_string(kTotal));
  EXPECT_EQ(row[4], std::to_string(kTotal));

  auto latest = Get("/load/counter");
  ASSERT_TRUE(latest.ok()) << latest.status().ToString();
  EXPECT_EQ(latest->version.version, kTotal);
}

// A Put holds a pooled connection for its transaction while its version
// builder seals the value; the key lookup of sealing must not wait on the same
// pool (it once did, and with a pool of one every Put failed).
TEST_F(ParameterStoreTest, PutSucceedsWithPoolOfOneConnection) {
  abi::Config config = TestConfig();
  config.pool_size = 1;
  config.pool_acquire_timeout_ms = 500;
  Reopen(config);
  auto put = Put("/app/x", "String", "value");
  EXPECT_TRUE(put.ok()) << put.status().ToString();
}

}  // namespace
}  // namespace paramsafe::integration
