// AmazonSSM.GetParameterHistory through the Router, over a
// ParameterListingService on FakeParameterListing and FakeKeyring: the
// ParameterHistory shape with labels and policies, order, paging, decryption.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "common/base64.h"
#include "common/next_token.h"
#include "router_fixture.h"

namespace paramsafe::adapters::testing {
namespace {

using core::testing::SealedVersion;

class AdaptersSsmGetParameterHistory : public RouterTest {
 protected:
  // Versions 1..n of name, each valued "<name>#<version>".
  void AddVersions(const std::string& name, int n, const std::string& type = core::kTypeString) {
    for (int v = 1; v <= n; ++v) {
      listing_repo_.Add(SealedVersion(keyring_, name, v, name + "#" + std::to_string(v), type));
    }
  }
  Response History(std::string_view body) { return Ssm("GetParameterHistory", body); }
  Response History(const boost::json::object& body) { return Ssm("GetParameterHistory", body); }
  static boost::json::object Req(std::string_view json) {
    return boost::json::parse(json).as_object();
  }
  static std::vector<std::int64_t> Versions(const boost::json::object& body) {
    std::vector<std::int64_t> out;
    for (const auto& p : body.at("Parameters").as_array()) out.push_back(p.at("Version").as_int64());
    return out;
  }
  std::vector<std::int64_t> All(boost::json::object req, int* pages = nullptr) {
    std::vector<std::int64_t> out;
    for (int guard = 0; guard < 1000; ++guard) {
      boost::json::object body = ExpectOk(History(req));
      if (!body.contains("Parameters")) break;
      for (std::int64_t v : Versions(body)) out.push_back(v);
      if (pages) ++*pages;
      if (!body.contains("NextToken")) break;
      req["NextToken"] = body.at("NextToken");
    }
    return out;
  }
};

TEST_F(AdaptersSsmGetParameterHistory, VersionsComeOldestFirstWithTheirValues) {
  AddVersions("/h", 3);
  boost::json::object body = ExpectOk(History(R"({"Name": "/h"})"));
  EXPECT_EQ(body.size(), 1u) << "no NextToken on the only page";
  const auto& params = body.at("Parameters").as_array();
  ASSERT_EQ(params.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(params[i].at("Version").as_int64(), i + 1);
    EXPECT_EQ(Str(params[i].at("Value")), "/h#" + std::to_string(i + 1));
  }
}

TEST_F(AdaptersSsmGetParameterHistory, AnswersTheHistoryShape) {
  core::ParameterVersion v = SealedVersion(keyring_, "/h", 1, "x", core::kTypeSecureString);
  v.attributes.description = "d";
  v.attributes.allowed_pattern = "x+";
  v.attributes.tier = "Advanced";
  v.attributes.policies =
      R"([{"Type":"Expiration","Version":"1.0","Attributes":{"Timestamp":"2030-01-01T00:00:00.000Z"}},)"
      R"({"Type":"NoChangeNotification","Version":"1.0","Attributes":{"After":"20","Unit":"Days"}}])";
  v.policy_statuses = {"Pending", "Finished"};
  listing_repo_.Add(v);
  listing_repo_.Label("/h", 1, "prod");
  listing_repo_.Label("/h", 1, "blue");
  boost::json::object body = ExpectOk(History(R"({"Name": "/h"})"));
  const boost::json::object& p = body.at("Parameters").as_array()[0].as_object();
  std::set<std::string> members;
  for (const auto& kv : p) members.insert(std::string(kv.key()));
  EXPECT_EQ(members, (std::set<std::string>{"Name", "Type", "KeyId", "LastModifiedDate",
                                            "LastModifiedUser", "Description", "Value",
                                            "AllowedPattern", "Version", "Labels", "Tier",
                                            "Policies", "DataType"}));
  EXPECT_EQ(Str(p.at("Name")), "/h");
  EXPECT_EQ(Str(p.at("KeyId")), "alias/aws/ssm");
  EXPECT_EQ(Str(p.at("LastModifiedUser")), "arn:aws:iam::123456789012:user/tester");
  EXPECT_EQ(Str(p.at("Tier")), "Advanced");
  const auto& labels = p.at("Labels").as_array();
  ASSERT_EQ(labels.size(), 2u);
  EXPECT_EQ(std::set<std::string>({Str(labels[0]), Str(labels[1])}),
            (std::set<std::string>{"prod", "blue"}));
  const auto& policies = p.at("Policies").as_array();
  ASSERT_EQ(policies.size(), 2u);
  EXPECT_EQ(Str(policies[0].at("PolicyType")), "Expiration");
  EXPECT_EQ(Str(policies[0].at("PolicyStatus")), "Pending");
  EXPECT_EQ(Str(policies[1].at("PolicyType")), "NoChangeNotification");
  EXPECT_EQ(Str(policies[1].at("PolicyStatus")), "Finished");
  EXPECT_NE(Str(policies[1].at("PolicyText")).find("\"After\":\"20\""), std::string::npos);
}

TEST_F(AdaptersSsmGetParameterHistory, LabelsBelongToTheirVersion) {
  AddVersions("/h", 3);
  listing_repo_.Label("/h", 2, "prod");
  boost::json::object body = ExpectOk(History(R"({"Name": "/h"})"));
  const auto& params = body.at("Parameters").as_array();
  EXPECT_TRUE(params[0].at("Labels").as_array().empty());
  ASSERT_EQ(params[1].at("Labels").as_array().size(), 1u);
  EXPECT_EQ(Str(params[1].at("Labels").as_array()[0]), "prod");
  EXPECT_TRUE(params[2].at("Labels").as_array().empty());
}

TEST_F(AdaptersSsmGetParameterHistory, SecureStringWithoutDecryptionIsCiphertext) {
  core::ParameterVersion v = SealedVersion(keyring_, "/s", 1, "hunter2", core::kTypeSecureString);
  std::string expected = Base64Encode(v.sealed.ciphertext);
  listing_repo_.Add(v);
  boost::json::object sealed = ExpectOk(History(R"({"Name": "/s"})"));
  const auto& p = sealed.at("Parameters").as_array()[0];
  EXPECT_EQ(Str(p.at("Value")), expected);
  EXPECT_TRUE(keyring_.open_calls().empty());
  boost::json::object decrypted = ExpectOk(History(R"({"Name": "/s", "WithDecryption": true})"));
  const auto& opened = decrypted.at("Parameters").as_array()[0];
  EXPECT_EQ(Str(opened.at("Value")), "hunter2");
}

TEST_F(AdaptersSsmGetParameterHistory, PagesYieldEveryVersionOnce) {
  AddVersions("/h", 100);
  listing_repo_.DropVersion("/h", 1);  // the window moved on
  int pages = 0;
  std::vector<std::int64_t> all = All(Req(R"({"Name": "/h", "MaxResults": 7})"), &pages);
  std::vector<std::int64_t> expected;
  for (int v = 2; v <= 100; ++v) expected.push_back(v);
  EXPECT_EQ(all, expected);
  EXPECT_EQ(pages, 15);
}

TEST_F(AdaptersSsmGetParameterHistory, MaxResultsIsOneToFifty) {
  AddVersions("/h", 60);
  boost::json::object zero =
      ExpectError(History(R"({"Name": "/h", "MaxResults": 0})"), "ValidationException");
  EXPECT_EQ(ErrorMessage(zero),
            "1 validation error detected: Value '0' at 'maxResults' failed to satisfy "
            "constraint: Member must have value greater than or equal to 1");
  boost::json::object over =
      ExpectError(History(R"({"Name": "/h", "MaxResults": 51})"), "ValidationException");
  EXPECT_EQ(ErrorMessage(over),
            "1 validation error detected: Value '51' at 'maxResults' failed to satisfy "
            "constraint: Member must have value less than or equal to 50");
  boost::json::object first = ExpectOk(History(R"({"Name": "/h"})"));
  EXPECT_EQ(Versions(first).size(), 50u);
  EXPECT_TRUE(first.contains("NextToken"));
  EXPECT_EQ(listing_repo_.history_calls().back().limit, 50);
}

TEST_F(AdaptersSsmGetParameterHistory, MissingParameterIsNotFound) {
  boost::json::object body = ExpectError(History(R"({"Name": "/nope"})"), "ParameterNotFound");
  EXPECT_EQ(ErrorMessage(body), "Parameter /nope not found.");
}

TEST_F(AdaptersSsmGetParameterHistory, TopLevelNameIsFoundWithEitherSpelling) {
  AddVersions("solo", 2);
  EXPECT_EQ(Versions(ExpectOk(History(R"({"Name": "/solo"})"))),
            (std::vector<std::int64_t>{1, 2}));
  // A token of one spelling serves the other: they name one parameter.
  boost::json::object first = ExpectOk(History(R"({"Name": "solo", "MaxResults": 1})"));
  boost::json::object req = Req(R"({"Name": "/solo"})");
  req["NextToken"] = first.at("NextToken");
  EXPECT_EQ(Versions(ExpectOk(History(req))), (std::vector<std::int64_t>{2}));
}

TEST_F(AdaptersSsmGetParameterHistory, AcceptsTheParametersArn) {
  AddVersions("/a/b", 1);
  boost::json::object body = ExpectOk(
      History(R"({"Name": "arn:aws:ssm:us-east-1:123456789012:parameter/a/b"})"));
  EXPECT_EQ(Versions(body), (std::vector<std::int64_t>{1}));
}

TEST_F(AdaptersSsmGetParameterHistory, SelectorsAreRefused) {
  AddVersions("/h", 2);
  ExpectError(History(R"({"Name": "/h:1"})"), "ValidationException");
  ExpectError(History(R"({"Name": "/h:prod"})"), "ValidationException");
  EXPECT_TRUE(listing_repo_.history_calls().empty());
}

TEST_F(AdaptersSsmGetParameterHistory, NameIsRequiredAndChecked) {
  boost::json::object missing = ExpectError(History("{}"), "ValidationException");
  EXPECT_EQ(ErrorMessage(missing),
            "1 validation error detected: Value null at 'name' failed to satisfy constraint: "
            "Member must not be null");
  ExpectError(History(R"({"Name": "/a b"})"), "ValidationException");
}

TEST_F(AdaptersSsmGetParameterHistory, TokenOfAnotherParameterIsInvalid) {
  AddVersions("/h", 3);
  AddVersions("/g", 3);
  boost::json::object first = ExpectOk(History(R"({"Name": "/h", "MaxResults": 1})"));
  boost::json::object req = Req(R"({"Name": "/g"})");
  req["NextToken"] = first.at("NextToken");
  boost::json::object body = ExpectError(History(req), "InvalidNextToken");
  EXPECT_EQ(Str(body.at("Message")), "The specified token isn't valid.");
}

TEST_F(AdaptersSsmGetParameterHistory, TokenOfAnotherOperationOrAlteredIsInvalid) {
  AddVersions("/h", 3);
  boost::json::object req = Req(R"({"Name": "/h"})");
  req["NextToken"] = EncodeNextToken("DescribeParameters", "/h", "1");
  ExpectError(History(req), "InvalidNextToken");
  // A well-formed token whose position is not a version number.
  req["NextToken"] = EncodeNextToken("GetParameterHistory", "/h", "one");
  ExpectError(History(req), "InvalidNextToken");
  std::string token = Str(ExpectOk(History(R"({"Name": "/h", "MaxResults": 1})")).at("NextToken"));
  token[1] = token[1] == 'f' ? 'e' : 'f';
  req["NextToken"] = token;
  ExpectError(History(req), "InvalidNextToken");
}

TEST_F(AdaptersSsmGetParameterHistory, TokenSurvivesPageSizeAndDecryptionChanges) {
  AddVersions("/h", 5, core::kTypeSecureString);
  boost::json::object first = ExpectOk(History(R"({"Name": "/h", "MaxResults": 2})"));
  boost::json::object req = Req(R"({"Name": "/h", "MaxResults": 50, "WithDecryption": true})");
  req["NextToken"] = first.at("NextToken");
  boost::json::object rest = ExpectOk(History(req));
  EXPECT_EQ(Versions(rest), (std::vector<std::int64_t>{3, 4, 5}));
  EXPECT_EQ(Str(rest.at("Parameters").as_array()[0].at("Value")), "/h#3");
  EXPECT_FALSE(rest.contains("NextToken"));
}

}  // namespace
}  // namespace paramsafe::adapters::testing
