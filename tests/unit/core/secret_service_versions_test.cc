// Versions over time: deprecated versions pruned past the newest 100 once 24 h
// old, the version quota, and a parameter promoted to a secret with its whole
// history.
#include <gtest/gtest.h>

#include <string>

#include "core/parameter_names.h"
#include "core/parameter_service.h"
#include "secret_service_fixture.h"

namespace paramsafe::core::testing {
namespace {

using CoreSecretPruning = SecretServiceTest;

TEST_F(CoreSecretPruning, ABurstOfWritesKeepsEveryVersion) {
  Create("db", "v1");
  for (int i = 2; i <= 130; ++i) MustPut("db", "v" + std::to_string(i), Token(i));
  EXPECT_EQ(VersionCount("db"), 130u);
  clock_.Advance(std::chrono::hours(23) + std::chrono::minutes(59));
  MustPut("db", "v131", Token(131));
  EXPECT_EQ(VersionCount("db"), 131u);
}

TEST_F(CoreSecretPruning, AfterADayOnlyTheNewestHundredDeprecatedVersionsStay) {
  Create("db", "v1");
  for (int i = 2; i <= 130; ++i) MustPut("db", "v" + std::to_string(i), Token(i));
  clock_.Advance(std::chrono::hours(24));
  MustPut("db", "v131", Token(131));
  auto secret = service_.Describe(Id("db"));
  ASSERT_TRUE(secret.ok());
  ASSERT_EQ(secret->versions.size(), 100u);
  EXPECT_EQ(secret->versions.front().version_id, Token(131));
  EXPECT_EQ(secret->versions.back().version_id, Token(32));
  EXPECT_EQ(ValueOf("db", kStagePrevious), "v130");
}

TEST_F(CoreSecretPruning, OldVersionsWithALabelStay) {
  Create("db", "v1");
  ASSERT_TRUE(MoveStage("db", "keep", Token(1), std::nullopt).ok());
  for (int i = 2; i <= 130; ++i) MustPut("db", "v" + std::to_string(i), Token(i));
  clock_.Advance(std::chrono::hours(25));
  MustPut("db", "v131", Token(131));
  EXPECT_EQ(VersionCount("db"), 101u);
  EXPECT_EQ(ValueOf("db", "keep"), "v1");
}

TEST_F(CoreSecretPruning, YoungVersionsPastTheHundredStay) {
  Create("db", "v1");
  for (int i = 2; i <= 20; ++i) MustPut("db", "v" + std::to_string(i), Token(i));
  clock_.Advance(std::chrono::hours(12));
  for (int i = 21; i <= 130; ++i) MustPut("db", "v" + std::to_string(i), Token(i));
  clock_.Advance(std::chrono::hours(12));
  MustPut("db", "v131", Token(131));
  // Versions 1-31 are beyond the newest 100; only 1-20 are a day old.
  auto secret = service_.Describe(Id("db"));
  ASSERT_EQ(secret->versions.size(), 111u);
  EXPECT_EQ(secret->versions.back().version_id, Token(21));
}

TEST_F(CoreSecretPruning, TheVersionQuotaRefusesAWriteUntilVersionsAge) {
  const std::string arn = Create("db", "v1");
  repo_.AddUnlabelledVersions(arn, kMaxSecretVersions - 1, SecretTestStart());
  auto out = Put("db", "v", Token(2));
  ASSERT_EQ(out.status().code(), Code::kLimitExceeded);
  EXPECT_EQ(out.status().detail(), Detail::kNone);
  EXPECT_EQ(VersionCount("db"), kMaxSecretVersions);
  clock_.Advance(std::chrono::hours(24));
  MustPut("db", "v", Token(2));
  EXPECT_EQ(VersionCount("db"), kKeptSecretVersions + 1);  // + v1, AWSPREVIOUS
}

class CoreSecretPromote : public SecretServiceTest {
 protected:
  CoreSecretPromote() : parameter_service_(parameters_, fake_keyring_, patterns_, {}) {}

  void PutParameter(const std::string& name, std::string_view value, const char* type,
                    std::optional<std::string> key_id = std::nullopt,
                    std::optional<std::string> description = std::nullopt,
                    const std::string& principal = kPrincipal) {
    PutParameterInput in;
    in.key = ParameterKey(kAccount, kRegion, name);
    in.value = ToSecureBuffer(value);
    in.type = type;
    in.overwrite = true;
    in.key_id = std::move(key_id);
    in.description = std::move(description);
    in.principal_arn = principal;
    auto out = parameter_service_.Put(in);
    ASSERT_TRUE(out.ok()) << out.status().ToString();
  }
  Result<Secret> Promote(const std::string& name) {
    return service_.PromoteParameter(ParameterKey(kAccount, kRegion, name), kPrincipal);
  }

  FakePatternMatcher patterns_;
  ParameterService parameter_service_;
};

TEST_F(CoreSecretPromote, KeepsEveryVersionInOrder) {
  PutParameter("/app/db", "p1", kTypeString, std::nullopt, std::nullopt, "arn:writer:1");
  PutParameter("/app/db", "p2", kTypeString, std::nullopt, std::nullopt, "arn:writer:2");
  PutParameter("/app/db", "p3", kTypeString, std::nullopt, "the db", "arn:writer:3");
  auto secret = Promote("/app/db");
  ASSERT_TRUE(secret.ok()) << secret.status().ToString();
  EXPECT_EQ(secret->name, "/app/db");
  EXPECT_TRUE(
      secret->arn.starts_with("arn:aws:secretsmanager:us-east-1:123456789012:secret:/app/db-"))
      << secret->arn;
  EXPECT_EQ(secret->description, "the db");
  EXPECT_FALSE(secret->kms_key_id.has_value());
  ASSERT_EQ(secret->versions.size(), 3u);
  EXPECT_EQ(ValueOf("/app/db"), "p3");
  EXPECT_EQ(ValueOf("/app/db", kStagePrevious), "p2");
  for (int n = 1; n <= 3; ++n) {
    const SecretVersion& v = secret->versions[3 - n];
    EXPECT_EQ(v.number, n);
    EXPECT_EQ(v.kms_key_arn, kDefaultSecretKey);
    EXPECT_EQ(repo_.CreatedBy(secret->arn, n), "arn:writer:" + std::to_string(n));
    auto got = Get("/app/db", v.version_id);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_EQ(std::string(AsStringView(got->plaintext)), "p" + std::to_string(n));
    EXPECT_EQ(got->type, SecretValueType::kString);
  }
  EXPECT_EQ(parameters_.ItemCount(), 0u);
}

TEST_F(CoreSecretPromote, VersionIdsAreDistinctRandomUuids) {
  PutParameter("p", "1", kTypeString);
  PutParameter("p", "2", kTypeString);
  auto secret = Promote("p");
  ASSERT_TRUE(secret.ok());
  EXPECT_EQ(secret->versions[0].version_id.size(), 36u);
  EXPECT_NE(secret->versions[0].version_id, secret->versions[1].version_id);
}

TEST_F(CoreSecretPromote, ACustomerKeyStaysAndAwsKeysBecomeTheSecretsKey) {
  PutParameter("p", "1", kTypeSecureString);  // alias/aws/ssm
  PutParameter("p", "2", kTypeSecureString, "alias/mine");
  auto secret = Promote("p");
  ASSERT_TRUE(secret.ok()) << secret.status().ToString();
  EXPECT_EQ(secret->kms_key_id, "alias/mine");
  EXPECT_EQ(secret->versions[0].kms_key_arn, "alias/mine");
  EXPECT_EQ(secret->versions[1].kms_key_arn, kDefaultSecretKey);
  auto seals = fake_keyring_.seal_calls();
  ASSERT_GE(seals.size(), 2u);
  EXPECT_EQ(seals[seals.size() - 2].key_ref, kDefaultSecretKey);
  EXPECT_TRUE(SameAd(seals[seals.size() - 2].ad, SecretAssociatedData(secret->arn, 1)));
  EXPECT_EQ(seals.back().key_ref, "alias/mine");
  EXPECT_TRUE(SameAd(seals.back().ad, SecretAssociatedData(secret->arn, 2)));
  EXPECT_EQ(ValueOf("p"), "2");
  EXPECT_EQ(ValueOf("p", kStagePrevious), "1");
}

TEST_F(CoreSecretPromote, CopiesTheParametersTags) {
  PutParameter("p", "1", kTypeString);
  tags_.AddItem(ParameterKey(kAccount, kRegion, "p"), {{"team", "x"}});
  auto secret = Promote("p");
  ASSERT_TRUE(secret.ok());
  EXPECT_EQ(secret->tags, (std::vector<Tag>{{"team", "x"}}));
}

TEST_F(CoreSecretPromote, AMissingParameterIsNotFound) {
  EXPECT_EQ(Promote("nope").status().code(), Code::kNotFound);
  EXPECT_EQ(repo_.SecretCount(), 0u);
}

TEST_F(CoreSecretPromote, AnExistingSecretOfThatNameIsRefusedAndTheParameterStays) {
  PutParameter("db", "1", kTypeString);
  Create("db", "s");
  EXPECT_EQ(Promote("db").status().code(), Code::kAlreadyExists);
  EXPECT_EQ(parameters_.ItemCount(), 1u);
  EXPECT_EQ(ValueOf("db"), "s");
}

TEST_F(CoreSecretPromote, AValueThatFailsToOpenStopsThePromotion) {
  PutParameter("p", "1", kTypeSecureString);
  fake_keyring_.set_fail_opens(true);
  EXPECT_EQ(Promote("p").status().code(), Code::kDecryptFailed);
  EXPECT_EQ(parameters_.ItemCount(), 1u);
  EXPECT_EQ(repo_.SecretCount(), 0u);
}

TEST_F(CoreSecretPromote, DrawsANewSuffixWhenTheArnIsTaken) {
  PutParameter("p", "1", kTypeString);
  repo_.InjectArnConflicts(2);
  auto secret = Promote("p");
  ASSERT_TRUE(secret.ok()) << secret.status().ToString();
  EXPECT_EQ(repo_.promote_calls(), 3);
  EXPECT_EQ(ValueOf("p"), "1");
  repo_.InjectArnConflicts(3);
  PutParameter("q", "1", kTypeString);
  EXPECT_EQ(Promote("q").status().code(), Code::kConflict);
}

}  // namespace
}  // namespace paramsafe::core::testing
