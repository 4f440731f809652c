// secretsmanager.GetSecretValue through the Router.
#include <gtest/gtest.h>

#include <string>

#include "secretsmanager_fixture.h"

namespace paramsafe::adapters::testing {
namespace {

class AdaptersSmGetSecretValue : public SmTest {};

TEST_F(AdaptersSmGetSecretValue, AnswersTheCurrentVersionWithTheModelShape) {
  const std::string arn = CreateArn("db", "pw");
  boost::json::object got = Ok("GetSecretValue", {{"SecretId", "db"}});
  EXPECT_EQ(got.size(), 6u) << boost::json::serialize(got);
  EXPECT_EQ(Str(got.at("ARN")), arn);
  EXPECT_EQ(Str(got.at("Name")), "db");
  EXPECT_EQ(Str(got.at("VersionId")), Token(0));
  EXPECT_EQ(Str(got.at("SecretString")), "pw");
  EXPECT_EQ(Strings(got.at("VersionStages")), std::vector<std::string>{"AWSCURRENT"});
  ASSERT_TRUE(got.at("CreatedDate").is_number());
  EXPECT_DOUBLE_EQ(got.at("CreatedDate").to_number<double>(), kNowSeconds);
}

TEST_F(AdaptersSmGetSecretValue, SelectsAVersionByIdOrByStage) {
  CreateString("db", "one", Token(1));
  clock_.Advance(std::chrono::seconds(60));
  Put("db", "two", 2);
  boost::json::object previous =
      Ok("GetSecretValue", {{"SecretId", "db"}, {"VersionStage", "AWSPREVIOUS"}});
  EXPECT_EQ(Str(previous.at("SecretString")), "one");
  EXPECT_EQ(Strings(previous.at("VersionStages")), std::vector<std::string>{"AWSPREVIOUS"});
  boost::json::object by_id = Ok("GetSecretValue", {{"SecretId", "db"}, {"VersionId", Token(2)}});
  EXPECT_EQ(Str(by_id.at("SecretString")), "two");
  EXPECT_DOUBLE_EQ(by_id.at("CreatedDate").to_number<double>(), kNowSeconds + 60)
      << "CreatedDate is the version's";
  Ok("GetSecretValue",
     {{"SecretId", "db"}, {"VersionId", Token(2)}, {"VersionStage", "AWSCURRENT"}});
}

TEST_F(AdaptersSmGetSecretValue, AVersionIdAndAStageOfAnotherVersionAreInvalidRequest) {
  CreateString("db", "one", Token(1));
  Put("db", "two", 2);
  std::string text = ErrorText(
      Sm("GetSecretValue",
         {{"SecretId", "db"}, {"VersionId", Token(1)}, {"VersionStage", "AWSCURRENT"}}),
      "InvalidRequestException");
  EXPECT_EQ(text, "You provided a VersionStage that is not associated to the provided VersionId.");
}

TEST_F(AdaptersSmGetSecretValue, AcceptsTheFullAndThePartialArn) {
  const std::string arn = CreateArn("app/key", "v");
  EXPECT_EQ(CurrentValue(arn), "v");
  const std::string partial = arn.substr(0, arn.size() - 7);  // without "-XXXXXX"
  EXPECT_EQ(CurrentValue(partial), "v");
}

TEST_F(AdaptersSmGetSecretValue, AnUnknownSecretIsResourceNotFound) {
  std::string text =
      ErrorText(Sm("GetSecretValue", {{"SecretId", "nope"}}), "ResourceNotFoundException");
  EXPECT_EQ(text, "Secrets Manager can't find the specified secret.");
}

TEST_F(AdaptersSmGetSecretValue, ArnsOfAnotherPlaceOrWithAWrongSuffixFindNothing) {
  const std::string arn = CreateArn("db", "v");
  const std::string suffix = arn.substr(arn.size() - 6);
  for (const std::string& id :
       {"arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-" + suffix,
        "arn:aws:secretsmanager:us-east-1:210987654321:secret:db-" + suffix,
        std::string("arn:aws:secretsmanager:us-east-1:123456789012:secret:db-ZZZZZZ"),
        std::string("arn:aws:ssm:us-east-1:123456789012:parameter/db"), std::string("arn:")}) {
    ErrorText(Sm("GetSecretValue", {{"SecretId", id}}), "ResourceNotFoundException");
  }
}

TEST_F(AdaptersSmGetSecretValue, AnUnknownVersionOrStageIsResourceNotFound) {
  CreateString("db", "v");
  ErrorText(Sm("GetSecretValue", {{"SecretId", "db"}, {"VersionId", Token(9)}}),
            "ResourceNotFoundException");
  ErrorText(Sm("GetSecretValue", {{"SecretId", "db"}, {"VersionStage", "AWSPENDING"}}),
            "ResourceNotFoundException");
}

TEST_F(AdaptersSmGetSecretValue, ModelLimitsAreValidationExceptions) {
  std::string text = ErrorText(Sm("GetSecretValue", "{}"), "ValidationException");
  EXPECT_TRUE(Has(text, "Value null at 'secretId'")) << text;
  text =
      ErrorText(Sm("GetSecretValue",
                   {{"SecretId", "db"}, {"VersionId", std::string(31, 'v')}, {"VersionStage", ""}}),
                "ValidationException");
  EXPECT_TRUE(Has(text, "2 validation errors")) << text;
  EXPECT_TRUE(Has(text, "at 'versionId'")) << text;
  EXPECT_TRUE(Has(text, "at 'versionStage'")) << text;
  ErrorText(Sm("GetSecretValue", {{"SecretId", std::string(2049, 's')}}), "ValidationException");
  ErrorText(Sm("GetSecretValue", {{"SecretId", ""}}), "ValidationException");
}

TEST_F(AdaptersSmGetSecretValue, ASecretScheduledForDeletionIsInvalidRequestAndTheReadIsRecorded) {
  const std::string arn = CreateArn("db", "v");
  ScheduleDeletion("db");
  std::string text =
      ErrorText(Sm("GetSecretValue", {{"SecretId", "db"}}), "InvalidRequestException");
  EXPECT_EQ(text,
            "You can't perform this operation on the secret because it was marked for deletion.");
  auto reads = secret_repo_.scheduled_reads();
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0].arn, arn);
  EXPECT_EQ(reads[0].operation, "GetSecretValue");
  EXPECT_EQ(reads[0].principal_arn, TestContext().principal_arn);
}

TEST_F(AdaptersSmGetSecretValue, AValueThatFailsToOpenIsDecryptionFailure) {
  CreateString("db", "v");
  keyring_.set_fail_opens(true);
  std::string text = ErrorText(Sm("GetSecretValue", {{"SecretId", "db"}}), "DecryptionFailure");
  EXPECT_FALSE(text.empty());
}

}  // namespace
}  // namespace paramsafe::adapters::testing
