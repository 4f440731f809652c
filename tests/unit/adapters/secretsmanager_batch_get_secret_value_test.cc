// secretsmanager.BatchGetSecretValue through the Router.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "secretsmanager_fixture.h"

namespace paramsafe::adapters::testing {
namespace {

class AdaptersSmBatchGetSecretValue : public SmTest {
 protected:
  void SetUp() override {
    for (const char* n : {"app/a", "app/b", "app/c", "other"}) {
      CreateString(n, std::string("value-") + n);
      clock_.Advance(std::chrono::seconds(1));
    }
  }
  static std::vector<std::string> Names(const boost::json::object& page) {
    std::vector<std::string> out;
    for (const boost::json::value& v : page.at("SecretValues").as_array()) {
      out.push_back(Str(v.at("Name")));
    }
    return out;
  }
  static boost::json::array AppFilter() {
    return {boost::json::object{{"Key", "name"}, {"Values", boost::json::array{"app/"}}}};
  }
};

TEST_F(AdaptersSmBatchGetSecretValue, ReadsEveryIdInOrderAndReportsTheMissingOnes) {
  boost::json::object body = Ok(
      "BatchGetSecretValue", {{"SecretIdList", boost::json::array{"app/b", "missing", "app/a"}}});
  EXPECT_EQ(Names(body), (std::vector<std::string>{"app/b", "app/a"}));
  const boost::json::object& b = body.at("SecretValues").as_array()[0].as_object();
  EXPECT_EQ(Str(b.at("SecretString")), "value-app/b");
  EXPECT_EQ(Strings(b.at("VersionStages")), std::vector<std::string>{"AWSCURRENT"});
  EXPECT_TRUE(b.contains("ARN"));
  EXPECT_TRUE(b.contains("VersionId"));
  EXPECT_TRUE(b.contains("CreatedDate"));
  const boost::json::array& errors = body.at("Errors").as_array();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(Str(errors[0].at("SecretId")), "missing");
  EXPECT_EQ(Str(errors[0].at("ErrorCode")), "ResourceNotFoundException");
  EXPECT_FALSE(Str(errors[0].at("Message")).empty());
  EXPECT_FALSE(body.contains("NextToken"));
}

TEST_F(AdaptersSmBatchGetSecretValue, AScheduledSecretIsAnErrorEntryAndTheReadIsRecorded) {
  ScheduleDeletion("app/a");
  boost::json::object body =
      Ok("BatchGetSecretValue", {{"SecretIdList", boost::json::array{"app/a", "app/b"}}});
  EXPECT_EQ(Names(body), std::vector<std::string>{"app/b"});
  const boost::json::array& errors = body.at("Errors").as_array();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(Str(errors[0].at("ErrorCode")), "InvalidRequestException");
  auto reads = secret_repo_.scheduled_reads();
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0].operation, "BatchGetSecretValue");
}

TEST_F(AdaptersSmBatchGetSecretValue, AValueThatFailsToOpenIsADecryptionFailureEntry) {
  keyring_.set_fail_opens(true);
  boost::json::object body =
      Ok("BatchGetSecretValue", {{"SecretIdList", boost::json::array{"app/a"}}});
  EXPECT_TRUE(body.at("SecretValues").as_array().empty());
  EXPECT_EQ(Str(body.at("Errors").as_array()[0].at("ErrorCode")), "DecryptionFailure");
}

TEST_F(AdaptersSmBatchGetSecretValue, FiltersListPageByPage) {
  boost::json::object request{{"Filters", AppFilter()}, {"MaxResults", 2}};
  boost::json::object first = Ok("BatchGetSecretValue", request);
  EXPECT_EQ(Names(first), (std::vector<std::string>{"app/a", "app/b"}));
  ASSERT_TRUE(first.contains("NextToken"));
  request["NextToken"] = first.at("NextToken");
  boost::json::object second = Ok("BatchGetSecretValue", request);
  EXPECT_EQ(Names(second), std::vector<std::string>{"app/c"});
  EXPECT_FALSE(second.contains("NextToken"));
  // The token belongs to these filters.
  request["Filters"] =
      boost::json::array{boost::json::object{{"Key", "name"}, {"Values", boost::json::array{"o"}}}};
  ErrorText(Sm("BatchGetSecretValue", request), "InvalidNextTokenException");
}

TEST_F(AdaptersSmBatchGetSecretValue, ExactlyOneOfSecretIdListAndFilters) {
  const std::string both = "Either 'SecretIdList' or 'Filters' must be provided, but not both.";
  EXPECT_EQ(ErrorText(Sm("BatchGetSecretValue", "{}"), "InvalidParameterException"), both);
  EXPECT_EQ(ErrorText(Sm("BatchGetSecretValue",
                         {{"SecretIdList", boost::json::array{"app/a"}}, {"Filters", AppFilter()}}),
                      "InvalidParameterException"),
            both);
  std::string text = ErrorText(
      Sm("BatchGetSecretValue", {{"SecretIdList", boost::json::array{"app/a"}}, {"MaxResults", 5}}),
      "InvalidParameterException");
  EXPECT_TRUE(Has(text, "'MaxResults'")) << text;
}

TEST_F(AdaptersSmBatchGetSecretValue, ModelLimitsAreValidationExceptions) {
  boost::json::array twenty_one;
  for (int i = 0; i < 21; ++i) twenty_one.emplace_back("s" + std::to_string(i));
  ErrorText(Sm("BatchGetSecretValue", {{"SecretIdList", twenty_one}}), "ValidationException");
  ErrorText(Sm("BatchGetSecretValue", {{"SecretIdList", boost::json::array{}}}),
            "ValidationException");
  ErrorText(Sm("BatchGetSecretValue", {{"SecretIdList", boost::json::array{""}}}),
            "ValidationException");
  ErrorText(Sm("BatchGetSecretValue", {{"Filters", AppFilter()}, {"MaxResults", 21}}),
            "ValidationException");
  ErrorText(Sm("BatchGetSecretValue", {{"Filters", AppFilter()}, {"NextToken", ""}}),
            "ValidationException");
  EXPECT_TRUE(secret_repo_.scheduled_reads().empty());
}

TEST_F(AdaptersSmBatchGetSecretValue, ATokenWithAnIdListOrFromElsewhereIsInvalid) {
  ErrorText(Sm("BatchGetSecretValue",
               {{"SecretIdList", boost::json::array{"app/a"}}, {"NextToken", "abc"}}),
            "InvalidNextTokenException");
  boost::json::object listed = Ok("ListSecrets", {{"MaxResults", 1}});
  ErrorText(
      Sm("BatchGetSecretValue", {{"Filters", AppFilter()}, {"NextToken", listed.at("NextToken")}}),
      "InvalidNextTokenException");
}

}  // namespace
}  // namespace paramsafe::adapters::testing
