// PgSecretRepository::Update over real PostgreSQL: the decision sees the
// locked state, an empty change or an error writes nothing, label moves, the
// database's own label rules, metadata, tags, and writers racing on one secret.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "secret_repository_fixture.h"
#include "store/pool.h"

namespace paramsafe::integration {
namespace {

using std::chrono::hours;

std::vector<std::string> StagesOf(const core::Secret& s, const std::string& version_id) {
  const core::SecretVersion* v = s.WithId(version_id);
  return v ? v->stages : std::vector<std::string>{"<no such version>"};
}

using IntegrationSecretUpdate = SecretRepositoryTest;

TEST_F(IntegrationSecretUpdate, EmptyChangeWritesNothingAndReturnsTheState) {
  Create("app/db", "v1");
  const std::string before = SqlScalar("SELECT xmin::text FROM paramsafe.secrets");
  int calls = 0;
  auto r = repo_->Update(ById("app/db"), [&](const core::Secret& current,
                                             core::SecretValueSource&) {
    ++calls;
    EXPECT_EQ(current.name, "app/db");
    return core::Result<core::SecretChange>(core::SecretChange{});
  });
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(r->arn, ArnOf("app/db"));
  ASSERT_EQ(r->versions.size(), 1u);
  EXPECT_EQ(SqlScalar("SELECT xmin::text FROM paramsafe.secrets"), before);
}

TEST_F(IntegrationSecretUpdate, DecisionErrorIsReturnedAndNothingIsWritten) {
  Create("app/db", "v1");
  auto r = repo_->Update(ById("app/db"), [&](const core::Secret&, core::SecretValueSource&) {
    return core::Result<core::SecretChange>(
        core::Status(core::Code::kFailedPrecondition, core::Detail::kMarkedForDeletion, "no"));
  });
  EXPECT_EQ(r.status().code(), core::Code::kFailedPrecondition);
  EXPECT_EQ(r.status().detail(), core::Detail::kMarkedForDeletion);
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.versions"), "1");
}

TEST_F(IntegrationSecretUpdate, UnknownSecretIsNotFoundWithoutCallingTheDecision) {
  bool called = false;
  auto r = repo_->Update(ById("nope"), [&](const core::Secret&, core::SecretValueSource&) {
    called = true;
    return core::Result<core::SecretChange>(core::SecretChange{});
  });
  EXPECT_EQ(r.status().code(), core::Code::kNotFound);
  EXPECT_FALSE(called);
}

TEST_F(IntegrationSecretUpdate, NewVersionTakesCurrentAndThePreviousOneTakesPrevious) {
  Create("app/db", "v1");
  ASSERT_TRUE(PutValue("app/db", Token(2), "v2", T0() + hours(1)).ok());
  auto r = PutValue("app/db", Token(3), "v3", T0() + hours(2));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->latest_number, 3);
  ASSERT_EQ(r->versions.size(), 3u);
  EXPECT_EQ(r->versions[0].number, 3);  // newest first
  EXPECT_EQ(r->versions[2].number, 1);
  EXPECT_EQ(StagesOf(*r, Token(3)), std::vector<std::string>{"AWSCURRENT"});
  EXPECT_EQ(StagesOf(*r, Token(2)), std::vector<std::string>{"AWSPREVIOUS"});
  EXPECT_TRUE(StagesOf(*r, Token(1)).empty());
  EXPECT_EQ(r->last_changed, T0() + hours(2));
  EXPECT_EQ(r->versions[0].created, T0() + hours(2));
  EXPECT_EQ(SqlScalar("SELECT latest_version FROM paramsafe.items"), "3");
  EXPECT_EQ(SqlScalar("SELECT value_type FROM paramsafe.versions WHERE version = 3"),
            "SecretString");
}

TEST_F(IntegrationSecretUpdate, TheDecisionReadsSealedValuesInsideTheTransaction) {
  Create("app/db", "v1");
  bool opened = false;
  core::Code missing = core::Code::kOk;
  auto r = repo_->Update(ById("app/db"), [&](const core::Secret& current,
                                             core::SecretValueSource& values) {
    auto v = values.Value(1);
    if (v.ok()) opened = Opens(current.arn, *v, "v1") && v->version.version_id == Token(1);
    missing = values.Value(7).status().code();
    return core::Result<core::SecretChange>(core::SecretChange{});
  });
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(opened);
  EXPECT_EQ(missing, core::Code::kVersionNotFound);
}

TEST_F(IntegrationSecretUpdate, DetachAndAttachMoveCustomLabels) {
  Create("app/db", "v1");
  ASSERT_TRUE(PutValue("app/db", Token(2), "v2").ok());
  core::SecretChange c;
  c.attach = {{"blue", Token(1)}, {"green", Token(2)}, {"blue", Token(2)}};  // last one wins
  c.now = T0();
  auto r = Apply("app/db", c);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(StagesOf(*r, Token(2)), (std::vector<std::string>{"AWSCURRENT", "blue", "green"}));

  core::SecretChange d;
  d.detach = {"green"};
  d.attach = {{"blue", Token(1)}};
  d.now = T0();
  r = Apply("app/db", d);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(StagesOf(*r, Token(1)), (std::vector<std::string>{"AWSPREVIOUS", "blue"}));
  EXPECT_EQ(StagesOf(*r, Token(2)), std::vector<std::string>{"AWSCURRENT"});
  EXPECT_EQ(r->last_changed, T0());  // `changed` was never set
}

TEST_F(IntegrationSecretUpdate, AttachToAnUnknownVersionIsRefusedAndWritesNothing) {
  Create("app/db", "v1");
  core::SecretChange c;
  c.put_tags = {{"a", "b"}};
  c.attach = {{"blue", Token(5)}};
  c.now = T0();
  auto r = Apply("app/db", c);
  EXPECT_EQ(r.status().code(), core::Code::kInvalidArgument);
  EXPECT_NE(r.status().reason().find(Token(5)), std::string::npos);
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.tags"), "0");
}

TEST_F(IntegrationSecretUpdate, AChangeLeavingNoCurrentIsRefusedAtCommit) {
  Create("app/db", "v1");
  core::SecretChange c;
  c.detach = {"AWSCURRENT"};
  c.put_tags = {{"a", "b"}};
  c.now = T0();
  auto r = Apply("app/db", c);
  EXPECT_EQ(r.status().code(), core::Code::kInternal);
  EXPECT_NE(r.status().reason().find("AWSCURRENT"), std::string::npos) << r.status().reason();
  EXPECT_EQ(Find("app/db").versions[0].stages, std::vector<std::string>{"AWSCURRENT"});
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.tags"), "0");
}

TEST_F(IntegrationSecretUpdate, TheDatabaseRefusesASecretWithoutCurrent) {
  Create("app/db", "v1");
  ASSERT_TRUE(Sql("BEGIN").ok);
  SqlResult deleted = Sql("DELETE FROM paramsafe.labels WHERE label = 'AWSCURRENT'");
  ASSERT_TRUE(deleted.ok) << deleted.error;  // deferred: checked at COMMIT
  SqlResult commit = Sql("COMMIT");
  EXPECT_FALSE(commit.ok);
  EXPECT_EQ(commit.constraint, "secret_current_version");
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.labels WHERE label = 'AWSCURRENT'"), "1");
}

TEST_F(IntegrationSecretUpdate, TheDatabaseRefusesMoreThanTwentyLabels) {
  Create("app/db", "v1");
  const std::string item = SqlScalar("SELECT item_id FROM paramsafe.items");
  for (int i = 1; i < 20; ++i) {  // AWSCURRENT + 19 = 20
    SqlResult ok = Sql("INSERT INTO paramsafe.labels (item_id, label, version) VALUES ($1, $2, 1)",
                       {item, "l" + std::to_string(i)});
    ASSERT_TRUE(ok.ok) << ok.error;
  }
  SqlResult over =
      Sql("INSERT INTO paramsafe.labels (item_id, label, version) VALUES ($1, 'l20', 1)", {item});
  EXPECT_FALSE(over.ok);
  EXPECT_EQ(over.constraint, "secret_label_limit");

  // Through Update the same rule is LimitExceeded, and nothing is written.
  core::SecretChange c;
  c.attach = {{"l20", Token(1)}};
  c.put_tags = {{"a", "b"}};
  c.now = T0();
  auto r = Apply("app/db", c);
  EXPECT_EQ(r.status().code(), core::Code::kLimitExceeded);
  EXPECT_EQ(r.status().detail(), core::Detail::kLabelLimit);
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.labels"), "20");
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.tags"), "0");
}

TEST_F(IntegrationSecretUpdate, MetadataIsSetClearedOrLeftAlone) {
  core::NewSecret in = NewSecret("app/db", "v1");
  in.description = "old";
  in.kms_key_id = "alias/custom";
  ASSERT_TRUE(repo_->Create(in, T0()).ok());

  core::SecretChange set;
  set.description = std::optional<std::string>("new");
  set.changed = true;
  set.now = T0() + hours(3);
  auto r = Apply("app/db", set);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->description, "new");
  EXPECT_EQ(r->kms_key_id, "alias/custom");  // not in the change
  EXPECT_EQ(r->last_changed, T0() + hours(3));

  core::SecretChange clear;
  clear.description = std::optional<std::string>();
  clear.kms_key_id = std::optional<std::string>();
  clear.now = T0() + hours(4);
  r = Apply("app/db", clear);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->description);
  EXPECT_FALSE(r->kms_key_id);
  EXPECT_EQ(r->last_changed, T0() + hours(3));  // not `changed`
}

TEST_F(IntegrationSecretUpdate, TagsArePutReplacedAndRemoved) {
  core::NewSecret in = NewSecret("app/db", "v1");
  in.tags = {{"a", "1"}, {"b", "2"}, {"c", "3"}};
  ASSERT_TRUE(repo_->Create(in, T0()).ok());
  core::SecretChange c;
  c.remove_tag_keys = {"a", "zzz"};
  c.put_tags = {{"b", "20"}, {"d", "4"}};
  c.now = T0();
  auto r = Apply("app/db", c);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->tags, (std::vector<core::Tag>{{"b", "20"}, {"c", "3"}, {"d", "4"}}));
  EXPECT_EQ(Find("app/db").tags, r->tags);
}

TEST_F(IntegrationSecretUpdate, ConcurrentWritersKeepEveryVersionAndOneCurrent) {
  Create("app/db", "v1");
  constexpr int kThreads = 16;
  constexpr int kWrites = 25;
  // A pool as large as the writers, so they queue on the row lock and not on
  // connections; the value bytes need not open (the store never opens them).
  store::Pool pool(db().url(), kThreads, std::chrono::seconds(60));
  store::PgSecretRepository repo(pool);
  const core::NewSecretVersion templ = SealedVersion(ArnOf("app/db"), 2, Token(0), "any");

  std::mutex mu;
  std::vector<std::string> acknowledged;
  std::vector<std::string> failures;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int w = 0; w < kWrites; ++w) {
        const std::string token = Token(1000 + t * kWrites + w);
        auto r = repo.Update(ById("app/db"), [&](const core::Secret& current,
                                                 core::SecretValueSource&) {
          core::SecretChange c;
          c.new_version = templ;
          c.new_version->version_id = token;
          c.attach.emplace_back(core::kStageCurrent, token);
          if (const core::SecretVersion* old = current.WithStage(core::kStageCurrent)) {
            c.attach.emplace_back(core::kStagePrevious, old->version_id);
          }
          c.changed = true;
          c.now = T0();
          return core::Result<core::SecretChange>(c);
        });
        std::lock_guard<std::mutex> lock(mu);
        if (r.ok()) {
          acknowledged.push_back(token);
        } else {
          failures.push_back(r.status().ToString());
        }
      }
    });
  }
  for (auto& th : threads) th.join();

  EXPECT_TRUE(failures.empty()) << failures.size() << " failed, first: " << failures[0];
  core::Secret s = Find("app/db");
  EXPECT_EQ(s.latest_number, 1 + kThreads * kWrites);
  EXPECT_EQ(s.versions.size(), static_cast<std::size_t>(1 + kThreads * kWrites));
  std::set<std::string> present;
  for (const auto& v : s.versions) present.insert(v.version_id);
  for (const auto& token : acknowledged) EXPECT_TRUE(present.count(token)) << token;
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.labels WHERE label = 'AWSCURRENT'"), "1");
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.labels WHERE label = 'AWSPREVIOUS'"), "1");
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.labels"), "2");
  // Numbers are consecutive, and the current version is the newest.
  EXPECT_EQ(SqlScalar("SELECT max(version) - min(version) + 1 = count(*) FROM paramsafe.versions"),
            "t");
  EXPECT_EQ(s.versions[0].stages, std::vector<std::string>{"AWSCURRENT"});
  EXPECT_EQ(s.versions[1].stages, std::vector<std::string>{"AWSPREVIOUS"});
}

}  // namespace
}  // namespace paramsafe::integration
