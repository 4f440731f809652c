// PgParameterRepository::Put over real PostgreSQL: the 100-version window and
// its labelled-oldest-version refusal, tags of a new parameter, policy jobs
// replaced or restarted by writes, and the window under concurrent writers.
#include <algorithm>
#include <chrono>
#include <memory>
#include <mutex>
#include <numeric>
#include <thread>
#include <vector>

#include "core/parameter_names.h"
#include "core/secure_buffer.h"
#include "fixtures.h"
#include "store/pg_label_repository.h"
#include "store/pg_parameter_repository.h"

namespace paramsafe::integration {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

constexpr const char* kWriter = "arn:aws:iam::123456789012:user/integration";

core::TimePoint At2030() { return std::chrono::sys_days(std::chrono::year(2030) / 1 / 1); }

// Epoch microseconds of a TimePoint, as the tests read timestamps back.
std::string Micros(core::TimePoint t) {
  return std::to_string(
      std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count());
}

class IntegrationParameterWrites : public RuntimeTest {
 protected:
  void SetUp() override {
    RuntimeTest::SetUp();
    if (HasFatalFailure()) return;
    repo_ = std::make_unique<store::PgParameterRepository>(rt().pool());
    labels_ = std::make_unique<store::PgLabelRepository>(rt().pool());
  }
  void TearDown() override {
    labels_.reset();
    repo_.reset();
    RuntimeTest::TearDown();
  }

  // Writes through the repository, the way the service does, with the tags
  // and policy jobs the service does not set yet.
  core::Result<core::PutOutcome> PutDirect(
      const std::string& name, const std::string& value, bool overwrite,
      std::vector<core::Tag> tags = {},
      std::optional<std::vector<core::PolicyJob>> jobs = std::nullopt) {
    core::ItemKey key = Key(name);
    return repo_->Put(key, core::ParameterArn(kRegion, kAccount, name), overwrite,
                      [&](const std::optional<core::ParameterVersion>&, std::int64_t version,
                          const std::string& arn) -> core::Result<core::NewParameterVersion> {
                        core::NewParameterVersion row;
                        row.attributes.type = core::kTypeString;
                        row.attributes.data_type = "text";
                        row.attributes.tier = "Advanced";
                        core::AssociatedData ad{"parameter", arn, version};
                        PS_ASSIGN_OR_RETURN(
                            row.sealed, rt().keyring().Seal(kRegion, core::kDefaultParameterKey, ad,
                                                            core::ToSecureBuffer(value)));
                        row.created_by = kWriter;
                        row.tags = tags;
                        row.policy_jobs = jobs;
                        return row;
                      });
  }

  // Puts version 1 and then overwrites until the latest version is `n`.
  void PutVersions(const std::string& name, int n) {
    for (int v = 1; v <= n; ++v) {
      auto put = Put(name, "String", "value-" + std::to_string(v), /*overwrite=*/v > 1);
      ASSERT_TRUE(put.ok()) << put.status().ToString();
      ASSERT_EQ(put->version, v);
    }
  }

  // count, min, max of the stored versions and items.latest_version.
  std::vector<std::optional<std::string>> VersionSummary(const std::string& name) {
    SqlResult r =
        Sql("SELECT count(v.version), min(v.version), max(v.version), max(i.latest_version)"
            " FROM paramsafe.items i LEFT JOIN paramsafe.versions v USING (item_id)"
            " WHERE i.name = $1",
            {name});
    EXPECT_TRUE(r.ok) << r.error;
    return r.rows.empty() ? std::vector<std::optional<std::string>>{} : r.rows[0];
  }

  // kind|policy_index|run_at in epoch microseconds|period in seconds, ordered.
  std::vector<std::string> Jobs(const std::string& name) {
    SqlResult r =
        Sql("SELECT j.kind || '|' || j.policy_index || '|'"
            "       || (extract(epoch FROM j.run_at) * 1000000)::bigint || '|'"
            "       || coalesce(extract(epoch FROM j.period)::bigint::text, '-') || '|' || j.state"
            " FROM paramsafe.jobs j JOIN paramsafe.items i USING (item_id)"
            " WHERE i.name = $1 ORDER BY j.policy_index",
            {name});
    EXPECT_TRUE(r.ok) << r.error;
    std::vector<std::string> out;
    for (const auto& row : r.rows) out.push_back(row[0].value_or("NULL"));
    return out;
  }

  std::unique_ptr<store::PgParameterRepository> repo_;
  std::unique_ptr<store::PgLabelRepository> labels_;
};

using Row = std::vector<std::optional<std::string>>;

TEST_F(IntegrationParameterWrites, HundredthVersionKeepsVersionOne) {
  PutVersions("/app/window", 100);
  EXPECT_EQ(VersionSummary("/app/window"), (Row{"100", "1", "100", "100"}));
}

TEST_F(IntegrationParameterWrites, HundredAndFirstVersionDeletesVersionOne) {
  PutVersions("/app/window", 101);
  EXPECT_EQ(VersionSummary("/app/window"), (Row{"100", "2", "101", "101"}));
  auto v1 = Get("/app/window", 1);
  ASSERT_FALSE(v1.ok());
  EXPECT_EQ(v1.status().code(), core::Code::kVersionNotFound);
  auto v2 = Get("/app/window", 2);
  ASSERT_TRUE(v2.ok()) << v2.status().ToString();
  EXPECT_TRUE(PlaintextIs(*v2, "value-2"));
}

TEST_F(IntegrationParameterWrites, WindowSlidesOneVersionPerWrite) {
  PutVersions("/app/window", 105);
  EXPECT_EQ(VersionSummary("/app/window"), (Row{"100", "6", "105", "105"}));
}

TEST_F(IntegrationParameterWrites, LabelledOldestVersionRefusesTheWriteAndChangesNothing) {
  PutVersions("/app/held", 100);
  auto labelled = labels_->Attach(Key("/app/held"), 1, {"golden"});
  ASSERT_TRUE(labelled.ok()) << labelled.status().ToString();

  auto refused = Put("/app/held", "String", "value-101", /*overwrite=*/true);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), core::Code::kLimitExceeded);
  EXPECT_EQ(refused.status().detail(), core::Detail::kOldestVersionLabelled);
  EXPECT_EQ(refused.status().reason(),
            "You attempted to create a new version of /app/held by calling the PutParameter API "
            "with the overwrite flag. Version 1, the oldest version, can't be deleted because it "
            "has a label associated with it. Move the label to another version of the parameter, "
            "and try again.");

  EXPECT_EQ(VersionSummary("/app/held"), (Row{"100", "1", "100", "100"}));
  EXPECT_EQ(SqlScalar("SELECT label || '@' || version FROM paramsafe.labels"), "golden@1");
  auto latest = Get("/app/held");
  ASSERT_TRUE(latest.ok()) << latest.status().ToString();
  EXPECT_EQ(latest->version.version, 100);
  EXPECT_TRUE(PlaintextIs(*latest, "value-100"));
}

TEST_F(IntegrationParameterWrites, MovingTheLabelOffTheOldestVersionLetsTheWriteThrough) {
  PutVersions("/app/held", 100);
  ASSERT_TRUE(labels_->Attach(Key("/app/held"), 1, {"golden"}).ok());
  ASSERT_FALSE(Put("/app/held", "String", "value-101", true).ok());
  ASSERT_TRUE(labels_->Attach(Key("/app/held"), 2, {"golden"}).ok());

  auto put = Put("/app/held", "String", "value-101", true);
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ(put->version, 101);
  EXPECT_EQ(VersionSummary("/app/held"), (Row{"100", "2", "101", "101"}));
  EXPECT_EQ(SqlScalar("SELECT label || '@' || version FROM paramsafe.labels"), "golden@2");
}

TEST_F(IntegrationParameterWrites, LabelOnANewerVersionDoesNotHoldTheWindow) {
  PutVersions("/app/held", 100);
  ASSERT_TRUE(labels_->Attach(Key("/app/held"), 2, {"golden"}).ok());
  auto put = Put("/app/held", "String", "value-101", true);
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ(VersionSummary("/app/held"), (Row{"100", "2", "101", "101"}));
}

TEST_F(IntegrationParameterWrites, DatabaseRefusesAHundredAndFirstRetainedVersion) {
  PutVersions("/app/window", 100);
  SqlResult r =
      Sql("INSERT INTO paramsafe.versions (item_id, version, value_type, key_id, key_version,"
          "  wrapped_data_key, ciphertext, created_by)"
          " SELECT item_id, 101, value_type, key_id, key_version, wrapped_data_key, ciphertext,"
          "        created_by FROM paramsafe.versions WHERE version = 100");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.sqlstate, "23514");
  EXPECT_EQ(r.constraint, "parameter_version_window");
}

TEST_F(IntegrationParameterWrites, ConcurrentOverwritesStayConsecutiveWithAWindowOfHundred) {
  constexpr int kThreads = 8;
  constexpr int kPutsPerThread = 100;
  constexpr int kLast = 1 + kThreads * kPutsPerThread;
  abi::Config config = TestConfig();
  config.pool_size = kThreads / 2;
  Reopen(config);
  ASSERT_TRUE(Put("/load/window", "String", "initial").ok());

  std::mutex mu;
  std::vector<std::int64_t> acknowledged;
  std::vector<std::string> failures;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPutsPerThread; ++i) {
        auto put = Put("/load/window", "String",
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

  ASSERT_TRUE(failures.empty()) << failures.size() << " puts failed, first: " << failures[0];
  std::vector<std::int64_t> expected(kLast - 1);
  std::iota(expected.begin(), expected.end(), 2);
  std::sort(acknowledged.begin(), acknowledged.end());
  EXPECT_EQ(acknowledged, expected) << "every version must be acknowledged exactly once";
  EXPECT_EQ(VersionSummary("/load/window"),
            (Row{"100", std::to_string(kLast - 99), std::to_string(kLast), std::to_string(kLast)}));
  EXPECT_EQ(SqlScalar("SELECT count(DISTINCT version) FROM paramsafe.versions"), "100");
}

TEST_F(IntegrationParameterWrites, TagsOfANewParameterAreWrittenWithIt) {
  auto put = PutDirect("/app/tagged", "v1", false, {{"team", "core"}, {"env", "prod"}});
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ(SqlScalar("SELECT string_agg(key || '=' || value, ',' ORDER BY key)"
                      " FROM paramsafe.tags"),
            "env=prod,team=core");
}

TEST_F(IntegrationParameterWrites, TagsOfAnOverwriteAreIgnored) {
  ASSERT_TRUE(PutDirect("/app/tagged", "v1", false, {{"team", "core"}}).ok());
  auto put = PutDirect("/app/tagged", "v2", true, {{"team", "other"}, {"new", "x"}});
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ(put->version, 2);
  EXPECT_EQ(SqlScalar("SELECT string_agg(key || '=' || value, ',' ORDER BY key)"
                      " FROM paramsafe.tags"),
            "team=core");
}

TEST_F(IntegrationParameterWrites, RefusedCreateWritesNoTags) {
  ASSERT_TRUE(PutDirect("/app/tagged", "v1", false).ok());
  auto again = PutDirect("/app/tagged", "v1", false, {{"team", "core"}});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), core::Code::kAlreadyExists);
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.tags"), "0");
}

TEST_F(IntegrationParameterWrites, PolicyJobsOfANewParameterAreInserted) {
  const core::TimePoint t = At2030();
  std::vector<core::PolicyJob> jobs = {
      {"parameter-expiration", 0, t, std::nullopt},
      {"parameter-expiration-notification", 1, t - hours(24), std::nullopt},
      {"parameter-no-change-notification", 2, t - hours(48), seconds(3 * 86400)}};
  ASSERT_TRUE(PutDirect("/app/policy", "v1", false, {}, jobs).ok());
  EXPECT_EQ(
      Jobs("/app/policy"),
      (std::vector<std::string>{
          "parameter-expiration|0|" + Micros(t) + "|-|pending",
          "parameter-expiration-notification|1|" + Micros(t - hours(24)) + "|-|pending",
          "parameter-no-change-notification|2|" + Micros(t - hours(48)) + "|259200|pending"}));
}

TEST_F(IntegrationParameterWrites, WriteWithAPolicySetReplacesTheJobs) {
  const core::TimePoint t = At2030();
  ASSERT_TRUE(PutDirect("/app/policy", "v1", false, {},
                        std::vector<core::PolicyJob>{
                            {"parameter-expiration", 0, t, std::nullopt},
                            {"parameter-no-change-notification", 1, t, seconds(3600)}})
                  .ok());
  ASSERT_TRUE(PutDirect("/app/policy", "v2", true, {},
                        std::vector<core::PolicyJob>{
                            {"parameter-expiration", 0, t + hours(1), std::nullopt}})
                  .ok());
  EXPECT_EQ(Jobs("/app/policy"), (std::vector<std::string>{"parameter-expiration|0|" +
                                                           Micros(t + hours(1)) + "|-|pending"}));
}

TEST_F(IntegrationParameterWrites, WriteWithAnEmptyPolicySetClearsTheJobs) {
  const core::TimePoint t = At2030();
  ASSERT_TRUE(PutDirect("/app/policy", "v1", false, {},
                        std::vector<core::PolicyJob>{{"parameter-expiration", 0, t, std::nullopt}})
                  .ok());
  ASSERT_TRUE(PutDirect("/app/policy", "v2", true, {}, std::vector<core::PolicyJob>{}).ok());
  EXPECT_TRUE(Jobs("/app/policy").empty());
}

TEST_F(IntegrationParameterWrites, WriteKeepingThePolicySetRestartsOnlyNoChangeJobs) {
  const core::TimePoint t = At2030();
  ASSERT_TRUE(PutDirect("/app/policy", "v1", false, {},
                        std::vector<core::PolicyJob>{
                            {"parameter-expiration", 0, t, std::nullopt},
                            {"parameter-no-change-notification", 1, t, seconds(2 * 86400)}})
                  .ok());
  // The notification already went out: a write must arm it again.
  ASSERT_TRUE(Sql("UPDATE paramsafe.jobs SET state = 'done', finished_at = now(), attempts = 1"
                  " WHERE kind = 'parameter-no-change-notification'")
                  .ok);
  auto put = PutDirect("/app/policy", "v2", true);
  ASSERT_TRUE(put.ok()) << put.status().ToString();

  SqlResult r =
      Sql("SELECT j.run_at = v.created_at + interval '2 days', j.state, j.finished_at IS NULL"
          " FROM paramsafe.jobs j JOIN paramsafe.versions v"
          "   ON v.item_id = j.item_id AND v.version = 2"
          " WHERE j.kind = 'parameter-no-change-notification'");
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.rows.at(0), (Row{"t", "pending", "t"}));
  EXPECT_EQ(SqlScalar("SELECT (extract(epoch FROM run_at) * 1000000)::bigint || '|' || state"
                      " FROM paramsafe.jobs WHERE kind = 'parameter-expiration'"),
            Micros(t) + "|pending")
      << "a write does not move the expiration";
}

TEST_F(IntegrationParameterWrites, ServiceWriteWithoutPoliciesRestartsNoChangeJobs) {
  ASSERT_TRUE(PutDirect("/app/policy", "v1", false, {},
                        std::vector<core::PolicyJob>{
                            {"parameter-no-change-notification", 0, At2030(), seconds(3600)}})
                  .ok());
  auto put = Put("/app/policy", "String", "v2", /*overwrite=*/true);
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ(SqlScalar("SELECT j.run_at = v.created_at + interval '1 hour'"
                      " FROM paramsafe.jobs j JOIN paramsafe.versions v"
                      "   ON v.item_id = j.item_id AND v.version = 2"),
            "t");
}

TEST_F(IntegrationParameterWrites, RefusedWriteLeavesTheJobsAsTheyWere) {
  const core::TimePoint t = At2030();
  ASSERT_TRUE(PutDirect("/app/policy", "v1", false, {},
                        std::vector<core::PolicyJob>{
                            {"parameter-no-change-notification", 0, t, seconds(3600)}})
                  .ok());
  for (int v = 2; v <= 100; ++v) ASSERT_TRUE(PutDirect("/app/policy", "v", true).ok());
  ASSERT_TRUE(Sql("UPDATE paramsafe.jobs SET run_at = '2030-01-01 00:00:00+00'").ok);
  ASSERT_TRUE(labels_->Attach(Key("/app/policy"), 1, {"held"}).ok());

  auto refused = PutDirect("/app/policy", "v101", true, {},
                           std::vector<core::PolicyJob>{{"parameter-expiration", 0, t, {}}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().detail(), core::Detail::kOldestVersionLabelled);
  EXPECT_EQ(Jobs("/app/policy"), (std::vector<std::string>{"parameter-no-change-notification|0|" +
                                                           Micros(t) + "|3600|pending"}));
}

}  // namespace
}  // namespace paramsafe::integration
