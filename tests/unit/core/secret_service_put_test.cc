// SecretService::PutValue and Update: new versions, where the staging labels
// go, ClientRequestToken idempotency, keys, label quotas.
#include <gtest/gtest.h>

#include <string>

#include "secret_service_fixture.h"

namespace paramsafe::core::testing {

using Map = std::map<std::string, std::vector<std::string>>;

namespace {

using CoreSecretPut = SecretServiceTest;

TEST_F(CoreSecretPut, MovesCurrentAndPutsPreviousOnTheVersionThatLostIt) {
  const std::string arn = Create("db", "v1");
  auto out = Put("db", "v2", Token(2));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->arn, arn);
  EXPECT_EQ(out->name, "db");
  EXPECT_EQ(out->version_id, Token(2));
  EXPECT_EQ(out->stages, Stages({kStageCurrent}));
  EXPECT_EQ(StageMap("db"), (Map{{Token(1), {kStagePrevious}}, {Token(2), {kStageCurrent}}}));
  EXPECT_EQ(ValueOf("db"), "v2");
  EXPECT_EQ(ValueOf("db", kStagePrevious), "v1");
}

TEST_F(CoreSecretPut, ThePreviousHolderOfPreviousBecomesDeprecated) {
  Create("db", "v1");
  MustPut("db", "v2", Token(2));
  MustPut("db", "v3", Token(3));
  EXPECT_EQ(StageMap("db"), (Map{{Token(2), {kStagePrevious}}, {Token(3), {kStageCurrent}}}));
  EXPECT_EQ(VersionCount("db"), 3u);  // kept, without a label
}

TEST_F(CoreSecretPut, TheNewVersionIsNumberedAfterTheLatestAndSealedForIt) {
  const std::string arn = Create("db", "v1");
  MustPut("db", "v2", Token(2));
  auto seals = fake_keyring_.seal_calls();
  ASSERT_EQ(seals.size(), 2u);
  EXPECT_TRUE(SameAd(seals[1].ad, SecretAssociatedData(arn, 2)));
  EXPECT_EQ(seals[1].key_ref, kDefaultSecretKey);
  EXPECT_EQ(repo_.Snapshot(arn)->versions.front().number, 2);
  EXPECT_EQ(repo_.Snapshot(arn)->latest_number, 2);
}

TEST_F(CoreSecretPut, PendingLeavesCurrentWhereItIs) {
  Create("db", "v1");
  auto out = Put("db", "v2", Token(2), Stages({kStagePending}));
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->stages, Stages({kStagePending}));
  EXPECT_EQ(StageMap("db"), (Map{{Token(1), {kStageCurrent}}, {Token(2), {kStagePending}}}));
  EXPECT_EQ(ValueOf("db"), "v1");
  EXPECT_EQ(ValueOf("db", kStagePending), "v2");
}

TEST_F(CoreSecretPut, EveryListedStageMovesToTheNewVersion) {
  Create("db", "v1");
  MustPut("db", "v2", Token(2), Stages({"blue", "green"}));
  auto out = Put("db", "v3", Token(3), Stages({"green", kStageCurrent, "green"}));
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->stages, Stages({kStageCurrent, "green"}));
  EXPECT_EQ(StageMap("db"), (Map{{Token(1), {kStagePrevious}},
                                 {Token(2), {"blue"}},
                                 {Token(3), {kStageCurrent, "green"}}}));
}

TEST_F(CoreSecretPut, PreviousListedWithCurrentStaysOnTheNewVersion) {
  Create("db", "v1");
  auto out = Put("db", "v2", Token(2), Stages({kStageCurrent, kStagePrevious}));
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->stages, Stages({kStageCurrent, kStagePrevious}));
  EXPECT_EQ(StageMap("db"), (Map{{Token(2), {kStageCurrent, kStagePrevious}}}));
}

TEST_F(CoreSecretPut, TheFirstVersionOfASecretIsAlwaysCurrent) {
  ASSERT_TRUE(service_.Create(CreateInput("db", std::nullopt)).ok());
  auto out = Put("db", "v1", Token(1), Stages({kStagePending}));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->stages, Stages({kStageCurrent, kStagePending}));
  EXPECT_EQ(ValueOf("db"), "v1");
}

TEST_F(CoreSecretPut, TheRetryOfAPutChangesNothingAndAnswersTheStagesNow) {
  Create("db", "v1");
  MustPut("db", "v2", Token(2));
  MustPut("db", "v3", Token(3));
  const int changes = repo_.applied_changes();
  auto again = Put("db", "v2", Token(2));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->version_id, Token(2));
  EXPECT_EQ(again->stages, Stages({kStagePrevious}));
  EXPECT_EQ(repo_.applied_changes(), changes);
  EXPECT_EQ(ValueOf("db"), "v3");
}

TEST_F(CoreSecretPut, ATokenReusedWithAnotherValueIsRefused) {
  const std::string arn = Create("db", "v1");
  auto out = Put("db", "v1-changed", Token(1));
  ASSERT_EQ(out.status().code(), Code::kAlreadyExists);
  EXPECT_EQ(out.status().detail(), Detail::kTokenReused);
  EXPECT_EQ(out.status().reason(), "You can't use ClientRequestToken " + Token(1) +
                                       " because that value is already in use for a version of "
                                       "secret " +
                                       arn + ".");
  EXPECT_EQ(VersionCount("db"), 1u);
}

TEST_F(CoreSecretPut, AStoredValueThatFailsToOpenFailsTheRetryCheck) {
  Create("db", "v1");
  fake_keyring_.set_fail_opens(true);
  EXPECT_EQ(Put("db", "v1", Token(1)).status().code(), Code::kDecryptFailed);
}

TEST_F(CoreSecretPut, AMissingSecretIsNotFoundWithAwsText) {
  auto out = Put("nope", "v", Token(1));
  ASSERT_EQ(out.status().code(), Code::kNotFound);
  EXPECT_EQ(out.status().reason(), "Secrets Manager can't find the specified secret.");
}

TEST_F(CoreSecretPut, SealsUnderTheSecretsKey) {
  CreateSecretInput in = CreateInput("db", "v1", Token(1));
  in.kms_key_id = "alias/mine";
  ASSERT_TRUE(service_.Create(in).ok());
  MustPut("db", "v2", Token(2));
  EXPECT_EQ(fake_keyring_.seal_calls().back().key_ref, "alias/mine");
}

TEST_F(CoreSecretPut, SetsLastChangedDate) {
  const std::string arn = Create("db", "v1");
  clock_.Advance(std::chrono::hours(5));
  MustPut("db", "v2", Token(2));
  EXPECT_EQ(repo_.Snapshot(arn)->last_changed, SecretTestStart() + std::chrono::hours(5));
  EXPECT_EQ(repo_.Snapshot(arn)->versions.front().created,
            SecretTestStart() + std::chrono::hours(5));
}

TEST_F(CoreSecretPut, TwentyLabelsFitOnASecretButNotTwentyOne) {
  Create("db", "v1");
  std::vector<std::string> custom;
  for (int i = 0; i < 18; ++i) custom.push_back("L" + std::to_string(i));
  MustPut("db", "v2", Token(2), custom);           // 18 + AWSCURRENT on v1 = 19
  MustPut("db", "v3", Token(3), Stages({"L18"}));  // 20
  auto out = Put("db", "v4", Token(4), Stages({"L19"}));
  ASSERT_EQ(out.status().code(), Code::kLimitExceeded);
  EXPECT_EQ(out.status().detail(), Detail::kLabelLimit);
  EXPECT_EQ(VersionCount("db"), 3u);
  // Moving labels that exist does not add any.
  MustPut("db", "v4", Token(4), Stages({"L0", "L18"}));
}

TEST_F(CoreSecretPut, MovingCurrentCanTakeTheSecretOverTwentyLabels) {
  Create("db", "v1");
  std::vector<std::string> custom;
  for (int i = 0; i < 19; ++i) custom.push_back("L" + std::to_string(i));
  MustPut("db", "v2", Token(2), custom);  // 20 labels, no AWSPREVIOUS yet
  auto out = Put("db", "v3", Token(3));   // AWSPREVIOUS would be the 21st
  EXPECT_EQ(out.status().detail(), Detail::kLabelLimit);
}

TEST_F(CoreSecretPut, MoreThanTwentyLabelsInOnePutAreRefused) {
  Create("db", "v1");
  std::vector<std::string> custom;
  for (int i = 0; i < 21; ++i) custom.push_back("L" + std::to_string(i));
  EXPECT_EQ(Put("db", "v2", Token(2), custom).status().detail(), Detail::kLabelLimit);
}

using CoreSecretUpdate = SecretServiceTest;

UpdateSecretInput UpdateInput(const std::string& id) {
  UpdateSecretInput in;
  in.id = Id(id);
  in.principal_arn = kPrincipal;
  return in;
}

TEST_F(CoreSecretUpdate, DescriptionAloneMakesNoVersionAndIgnoresTheToken) {
  const std::string arn = Create("db", "v1");
  clock_.Advance(std::chrono::minutes(3));
  UpdateSecretInput in = UpdateInput("db");
  in.description = "the database";
  in.token = Token(9);
  auto out = service_.Update(in);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->arn, arn);
  EXPECT_EQ(out->name, "db");
  EXPECT_FALSE(out->version_id.has_value());
  EXPECT_EQ(VersionCount("db"), 1u);
  EXPECT_EQ(repo_.Snapshot(arn)->description, "the database");
  EXPECT_EQ(repo_.Snapshot(arn)->last_changed, SecretTestStart() + std::chrono::minutes(3));
}

TEST_F(CoreSecretUpdate, AValueMakesAVersionLikePutValue) {
  Create("db", "v1");
  UpdateSecretInput in = UpdateInput("db");
  in.value = StringValue("v2");
  in.token = Token(2);
  auto out = service_.Update(in);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->version_id, Token(2));
  EXPECT_EQ(out->stages, Stages({kStageCurrent}));
  EXPECT_EQ(StageMap("db"), (Map{{Token(1), {kStagePrevious}}, {Token(2), {kStageCurrent}}}));
  // The retry changes nothing; another value under the token is refused.
  auto again = service_.Update(in);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->version_id, Token(2));
  EXPECT_EQ(VersionCount("db"), 2u);
  in.value = StringValue("v3");
  EXPECT_EQ(service_.Update(in).status().detail(), Detail::kTokenReused);
}

TEST_F(CoreSecretUpdate, AValueWithoutATokenGetsARandomVersionId) {
  Create("db", "v1");
  UpdateSecretInput in = UpdateInput("db");
  in.value = BinaryValue("\x01\x02");
  auto out = service_.Update(in);
  ASSERT_TRUE(out.ok());
  ASSERT_TRUE(out->version_id.has_value());
  EXPECT_EQ(out->version_id->size(), 36u);
  auto got = Get("db");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->type, SecretValueType::kBinary);
}

TEST_F(CoreSecretUpdate, ANewKeySealsNewVersionsAndOldOnesKeepTheirs) {
  const std::string arn = Create("db", "v1");
  UpdateSecretInput in = UpdateInput("db");
  in.kms_key_id = "alias/mine";
  in.value = StringValue("v2");
  in.token = Token(2);
  ASSERT_TRUE(service_.Update(in).ok());
  EXPECT_EQ(fake_keyring_.seal_calls().back().key_ref, "alias/mine");
  auto stored = repo_.Snapshot(arn);
  EXPECT_EQ(stored->kms_key_id, "alias/mine");
  EXPECT_EQ(stored->versions[0].kms_key_arn, "alias/mine");
  EXPECT_EQ(stored->versions[1].kms_key_arn, kDefaultSecretKey);
  EXPECT_EQ(ValueOf("db", kStagePrevious), "v1");
  MustPut("db", "v3", Token(3));
  EXPECT_EQ(fake_keyring_.seal_calls().back().key_ref, "alias/mine");
}

TEST_F(CoreSecretUpdate, AnEmptyKeyGoesBackToTheDefault) {
  CreateSecretInput create = CreateInput("db", "v1", Token(1));
  create.kms_key_id = "alias/mine";
  auto created = service_.Create(create);
  ASSERT_TRUE(created.ok());
  UpdateSecretInput in = UpdateInput("db");
  in.kms_key_id = "";
  ASSERT_TRUE(service_.Update(in).ok());
  EXPECT_FALSE(repo_.Snapshot(created->arn)->kms_key_id.has_value());
  MustPut("db", "v2", Token(2));
  EXPECT_EQ(fake_keyring_.seal_calls().back().key_ref, kDefaultSecretKey);
}

TEST_F(CoreSecretUpdate, AnUnknownKeyChangesNothing) {
  const std::string arn = Create("db", "v1");
  keyring_.MarkUnknown("alias/nope");
  UpdateSecretInput in = UpdateInput("db");
  in.kms_key_id = "alias/nope";
  in.description = "d";
  EXPECT_EQ(service_.Update(in).status().code(), Code::kKeyNotFound);
  EXPECT_FALSE(repo_.Snapshot(arn)->description.has_value());
}

TEST_F(CoreSecretUpdate, AMissingSecretIsNotFound) {
  UpdateSecretInput in = UpdateInput("nope");
  in.description = "d";
  EXPECT_EQ(service_.Update(in).status().reason(),
            "Secrets Manager can't find the specified secret.");
}

}  // namespace
}  // namespace paramsafe::core::testing
