// secretsmanager.PutResourcePolicy, GetResourcePolicy, DeleteResourcePolicy
// and ValidateResourcePolicy through the Router, over the real policy parser
// (auth::PolicyLanguage).
#include <gtest/gtest.h>

#include <string>

#include "secretsmanager_fixture.h"

namespace paramsafe::adapters::testing {
namespace {

class AdaptersSmResourcePolicy : public SmTest {
 protected:
  static std::string Policy(const std::string& principal) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":" +
           principal + ",\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"*\"}]}";
  }
  static std::string OwnPolicy() {
    return Policy("{\"AWS\":\"arn:aws:iam::123456789012:user/ops\"}");
  }
  static std::string PublicPolicy() { return Policy("\"*\""); }

  Response PutPolicy(const std::string& id, const std::string& policy,
                     std::optional<bool> block = std::nullopt) {
    boost::json::object body{{"SecretId", id}, {"ResourcePolicy", policy}};
    if (block) body["BlockPublicPolicy"] = *block;
    return Sm("PutResourcePolicy", body);
  }
  boost::json::object GetPolicy(const std::string& id) {
    return Ok("GetResourcePolicy", {{"SecretId", id}});
  }
  boost::json::object Validate(const std::string& policy) {
    return Ok("ValidateResourcePolicy", {{"ResourcePolicy", policy}});
  }
};

TEST_F(AdaptersSmResourcePolicy, PutAnswersArnAndNameAndGetAnswersTheDocument) {
  const std::string arn = CreateArn("db", "v");
  boost::json::object put = ExpectOk(PutPolicy("db", OwnPolicy()));
  EXPECT_EQ(Str(put.at("ARN")), arn);
  EXPECT_EQ(Str(put.at("Name")), "db");
  EXPECT_EQ(put.size(), 2u);
  boost::json::object got = GetPolicy(arn);
  EXPECT_EQ(Str(got.at("ARN")), arn);
  EXPECT_EQ(Str(got.at("Name")), "db");
  EXPECT_EQ(Str(got.at("ResourcePolicy")), OwnPolicy());
}

TEST_F(AdaptersSmResourcePolicy, GetWithoutPolicyLeavesTheMemberOut) {
  CreateString("db", "v");
  boost::json::object got = GetPolicy("db");
  EXPECT_FALSE(got.contains("ResourcePolicy"));
  EXPECT_TRUE(got.contains("ARN"));
}

TEST_F(AdaptersSmResourcePolicy, DeleteRemovesItAndIsIdempotent) {
  const std::string arn = CreateArn("db", "v");
  ExpectOk(PutPolicy("db", OwnPolicy()));
  for (int i = 0; i < 2; ++i) {
    boost::json::object deleted = Ok("DeleteResourcePolicy", {{"SecretId", "db"}});
    EXPECT_EQ(Str(deleted.at("ARN")), arn);
    EXPECT_EQ(Str(deleted.at("Name")), "db");
  }
  EXPECT_FALSE(GetPolicy("db").contains("ResourcePolicy"));
}

TEST_F(AdaptersSmResourcePolicy, PutCountsAsAChange) {
  CreateString("db", "v");
  clock_.Advance(std::chrono::seconds(90));
  ExpectOk(PutPolicy("db", OwnPolicy()));
  EXPECT_DOUBLE_EQ(Describe("db").at("LastChangedDate").to_number<double>(), kNowSeconds + 90);
}

TEST_F(AdaptersSmResourcePolicy, AGrammarErrorIsAMalformedPolicyDocument) {
  const std::string arn = CreateArn("db", "v");
  const std::string no_principal =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      "\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"*\"}]}";
  EXPECT_EQ(ErrorText(PutPolicy("db", no_principal), "MalformedPolicyDocumentException"),
            "Missing required field Principal");
  EXPECT_EQ(ErrorText(PutPolicy("db", "{not json"), "MalformedPolicyDocumentException"),
            "Syntax errors in policy.");
  EXPECT_FALSE(Stored(arn)->resource_policy.has_value());
}

TEST_F(AdaptersSmResourcePolicy, BlockPublicPolicyRefusesBroadAccess) {
  const std::string arn = CreateArn("db", "v");
  EXPECT_EQ(ErrorText(PutPolicy("db", PublicPolicy(), true), "PublicPolicyException"),
            "This resource policy contains a statement that grants public access.");
  EXPECT_FALSE(Stored(arn)->resource_policy.has_value());
  // Another account is broad too; our own account is not.
  ExpectError(PutPolicy("db", Policy("{\"AWS\":\"210987654321\"}"), true), "PublicPolicyException");
  ExpectOk(PutPolicy("db", OwnPolicy(), true));
}

TEST_F(AdaptersSmResourcePolicy, WithoutBlockPublicPolicyABroadPolicyIsStored) {
  const std::string arn = CreateArn("db", "v");
  ExpectOk(PutPolicy("db", PublicPolicy()));
  ExpectOk(PutPolicy("db", PublicPolicy(), false));
  EXPECT_EQ(Stored(arn)->resource_policy, PublicPolicy());
}

TEST_F(AdaptersSmResourcePolicy, RequiredMembersAndLengthsAreChecked) {
  CreateString("db", "v");
  ExpectError(Sm("PutResourcePolicy", {{"SecretId", "db"}}), "ValidationException");
  ExpectError(Sm("PutResourcePolicy", {{"ResourcePolicy", OwnPolicy()}}), "ValidationException");
  ExpectError(PutPolicy("db", ""), "ValidationException");
  const std::string text =
      ErrorText(PutPolicy("db", std::string(20481, ' ')), "ValidationException");
  EXPECT_TRUE(Has(text, "resourcePolicy")) << text;
  // The document is not echoed back.
  EXPECT_FALSE(Has(text, std::string(100, ' '))) << text;
  ExpectError(Sm("ValidateResourcePolicy", boost::json::object{}), "ValidationException");
  ExpectError(Sm("GetResourcePolicy", boost::json::object{}), "ValidationException");
  ExpectError(Sm("DeleteResourcePolicy", boost::json::object{}), "ValidationException");
}

TEST_F(AdaptersSmResourcePolicy, UnknownSecretIsResourceNotFound) {
  ExpectError(PutPolicy("nope", OwnPolicy()), "ResourceNotFoundException");
  ExpectError(Sm("GetResourcePolicy", {{"SecretId", "nope"}}), "ResourceNotFoundException");
  ExpectError(Sm("DeleteResourcePolicy", {{"SecretId", "nope"}}), "ResourceNotFoundException");
  ExpectError(Sm("ValidateResourcePolicy", {{"SecretId", "nope"}, {"ResourcePolicy", OwnPolicy()}}),
              "ResourceNotFoundException");
}

TEST_F(AdaptersSmResourcePolicy, ScheduledForDeletionRefusesPutAndDelete) {
  CreateString("db", "v");
  ExpectOk(PutPolicy("db", OwnPolicy()));
  ScheduleDeletion("db");
  ExpectError(PutPolicy("db", OwnPolicy()), "InvalidRequestException");
  ExpectError(Sm("DeleteResourcePolicy", {{"SecretId", "db"}}), "InvalidRequestException");
  EXPECT_EQ(Str(GetPolicy("db").at("ResourcePolicy")), OwnPolicy());
}

TEST_F(AdaptersSmResourcePolicy, ValidatePassesANarrowPolicy) {
  boost::json::object v = Validate(OwnPolicy());
  EXPECT_TRUE(v.at("PolicyValidationPassed").as_bool());
  EXPECT_TRUE(v.at("ValidationErrors").as_array().empty());
}

TEST_F(AdaptersSmResourcePolicy, ValidateReportsBroadAccess) {
  boost::json::object v = Validate(PublicPolicy());
  EXPECT_FALSE(v.at("PolicyValidationPassed").as_bool());
  const boost::json::array& errors = v.at("ValidationErrors").as_array();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(Str(errors[0].at("CheckName")), "BROAD_ACCESS_VALIDATION");
  EXPECT_TRUE(Has(Str(errors[0].at("ErrorMessage")), "every principal"));
}

TEST_F(AdaptersSmResourcePolicy, ValidateReportsGrammarErrorsAsFindings) {
  boost::json::object v = Validate(
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Maybe\","
      "\"Principal\":\"*\",\"Action\":\"secretsmanager:*\"}]}");
  EXPECT_FALSE(v.at("PolicyValidationPassed").as_bool());
  const boost::json::array& errors = v.at("ValidationErrors").as_array();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(Str(errors[0].at("CheckName")), "SYNTAX_VALIDATION");
  EXPECT_EQ(Str(errors[0].at("ErrorMessage")), "Invalid effect: Effect must be Allow or Deny.");
}

TEST_F(AdaptersSmResourcePolicy, ValidateRefusesADocumentThatIsNotAJsonObject) {
  for (const char* bad : {"{\"Statement\":", "[]", "\"text\""}) {
    EXPECT_EQ(ErrorText(Sm("ValidateResourcePolicy", {{"ResourcePolicy", bad}}),
                        "MalformedPolicyDocumentException"),
              "Syntax errors in policy.")
        << bad;
  }
}

TEST_F(AdaptersSmResourcePolicy, ValidateWithASecretIdChecksTheSecretAndStoresNothing) {
  const std::string arn = CreateArn("db", "v");
  boost::json::object v =
      Ok("ValidateResourcePolicy", {{"SecretId", "db"}, {"ResourcePolicy", OwnPolicy()}});
  EXPECT_TRUE(v.at("PolicyValidationPassed").as_bool());
  EXPECT_FALSE(Stored(arn)->resource_policy.has_value());
}

TEST_F(AdaptersSmResourcePolicy, EachOperationAsksForItsAction) {
  const std::string arn = CreateArn("db", "v");
  access_.Clear();
  ExpectOk(PutPolicy(arn, OwnPolicy()));
  Ok("GetResourcePolicy", {{"SecretId", "db"}});
  Ok("DeleteResourcePolicy", {{"SecretId", "db"}});
  Ok("ValidateResourcePolicy", {{"SecretId", "db"}, {"ResourcePolicy", OwnPolicy()}});
  Validate(OwnPolicy());
  const auto asked = access_.asked();
  ASSERT_EQ(asked.size(), 5u);
  EXPECT_EQ(asked[0].action, "secretsmanager:PutResourcePolicy");
  EXPECT_EQ(asked[0].resource, arn);
  EXPECT_EQ(asked[1].action, "secretsmanager:GetResourcePolicy");
  EXPECT_EQ(asked[1].resource, "db");
  EXPECT_EQ(asked[2].action, "secretsmanager:DeleteResourcePolicy");
  EXPECT_EQ(asked[3].action, "secretsmanager:ValidateResourcePolicy");
  EXPECT_EQ(asked[3].resource, "db");
  EXPECT_EQ(asked[4].action, "secretsmanager:ValidateResourcePolicy");
  EXPECT_EQ(asked[4].resource, "*");
}

TEST_F(AdaptersSmResourcePolicy, ADenialChangesNothing) {
  const std::string arn = CreateArn("db", "v");
  access_.Deny("secretsmanager:PutResourcePolicy");
  const std::string text = ErrorText(PutPolicy("db", OwnPolicy()), "AccessDeniedException");
  EXPECT_TRUE(Has(text, "secretsmanager:PutResourcePolicy")) << text;
  EXPECT_FALSE(Stored(arn)->resource_policy.has_value());
  access_.Deny("secretsmanager:ValidateResourcePolicy");
  ExpectError(Sm("ValidateResourcePolicy", {{"ResourcePolicy", OwnPolicy()}}),
              "AccessDeniedException");
}

}  // namespace
}  // namespace paramsafe::adapters::testing
