// secretsmanager.DescribeSecret through the Router.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <string>

#include "secretsmanager_fixture.h"

namespace paramsafe::adapters::testing {
namespace {

class AdaptersSmDescribeSecret : public SmTest {};

TEST_F(AdaptersSmDescribeSecret, AnswersEveryMemberThatHasAValue) {
  Ok("CreateSecret",
     {{"Name", "db"},
      {"Description", "main db"},
      {"SecretString", "v"},
      {"ClientRequestToken", Token(1)},
      {"Tags", boost::json::array{boost::json::object{{"Key", "k"}, {"Value", "v"}}}}});
  boost::json::object d = Describe("db");
  EXPECT_EQ(Str(d.at("Name")), "db");
  EXPECT_TRUE(Has(Str(d.at("ARN")), ":secret:db-"));
  EXPECT_EQ(Str(d.at("Description")), "main db");
  EXPECT_DOUBLE_EQ(d.at("CreatedDate").to_number<double>(), kNowSeconds);
  EXPECT_DOUBLE_EQ(d.at("LastChangedDate").to_number<double>(), kNowSeconds);
  EXPECT_EQ(Str(d.at("PrimaryRegion")), "us-east-1");
  EXPECT_EQ(d.at("Tags").as_array().size(), 1u);
  boost::json::object map = d.at("VersionIdsToStages").as_object();
  ASSERT_EQ(map.size(), 1u);
  EXPECT_EQ(Strings(map.at(Token(1))), std::vector<std::string>{"AWSCURRENT"});
  // Never configured, never read, not deleted, default key: left out, not null.
  for (const char* absent : {"KmsKeyId", "RotationEnabled", "RotationLambdaARN", "RotationRules",
                             "LastRotatedDate", "LastAccessedDate", "DeletedDate",
                             "ReplicationStatus", "OwningService", "SecretVersionsToStages"}) {
    EXPECT_FALSE(d.contains(absent)) << absent;
  }
  for (const auto& member : d) EXPECT_FALSE(member.value().is_null()) << member.key();
}

TEST_F(AdaptersSmDescribeSecret, WithoutTagsThereIsNoTagsMember) {
  CreateString("db", "v");
  EXPECT_FALSE(Describe("db").contains("Tags"));
}

TEST_F(AdaptersSmDescribeSecret, LastAccessedDateIsTheDayOfTheLastRead) {
  CreateString("db", "v");
  clock_.Advance(std::chrono::hours(5));
  CurrentValue("db");
  boost::json::object d = Describe("db");
  const double day = std::floor((kNowSeconds + 5 * 3600) / 86400) * 86400;
  EXPECT_DOUBLE_EQ(d.at("LastAccessedDate").to_number<double>(), day);
}

TEST_F(AdaptersSmDescribeSecret, VersionsWithoutALabelAreLeftOutOfTheMap) {
  CreateString("db", "1", Token(1));
  Put("db", "2", 2);
  Put("db", "3", 3);
  boost::json::object map = Describe("db").at("VersionIdsToStages").as_object();
  EXPECT_EQ(map.size(), 2u);
  EXPECT_FALSE(map.contains(Token(1)));
  EXPECT_EQ(Strings(map.at(Token(3))), std::vector<std::string>{"AWSCURRENT"});
  EXPECT_EQ(Strings(map.at(Token(2))), std::vector<std::string>{"AWSPREVIOUS"});
}

TEST_F(AdaptersSmDescribeSecret, WorksWhileScheduledForDeletionAndShowsDeletedDate) {
  CreateString("db", "v");
  ScheduleDeletion("db");
  boost::json::object d = Describe("db");
  EXPECT_DOUBLE_EQ(d.at("DeletedDate").to_number<double>(), kNowSeconds + 30 * 86400);
}

TEST_F(AdaptersSmDescribeSecret, ErrorsAreResourceNotFoundAndValidation) {
  ErrorText(Sm("DescribeSecret", {{"SecretId", "nope"}}), "ResourceNotFoundException");
  std::string text = ErrorText(Sm("DescribeSecret", "{}"), "ValidationException");
  EXPECT_TRUE(Has(text, "Value null at 'secretId'")) << text;
  ErrorText(Sm("DescribeSecret", R"({"SecretId": ["db"]})"), "SerializationException");
}

}  // namespace
}  // namespace paramsafe::adapters::testing
