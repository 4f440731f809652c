// secretsmanager.UpdateSecretVersionStage through the Router.
#include <gtest/gtest.h>

#include <string>

#include "secretsmanager_fixture.h"

namespace paramsafe::adapters::testing {
namespace {

class AdaptersSmUpdateSecretVersionStage : public SmTest {
 protected:
  // Token(1) AWSCURRENT, Token(2) AWSPENDING (a rotation's new version).
  void SetUp() override {
    arn_ = Str(CreateString("db", "1", Token(1)).at("ARN"));
    Ok("PutSecretValue", {{"SecretId", "db"},
                          {"SecretString", "2"},
                          {"ClientRequestToken", Token(2)},
                          {"VersionStages", boost::json::array{"AWSPENDING"}}});
  }
  Response Stage(boost::json::object body) {
    body["SecretId"] = "db";
    return Sm("UpdateSecretVersionStage", body);
  }
  std::vector<std::string> StagesOf(const std::string& version_id) {
    boost::json::object map = Describe("db").at("VersionIdsToStages").as_object();
    return map.contains(version_id) ? Strings(map.at(version_id)) : std::vector<std::string>{};
  }
  std::string arn_;
};

TEST_F(AdaptersSmUpdateSecretVersionStage, MovingAwsCurrentFinishesARotation) {
  boost::json::object body = ExpectOk(Stage({{"VersionStage", "AWSCURRENT"},
                                             {"MoveToVersionId", Token(2)},
                                             {"RemoveFromVersionId", Token(1)}}));
  EXPECT_EQ(body.size(), 2u) << boost::json::serialize(body);
  EXPECT_EQ(Str(body.at("ARN")), arn_);
  EXPECT_EQ(Str(body.at("Name")), "db");
  EXPECT_EQ(CurrentValue("db"), "2");
  EXPECT_EQ(StagesOf(Token(1)), std::vector<std::string>{"AWSPREVIOUS"});
  EXPECT_EQ(StagesOf(Token(2)), (std::vector<std::string>{"AWSCURRENT", "AWSPENDING"}));
}

TEST_F(AdaptersSmUpdateSecretVersionStage, MovingALabelInUseNeedsRemoveFromVersionId) {
  std::string text =
      ErrorText(Stage({{"VersionStage", "AWSCURRENT"}, {"MoveToVersionId", Token(2)}}),
                "InvalidParameterException");
  EXPECT_TRUE(Has(text, "RemoveFromVersionId")) << text;
  EXPECT_EQ(CurrentValue("db"), "1");
}

TEST_F(AdaptersSmUpdateSecretVersionStage, CustomLabelsAttachAndDetach) {
  ExpectOk(Stage({{"VersionStage", "blue"}, {"MoveToVersionId", Token(1)}}));
  EXPECT_EQ(StagesOf(Token(1)), (std::vector<std::string>{"AWSCURRENT", "blue"}));
  ExpectOk(Stage({{"VersionStage", "blue"}, {"RemoveFromVersionId", Token(1)}}));
  EXPECT_EQ(StagesOf(Token(1)), std::vector<std::string>{"AWSCURRENT"});
}

TEST_F(AdaptersSmUpdateSecretVersionStage, AnUnknownVersionIsInvalidParameter) {
  ErrorText(Stage({{"VersionStage", "blue"}, {"MoveToVersionId", Token(9)}}),
            "InvalidParameterException");
}

TEST_F(AdaptersSmUpdateSecretVersionStage, ModelLimitsAreValidationExceptions) {
  std::string text = ErrorText(Stage({{"MoveToVersionId", Token(2)}}), "ValidationException");
  EXPECT_TRUE(Has(text, "Value null at 'versionStage'")) << text;
  text = ErrorText(Stage({{"VersionStage", std::string(257, 's')},
                          {"MoveToVersionId", "short"},
                          {"RemoveFromVersionId", std::string(65, 'v')}}),
                   "ValidationException");
  EXPECT_TRUE(Has(text, "3 validation errors")) << text;
  EXPECT_EQ(StagesOf(Token(2)), std::vector<std::string>{"AWSPENDING"});
}

TEST_F(AdaptersSmUpdateSecretVersionStage, TooManyLabelsIsLimitExceeded) {
  for (int i = 0; i < 18; ++i) {
    ExpectOk(Stage({{"VersionStage", "L" + std::to_string(i)}, {"MoveToVersionId", Token(1)}}));
  }
  ErrorText(Stage({{"VersionStage", "one-too-many"}, {"MoveToVersionId", Token(1)}}),
            "LimitExceededException");
}

TEST_F(AdaptersSmUpdateSecretVersionStage, UnknownAndScheduledSecrets) {
  ErrorText(Sm("UpdateSecretVersionStage",
               {{"SecretId", "nope"}, {"VersionStage", "x"}, {"MoveToVersionId", Token(1)}}),
            "ResourceNotFoundException");
  ScheduleDeletion("db");
  ErrorText(Stage({{"VersionStage", "x"}, {"MoveToVersionId", Token(1)}}),
            "InvalidRequestException");
}

}  // namespace
}  // namespace paramsafe::adapters::testing
