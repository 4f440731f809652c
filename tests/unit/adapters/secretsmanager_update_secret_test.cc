// secretsmanager.UpdateSecret through the Router.
#include <gtest/gtest.h>

#include <string>

#include "secretsmanager_fixture.h"

namespace paramsafe::adapters::testing {
namespace {

class AdaptersSmUpdateSecret : public SmTest {
 protected:
  void SetUp() override { arn_ = CreateArn("db", "one"); }
  std::size_t VersionCount() { return Stored(arn_)->versions.size(); }
  std::string arn_;
};

TEST_F(AdaptersSmUpdateSecret, MetadataOnlyAnswersNoVersionIdAndWritesNoVersion) {
  boost::json::object body =
      Ok("UpdateSecret",
         {{"SecretId", "db"}, {"Description", "the database"}, {"ClientRequestToken", Token(5)}});
  EXPECT_EQ(body.size(), 2u) << boost::json::serialize(body);
  EXPECT_EQ(Str(body.at("ARN")), arn_);
  EXPECT_EQ(Str(body.at("Name")), "db");
  EXPECT_EQ(Str(Describe("db").at("Description")), "the database");
  EXPECT_EQ(VersionCount(), 1u);
}

TEST_F(AdaptersSmUpdateSecret, AValueWritesACurrentVersion) {
  boost::json::object body =
      Ok("UpdateSecret",
         {{"SecretId", "db"}, {"SecretString", "two"}, {"ClientRequestToken", Token(2)}});
  EXPECT_EQ(Str(body.at("VersionId")), Token(2));
  EXPECT_EQ(CurrentValue("db"), "two");
  boost::json::object map = Describe("db").at("VersionIdsToStages").as_object();
  EXPECT_EQ(Strings(map.at(Token(0))), std::vector<std::string>{"AWSPREVIOUS"});
  // The SDK's retry of the same call.
  boost::json::object again =
      Ok("UpdateSecret",
         {{"SecretId", "db"}, {"SecretString", "two"}, {"ClientRequestToken", Token(2)}});
  EXPECT_EQ(Str(again.at("VersionId")), Token(2));
  EXPECT_EQ(VersionCount(), 2u);
}

TEST_F(AdaptersSmUpdateSecret, ACustomerKeyShowsAndAnEmptyKeyIdGoesBackToTheDefault) {
  Ok("UpdateSecret", {{"SecretId", "db"}, {"KmsKeyId", "alias/team"}});
  EXPECT_EQ(Str(Describe("db").at("KmsKeyId")), "alias/team");
  Ok("UpdateSecret", {{"SecretId", "db"}, {"KmsKeyId", ""}});
  EXPECT_FALSE(Describe("db").contains("KmsKeyId"));
}

TEST_F(AdaptersSmUpdateSecret, AnUnusableKeyIsEncryptionFailure) {
  keyring_.MarkUnknown("alias/missing");
  ErrorText(Sm("UpdateSecret",
               {{"SecretId", "db"}, {"SecretString", "two"}, {"KmsKeyId", "alias/missing"}}),
            "EncryptionFailure");
  EXPECT_EQ(CurrentValue("db"), "one");
}

TEST_F(AdaptersSmUpdateSecret, SameTokenWithAnotherValueIsResourceExists) {
  Ok("UpdateSecret",
     {{"SecretId", "db"}, {"SecretString", "two"}, {"ClientRequestToken", Token(2)}});
  ErrorText(Sm("UpdateSecret",
               {{"SecretId", "db"}, {"SecretString", "other"}, {"ClientRequestToken", Token(2)}}),
            "ResourceExistsException");
}

TEST_F(AdaptersSmUpdateSecret, BadInputWritesNothing) {
  ErrorText(
      Sm("UpdateSecret", {{"SecretId", "db"}, {"SecretString", "s"}, {"SecretBinary", "AA=="}}),
      "InvalidParameterException");
  ErrorText(Sm("UpdateSecret", {{"SecretId", "db"}, {"Description", std::string(2049, 'd')}}),
            "ValidationException");
  ErrorText(Sm("UpdateSecret", {{"SecretId", "db"}, {"SecretBinary", "%%%%"}}),
            "SerializationException");
  ErrorText(Sm("UpdateSecret", {{"SecretId", "db"}, {"Type", std::string(257, 't')}}),
            "ValidationException");
  EXPECT_EQ(VersionCount(), 1u);
  EXPECT_FALSE(Describe("db").contains("Description"));
}

TEST_F(AdaptersSmUpdateSecret, UnknownAndScheduledSecrets) {
  ErrorText(Sm("UpdateSecret", {{"SecretId", "nope"}, {"Description", "d"}}),
            "ResourceNotFoundException");
  ScheduleDeletion("db");
  ErrorText(Sm("UpdateSecret", {{"SecretId", "db"}, {"Description", "d"}}),
            "InvalidRequestException");
}

}  // namespace
}  // namespace paramsafe::adapters::testing
