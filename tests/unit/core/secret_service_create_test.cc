// SecretService::Create: names, keys, tags, the ARN suffix, the first version
// and ClientRequestToken idempotency against an existing secret.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "secret_service_fixture.h"

namespace paramsafe::core::testing {
namespace {

using CoreSecretCreate = SecretServiceTest;

const std::regex kArnShape(
    "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-[A-Za-z0-9]{6}");

TEST_F(CoreSecretCreate, RefusesAnInvalidNameWithAwsText) {
  auto out = service_.Create(CreateInput("prod db", "v"));
  ASSERT_EQ(out.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(out.status().reason(),
            "Invalid name. Must be a valid name containing alphanumeric characters, or any of "
            "the following: -/_+=.@!");
  EXPECT_EQ(repo_.create_calls(), 0);
}

TEST_F(CoreSecretCreate, WithAValueMakesVersionOneLabelledCurrent) {
  auto out = service_.Create(CreateInput("prod/db", "s3cr3t", Token(1)));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(std::regex_match(out->arn, kArnShape)) << out->arn;
  EXPECT_EQ(out->name, "prod/db");
  EXPECT_EQ(out->version_id, Token(1));
  EXPECT_EQ(out->stages, Stages({kStageCurrent}));
  auto stored = repo_.Snapshot(out->arn);
  ASSERT_TRUE(stored.has_value());
  ASSERT_EQ(stored->versions.size(), 1u);
  EXPECT_EQ(stored->versions[0].number, 1);
  EXPECT_EQ(stored->versions[0].version_id, Token(1));
  EXPECT_EQ(stored->versions[0].stages, Stages({kStageCurrent}));
  EXPECT_EQ(stored->created, SecretTestStart());
  EXPECT_EQ(stored->primary_region, kRegion);
  EXPECT_FALSE(stored->kms_key_id.has_value());
  EXPECT_EQ(ValueOf("prod/db"), "s3cr3t");
}

TEST_F(CoreSecretCreate, SealsUnderTheDefaultKeyBoundToArnAndVersionOne) {
  auto out = service_.Create(CreateInput("prod/db", "s3cr3t", Token(1)));
  ASSERT_TRUE(out.ok());
  auto seals = fake_keyring_.seal_calls();
  ASSERT_EQ(seals.size(), 1u);
  EXPECT_EQ(seals[0].key_ref, kDefaultSecretKey);
  EXPECT_EQ(seals[0].region, kRegion);
  EXPECT_TRUE(SameAd(seals[0].ad, SecretAssociatedData(out->arn, 1)));
}

TEST_F(CoreSecretCreate, WithoutATokenTheVersionIdIsARandomUuid) {
  auto out = service_.Create(CreateInput("prod/db", "v"));
  ASSERT_TRUE(out.ok());
  ASSERT_TRUE(out->version_id.has_value());
  EXPECT_TRUE(std::regex_match(
      *out->version_id,
      std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")))
      << *out->version_id;
  auto other = service_.Create(CreateInput("prod/api", "v"));
  EXPECT_NE(other->version_id, out->version_id);
}

TEST_F(CoreSecretCreate, WithoutAValueHasNoVersionAndIgnoresTheToken) {
  auto out = service_.Create(CreateInput("prod/db", std::nullopt, Token(1)));
  ASSERT_TRUE(out.ok());
  EXPECT_FALSE(out->version_id.has_value());
  EXPECT_TRUE(out->stages.empty());
  EXPECT_EQ(VersionCount("prod/db"), 0u);
  EXPECT_TRUE(fake_keyring_.seal_calls().empty());
  auto get = Get("prod/db");
  EXPECT_EQ(get.status().code(), Code::kNotFound);
  EXPECT_EQ(get.status().reason(),
            "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT");
}

TEST_F(CoreSecretCreate, KeepsACustomerKeyAndSealsUnderIt) {
  CreateSecretInput in = CreateInput("prod/db", "v", Token(1));
  in.kms_key_id = "alias/mine";
  auto out = service_.Create(in);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(repo_.Snapshot(out->arn)->kms_key_id, "alias/mine");
  EXPECT_EQ(repo_.Snapshot(out->arn)->versions[0].kms_key_arn, "alias/mine");
  EXPECT_EQ(fake_keyring_.seal_calls().at(0).key_ref, "alias/mine");
}

TEST_F(CoreSecretCreate, AnEmptyKeyIsTheDefaultKey) {
  CreateSecretInput in = CreateInput("prod/db", "v", Token(1));
  in.kms_key_id = "";
  auto out = service_.Create(in);
  ASSERT_TRUE(out.ok());
  EXPECT_FALSE(repo_.Snapshot(out->arn)->kms_key_id.has_value());
  EXPECT_EQ(fake_keyring_.seal_calls().at(0).key_ref, kDefaultSecretKey);
}

TEST_F(CoreSecretCreate, AnUnknownKeyIsRefusedEvenWithoutAValue) {
  keyring_.MarkUnknown("alias/nope");
  for (bool with_value : {true, false}) {
    CreateSecretInput in = CreateInput("prod/db", "v", Token(1));
    if (!with_value) in.value.reset();
    in.kms_key_id = "alias/nope";
    EXPECT_EQ(service_.Create(in).status().code(), Code::kKeyNotFound) << with_value;
  }
  EXPECT_EQ(repo_.SecretCount(), 0u);
}

TEST_F(CoreSecretCreate, StoresTagsSortedWithTheLastValueOfAKey) {
  CreateSecretInput in = CreateInput("prod/db", "v", Token(1));
  in.tags = {{"team", "a"}, {"env", "prod"}, {"team", "b"}};
  auto out = service_.Create(in);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(repo_.Snapshot(out->arn)->tags, (std::vector<Tag>{{"env", "prod"}, {"team", "b"}}));
}

TEST_F(CoreSecretCreate, RefusesReservedAndTooManyTags) {
  CreateSecretInput in = CreateInput("prod/db", "v", Token(1));
  in.tags = {{"AWS:x", "1"}};
  EXPECT_EQ(service_.Create(in).status().code(), Code::kInvalidArgument);
  in.tags.clear();
  for (int i = 0; i < 51; ++i) in.tags.push_back({"k" + std::to_string(i), ""});
  auto out = service_.Create(in);
  EXPECT_EQ(out.status().code(), Code::kLimitExceeded);
  EXPECT_EQ(out.status().detail(), Detail::kTagLimit);
  EXPECT_EQ(repo_.SecretCount(), 0u);
}

TEST_F(CoreSecretCreate, DrawsANewSuffixWhenTheArnIsTaken) {
  repo_.InjectArnConflicts(2);
  auto out = service_.Create(CreateInput("prod/db", "v", Token(1)));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(repo_.create_calls(), 3);
  // Each attempt seals for its own ARN: the value is bound to the ARN it gets.
  auto seals = fake_keyring_.seal_calls();
  ASSERT_EQ(seals.size(), 3u);
  EXPECT_NE(seals[0].ad.item, seals[1].ad.item);
  EXPECT_EQ(seals[2].ad.item, out->arn);
  EXPECT_EQ(ValueOf("prod/db"), "v");
}

TEST_F(CoreSecretCreate, GivesUpAfterThreeTakenArns) {
  repo_.InjectArnConflicts(3);
  EXPECT_EQ(service_.Create(CreateInput("prod/db", "v", Token(1))).status().code(),
            Code::kConflict);
  EXPECT_EQ(repo_.create_calls(), 3);
}

TEST_F(CoreSecretCreate, AnExistingNameIsRefusedWithAwsText) {
  Create("prod/db");
  auto out = service_.Create(CreateInput("prod/db", "other", Token(2)));
  ASSERT_EQ(out.status().code(), Code::kAlreadyExists);
  EXPECT_EQ(out.status().detail(), Detail::kNone);
  EXPECT_EQ(out.status().reason(),
            "The operation failed because the secret prod/db already exists.");
}

TEST_F(CoreSecretCreate, WithoutAValueAnExistingNameIsRefused) {
  Create("prod/db");
  auto out = service_.Create(CreateInput("prod/db", std::nullopt, Token(1)));
  EXPECT_EQ(out.status().code(), Code::kAlreadyExists);
  EXPECT_EQ(out.status().detail(), Detail::kNone);
}

TEST_F(CoreSecretCreate, TheRetryOfACreateAnswersTheSameSecret) {
  auto first = service_.Create(CreateInput("prod/db", "s3cr3t", Token(1)));
  ASSERT_TRUE(first.ok());
  auto again = service_.Create(CreateInput("prod/db", "s3cr3t", Token(1)));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->arn, first->arn);
  EXPECT_EQ(again->name, "prod/db");
  EXPECT_EQ(again->version_id, Token(1));
  EXPECT_EQ(again->stages, Stages({kStageCurrent}));
  EXPECT_EQ(VersionCount("prod/db"), 1u);
}

TEST_F(CoreSecretCreate, TheRetryAnswersTheStagesAsTheyAreNow) {
  const std::string arn = Create("prod/db", "s3cr3t");
  MustPut("prod/db", "next", Token(2));
  auto again = service_.Create(CreateInput("prod/db", "s3cr3t", Token(1)));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->stages, Stages({kStagePrevious}));
}

TEST_F(CoreSecretCreate, ATokenReusedWithAnotherValueIsRefused) {
  const std::string arn = Create("prod/db", "s3cr3t");
  auto out = service_.Create(CreateInput("prod/db", "different", Token(1)));
  ASSERT_EQ(out.status().code(), Code::kAlreadyExists);
  EXPECT_EQ(out.status().detail(), Detail::kTokenReused);
  EXPECT_EQ(out.status().reason(), "You can't use ClientRequestToken " + Token(1) +
                                       " because that value is already in use for a version of "
                                       "secret " +
                                       arn + ".");
  EXPECT_EQ(out.status().reason().find("different"), std::string::npos);
  EXPECT_EQ(out.status().reason().find("s3cr3t"), std::string::npos);
}

TEST_F(CoreSecretCreate, TheSameBytesAsAnotherTypeAreAnotherValue) {
  Create("prod/db", "s3cr3t");
  CreateSecretInput in = CreateInput("prod/db", std::nullopt, Token(1));
  in.value = BinaryValue("s3cr3t");
  EXPECT_EQ(service_.Create(in).status().detail(), Detail::kTokenReused);
}

TEST_F(CoreSecretCreate, ANameScheduledForDeletionIsRefusedAsInvalidRequest) {
  Create("prod/db");
  ASSERT_TRUE(Delete("prod/db").ok());
  for (auto token : {Token(1), Token(2)}) {
    auto out = service_.Create(CreateInput("prod/db", "s3cr3t", token));
    ASSERT_EQ(out.status().code(), Code::kFailedPrecondition);
    EXPECT_EQ(out.status().detail(), Detail::kMarkedForDeletion);
    EXPECT_EQ(out.status().reason(),
              "You can't create this secret because a secret with this name is already "
              "scheduled for deletion.");
  }
}

TEST_F(CoreSecretCreate, TheSameNameInAnotherRegionIsAnotherSecret) {
  Create("prod/db");
  CreateSecretInput in = CreateInput("prod/db", "v", Token(1));
  in.region = "eu-west-1";
  auto out = service_.Create(in);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_NE(out->arn.find(":eu-west-1:"), std::string::npos);
}

}  // namespace
}  // namespace paramsafe::core::testing
