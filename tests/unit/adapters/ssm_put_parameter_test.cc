// AmazonSSM.PutParameter through the Router, over a ParameterService on fakes.
#include <gtest/gtest.h>

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

// Not yet stored by paramsafe: refused, never silently dropped.
TEST_F(AdaptersSsmPutParameter, TagsAreRefusedHonestly) {
  Response r = Put(R"({"Name": "/a", "Value": "v", "Type": "String",
                       "Tags": [{"Key": "k", "Value": "v"}]})");
  EXPECT_NE(ErrorMessage(ExpectError(r, "ValidationException")).find("not supported"),
            std::string::npos);
  EXPECT_EQ(repo_.ItemCount(), 0u);
}

TEST_F(AdaptersSsmPutParameter, PoliciesAreRefusedHonestly) {
  boost::json::object req{
      {"Name", "/a"},
      {"Value", "v"},
      {"Type", "String"},
      {"Tier", "Advanced"},
      {"Policies",
       R"([{"Type":"Expiration","Version":"1.0","Attributes":{"Timestamp":"2030-01-01T00:00:00.000Z"}}])"}};
  Response r = Put(req);
  EXPECT_EQ(ErrorMessage(ExpectError(r, "ValidationException")),
            "Parameter policies are not supported yet by paramsafe.");
  EXPECT_EQ(repo_.ItemCount(), 0u);
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
