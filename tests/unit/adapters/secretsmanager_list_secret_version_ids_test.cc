// secretsmanager.ListSecretVersionIds through the Router.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <string>
#include <vector>

#include "common/next_token.h"
#include "secretsmanager_fixture.h"

namespace paramsafe::adapters::testing {
namespace {

class AdaptersSmListSecretVersionIds : public SmTest {
 protected:
  // Three versions: Token(1) deprecated, Token(2) AWSPREVIOUS, Token(3) AWSCURRENT.
  void SetUp() override {
    arn_ = Str(CreateString("db", "1", Token(1)).at("ARN"));
    clock_.Advance(std::chrono::seconds(10));
    Put("db", "2", 2);
    clock_.Advance(std::chrono::seconds(10));
    Put("db", "3", 3);
  }
  static std::vector<std::string> Ids(const boost::json::object& page) {
    std::vector<std::string> out;
    for (const boost::json::value& v : page.at("Versions").as_array()) {
      out.push_back(Str(v.at("VersionId")));
    }
    return out;
  }
  std::string arn_;
};

TEST_F(AdaptersSmListSecretVersionIds, ListsLabelledVersionsNewestFirst) {
  boost::json::object page = Ok("ListSecretVersionIds", {{"SecretId", "db"}});
  EXPECT_EQ(Str(page.at("ARN")), arn_);
  EXPECT_EQ(Str(page.at("Name")), "db");
  EXPECT_FALSE(page.contains("NextToken"));
  EXPECT_EQ(Ids(page), (std::vector<std::string>{Token(3), Token(2)}));
  const boost::json::object& newest = page.at("Versions").as_array()[0].as_object();
  EXPECT_EQ(Strings(newest.at("VersionStages")), std::vector<std::string>{"AWSCURRENT"});
  EXPECT_DOUBLE_EQ(newest.at("CreatedDate").to_number<double>(), kNowSeconds + 20);
  ASSERT_TRUE(newest.contains("KmsKeyIds"));
  EXPECT_EQ(newest.at("KmsKeyIds").as_array().size(), 1u);
  EXPECT_FALSE(newest.contains("LastAccessedDate"));
}

TEST_F(AdaptersSmListSecretVersionIds, DeprecatedVersionsOnlyWhenAskedAndWithoutStages) {
  boost::json::object page =
      Ok("ListSecretVersionIds", {{"SecretId", "db"}, {"IncludeDeprecated", true}});
  EXPECT_EQ(Ids(page), (std::vector<std::string>{Token(3), Token(2), Token(1)}));
  const boost::json::object& oldest = page.at("Versions").as_array()[2].as_object();
  EXPECT_FALSE(oldest.contains("VersionStages")) << boost::json::serialize(oldest);
}

TEST_F(AdaptersSmListSecretVersionIds, AReadShowsOnTheVersionReadAsItsDay) {
  Ok("GetSecretValue", {{"SecretId", "db"}, {"VersionStage", "AWSPREVIOUS"}});
  boost::json::object page = Ok("ListSecretVersionIds", {{"SecretId", "db"}});
  const boost::json::array& versions = page.at("Versions").as_array();
  EXPECT_FALSE(versions[0].as_object().contains("LastAccessedDate"));
  ASSERT_TRUE(versions[1].as_object().contains("LastAccessedDate"));
  const double day = std::floor(kNowSeconds / 86400) * 86400;
  EXPECT_DOUBLE_EQ(versions[1].at("LastAccessedDate").to_number<double>(), day);
}

TEST_F(AdaptersSmListSecretVersionIds, PagesFollowNextToken) {
  boost::json::object request{{"SecretId", "db"}, {"IncludeDeprecated", true}, {"MaxResults", 1}};
  std::vector<std::string> all;
  for (int i = 0; i < 5; ++i) {
    boost::json::object page = Ok("ListSecretVersionIds", request);
    EXPECT_LE(page.at("Versions").as_array().size(), 1u);
    for (const std::string& id : Ids(page)) all.push_back(id);
    if (!page.contains("NextToken")) break;
    request["NextToken"] = page.at("NextToken");
  }
  EXPECT_EQ(all, (std::vector<std::string>{Token(3), Token(2), Token(1)}));
}

TEST_F(AdaptersSmListSecretVersionIds, ATokenOnlyServesTheListingThatMadeIt) {
  boost::json::object first = Ok("ListSecretVersionIds", {{"SecretId", "db"}, {"MaxResults", 1}});
  const boost::json::value token = first.at("NextToken");
  ErrorText(Sm("ListSecretVersionIds",
               {{"SecretId", "db"}, {"IncludeDeprecated", true}, {"NextToken", token}}),
            "InvalidNextTokenException");
  CreateString("other", "v");
  ErrorText(Sm("ListSecretVersionIds", {{"SecretId", "other"}, {"NextToken", token}}),
            "InvalidNextTokenException");
  ErrorText(Sm("ListSecretVersionIds", {{"SecretId", "db"}, {"NextToken", "nonsense"}}),
            "InvalidNextTokenException");
  // Signed for this listing, but not a position it makes.
  ErrorText(Sm("ListSecretVersionIds",
               {{"SecretId", "db"},
                {"NextToken", EncodeNextToken("ListSecretVersionIds", arn_ + "|labelled", "x")}}),
            "InvalidNextTokenException");
}

TEST_F(AdaptersSmListSecretVersionIds, WorksWhileScheduledForDeletion) {
  ScheduleDeletion("db");
  boost::json::object page = Ok("ListSecretVersionIds", {{"SecretId", "db"}});
  EXPECT_EQ(Ids(page).size(), 2u);
}

TEST_F(AdaptersSmListSecretVersionIds, Errors) {
  ErrorText(Sm("ListSecretVersionIds", {{"SecretId", "nope"}}), "ResourceNotFoundException");
  ErrorText(Sm("ListSecretVersionIds", {{"SecretId", "db"}, {"MaxResults", 0}}),
            "ValidationException");
  ErrorText(Sm("ListSecretVersionIds", {{"SecretId", "db"}, {"MaxResults", 101}}),
            "ValidationException");
  ErrorText(Sm("ListSecretVersionIds", {{"SecretId", "db"}, {"IncludeDeprecated", "yes"}}),
            "SerializationException");
}

}  // namespace
}  // namespace paramsafe::adapters::testing
