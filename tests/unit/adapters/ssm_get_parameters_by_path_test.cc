// AmazonSSM.GetParametersByPath through the Router, over a
// ParameterListingService on FakeParameterListing and FakeKeyring: levels,
// values and decryption, the Label filter, MaxResults and NextToken paging.
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

class AdaptersSsmGetParametersByPath : public RouterTest {
 protected:
  void Add(const std::string& name, std::string_view value = "v",
           const std::string& type = core::kTypeString, std::int64_t version = 1) {
    listing_repo_.Add(SealedVersion(keyring_, name, version, value, type));
  }
  Response ByPath(std::string_view body) { return Ssm("GetParametersByPath", body); }
  Response ByPath(const boost::json::object& body) { return Ssm("GetParametersByPath", body); }
  static boost::json::object Req(std::string_view json) {
    return boost::json::parse(json).as_object();
  }
  static std::vector<std::string> Names(const boost::json::object& body) {
    std::vector<std::string> out;
    for (const auto& p : body.at("Parameters").as_array()) out.push_back(Str(p.at("Name")));
    return out;
  }
  std::vector<std::string> All(boost::json::object req, int* pages = nullptr) {
    std::vector<std::string> out;
    for (int guard = 0; guard < 1000; ++guard) {
      boost::json::object body = ExpectOk(ByPath(req));
      if (!body.contains("Parameters")) break;
      for (const std::string& n : Names(body)) out.push_back(n);
      if (pages) ++*pages;
      if (!body.contains("NextToken")) break;
      req["NextToken"] = body.at("NextToken");
    }
    return out;
  }
  void AddTree() {
    for (const char* n : {"/a", "/a/b", "/a/b/c", "/a/b/c/d", "/a/d", "/ab/x", "/x", "top"}) {
      Add(n);
    }
  }
};

TEST_F(AdaptersSsmGetParametersByPath, OneLevelListsOnlyTheLevelBelow) {
  AddTree();
  EXPECT_EQ(All(Req(R"({"Path": "/a"})")), (std::vector<std::string>{"/a/b", "/a/d"}));
  EXPECT_EQ(All(Req(R"({"Path": "/a/", "Recursive": false})")),
            (std::vector<std::string>{"/a/b", "/a/d"}));
  EXPECT_EQ(All(Req(R"({"Path": "/a/b"})")), (std::vector<std::string>{"/a/b/c"}));
}

TEST_F(AdaptersSsmGetParametersByPath, RecursiveListsEverythingBelow) {
  AddTree();
  EXPECT_EQ(All(Req(R"({"Path": "/a", "Recursive": true})")),
            (std::vector<std::string>{"/a/b", "/a/b/c", "/a/b/c/d", "/a/d"}));
  EXPECT_EQ(All(Req(R"({"Path": "/a/b/", "Recursive": true})")),
            (std::vector<std::string>{"/a/b/c", "/a/b/c/d"}));
}

TEST_F(AdaptersSsmGetParametersByPath, RootOneLevelListsTopLevelNamesOfBothSpellings) {
  AddTree();
  EXPECT_EQ(All(Req(R"({"Path": "/"})")), (std::vector<std::string>{"/a", "top", "/x"}));
}

TEST_F(AdaptersSsmGetParametersByPath, RootRecursiveListsEverything) {
  AddTree();
  std::vector<std::string> all = All(Req(R"({"Path": "/", "Recursive": true})"));
  EXPECT_EQ(std::set<std::string>(all.begin(), all.end()),
            (std::set<std::string>{"/a", "/a/b", "/a/b/c", "/a/b/c/d", "/a/d", "/ab/x", "/x",
                                   "top"}));
  EXPECT_EQ(all.size(), 8u);
}

TEST_F(AdaptersSsmGetParametersByPath, AnswersTheParameterShapeWithValues) {
  Add("/app/url", "https://example.com");
  Add("/app/list", "a,b", core::kTypeStringList);
  boost::json::object body = ExpectOk(ByPath(R"({"Path": "/app"})"));
  EXPECT_EQ(body.size(), 1u) << "no NextToken on the only page";
  const auto& params = body.at("Parameters").as_array();
  ASSERT_EQ(params.size(), 2u);
  const boost::json::object& url = params[1].as_object();
  std::set<std::string> members;
  for (const auto& kv : url) members.insert(std::string(kv.key()));
  EXPECT_EQ(members, (std::set<std::string>{"Name", "Type", "Value", "Version", "LastModifiedDate",
                                            "ARN", "DataType"}));
  EXPECT_EQ(Str(url.at("Name")), "/app/url");
  EXPECT_EQ(Str(url.at("Type")), "String");
  EXPECT_EQ(Str(url.at("Value")), "https://example.com");
  EXPECT_EQ(url.at("Version").as_int64(), 1);
  EXPECT_EQ(Str(url.at("ARN")), "arn:aws:ssm:us-east-1:123456789012:parameter/app/url");
  EXPECT_EQ(Str(url.at("DataType")), "text");
  EXPECT_EQ(Str(params[0].at("Value")), "a,b");
}

TEST_F(AdaptersSsmGetParametersByPath, SecureStringWithoutDecryptionIsCiphertext) {
  core::ParameterVersion v = SealedVersion(keyring_, "/s/pw", 1, "hunter2", core::kTypeSecureString);
  std::string expected = Base64Encode(v.sealed.ciphertext);
  listing_repo_.Add(v);
  boost::json::object body = ExpectOk(ByPath(R"({"Path": "/s"})"));
  const boost::json::object& p = body.at("Parameters").as_array()[0].as_object();
  EXPECT_EQ(Str(p.at("Value")), expected);
  EXPECT_NE(Str(p.at("Value")), "hunter2");
  EXPECT_FALSE(p.contains("KeyId"));
  EXPECT_TRUE(keyring_.open_calls().empty());
}

TEST_F(AdaptersSsmGetParametersByPath, SecureStringWithDecryptionIsPlaintext) {
  Add("/s/pw", "hunter2", core::kTypeSecureString);
  boost::json::object body = ExpectOk(ByPath(R"({"Path": "/s", "WithDecryption": true})"));
  EXPECT_EQ(Str(body.at("Parameters").as_array()[0].at("Value")), "hunter2");
}

TEST_F(AdaptersSsmGetParametersByPath, LabelFilterAnswersTheLabelledVersion) {
  for (int v = 1; v <= 3; ++v) Add("/l/a", "a" + std::to_string(v), core::kTypeString, v);
  Add("/l/b", "b1");
  for (int v = 1; v <= 2; ++v) Add("/l/c", "c" + std::to_string(v), core::kTypeString, v);
  listing_repo_.Label("/l/a", 2, "prod");
  listing_repo_.Label("/l/c", 2, "blue");
  boost::json::object body = ExpectOk(ByPath(
      R"({"Path": "/l", "ParameterFilters": [{"Key": "Label", "Option": "Equals",
                                              "Values": ["prod", "blue"]}]})"));
  const auto& params = body.at("Parameters").as_array();
  ASSERT_EQ(params.size(), 2u);
  EXPECT_EQ(Str(params[0].at("Name")), "/l/a");
  EXPECT_EQ(params[0].at("Version").as_int64(), 2);
  EXPECT_EQ(Str(params[0].at("Value")), "a2");
  EXPECT_EQ(Str(params[1].at("Name")), "/l/c");
  EXPECT_EQ(Str(params[1].at("Value")), "c2");
  EXPECT_EQ(listing_repo_.queries().back().labels, (std::vector<std::string>{"prod", "blue"}));
}

TEST_F(AdaptersSsmGetParametersByPath, TypeAndKeyIdFilters) {
  Add("/f/a", "v", core::kTypeSecureString);
  Add("/f/b", "v", core::kTypeString);
  Add("/f/c", "v", core::kTypeStringList);
  EXPECT_EQ(All(Req(R"({"Path": "/f", "ParameterFilters": [{"Key": "Type",
                        "Values": ["String", "StringList"]}]})")),
            (std::vector<std::string>{"/f/b", "/f/c"}));
  EXPECT_EQ(All(Req(R"({"Path": "/f", "ParameterFilters": [{"Key": "KeyId",
                        "Option": "BeginsWith", "Values": ["alias/"]}]})")),
            (std::vector<std::string>{"/f/a"}));
}

TEST_F(AdaptersSsmGetParametersByPath, FilterKeysOtherThanTypeKeyIdLabelAreInvalid) {
  boost::json::object body = ExpectError(
      ByPath(R"({"Path": "/a", "ParameterFilters": [{"Key": "Tier", "Values": ["Standard"]}]})"),
      "InvalidFilterKey");
  EXPECT_EQ(ErrorMessage(body),
            "The following filter key is not valid: Tier. Valid filter keys include: [Type, "
            "KeyId].");
}

TEST_F(AdaptersSsmGetParametersByPath, MaxResultsIsOneToTen) {
  boost::json::object zero =
      ExpectError(ByPath(R"({"Path": "/a", "MaxResults": 0})"), "ValidationException");
  EXPECT_EQ(ErrorMessage(zero),
            "1 validation error detected: Value '0' at 'maxResults' failed to satisfy "
            "constraint: Member must have value greater than or equal to 1");
  boost::json::object eleven =
      ExpectError(ByPath(R"({"Path": "/a", "MaxResults": 11})"), "ValidationException");
  EXPECT_EQ(ErrorMessage(eleven),
            "1 validation error detected: Value '11' at 'maxResults' failed to satisfy "
            "constraint: Member must have value less than or equal to 10");
  ExpectOk(ByPath(R"({"Path": "/a", "MaxResults": 10})"));
  ExpectOk(ByPath(R"({"Path": "/a"})"));
  EXPECT_EQ(listing_repo_.queries().back().page_size, 10);
  EXPECT_EQ(listing_repo_.queries().back().scan_limit, 100);
}

TEST_F(AdaptersSsmGetParametersByPath, PathIsRequired) {
  boost::json::object body = ExpectError(ByPath("{}"), "ValidationException");
  EXPECT_EQ(ErrorMessage(body),
            "1 validation error detected: Value null at 'path' failed to satisfy constraint: "
            "Member must not be null");
}

TEST_F(AdaptersSsmGetParametersByPath, ReservedAndMalformedPaths) {
  boost::json::object reserved =
      ExpectError(ByPath(R"({"Path": "/aws/service", "Recursive": true})"), "ValidationException");
  EXPECT_EQ(ErrorMessage(reserved),
            "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive).");
  ExpectError(ByPath(R"({"Path": "/SSM"})"), "ValidationException");
  ExpectError(ByPath(R"({"Path": "a/b"})"), "ValidationException");
  ExpectError(ByPath(R"({"Path": "/a//b"})"), "ValidationException");
  ExpectError(ByPath(R"({"Path": ""})"), "ValidationException");
  EXPECT_TRUE(listing_repo_.queries().empty());
}

TEST_F(AdaptersSsmGetParametersByPath, PagesListEveryParameterExactlyOnce) {
  std::set<std::string> expected;
  for (int i = 0; i < 255; ++i) {
    std::string name = "/p/" + std::to_string(i % 4) + "/n" + std::to_string(i);
    expected.insert(name);
    Add(name);
  }
  Add("/q/outside");
  int pages = 0;
  std::vector<std::string> all = All(Req(R"({"Path": "/p", "Recursive": true, "MaxResults": 3})"),
                                     &pages);
  EXPECT_EQ(all.size(), 255u);
  EXPECT_EQ(std::set<std::string>(all.begin(), all.end()), expected);
  EXPECT_GE(pages, 85);
}

TEST_F(AdaptersSsmGetParametersByPath, TokenIsBoundToPathRecursionAndFilters) {
  for (int i = 0; i < 5; ++i) Add("/p/" + std::to_string(i));
  std::string token =
      Str(ExpectOk(ByPath(R"({"Path": "/p", "MaxResults": 1})")).at("NextToken"));
  for (const char* other :
       {R"({"Path": "/q"})", R"({"Path": "/p", "Recursive": true})",
        R"({"Path": "/p", "ParameterFilters": [{"Key": "Type", "Values": ["String"]}]})"}) {
    boost::json::object req = Req(other);
    req["NextToken"] = token;
    boost::json::object body = ExpectError(ByPath(req), "InvalidNextToken");
    EXPECT_EQ(Str(body.at("Message")), "The specified token isn't valid.");
  }
}

TEST_F(AdaptersSsmGetParametersByPath, TokenSurvivesPageSizeDecryptionAndTrailingSlash) {
  for (int i = 0; i < 5; ++i) Add("/p/" + std::to_string(i));
  boost::json::object first = ExpectOk(ByPath(R"({"Path": "/p", "MaxResults": 2})"));
  boost::json::object req = Req(R"({"Path": "/p/", "WithDecryption": true, "MaxResults": 10})");
  req["NextToken"] = first.at("NextToken");
  boost::json::object rest = ExpectOk(ByPath(req));
  EXPECT_EQ(Names(rest), (std::vector<std::string>{"/p/2", "/p/3", "/p/4"}));
  EXPECT_FALSE(rest.contains("NextToken"));
}

TEST_F(AdaptersSsmGetParametersByPath, TokenOfDescribeParametersIsInvalid) {
  Add("/p/1");
  boost::json::object req = Req(R"({"Path": "/", "Recursive": true})");
  req["NextToken"] = EncodeNextToken("DescribeParameters", "", "/p/1");
  ExpectError(ByPath(req), "InvalidNextToken");
}

TEST_F(AdaptersSsmGetParametersByPath, AlteredTokenIsInvalid) {
  for (int i = 0; i < 5; ++i) Add("/p/" + std::to_string(i));
  std::string token =
      Str(ExpectOk(ByPath(R"({"Path": "/p", "MaxResults": 1})")).at("NextToken"));
  std::string altered = token;
  altered.back() = altered.back() == '0' ? '1' : '0';
  boost::json::object req = Req(R"({"Path": "/p", "MaxResults": 1})");
  req["NextToken"] = altered;
  ExpectError(ByPath(req), "InvalidNextToken");
}

TEST_F(AdaptersSsmGetParametersByPath, UnopenableValueIsAnInternalError) {
  Add("/p/1");
  keyring_.set_fail_opens(true);
  ExpectError(ByPath(R"({"Path": "/p"})"), "InternalServerError", 500);
}

}  // namespace
}  // namespace paramsafe::adapters::testing
