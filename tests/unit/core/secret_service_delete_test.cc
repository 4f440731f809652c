// SecretService::Delete, Restore, Tag and Untag: the recovery window, forced
// deletion, what a secret scheduled for deletion refuses, the tag rules.
#include <gtest/gtest.h>

#include <string>

#include "secret_service_fixture.h"

namespace paramsafe::core::testing {
namespace {

using CoreSecretDelete = SecretServiceTest;

TEST_F(CoreSecretDelete, ForceAndAWindowTogetherAreInvalid) {
  Create("db");
  auto out = Delete("db", 7, true);
  ASSERT_EQ(out.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(out.status().reason(),
            "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
  EXPECT_EQ(repo_.SecretCount(), 1u);
}

TEST_F(CoreSecretDelete, TheWindowIsSevenToThirtyDays) {
  Create("db");
  for (int days : {6, 31, 0, -1}) {
    auto out = Delete("db", days);
    ASSERT_EQ(out.status().code(), Code::kInvalidArgument) << days;
    EXPECT_EQ(out.status().reason(),
              "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
  }
  EXPECT_FALSE(service_.Describe(Id("db"))->scheduled_for_deletion());
  for (int days : {7, 30}) {
    Create("db" + std::to_string(days));
    auto out = Delete("db" + std::to_string(days), days);
    ASSERT_TRUE(out.ok()) << days;
    EXPECT_EQ(out->deletion_date, SecretTestStart() + std::chrono::days(days));
  }
}

TEST_F(CoreSecretDelete, SchedulesThirtyDaysAheadByDefault) {
  const std::string arn = Create("db");
  clock_.Advance(std::chrono::minutes(5));
  auto out = Delete("db");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  const TimePoint when = SecretTestStart() + std::chrono::minutes(5) + std::chrono::days(30);
  EXPECT_EQ(out->arn, arn);
  EXPECT_EQ(out->name, "db");
  EXPECT_EQ(out->deletion_date, when);
  auto stored = repo_.Snapshot(arn);
  EXPECT_EQ(stored->deletion_date, when);
  EXPECT_EQ(stored->last_changed, SecretTestStart() + std::chrono::minutes(5));
  EXPECT_EQ(stored->versions.size(), 1u);
}

TEST_F(CoreSecretDelete, ScheduledTwiceIsRefused) {
  const std::string arn = Create("db");
  ASSERT_TRUE(Delete("db").ok());
  auto again = Delete("db", 10);
  ASSERT_EQ(again.status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(again.status().detail(), Detail::kMarkedForDeletion);
  EXPECT_EQ(repo_.Snapshot(arn)->deletion_date, SecretTestStart() + std::chrono::days(30));
}

TEST_F(CoreSecretDelete, ForcePurgesNowAndFreesTheName) {
  const std::string arn = Create("db");
  auto out = Delete("db", std::nullopt, true);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->arn, arn);
  EXPECT_EQ(out->name, "db");
  EXPECT_EQ(out->deletion_date, SecretTestStart());
  EXPECT_EQ(repo_.purges(), 1);
  EXPECT_EQ(service_.Describe(Id("db")).status().code(), Code::kNotFound);
  const std::string again = Create("db");
  EXPECT_NE(again, arn);  // a new suffix: old grants do not carry over
}

TEST_F(CoreSecretDelete, ForcePurgesASecretAlreadyScheduled) {
  Create("db");
  ASSERT_TRUE(Delete("db").ok());
  ASSERT_TRUE(Delete("db", std::nullopt, true).ok());
  EXPECT_EQ(repo_.SecretCount(), 0u);
}

TEST_F(CoreSecretDelete, AMissingSecretIsNotFoundEvenWithForce) {
  for (bool force : {false, true}) {
    auto out = Delete("nope", std::nullopt, force);
    ASSERT_EQ(out.status().code(), Code::kNotFound) << force;
    EXPECT_EQ(out.status().reason(), "Secrets Manager can't find the specified secret.");
  }
}

TEST_F(CoreSecretDelete, RestoreBringsEverythingBack) {
  const std::string arn = Create("db", "v1");
  MustPut("db", "v2", Token(2));
  ASSERT_TRUE(Delete("db").ok());
  clock_.Advance(std::chrono::hours(1));
  auto out = service_.Restore(Id("db"));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_FALSE(out->deletion_date.has_value());
  EXPECT_EQ(out->last_changed, SecretTestStart() + std::chrono::hours(1));
  EXPECT_EQ(ValueOf("db"), "v2");
  EXPECT_EQ(ValueOf("db", kStagePrevious), "v1");
}

TEST_F(CoreSecretDelete, RestoringASecretNotScheduledChangesNothing) {
  Create("db");
  const int changes = repo_.applied_changes();
  auto out = service_.Restore(Id("db"));
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(repo_.applied_changes(), changes);
  EXPECT_EQ(service_.Restore(Id("nope")).status().code(), Code::kNotFound);
}

TEST_F(CoreSecretDelete, WritesToASecretScheduledForDeletionAreRefused) {
  Create("db", "v1");
  ASSERT_TRUE(Delete("db").ok());
  const int changes = repo_.applied_changes();
  std::vector<Status> answers;
  answers.push_back(Put("db", "v2", Token(2)).status());
  UpdateSecretInput update;
  update.id = Id("db");
  update.description = "d";
  answers.push_back(service_.Update(update).status());
  answers.push_back(service_.Tag(Id("db"), {{"k", "v"}}).status());
  answers.push_back(service_.Untag(Id("db"), {"k"}).status());
  for (const Status& s : answers) {
    EXPECT_EQ(s.code(), Code::kFailedPrecondition) << s.ToString();
    EXPECT_EQ(s.detail(), Detail::kMarkedForDeletion);
    EXPECT_EQ(s.reason(),
              "You can't perform this operation on the secret because it was marked for "
              "deletion.");
  }
  EXPECT_EQ(repo_.applied_changes(), changes);
}

using CoreSecretTags = SecretServiceTest;

TEST_F(CoreSecretTags, AddsAndReplacesTags) {
  const std::string arn = Create("db");
  ASSERT_TRUE(service_.Tag(Id("db"), {{"b", "1"}, {"a", "1"}}).ok());
  clock_.Advance(std::chrono::minutes(1));
  auto out = service_.Tag(Id("db"), {{"b", "2"}});
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->tags, (std::vector<Tag>{{"a", "1"}, {"b", "2"}}));
  EXPECT_EQ(out->last_changed, SecretTestStart() + std::chrono::minutes(1));
}

TEST_F(CoreSecretTags, ReservedKeysAreRefused) {
  Create("db");
  EXPECT_EQ(service_.Tag(Id("db"), {{"aws:x", "1"}}).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(service_.Untag(Id("db"), {"Aws:x"}).status().code(), Code::kInvalidArgument);
}

TEST_F(CoreSecretTags, FiftyTagsAfterTheMergeAndNoMore) {
  Create("db");
  std::vector<Tag> tags;
  for (int i = 0; i < 49; ++i) tags.push_back({"k" + std::to_string(i), ""});
  ASSERT_TRUE(service_.Tag(Id("db"), tags).ok());
  // Existing keys do not count twice.
  ASSERT_TRUE(service_.Tag(Id("db"), {{"k0", "x"}, {"k49", ""}}).ok());
  auto out = service_.Tag(Id("db"), {{"k50", ""}});
  ASSERT_EQ(out.status().code(), Code::kLimitExceeded);
  EXPECT_EQ(out.status().detail(), Detail::kTagLimit);
  EXPECT_EQ(service_.Describe(Id("db"))->tags.size(), 50u);
}

TEST_F(CoreSecretTags, UntagRemovesAndIgnoresAbsentKeys) {
  Create("db");
  ASSERT_TRUE(service_.Tag(Id("db"), {{"a", "1"}, {"b", "2"}}).ok());
  auto out = service_.Untag(Id("db"), {"a", "zzz"});
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->tags, (std::vector<Tag>{{"b", "2"}}));
  EXPECT_EQ(service_.Untag(Id("nope"), {"a"}).status().code(), Code::kNotFound);
}

}  // namespace
}  // namespace paramsafe::core::testing
