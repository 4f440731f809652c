// AmazonSSM.DescribeParameters through the Router, over a ParameterListingService
// on FakeParameterListing: the ParameterMetadata shape, filters, MaxResults and
// NextToken paging.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "common/next_token.h"
#include "router_fixture.h"

namespace paramsafe::adapters::testing {
namespace {

using core::testing::SealedVersion;

class AdaptersSsmDescribeParameters : public RouterTest {
 protected:
  void Add(const std::string& name, const std::string& type = core::kTypeString,
           std::int64_t version = 1) {
    listing_repo_.Add(SealedVersion(keyring_, name, version, "value-of-" + name, type));
  }
  Response Describe(std::string_view body) { return Ssm("DescribeParameters", body); }
  Response Describe(const boost::json::object& body) { return Ssm("DescribeParameters", body); }

  static std::vector<std::string> Names(const boost::json::object& body) {
    std::vector<std::string> out;
    for (const auto& p : body.at("Parameters").as_array()) out.push_back(Str(p.at("Name")));
    return out;
  }
  // Follows NextToken to the end; every name in the order listed.
  std::vector<std::string> All(boost::json::object req, int* pages = nullptr) {
    std::vector<std::string> out;
    for (int guard = 0; guard < 1000; ++guard) {
      boost::json::object body = ExpectOk(Describe(req));
      if (!body.contains("Parameters")) break;
      for (const std::string& n : Names(body)) out.push_back(n);
      if (pages) ++*pages;
      if (!body.contains("NextToken")) break;
      EXPECT_FALSE(Str(body.at("NextToken")).empty());
      req["NextToken"] = body.at("NextToken");
    }
    return out;
  }
  static boost::json::object Req(std::string_view json) {
    return boost::json::parse(json).as_object();
  }
};

TEST_F(AdaptersSsmDescribeParameters, EmptyStoreAnswersAnEmptyList) {
  boost::json::object body = ExpectOk(Describe("{}"));
  EXPECT_EQ(boost::json::serialize(body), R"({"Parameters":[]})");
}

TEST_F(AdaptersSsmDescribeParameters, AnswersTheMetadataShape) {
  core::ParameterVersion v = SealedVersion(keyring_, "/app/db", 3, "pw", core::kTypeSecureString);
  v.attributes.description = "the password";
  v.attributes.allowed_pattern = ".*";
  v.attributes.tier = "Advanced";
  v.attributes.policies =
      R"([{"Type":"Expiration","Version":"1.0","Attributes":{"Timestamp":"2030-01-01T00:00:00.000Z"}}])";
  v.policy_statuses = {"Pending"};
  listing_repo_.Add(v);
  boost::json::object body = ExpectOk(Describe("{}"));
  ASSERT_EQ(body.at("Parameters").as_array().size(), 1u);
  const boost::json::object& p = body.at("Parameters").as_array()[0].as_object();
  std::set<std::string> members;
  for (const auto& kv : p) members.insert(std::string(kv.key()));
  EXPECT_EQ(members, (std::set<std::string>{"Name", "Type", "KeyId", "LastModifiedDate",
                                            "LastModifiedUser", "Description", "AllowedPattern",
                                            "Version", "Tier", "Policies", "DataType", "ARN"}));
  EXPECT_EQ(Str(p.at("Name")), "/app/db");
  EXPECT_EQ(Str(p.at("Type")), "SecureString");
  EXPECT_EQ(Str(p.at("KeyId")), "alias/aws/ssm");
  EXPECT_DOUBLE_EQ(p.at("LastModifiedDate").as_double(), 1712345678.901);
  EXPECT_EQ(Str(p.at("LastModifiedUser")), "arn:aws:iam::123456789012:user/tester");
  EXPECT_EQ(p.at("Version").as_int64(), 3);
  EXPECT_EQ(Str(p.at("Tier")), "Advanced");
  EXPECT_EQ(Str(p.at("DataType")), "text");
  EXPECT_EQ(Str(p.at("ARN")), "arn:aws:ssm:us-east-1:123456789012:parameter/app/db");
  const auto& policies = p.at("Policies").as_array();
  ASSERT_EQ(policies.size(), 1u);
  EXPECT_EQ(Str(policies[0].at("PolicyType")), "Expiration");
  EXPECT_EQ(Str(policies[0].at("PolicyStatus")), "Pending");
  EXPECT_TRUE(keyring_.open_calls().empty()) << "metadata never opens a value";
}

TEST_F(AdaptersSsmDescribeParameters, PlainParametersHaveNoKeyIdAndEmptyPolicies) {
  Add("plain");
  boost::json::object body = ExpectOk(Describe("{}"));
  const boost::json::object& p = body.at("Parameters").as_array()[0].as_object();
  EXPECT_FALSE(p.contains("KeyId"));
  EXPECT_FALSE(p.contains("Value"));
  EXPECT_TRUE(p.at("Policies").as_array().empty());
}

TEST_F(AdaptersSsmDescribeParameters, MaxResultsIsOneToFifty) {
  ExpectOk(Describe(R"({"MaxResults": 1})"));
  ExpectOk(Describe(R"({"MaxResults": 50})"));
  boost::json::object zero = ExpectError(Describe(R"({"MaxResults": 0})"), "ValidationException");
  EXPECT_EQ(ErrorMessage(zero),
            "1 validation error detected: Value '0' at 'maxResults' failed to satisfy "
            "constraint: Member must have value greater than or equal to 1");
  boost::json::object over = ExpectError(Describe(R"({"MaxResults": 51})"), "ValidationException");
  EXPECT_EQ(ErrorMessage(over),
            "1 validation error detected: Value '51' at 'maxResults' failed to satisfy "
            "constraint: Member must have value less than or equal to 50");
}

TEST_F(AdaptersSsmDescribeParameters, AbsentMaxResultsMeansFifty) {
  ExpectOk(Describe("{}"));
  ASSERT_EQ(listing_repo_.queries().size(), 1u);
  EXPECT_EQ(listing_repo_.queries()[0].page_size, 50);
  EXPECT_EQ(listing_repo_.queries()[0].scan_limit, 500);
  EXPECT_EQ(listing_repo_.queries()[0].account_id, kAccount);
  EXPECT_EQ(listing_repo_.queries()[0].region, kRegion);
}

TEST_F(AdaptersSsmDescribeParameters, PagesListEveryParameterExactlyOnce) {
  std::set<std::string> expected;
  for (int i = 0; i < 260; ++i) {
    std::string name = i % 3 == 0 ? "p" + std::to_string(i) : "/d" + std::to_string(i % 5) +
                                                                  "/p" + std::to_string(i);
    expected.insert(name);
    Add(name);
  }
  int pages = 0;
  std::vector<std::string> all = All(Req(R"({"MaxResults": 7})"), &pages);
  EXPECT_EQ(all.size(), expected.size());
  EXPECT_EQ(std::set<std::string>(all.begin(), all.end()), expected);
  EXPECT_GE(pages, 38);
}

TEST_F(AdaptersSsmDescribeParameters, LastPageHasNoNextToken) {
  Add("/a");
  Add("/b");
  boost::json::object first = ExpectOk(Describe(R"({"MaxResults": 1})"));
  ASSERT_TRUE(first.contains("NextToken"));
  boost::json::object req = Req(R"({"MaxResults": 1})");
  req["NextToken"] = first.at("NextToken");
  boost::json::object second = ExpectOk(Describe(req));
  EXPECT_EQ(Names(second), (std::vector<std::string>{"/b"}));
  EXPECT_FALSE(second.contains("NextToken"));
}

TEST_F(AdaptersSsmDescribeParameters, PageSizeMayChangeBetweenPages) {
  for (int i = 0; i < 10; ++i) Add("/p/" + std::to_string(i));
  boost::json::object first = ExpectOk(Describe(R"({"MaxResults": 3})"));
  boost::json::object req = Req(R"({"MaxResults": 50})");
  req["NextToken"] = first.at("NextToken");
  boost::json::object rest = ExpectOk(Describe(req));
  EXPECT_EQ(Names(first).size() + Names(rest).size(), 10u);
  EXPECT_FALSE(rest.contains("NextToken"));
}

TEST_F(AdaptersSsmDescribeParameters, SparseFiltersStillReachEveryMatch) {
  std::vector<std::string> secure;
  for (int i = 0; i < 600; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "/s/%03d", i);
    bool is_secure = i % 97 == 5;
    Add(name, is_secure ? core::kTypeSecureString : core::kTypeString);
    if (is_secure) secure.push_back(name);
  }
  int pages = 0;
  std::vector<std::string> all = All(
      Req(R"({"MaxResults": 2, "ParameterFilters": [{"Key": "Type", "Values": ["SecureString"]}]})"),
      &pages);
  EXPECT_EQ(all, secure);
  EXPECT_LE(listing_repo_.max_examined(), 50) << "a page's work is bounded";
  EXPECT_GT(pages, static_cast<int>(secure.size()) / 2) << "pages may be short or empty";
}

TEST_F(AdaptersSsmDescribeParameters, PagesOfAnUnchangedSetSurviveConcurrentWrites) {
  for (int i = 10; i < 40; ++i) Add("/c/" + std::to_string(i));
  boost::json::object first = ExpectOk(Describe(R"({"MaxResults": 10})"));
  std::vector<std::string> seen = Names(first);
  ASSERT_EQ(seen.back(), "/c/19");
  // Meanwhile: an insert before the resume point, one after it, and the
  // delete of an item already listed. The unchanged items still come once.
  Add("/c/0");
  Add("/c/99");
  listing_repo_.Remove("/c/12");
  boost::json::object req = Req("{}");
  req["NextToken"] = first.at("NextToken");
  std::vector<std::string> rest = All(req);
  seen.insert(seen.end(), rest.begin(), rest.end());
  std::vector<std::string> expected;
  for (int i = 10; i < 40; ++i) expected.push_back("/c/" + std::to_string(i));
  expected.push_back("/c/99");
  EXPECT_EQ(seen, expected);
}

TEST_F(AdaptersSsmDescribeParameters, NameFilterFindsATopLevelNameEitherWay) {
  Add("/solo");
  Add("solo2");
  Add("/solo/child");
  EXPECT_EQ(All(Req(R"({"ParameterFilters": [{"Key": "Name", "Values": ["solo"]}]})")),
            (std::vector<std::string>{"/solo"}));
  EXPECT_EQ(All(Req(R"({"ParameterFilters": [{"Key": "Name", "Values": ["/solo2"]}]})")),
            (std::vector<std::string>{"solo2"}));
  EXPECT_EQ(All(Req(R"({"ParameterFilters": [{"Key": "Name", "Option": "BeginsWith",
                                               "Values": ["/solo"]}]})")),
            (std::vector<std::string>{"/solo/child", "/solo", "solo2"}));
}

TEST_F(AdaptersSsmDescribeParameters, PathFilterOneLevelAndRecursive) {
  for (const char* n : {"/a", "/a/b", "/a/b/c", "/a/d", "/x", "top"}) Add(n);
  EXPECT_EQ(All(Req(R"({"ParameterFilters": [{"Key": "Path", "Values": ["/a"]}]})")),
            (std::vector<std::string>{"/a/b", "/a/d"}));
  EXPECT_EQ(All(Req(R"({"ParameterFilters": [{"Key": "Path", "Option": "Recursive",
                                               "Values": ["/a/"]}]})")),
            (std::vector<std::string>{"/a/b", "/a/b/c", "/a/d"}));
  EXPECT_EQ(All(Req(R"({"ParameterFilters": [{"Key": "Path", "Values": ["/"]}]})")),
            (std::vector<std::string>{"/a", "top", "/x"}));
}

TEST_F(AdaptersSsmDescribeParameters, TagFilters) {
  Add("/t/1");
  Add("/t/2");
  Add("/t/3");
  listing_repo_.SetTag("/t/1", "env", "prod");
  listing_repo_.SetTag("/t/2", "env", "preprod");
  listing_repo_.SetTag("/t/3", "team", "x");
  EXPECT_EQ(All(Req(R"({"ParameterFilters": [{"Key": "tag:env", "Values": ["prod"]}]})")),
            (std::vector<std::string>{"/t/1"}));
  EXPECT_EQ(All(Req(R"({"ParameterFilters": [{"Key": "tag:env", "Option": "BeginsWith",
                                               "Values": ["pr"]}]})")),
            (std::vector<std::string>{"/t/1", "/t/2"}));
  EXPECT_EQ(All(Req(R"({"ParameterFilters": [{"Key": "tag:team"}]})")),
            (std::vector<std::string>{"/t/3"}));
}

TEST_F(AdaptersSsmDescribeParameters, LegacyFilters) {
  Add("/app/a", core::kTypeSecureString);
  Add("/app/b");
  Add("/other/c", core::kTypeSecureString);
  EXPECT_EQ(All(Req(R"({"Filters": [{"Key": "Name", "Values": ["/app/"]},
                                     {"Key": "Type", "Values": ["SecureString"]}]})")),
            (std::vector<std::string>{"/app/a"}));
  EXPECT_EQ(All(Req(R"({"Filters": [{"Key": "KeyId", "Values": ["alias/aws/ssm"]}]})")),
            (std::vector<std::string>{"/app/a", "/other/c"}));
}

TEST_F(AdaptersSsmDescribeParameters, FiltersAndParameterFiltersTogetherAreRefused) {
  boost::json::object body = ExpectError(
      Describe(R"({"Filters": [{"Key": "Name", "Values": ["a"]}],
                   "ParameterFilters": [{"Key": "Name", "Values": ["a"]}]})"),
      "ValidationException");
  EXPECT_EQ(ErrorMessage(body), "You can use either Filters or ParameterFilters in a single request.");
}

TEST_F(AdaptersSsmDescribeParameters, FilterErrorsUseTheModelsMessageMember) {
  boost::json::object key =
      ExpectError(Describe(R"({"ParameterFilters": [{"Key": "Label", "Values": ["x"]}]})"),
                  "InvalidFilterKey");
  EXPECT_EQ(Str(key.at("message")),
            "The following filter key is not valid: Label. Valid filter keys include: [Path, "
            "Name, Type, KeyId, Tier].");
  boost::json::object value =
      ExpectError(Describe(R"({"ParameterFilters": [{"Key": "Name"}]})"), "InvalidFilterValue");
  EXPECT_EQ(Str(value.at("Message")),
            "The following filter values are missing : null for filter key Name.");
  boost::json::object option = ExpectError(
      Describe(R"({"ParameterFilters": [{"Key": "Path", "Option": "Equals", "Values": ["/a"]}]})"),
      "InvalidFilterOption");
  EXPECT_EQ(Str(option.at("message")),
            "The following filter option is not valid: Equals. Valid options include: "
            "[Recursive, OneLevel].");
  ExpectError(Describe(R"({"ParameterFilters": [{"Key": "Path", "Values": ["/aws/x"]}]})"),
              "ValidationException");
}

TEST_F(AdaptersSsmDescribeParameters, SharedListsNothing) {
  Add("/a");
  boost::json::object body = ExpectOk(Describe(R"({"Shared": true})"));
  EXPECT_EQ(boost::json::serialize(body), R"({"Parameters":[]})");
  EXPECT_TRUE(listing_repo_.queries().empty());
  EXPECT_EQ(Names(ExpectOk(Describe(R"({"Shared": false})"))), (std::vector<std::string>{"/a"}));
}

TEST_F(AdaptersSsmDescribeParameters, TokenOfAnotherFilterIsInvalid) {
  for (int i = 0; i < 5; ++i) Add("/p/" + std::to_string(i));
  boost::json::object first = ExpectOk(Describe(R"({"MaxResults": 1})"));
  boost::json::object req =
      Req(R"({"ParameterFilters": [{"Key": "Name", "Option": "BeginsWith", "Values": ["/p"]}]})");
  req["NextToken"] = first.at("NextToken");
  boost::json::object body = ExpectError(Describe(req), "InvalidNextToken");
  EXPECT_EQ(Str(body.at("Message")), "The specified token isn't valid.");
}

TEST_F(AdaptersSsmDescribeParameters, TokenOfAnotherOperationIsInvalid) {
  std::string by_path_token = EncodeNextToken("GetParametersByPath", "", "/p/1");
  boost::json::object req;
  req["NextToken"] = by_path_token;
  ExpectError(Describe(req), "InvalidNextToken");
}

TEST_F(AdaptersSsmDescribeParameters, AlteredTokenIsInvalid) {
  for (int i = 0; i < 5; ++i) Add("/p/" + std::to_string(i));
  std::string token = Str(ExpectOk(Describe(R"({"MaxResults": 2})")).at("NextToken"));
  for (std::size_t at : {std::size_t{0}, std::size_t{3}, token.size() - 1}) {
    std::string altered = token;
    altered[at] = altered[at] == 'a' ? 'b' : 'a';
    boost::json::object req;
    req["NextToken"] = altered;
    ExpectError(Describe(req), "InvalidNextToken");
  }
  boost::json::object truncated;
  truncated["NextToken"] = token.substr(0, token.size() - 2);
  ExpectError(Describe(truncated), "InvalidNextToken");
  boost::json::object garbage;
  garbage["NextToken"] = "not a token";
  ExpectError(Describe(garbage), "InvalidNextToken");
}

TEST_F(AdaptersSsmDescribeParameters, WrongMemberTypesAreSerializationExceptions) {
  ExpectError(Describe(R"({"MaxResults": "5"})"), "SerializationException");
  ExpectError(Describe(R"({"NextToken": 5})"), "SerializationException");
  ExpectError(Describe(R"({"ParameterFilters": "Name"})"), "SerializationException");
}

}  // namespace
}  // namespace paramsafe::adapters::testing
