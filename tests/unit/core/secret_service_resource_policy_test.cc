// SecretService::PutResourcePolicy, GetResourcePolicy, DeleteResourcePolicy:
// the document is kept exactly as given, Put and Delete count as changes,
// Delete is idempotent, and a secret scheduled for deletion refuses changes.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "secret_service_fixture.h"

namespace paramsafe::core::testing {
namespace {

using CoreSecretResourcePolicy = SecretServiceTest;

// Spacing and member order a client chose must survive: GetResourcePolicy
// answers the document as sent, not a re-serialization.
constexpr char kPolicy[] =
    "{ \"Version\":\"2012-10-17\",\n  \"Statement\":[{\"Effect\":\"Allow\","
    "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:user/ops\"},"
    "\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"*\"}]}";

TEST_F(CoreSecretResourcePolicy, PutKeepsTheDocumentAsSent) {
  const std::string arn = Create("db");
  auto put = service_.PutResourcePolicy(Id("db"), kPolicy);
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ(put->arn, arn);
  EXPECT_EQ(put->name, "db");
  EXPECT_EQ(put->resource_policy, kPolicy);
  auto got = service_.GetResourcePolicy(Id(arn));
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->resource_policy, kPolicy);
}

TEST_F(CoreSecretResourcePolicy, GetOfASecretWithoutPolicyHasNone) {
  Create("db");
  auto got = service_.GetResourcePolicy(Id("db"));
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_FALSE(got->resource_policy.has_value());
}

TEST_F(CoreSecretResourcePolicy, PutReplacesTheFormerPolicy) {
  Create("db");
  ASSERT_TRUE(service_.PutResourcePolicy(Id("db"), kPolicy).ok());
  const std::string second = "{\"Statement\":[]}";
  ASSERT_TRUE(service_.PutResourcePolicy(Id("db"), second).ok());
  EXPECT_EQ(service_.GetResourcePolicy(Id("db"))->resource_policy, second);
}

TEST_F(CoreSecretResourcePolicy, PutCountsAsAChange) {
  const std::string arn = Create("db");
  clock_.Advance(std::chrono::minutes(3));
  ASSERT_TRUE(service_.PutResourcePolicy(Id("db"), kPolicy).ok());
  EXPECT_EQ(repo_.Snapshot(arn)->last_changed, SecretTestStart() + std::chrono::minutes(3));
}

TEST_F(CoreSecretResourcePolicy, DeleteRemovesThePolicyAndCountsAsAChange) {
  const std::string arn = Create("db");
  ASSERT_TRUE(service_.PutResourcePolicy(Id("db"), kPolicy).ok());
  clock_.Advance(std::chrono::minutes(7));
  auto deleted = service_.DeleteResourcePolicy(Id("db"));
  ASSERT_TRUE(deleted.ok()) << deleted.status().ToString();
  EXPECT_EQ(deleted->arn, arn);
  EXPECT_FALSE(deleted->resource_policy.has_value());
  EXPECT_FALSE(service_.GetResourcePolicy(Id("db"))->resource_policy.has_value());
  EXPECT_EQ(repo_.Snapshot(arn)->last_changed, SecretTestStart() + std::chrono::minutes(7));
}

TEST_F(CoreSecretResourcePolicy, DeleteWithoutPolicyChangesNothing) {
  const std::string arn = Create("db");
  const int applied = repo_.applied_changes();
  clock_.Advance(std::chrono::minutes(7));
  for (int i = 0; i < 2; ++i) {
    auto deleted = service_.DeleteResourcePolicy(Id("db"));
    ASSERT_TRUE(deleted.ok()) << deleted.status().ToString();
    EXPECT_EQ(deleted->arn, arn);
  }
  EXPECT_EQ(repo_.applied_changes(), applied);
  EXPECT_EQ(repo_.Snapshot(arn)->last_changed, SecretTestStart());
}

TEST_F(CoreSecretResourcePolicy, UnknownSecretIsNotFound) {
  EXPECT_EQ(service_.PutResourcePolicy(Id("nope"), kPolicy).status().code(), Code::kNotFound);
  EXPECT_EQ(service_.GetResourcePolicy(Id("nope")).status().code(), Code::kNotFound);
  auto deleted = service_.DeleteResourcePolicy(Id("nope"));
  ASSERT_EQ(deleted.status().code(), Code::kNotFound);
  EXPECT_EQ(deleted.status().reason(), "Secrets Manager can't find the specified secret.");
}

TEST_F(CoreSecretResourcePolicy, ScheduledForDeletionRefusesPutAndDelete) {
  const std::string arn = Create("db");
  ASSERT_TRUE(service_.PutResourcePolicy(Id("db"), kPolicy).ok());
  ASSERT_TRUE(Delete("db").ok());
  auto put = service_.PutResourcePolicy(Id("db"), "{\"Statement\":[]}");
  ASSERT_EQ(put.status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(put.status().detail(), Detail::kMarkedForDeletion);
  auto deleted = service_.DeleteResourcePolicy(Id("db"));
  ASSERT_EQ(deleted.status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(deleted.status().detail(), Detail::kMarkedForDeletion);
  EXPECT_EQ(repo_.Snapshot(arn)->resource_policy, kPolicy);
}

TEST_F(CoreSecretResourcePolicy, ScheduledForDeletionStillAnswersGet) {
  Create("db");
  ASSERT_TRUE(service_.PutResourcePolicy(Id("db"), kPolicy).ok());
  ASSERT_TRUE(Delete("db").ok());
  auto got = service_.GetResourcePolicy(Id("db"));
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->resource_policy, kPolicy);
}

TEST_F(CoreSecretResourcePolicy, LengthIsOneToTwentyThousandFourHundredEightyCharacters) {
  const std::string arn = Create("db");
  EXPECT_EQ(service_.PutResourcePolicy(Id("db"), "").status().code(), Code::kInvalidArgument);
  auto too_long =
      service_.PutResourcePolicy(Id("db"), std::string(kMaxResourcePolicySize + 1, 'x'));
  ASSERT_EQ(too_long.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(too_long.status().reason(), "The resource policy must be 1 to 20480 characters long.");
  EXPECT_FALSE(repo_.Snapshot(arn)->resource_policy.has_value());
  // Characters, not bytes: 20480 two-byte characters fit.
  std::string wide;
  for (std::size_t i = 0; i < kMaxResourcePolicySize; ++i) wide += "\xC3\xA9";
  EXPECT_TRUE(service_.PutResourcePolicy(Id("db"), wide).ok());
}

}  // namespace
}  // namespace paramsafe::core::testing
