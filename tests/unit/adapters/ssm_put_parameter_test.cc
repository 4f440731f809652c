// AmazonSSM.PutParameter through the Router, over a ParameterService on fakes.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "router_fixture.h"

namespace paramsafe::adapters::testing {
namespace {

class AdaptersSsmPutParameter : public RouterTest {
 protected:
  Response Put(std::string_view body) { return Ssm("PutParameter", body); }
  Response Put(const boost::json::object& body) { return Ssm("PutParameter", body); }
};

TEST_F(AdaptersSsmPutParameter, CreateAnswersVersionAndTier) {
  Response r = Put(R"({"Name": "/a", "Value": "v", "Type": "String"})");
  boost::json::object body = ExpectOk(r);
  EXPECT_EQ(body.size(), 2u) << Show(r);
  EXPECT_EQ(body.at("Version").as_int64(), 1);
  EXPECT_EQ(Str(body.at("Tier")), "Standard");
}

TEST_F(AdaptersSsmPutParameter, OverwriteAnswersTheNextVersion) {
  ExpectOk(Put(R"({"Name": "/a", "Value": "v1", "Type": "String"})"));
  boost::json::object body = ExpectOk(Put(R"({"Name": "/a", "Value": "v2", "Overwrite": true})"));
  EXPECT_EQ(body.at("Version").as_int64(), 2);
}

TEST_F(AdaptersSsmPutParameter, ValueReferencingAnotherParameterIsRefusedAndNotWritten) {
  for (const char* value : {"{{ssm:/other}}", "prefix {{x}} suffix", "{{}}"}) {
    boost::json::object req{{"Name", "/ref"}, {"Value", value}, {"Type", "String"}};
    boost::json::object body = ExpectError(Put(req), "ValidationException");
    EXPECT_EQ(ErrorMessage(body),
              "Parameter value can't nest another parameter. Do not use \"{{}}\" in the value.");
  }
  EXPECT_EQ(repo_.ItemCount(), 0u);
  // Braces that do not form a reference are plain text.
  for (const char* value : {"{x}", "{{ unclosed", "}} {{", "{\"json\": {}}"}) {
    boost::json::object req{{"Name", "/ref"}, {"Value", value}, {"Type", "String"},
                            {"Overwrite", true}};
    ExpectOk(Put(req));
  }
}

TEST_F(AdaptersSsmPutParameter, ExistingNameWithoutOverwriteIsAlreadyExists) {
  ExpectOk(Put(R"({"Name": "/a", "Value": "v1", "Type": "String"})"));
  ExpectError(Put(R"({"Name": "/a", "Value": "v2", "Type": "String"})"),
              "ParameterAlreadyExists");
}

TEST_F(AdaptersSsmPutParameter, AnswersTheTierIntelligentTieringChose) {
  boost::json::object req{{"Name", "/big"},
                          {"Value", std::string(5000, 'x')},
                          {"Type", "String"},
                          {"Tier", "Intelligent-Tiering"}};
  EXPECT_EQ(Str(ExpectOk(Put(req)).at("Tier")), "Advanced");
}

TEST_F(AdaptersSsmPutParameter, MissingNameAndValueAreTwoViolations) {
  Response r = Put("{}");
  EXPECT_EQ(ErrorMessage(ExpectError(r, "ValidationException")),
            "2 validation errors detected: Value null at 'name' failed to satisfy constraint: "
            "Member must not be null; Value null at 'value' failed to satisfy constraint: Member "
            "must not be null");
}

TEST_F(AdaptersSsmPutParameter, EmptyValueIsAValidationError) {
  Response r = Put(R"({"Name": "/a", "Value": "", "Type": "String"})");
  EXPECT_NE(ErrorMessage(ExpectError(r, "ValidationException"))
                .find("at 'value' failed to satisfy constraint: Member must have length greater "
                      "than or equal to 1"),
            std::string::npos);
}

TEST_F(AdaptersSsmPutParameter, MissingTypeOnCreateHasAwsText) {
  Response r = Put(R"({"Name": "/a", "Value": "v"})");
  EXPECT_EQ(ErrorMessage(ExpectError(r, "ValidationException")),
            "A parameter type is required when you create a parameter.");
}

TEST_F(AdaptersSsmPutParameter, TypeOutsideTheEnumIsAValidationError) {
  Response r = Put(R"({"Name": "/a", "Value": "v", "Type": "Integer"})");
  EXPECT_NE(ErrorMessage(ExpectError(r, "ValidationException"))
                .find("Value 'Integer' at 'type' failed to satisfy constraint: Member must "
                      "satisfy enum value set"),
            std::string::npos);
}

TEST_F(AdaptersSsmPutParameter, TierOutsideTheEnumIsAValidationError) {
  ExpectError(Put(R"({"Name": "/a", "Value": "v", "Type": "String", "Tier": "Premium"})"),
              "ValidationException");
}

TEST_F(AdaptersSsmPutParameter, OverwriteAsAStringIsSerializationException) {
  ExpectError(Put(R"({"Name": "/a", "Value": "v", "Type": "String", "Overwrite": "true"})"),
              "SerializationException");
}

TEST_F(AdaptersSsmPutParameter, TagsWithOverwriteHaveAwsText) {
  Response r = Put(R"({"Name": "/a", "Value": "v", "Type": "String", "Overwrite": true,
                       "Tags": [{"Key": "k", "Value": "v"}]})");
  EXPECT_EQ(ErrorMessage(ExpectError(r, "ValidationException")),
            "Invalid request: tags and overwrite can't be used together. To create a parameter "
            "with tags, please remove overwrite flag. To update tags for an existing parameter, "
            "please use AddTagsToResource or RemoveTagsFromResource.");
}

TEST_F(AdaptersSsmPutParameter, TagsOnCreateAreAccepted) {
  boost::json::object body = ExpectOk(Put(R"({"Name": "/a", "Value": "v", "Type": "String",
                                             "Tags": [{"Key": "env", "Value": "prod"}]})"));
  EXPECT_EQ(body.at("Version").as_int64(), 1);
}

TEST_F(AdaptersSsmPutParameter, AnEmptyTagListWithOverwriteIsStillRefused) {
  ExpectOk(Put(R"({"Name": "/a", "Value": "v1", "Type": "String"})"));
  ExpectError(Put(R"({"Name": "/a", "Value": "v2", "Overwrite": true, "Tags": []})"),
              "ValidationException");
  EXPECT_EQ(repo_.Latest(Key("/a"))->version, 1);
}

TEST_F(AdaptersSsmPutParameter, AReservedTagKeyIsAValidationError) {
  Response r = Put(R"({"Name": "/a", "Value": "v", "Type": "String",
                       "Tags": [{"Key": "aws:owner", "Value": "me"}]})");
  ExpectError(r, "ValidationException");
  EXPECT_EQ(repo_.ItemCount(), 0u);
}

TEST_F(AdaptersSsmPutParameter, FiftyOneTagsAreTooManyTags) {
  boost::json::array tags;
  for (int i = 0; i < 51; ++i) tags.push_back({{"Key", "k" + std::to_string(i)}, {"Value", "v"}});
  boost::json::object req{{"Name", "/a"}, {"Value", "v"}, {"Type", "String"}, {"Tags", tags}};
  Response r = Put(req);
  EXPECT_EQ(ErrorMessage(ExpectError(r, "TooManyTagsError")),
            "The resource can have at most 50 tags. Remove one or more tags and try again.");
  EXPECT_EQ(repo_.ItemCount(), 0u);
}

TEST_F(AdaptersSsmPutParameter, ATagKeyBreakingTheModelIsAValidationError) {
  Response r = Put(R"({"Name": "/a", "Value": "v", "Type": "String",
                       "Tags": [{"Key": "", "Value": "v"}]})");
  EXPECT_NE(ErrorMessage(ExpectError(r, "ValidationException"))
                .find("at 'tags.1.member.key' failed to satisfy constraint: Member must have "
                      "length greater than or equal to 1"),
            std::string::npos);
  EXPECT_EQ(repo_.ItemCount(), 0u);
}

TEST_F(AdaptersSsmPutParameter, TagsThatAreNotAListAreASerializationError) {
  ExpectError(Put(R"({"Name": "/a", "Value": "v", "Type": "String", "Tags": {"env": "prod"}})"),
              "SerializationException");
  EXPECT_EQ(repo_.ItemCount(), 0u);
}

// The tags reach the core with the new parameter, in request order.
TEST_F(AdaptersSsmPutParameter, HandsTagsToTheNewParameter) {
  Response r = router_.Handle("AmazonSSM.PutParameter", "ssm", TestContext(),
                              R"({"Name": "/a", "Value": "v", "Type": "String",
                                  "Tags": [{"Key": "team", "Value": "core"},
                                           {"Key": "env", "Value": ""}]})");
  ASSERT_EQ(r.http_status, 200) << Show(r);
  ASSERT_TRUE(capture_.last.has_value());
  EXPECT_EQ(capture_.last->tags, (std::vector<core::Tag>{{"team", "core"}, {"env", ""}}));
}

TEST_F(AdaptersSsmPutParameter, HandsThePolicyJobs) {
  Response r = router_.Handle(
      "AmazonSSM.PutParameter", "ssm", TestContext(),
      R"({"Name": "/a", "Value": "v", "Type": "String", "Tier": "Advanced",
          "Policies": "[{\"Type\":\"NoChangeNotification\",\"Version\":\"1.0\",\"Attributes\":{\"After\":\"3\",\"Unit\":\"Days\"}}]"})");
  ASSERT_EQ(r.http_status, 200) << Show(r);
  ASSERT_TRUE(capture_.last.has_value());
  ASSERT_TRUE(capture_.last->policy_jobs.has_value());
  ASSERT_EQ(capture_.last->policy_jobs->size(), 1u);
  EXPECT_EQ((*capture_.last->policy_jobs)[0].kind, "parameter-no-change-notification");
  EXPECT_EQ((*capture_.last->policy_jobs)[0].period, std::chrono::hours(72));
}

// --- Policies -------------------------------------------------------------------

const char kExpiring[] =
    R"([{"Type":"Expiration","Version":"1.0","Attributes":{"Timestamp":"2099-01-01T00:00:00.000Z"}}])";

boost::json::object WithPolicies(std::string policies, std::optional<std::string> tier,
                                 const std::string& name = "/p") {
  boost::json::object req{{"Name", name}, {"Value", "v"}, {"Type", "String"},
                          {"Policies", policies}};
  if (tier) req["Tier"] = *tier;
  return req;
}

TEST_F(AdaptersSsmPutParameter, PoliciesAreStoredInCompactForm) {
  boost::json::object body = ExpectOk(Put(WithPolicies(
      R"([ {"Type": "Expiration", "Version": "1.0",
             "Attributes": {"Timestamp": "2099-01-01T00:00:00.000Z"}} ])",
      "Advanced")));
  EXPECT_EQ(Str(body.at("Tier")), "Advanced");
  EXPECT_EQ(repo_.Latest(Key("/p"))->attributes.policies, kExpiring);
}

TEST_F(AdaptersSsmPutParameter, IntelligentTieringWithPoliciesAnswersAdvanced) {
  boost::json::object body = ExpectOk(Put(WithPolicies(kExpiring, "Intelligent-Tiering")));
  EXPECT_EQ(Str(body.at("Tier")), "Advanced");
  EXPECT_EQ(repo_.Latest(Key("/p"))->attributes.tier, "Advanced");
}

TEST_F(AdaptersSsmPutParameter, PoliciesWithTierStandardAreAValidationError) {
  Response r = Put(WithPolicies(kExpiring, "Standard"));
  EXPECT_EQ(ErrorMessage(ExpectError(r, "ValidationException")),
            "Parameter policies are supported only for advanced-tier parameters. To attach "
            "policies, set the tier to Advanced or Intelligent-Tiering.");
  EXPECT_EQ(repo_.ItemCount(), 0u);
}

// The default tier is Standard, as on AWS before an account changes its setting.
TEST_F(AdaptersSsmPutParameter, PoliciesWithoutATierAreAValidationError) {
  Response r = Put(WithPolicies(kExpiring, std::nullopt));
  EXPECT_EQ(ErrorMessage(ExpectError(r, "ValidationException")),
            "Parameter policies are supported only for advanced-tier parameters. To attach "
            "policies, set the tier to Advanced or Intelligent-Tiering.");
  EXPECT_EQ(repo_.ItemCount(), 0u);
}

TEST_F(AdaptersSsmPutParameter, AnOverwriteWithoutPoliciesKeepsThem) {
  ExpectOk(Put(WithPolicies(kExpiring, "Advanced")));
  boost::json::object body = ExpectOk(Put(R"({"Name": "/p", "Value": "v2", "Overwrite": true})"));
  EXPECT_EQ(Str(body.at("Tier")), "Advanced");
  EXPECT_EQ(repo_.Latest(Key("/p"))->attributes.policies, kExpiring);
}

TEST_F(AdaptersSsmPutParameter, AnEmptyListClearsThePolicies) {
  ExpectOk(Put(WithPolicies(kExpiring, "Advanced")));
  boost::json::object req = WithPolicies("[]", std::nullopt);
  req["Overwrite"] = true;
  ExpectOk(Put(req));
  EXPECT_EQ(repo_.Latest(Key("/p"))->version, 2);
  EXPECT_FALSE(repo_.Latest(Key("/p"))->attributes.policies.has_value());
}

TEST_F(AdaptersSsmPutParameter, AListOfAnEmptyObjectClearsThePolicies) {
  ExpectOk(Put(WithPolicies(kExpiring, "Advanced")));
  boost::json::object req = WithPolicies("[{}]", std::nullopt);
  req["Overwrite"] = true;
  ExpectOk(Put(req));
  EXPECT_FALSE(repo_.Latest(Key("/p"))->attributes.policies.has_value());
}

TEST_F(AdaptersSsmPutParameter, AnEmptyListOnAStandardCreateIsFine) {
  boost::json::object body = ExpectOk(Put(WithPolicies("[]", std::nullopt)));
  EXPECT_EQ(Str(body.at("Tier")), "Standard");
}

TEST_F(AdaptersSsmPutParameter, PoliciesThatAreNotAListHaveAwsText) {
  const std::string one =
      R"({"Type":"Expiration","Version":"1.0","Attributes":{"Timestamp":"2099-01-01T00:00:00.000Z"}})";
  Response r = Put(WithPolicies(one, "Advanced"));
  EXPECT_EQ(ErrorMessage(ExpectError(r, "ValidationException")),
            "Invalid policies input: " + one + ".");
  EXPECT_EQ(repo_.ItemCount(), 0u);
}

TEST_F(AdaptersSsmPutParameter, AnUnknownPolicyTypeIsInvalidPolicyType) {
  Response r = Put(WithPolicies(R"([{"Type":"Rotation","Version":"1.0","Attributes":{}}])",
                                "Advanced"));
  EXPECT_EQ(ErrorMessage(ExpectError(r, "InvalidPolicyTypeException")),
            "Policy type Rotation is not supported. Supported policy types: Expiration, "
            "ExpirationNotification, NoChangeNotification.");
  EXPECT_EQ(repo_.ItemCount(), 0u);
}

TEST_F(AdaptersSsmPutParameter, AMissingAttributeIsInvalidPolicyAttribute) {
  Response r = Put(WithPolicies(
      R"([{"Type":"NoChangeNotification","Version":"1.0","Attributes":{"Unit":"Days"}}])",
      "Advanced"));
  EXPECT_EQ(ErrorMessage(ExpectError(r, "InvalidPolicyAttributeException")),
            "Mandatory policy attribute After is missing.");
}

TEST_F(AdaptersSsmPutParameter, AnExpirationInThePastIsInvalidPolicyAttribute) {
  Response r = Put(WithPolicies(
      R"([{"Type":"Expiration","Version":"1.0","Attributes":{"Timestamp":"2020-05-13T00:00:00.000Z"}}])",
      "Advanced"));
  EXPECT_EQ(ErrorMessage(ExpectError(r, "InvalidPolicyAttributeException")),
            "The Timestamp of an Expiration policy must be in the future.");
  EXPECT_EQ(repo_.ItemCount(), 0u);
}

TEST_F(AdaptersSsmPutParameter, TwoExpirationsAreIncompatible) {
  const std::string one =
      R"({"Type":"Expiration","Version":"1.0","Attributes":{"Timestamp":"2099-01-01T00:00:00Z"}})";
  Response r = Put(WithPolicies("[" + one + "," + one + "]", "Advanced"));
  EXPECT_EQ(ErrorMessage(ExpectError(r, "IncompatiblePolicyException")),
            "There can be only one expiration policy");
}

TEST_F(AdaptersSsmPutParameter, ElevenPoliciesExceedTheLimit) {
  std::string list = "[";
  for (int i = 0; i < 11; ++i) {
    list += std::string(i ? "," : "") +
            R"({"Type":"NoChangeNotification","Version":"1.0","Attributes":{"After":"1","Unit":"Days"}})";
  }
  Response r = Put(WithPolicies(list + "]", "Advanced"));
  EXPECT_EQ(ErrorMessage(ExpectError(r, "PoliciesLimitExceededException")),
            "Number of policies attached to a parameter cannot exceed 10");
  EXPECT_EQ(repo_.ItemCount(), 0u);
}

TEST_F(AdaptersSsmPutParameter, EmptyPoliciesStringIsAValidationError) {
  EXPECT_NE(ErrorMessage(ExpectError(Put(WithPolicies("", "Advanced")), "ValidationException"))
                .find("at 'policies' failed to satisfy constraint: Member must have length "
                      "greater than or equal to 1"),
            std::string::npos);
}

TEST_F(AdaptersSsmPutParameter, PoliciesAsAJsonListAreASerializationError) {
  ExpectError(Put(R"({"Name": "/p", "Value": "v", "Type": "String", "Tier": "Advanced",
                      "Policies": [{"Type": "Expiration"}]})"),
              "SerializationException");
}

TEST_F(AdaptersSsmPutParameter, ImageDataTypeRefusesANonAmiValue) {
  Response r = Put(
      R"({"Name": "/ami", "Value": "not-an-ami", "Type": "String", "DataType": "aws:ec2:image"})");
  ExpectError(r, "ValidationException");
  EXPECT_EQ(repo_.ItemCount(), 0u);
}

TEST_F(AdaptersSsmPutParameter, ImageDataTypeAcceptsAnAmiId) {
  ExpectOk(Put(
      R"({"Name": "/ami", "Value": "ami-0abcdef1234567890", "Type": "String", "DataType": "aws:ec2:image"})"));
  ExpectOk(Put(
      R"({"Name": "/ami2", "Value": "ami-12345678", "Type": "String", "DataType": "aws:ec2:image"})"));
}

TEST_F(AdaptersSsmPutParameter, ImageDataTypeNeedsTypeString) {
  ExpectError(Put(R"({"Name": "/ami", "Value": "ami-12345678", "Type": "SecureString",
                      "DataType": "aws:ec2:image"})"),
              "ValidationException");
}

TEST_F(AdaptersSsmPutParameter, UnsupportedDataTypeHasAwsText) {
  Response r = Put(R"({"Name": "/a", "Value": "v", "Type": "String", "DataType": "Text"})");
  EXPECT_EQ(ErrorMessage(ExpectError(r, "ValidationException")),
            "The following data type is not supported: Text (Data type names are all "
            "lowercase.)");
}

TEST_F(AdaptersSsmPutParameter, TextDataTypeIsAccepted) {
  ExpectOk(Put(R"({"Name": "/a", "Value": "v", "Type": "String", "DataType": "text"})"));
}

TEST_F(AdaptersSsmPutParameter, ReservedAwsPathIsAccessDenied) {
  Response r = Put(R"({"Name": "/aws/x/y", "Value": "v", "Type": "String"})");
  EXPECT_EQ(ErrorMessage(ExpectError(r, "AccessDeniedException")),
            "No access to reserved parameter name: /aws/x/y.");
}

TEST_F(AdaptersSsmPutParameter, ReservedPrefixIsAValidationError) {
  Response r = Put(R"({"Name": "ssmTest", "Value": "v", "Type": "String"})");
  EXPECT_EQ(ErrorMessage(ExpectError(r, "ValidationException")),
            "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive).");
}

TEST_F(AdaptersSsmPutParameter, SixteenLevelsExceedTheHierarchy) {
  ExpectError(Put(R"({"Name": "/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16", "Value": "v",
                      "Type": "String"})"),
              "HierarchyLevelLimitExceededException");
}

TEST_F(AdaptersSsmPutParameter, NameLongerThanTheModelAllowsIsAValidationError) {
  boost::json::object req{{"Name", "/" + std::string(2048, 'n')}, {"Value", "v"}, {"Type", "String"}};
  EXPECT_NE(ErrorMessage(ExpectError(Put(req), "ValidationException"))
                .find("Member must have length less than or equal to 2048"),
            std::string::npos);
}

TEST_F(AdaptersSsmPutParameter, KeyIdWithStringIsAValidationError) {
  ExpectError(Put(R"({"Name": "/a", "Value": "v", "Type": "String", "KeyId": "alias/aws/ssm"})"),
              "ValidationException");
}

TEST_F(AdaptersSsmPutParameter, KeyIdBreakingThePatternIsAValidationError) {
  ExpectError(Put(R"({"Name": "/a", "Value": "v", "Type": "SecureString", "KeyId": "bad key"})"),
              "ValidationException");
}

TEST_F(AdaptersSsmPutParameter, UnknownKeyIsInvalidKeyId) {
  keyring_.MarkUnknown("alias/nope");
  ExpectError(Put(R"({"Name": "/a", "Value": "v", "Type": "SecureString", "KeyId": "alias/nope"})"),
              "InvalidKeyId");
}

TEST_F(AdaptersSsmPutParameter, PatternMismatchHasAwsTextAndNoValue) {
  Response r = Put(R"({"Name": "/s", "Value": "hunter2-secret", "Type": "SecureString",
                       "AllowedPattern": "^[0-9]+$"})");
  boost::json::object body = ExpectError(r, "ParameterPatternMismatchException");
  EXPECT_EQ(ErrorMessage(body),
            "Parameter value, cannot be validated against allowedPattern: ^[0-9]+$");
  const std::string raw(r.body.data(), r.body.size());
  EXPECT_EQ(raw.find("hunter2"), std::string::npos);
}

TEST_F(AdaptersSsmPutParameter, InvalidRegexIsInvalidAllowedPattern) {
  ExpectError(Put(R"({"Name": "/a", "Value": "v", "Type": "String", "AllowedPattern": "(["})"),
              "InvalidAllowedPatternException");
}

TEST_F(AdaptersSsmPutParameter, ValueTooLargeForStandardIsAValidationError) {
  boost::json::object req{{"Name", "/a"}, {"Value", std::string(4097, 'x')}, {"Type", "String"}};
  EXPECT_NE(ErrorMessage(ExpectError(Put(req), "ValidationException"))
                .find("Standard tier parameters support a maximum parameter value of 4096 "
                      "characters."),
            std::string::npos);
}

TEST_F(AdaptersSsmPutParameter, RecordsTheCallerAsWriter) {
  ExpectOk(Put(R"({"Name": "/a", "Value": "v", "Type": "String"})"));
  EXPECT_EQ(repo_.Latest(Key("/a"))->last_modified_user, TestContext().principal_arn);
}

TEST_F(AdaptersSsmPutParameter, UnknownMembersAreIgnored) {
  ExpectOk(Put(R"({"Name": "/a", "Value": "v", "Type": "String", "FutureMember": 1})"));
}

}  // namespace
}  // namespace paramsafe::adapters::testing
