// The in-memory secret repository keeps the contract the service tests (and the
// adapter tests) rely on: what it refuses, what it writes, how it lists.
#include "secret_fakes.h"

#include <gtest/gtest.h>

#include <string>

#include "parameter_fakes.h"

namespace paramsafe::core::testing {
namespace {

const TimePoint kT0 = TimePoint(std::chrono::seconds(1800000000));

NewSecretVersion Version(const std::string& id) {
  NewSecretVersion v;
  v.version_id = id;
  v.key_ref = kDefaultSecretKey;
  v.sealed.ciphertext = {1, 2, 3};
  return v;
}

NewSecret Named(const std::string& name, bool with_value = true) {
  NewSecret s;
  s.key = ItemKey{kAccount, kRegion, ItemKind::kSecret, name, name};
  s.arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:" + name + "-AbCdEf";
  s.primary_region = kRegion;
  if (with_value) s.first_version = Version("v1-" + name);
  return s;
}

SecretLookup ByName(const std::string& name) { return SecretLookup{kAccount, kRegion, {}, name}; }

SecretQuery Query() {
  SecretQuery q;
  q.account_id = kAccount;
  q.region = kRegion;
  return q;
}

SecretDecision Change(SecretChange c) {
  return [c](const Secret&, SecretValueSource&) -> Result<SecretChange> { return c; };
}

TEST(CoreSecretFake, CreateRefusesATakenNameThenATakenArn) {
  InMemorySecretRepository repo;
  ASSERT_TRUE(repo.Create(Named("a"), kT0).ok());
  EXPECT_EQ(repo.Create(Named("a"), kT0).status().code(), Code::kAlreadyExists);
  NewSecret other = Named("b");
  other.arn = Named("a").arn;
  EXPECT_EQ(repo.Create(other, kT0).status().code(), Code::kConflict);
}

TEST(CoreSecretFake, FindsByExactArnBeforeName) {
  InMemorySecretRepository repo;
  ASSERT_TRUE(repo.Create(Named("a"), kT0).ok());
  ASSERT_TRUE(repo.Create(Named("b"), kT0).ok());
  SecretLookup id{kAccount, kRegion, Named("a").arn, "b"};
  auto found = repo.Find(id);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->name, "a");
  id.arn = Named("zzz").arn;
  EXPECT_EQ(repo.Find(id)->name, "b");
}

TEST(CoreSecretFake, UpdateRefusesASecretWithoutCurrentAndWritesNothing) {
  InMemorySecretRepository repo;
  ASSERT_TRUE(repo.Create(Named("a"), kT0).ok());
  SecretChange c;
  c.detach = {kStageCurrent};
  c.description = std::optional<std::string>("changed");
  EXPECT_EQ(repo.Update(ByName("a"), Change(c)).status().code(), Code::kInternal);
  EXPECT_FALSE(repo.Snapshot(Named("a").arn)->description.has_value());
}

TEST(CoreSecretFake, UpdateRefusesTheTwentyFirstLabel) {
  InMemorySecretRepository repo;
  ASSERT_TRUE(repo.Create(Named("a"), kT0).ok());
  SecretChange c;
  for (int i = 0; i < 19; ++i) c.attach.push_back({"L" + std::to_string(i), "v1-a"});
  ASSERT_TRUE(repo.Update(ByName("a"), Change(c)).ok());
  SecretChange more;
  more.attach = {{"one-too-many", "v1-a"}};
  auto r = repo.Update(ByName("a"), Change(more));
  EXPECT_EQ(r.status().code(), Code::kLimitExceeded);
  EXPECT_EQ(r.status().detail(), Detail::kLabelLimit);
}

TEST(CoreSecretFake, NewVersionGetsTheNextNumberAndAttachMovesTheLabel) {
  InMemorySecretRepository repo;
  ASSERT_TRUE(repo.Create(Named("a"), kT0).ok());
  SecretChange c;
  c.new_version = Version("v2");
  c.attach = {{kStageCurrent, "v2"}, {kStagePrevious, "v1-a"}};
  c.now = kT0 + std::chrono::hours(1);
  c.changed = true;
  auto after = repo.Update(ByName("a"), Change(c));
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  ASSERT_EQ(after->versions.size(), 2u);
  EXPECT_EQ(after->versions[0].number, 2);
  EXPECT_EQ(after->versions[0].stages, std::vector<std::string>{kStageCurrent});
  EXPECT_EQ(after->versions[1].stages, std::vector<std::string>{kStagePrevious});
  EXPECT_EQ(after->last_changed, c.now);
}

TEST(CoreSecretFake, PurgeRemovesTheSecretAndAnswersNotFound) {
  InMemorySecretRepository repo;
  ASSERT_TRUE(repo.Create(Named("a"), kT0).ok());
  SecretChange c;
  c.purge = true;
  EXPECT_EQ(repo.Update(ByName("a"), Change(c)).status().code(), Code::kNotFound);
  EXPECT_EQ(repo.SecretCount(), 0u);
}

TEST(CoreSecretFake, ListFiltersAndPagesInOrder) {
  InMemorySecretRepository repo;
  for (const char* n : {"prod/db", "prod/api", "dev/db", "prodMyKey"}) {
    ASSERT_TRUE(repo.Create(Named(n), kT0).ok());
  }
  SecretQuery q = Query();
  q.sort_by = SecretSortKey::kName;
  q.filters = {SecretFilter{"name", {"prod"}}};
  q.max_results = 2;
  auto first = repo.List(q);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->secrets.size(), 2u);
  EXPECT_EQ(first->secrets[0].name, "prod/api");
  EXPECT_EQ(first->secrets[1].name, "prod/db");
  ASSERT_TRUE(first->next_position.has_value());
  q.after = first->next_position;
  auto second = repo.List(q);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->secrets.size(), 1u);
  EXPECT_EQ(second->secrets[0].name, "prodMyKey");
  EXPECT_FALSE(second->next_position.has_value());

  SecretQuery all = Query();
  all.filters = {SecretFilter{"all", {"KEY"}}};
  auto words = repo.List(all);
  ASSERT_EQ(words->secrets.size(), 1u);
  EXPECT_EQ(words->secrets[0].name, "prodMyKey");
  all.filters = {SecretFilter{"name", {"!prod"}}};
  ASSERT_EQ(repo.List(all)->secrets.size(), 1u);
}

}  // namespace
}  // namespace paramsafe::core::testing
