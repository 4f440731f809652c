// secretsmanager.PutSecretValue through the Router.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "secretsmanager_fixture.h"

namespace paramsafe::adapters::testing {
namespace {

class AdaptersSmPutSecretValue : public SmTest {
 protected:
  void SetUp() override { arn_ = CreateArn("db", "one"); }
  std::size_t VersionCount() { return Stored(arn_)->versions.size(); }
  std::string arn_;
};

TEST_F(AdaptersSmPutSecretValue, ANewVersionBecomesCurrentAndThePreviousFollows) {
  boost::json::object body = Put("db", "two", 2);
  EXPECT_EQ(body.size(), 4u) << boost::json::serialize(body);
  EXPECT_EQ(Str(body.at("ARN")), arn_);
  EXPECT_EQ(Str(body.at("Name")), "db");
  EXPECT_EQ(Str(body.at("VersionId")), Token(2));
  EXPECT_EQ(Strings(body.at("VersionStages")), std::vector<std::string>{"AWSCURRENT"});
  EXPECT_EQ(CurrentValue("db"), "two");
  boost::json::object map = Describe("db").at("VersionIdsToStages").as_object();
  EXPECT_EQ(Strings(map.at(Token(0))), std::vector<std::string>{"AWSPREVIOUS"});
}

TEST_F(AdaptersSmPutSecretValue, StagesGivenLeaveAwsCurrentWhereItIs) {
  boost::json::array stages{"AWSPENDING"};
  boost::json::object body = Ok("PutSecretValue", {{"SecretId", "db"},
                                                   {"SecretString", "next"},
                                                   {"ClientRequestToken", Token(2)},
                                                   {"VersionStages", stages}});
  EXPECT_EQ(Strings(body.at("VersionStages")), std::vector<std::string>{"AWSPENDING"});
  EXPECT_EQ(CurrentValue("db"), "one");
}

TEST_F(AdaptersSmPutSecretValue, SameTokenAndValueWritesNothingNew) {
  Put("db", "two", 2);
  boost::json::object again = Put("db", "two", 2);
  EXPECT_EQ(Str(again.at("VersionId")), Token(2));
  EXPECT_EQ(VersionCount(), 2u);
}

TEST_F(AdaptersSmPutSecretValue, SameTokenWithAnotherValueIsResourceExists) {
  Put("db", "two", 2);
  std::string text = ErrorText(
      Sm("PutSecretValue",
         {{"SecretId", "db"}, {"SecretString", "three"}, {"ClientRequestToken", Token(2)}}),
      "ResourceExistsException");
  EXPECT_TRUE(Has(text, Token(2))) << text;
  EXPECT_FALSE(Has(text, "three")) << text;
  EXPECT_EQ(CurrentValue("db"), "two");
}

TEST_F(AdaptersSmPutSecretValue, ATokenIsMadeWhenTheRequestHasNone) {
  boost::json::object body = Ok("PutSecretValue", {{"SecretId", "db"}, {"SecretString", "two"}});
  EXPECT_TRUE(std::regex_match(
      Str(body.at("VersionId")),
      std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
  boost::json::object other = Ok("PutSecretValue", {{"SecretId", "db"}, {"SecretString", "3"}});
  EXPECT_NE(Str(other.at("VersionId")), Str(body.at("VersionId")));
}

TEST_F(AdaptersSmPutSecretValue, NeitherValueIsInvalidParameterAndWritesNothing) {
  std::string text =
      ErrorText(Sm("PutSecretValue", {{"SecretId", "db"}, {"ClientRequestToken", Token(2)}}),
                "InvalidParameterException");
  EXPECT_EQ(text, "You must provide either SecretString or SecretBinary.");
  EXPECT_EQ(VersionCount(), 1u);
}

TEST_F(AdaptersSmPutSecretValue, BothValuesAreInvalidParameterAndWriteNothing) {
  ErrorText(
      Sm("PutSecretValue", {{"SecretId", "db"}, {"SecretString", "s"}, {"SecretBinary", "AAEC"}}),
      "InvalidParameterException");
  EXPECT_EQ(VersionCount(), 1u);
}

TEST_F(AdaptersSmPutSecretValue, BinaryValuesAreDecoded) {
  Ok("PutSecretValue", {{"SecretId", "db"}, {"SecretBinary", "3q2+7w=="}});
  boost::json::object got = Ok("GetSecretValue", {{"SecretId", "db"}});
  EXPECT_EQ(Str(got.at("SecretBinary")), "3q2+7w==");
  ErrorText(Sm("PutSecretValue", {{"SecretId", "db"}, {"SecretBinary", "3q2+7w="}}),
            "SerializationException");
  EXPECT_EQ(VersionCount(), 2u);
}

TEST_F(AdaptersSmPutSecretValue, ModelLimitsAreValidationExceptionsAndWriteNothing) {
  struct Case {
    boost::json::object extra;
    const char* at;
  };
  boost::json::array too_many;
  for (int i = 0; i < 21; ++i) too_many.emplace_back("L" + std::to_string(i));
  const Case cases[] = {
      {{{"ClientRequestToken", std::string(31, 't')}}, "at 'clientRequestToken'"},
      {{{"ClientRequestToken", std::string(65, 't')}}, "at 'clientRequestToken'"},
      {{{"VersionStages", boost::json::array{}}}, "at 'versionStages'"},
      {{{"VersionStages", too_many}}, "at 'versionStages'"},
      {{{"VersionStages", boost::json::array{""}}}, "at 'versionStages'"},
      {{{"VersionStages", boost::json::array{std::string(257, 'l')}}}, "at 'versionStages'"},
      {{{"RotationToken", std::string(35, 'r')}}, "at 'rotationToken'"},
      {{{"RotationToken", std::string(36, '*')}}, "at 'rotationToken'"},
  };
  for (const Case& c : cases) {
    boost::json::object body{{"SecretId", "db"}, {"SecretString", "two"}};
    for (const auto& m : c.extra) body[m.key()] = m.value();
    std::string text = ErrorText(Sm("PutSecretValue", body), "ValidationException");
    EXPECT_TRUE(Has(text, c.at)) << text;
  }
  std::string text =
      ErrorText(Sm("PutSecretValue", {{"SecretString", "two"}}), "ValidationException");
  EXPECT_TRUE(Has(text, "Value null at 'secretId'")) << text;
  EXPECT_EQ(VersionCount(), 1u);
}

TEST_F(AdaptersSmPutSecretValue, ARotationTokenIsAcceptedAndNeverShown) {
  const std::string rotation(40, 'R');
  Ok("PutSecretValue", {{"SecretId", "db"}, {"SecretString", "two"}, {"RotationToken", rotation}});
  std::string text = ErrorText(
      Sm("PutSecretValue", {{"SecretId", "db"}, {"SecretString", "x"}, {"RotationToken", "R*R"}}),
      "ValidationException");
  EXPECT_FALSE(Has(text, "R*R")) << text;
}

TEST_F(AdaptersSmPutSecretValue, AnUnknownSecretIsResourceNotFound) {
  ErrorText(Sm("PutSecretValue", {{"SecretId", "nope"}, {"SecretString", "v"}}),
            "ResourceNotFoundException");
}

TEST_F(AdaptersSmPutSecretValue, ASecretScheduledForDeletionIsInvalidRequest) {
  ScheduleDeletion("db");
  ErrorText(Sm("PutSecretValue", {{"SecretId", "db"}, {"SecretString", "v"}}),
            "InvalidRequestException");
  EXPECT_EQ(VersionCount(), 1u);
}

TEST_F(AdaptersSmPutSecretValue, TooManyLabelsIsLimitExceeded) {
  boost::json::array stages;
  for (int i = 0; i < 20; ++i) stages.emplace_back("L" + std::to_string(i));
  // With AWSCURRENT on the first version, the secret would carry 21 labels.
  ErrorText(Sm("PutSecretValue", {{"SecretId", "db"},
                                  {"SecretString", "v"},
                                  {"ClientRequestToken", Token(2)},
                                  {"VersionStages", stages}}),
            "LimitExceededException");
  EXPECT_EQ(VersionCount(), 1u);
}

}  // namespace
}  // namespace paramsafe::adapters::testing
