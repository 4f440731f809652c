// FindBroadAccess (auth/public_policy.h): which resource-policy statements
// reach principals outside the account, and which conditions pin them back.
// Documents go through the real parser, so the principal forms are the ones
// it stores.
#include "auth/public_policy.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "auth/policy_document.h"
#include "auth/policy_language.h"

namespace paramsafe::auth {
namespace {

constexpr char kAccount[] = "123456789012";

// One Allow statement of GetSecretValue with the given Principal member
// (JSON) and, when not empty, Condition member (JSON).
std::string Statement(const std::string& principal, const std::string& condition = "",
                      const std::string& effect = "Allow",
                      const std::string& principal_member = "Principal") {
  std::string s = "{\"Effect\":\"" + effect + "\",\"" + principal_member + "\":" + principal +
                  ",\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"*\"";
  if (!condition.empty()) s += ",\"Condition\":" + condition;
  return s + "}";
}

std::string Document(const std::vector<std::string>& statements) {
  std::string d = "{\"Version\":\"2012-10-17\",\"Statement\":[";
  for (std::size_t i = 0; i < statements.size(); ++i) {
    if (i > 0) d += ",";
    d += statements[i];
  }
  return d + "]}";
}

std::vector<core::PolicyFinding> Findings(const std::vector<std::string>& statements) {
  auto parsed = ParsePolicyDocument(Document(statements), core::PolicyKind::kResource);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString() << "\n" << Document(statements);
  if (!parsed.ok()) return {};
  return FindBroadAccess(*parsed, kAccount);
}

bool Broad(const std::string& principal, const std::string& condition = "") {
  return !Findings({Statement(principal, condition)}).empty();
}

TEST(AuthPublicPolicy, WildcardPrincipalIsBroad) {
  EXPECT_TRUE(Broad("\"*\""));
  EXPECT_TRUE(Broad("{\"AWS\":\"*\"}"));
  EXPECT_TRUE(Broad("{\"AWS\":[\"arn:aws:iam::123456789012:root\",\"*\"]}"));
}

TEST(AuthPublicPolicy, OwnAccountPrincipalsAreNotBroad) {
  EXPECT_FALSE(Broad("{\"AWS\":\"123456789012\"}"));
  EXPECT_FALSE(Broad("{\"AWS\":\"arn:aws:iam::123456789012:root\"}"));
  EXPECT_FALSE(Broad("{\"AWS\":\"arn:aws:iam::123456789012:user/ops\"}"));
  EXPECT_FALSE(Broad("{\"AWS\":\"arn:aws:iam::123456789012:role/app\"}"));
  EXPECT_FALSE(Broad("{\"AWS\":\"arn:aws:sts::123456789012:assumed-role/app/session\"}"));
}

TEST(AuthPublicPolicy, AnotherAccountIsBroad) {
  EXPECT_TRUE(Broad("{\"AWS\":\"210987654321\"}"));
  EXPECT_TRUE(Broad("{\"AWS\":\"arn:aws:iam::210987654321:root\"}"));
  EXPECT_TRUE(Broad("{\"AWS\":\"arn:aws:iam::210987654321:user/ops\"}"));
  EXPECT_TRUE(Broad("{\"AWS\":\"arn:aws:sts::210987654321:assumed-role/app/s\"}"));
  EXPECT_TRUE(Broad("{\"AWS\":[\"arn:aws:iam::123456789012:user/ops\",\"210987654321\"]}"));
}

TEST(AuthPublicPolicy, ServicePrincipalIsNotBroad) {
  EXPECT_FALSE(Broad("{\"Service\":\"lambda.amazonaws.com\"}"));
}

TEST(AuthPublicPolicy, FederatedAndCanonicalUsersOutsideTheAccountAreBroad) {
  EXPECT_TRUE(Broad("{\"Federated\":\"cognito-identity.amazonaws.com\"}"));
  EXPECT_TRUE(Broad("{\"Federated\":\"arn:aws:iam::210987654321:saml-provider/idp\"}"));
  EXPECT_FALSE(Broad("{\"Federated\":\"arn:aws:iam::123456789012:saml-provider/idp\"}"));
  EXPECT_TRUE(Broad(
      "{\"CanonicalUser\":\"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be\"}"));
}

TEST(AuthPublicPolicy, NotPrincipalInAnAllowIsBroad) {
  EXPECT_FALSE(Findings({Statement("{\"AWS\":\"arn:aws:iam::123456789012:user/ops\"}", "", "Allow",
                                   "NotPrincipal")})
                   .empty());
}

TEST(AuthPublicPolicy, DenyStatementsAreNeverBroad) {
  EXPECT_TRUE(Findings({Statement("\"*\"", "", "Deny"),
                        Statement("{\"AWS\":\"arn:aws:iam::123456789012:user/ops\"}", "", "Deny",
                                  "NotPrincipal")})
                  .empty());
}

TEST(AuthPublicPolicy, AConditionPinningTheAccountMakesItNarrow) {
  EXPECT_FALSE(Broad("\"*\"", "{\"StringEquals\":{\"aws:PrincipalAccount\":\"123456789012\"}}"));
  EXPECT_FALSE(Broad("\"*\"", "{\"StringEquals\":{\"aws:SourceAccount\":[\"123456789012\"]}}"));
  // Condition keys compare case-insensitively, as IAM's do.
  EXPECT_FALSE(Broad("\"*\"", "{\"StringLike\":{\"AWS:principalaccount\":\"123456789012\"}}"));
  EXPECT_FALSE(
      Broad("\"*\"", "{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::123456789012:user/*\"}}"));
  EXPECT_FALSE(
      Broad("\"*\"", "{\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws:iam::123456789012:role/x\"}}"));
  EXPECT_FALSE(Broad("{\"AWS\":\"210987654321\"}",
                     "{\"StringEquals\":{\"aws:PrincipalAccount\":\"123456789012\"}}"));
}

TEST(AuthPublicPolicy, FixedOrganizationAndNetworkConditionsMakeItNarrow) {
  EXPECT_FALSE(Broad("\"*\"", "{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abc123\"}}"));
  EXPECT_FALSE(Broad("\"*\"", "{\"StringEquals\":{\"aws:SourceVpc\":\"vpc-1a2b3c\"}}"));
  EXPECT_FALSE(Broad("\"*\"", "{\"StringEquals\":{\"aws:SourceVpce\":\"vpce-1a2b3c\"}}"));
  EXPECT_TRUE(Broad("\"*\"", "{\"StringLike\":{\"aws:PrincipalOrgID\":\"o-*\"}}"));
}

TEST(AuthPublicPolicy, ConditionsThatLetOthersThroughDoNotNarrow) {
  // Another account, or one of several values naming another account.
  EXPECT_TRUE(Broad("\"*\"", "{\"StringEquals\":{\"aws:PrincipalAccount\":\"210987654321\"}}"));
  EXPECT_TRUE(Broad("\"*\"",
                    "{\"StringEquals\":{\"aws:PrincipalAccount\":"
                    "[\"123456789012\",\"210987654321\"]}}"));
  // A wildcard, or a policy variable that matches every caller.
  EXPECT_TRUE(Broad("\"*\"", "{\"StringLike\":{\"aws:PrincipalAccount\":\"*\"}}"));
  EXPECT_TRUE(
      Broad("\"*\"", "{\"StringEquals\":{\"aws:PrincipalAccount\":\"${aws:PrincipalAccount}\"}}"));
  EXPECT_TRUE(Broad("\"*\"", "{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:user/x\"}}"));
  // IfExists and the set qualifiers pass a request without the key.
  EXPECT_TRUE(
      Broad("\"*\"", "{\"StringEqualsIfExists\":{\"aws:PrincipalAccount\":\"123456789012\"}}"));
  EXPECT_TRUE(Broad("\"*\"",
                    "{\"ForAllValues:StringEquals\":{\"aws:PrincipalAccount\":\"123456789012\"}}"));
  // Negated operators and keys that say nothing about the caller's account.
  EXPECT_TRUE(Broad("\"*\"", "{\"StringNotEquals\":{\"aws:PrincipalAccount\":\"210987654321\"}}"));
  EXPECT_TRUE(Broad("\"*\"", "{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}"));
  EXPECT_TRUE(Broad("\"*\"", "{\"Bool\":{\"aws:SecureTransport\":\"true\"}}"));
}

TEST(AuthPublicPolicy, OneFindingPerBroadStatementNamingItsPosition) {
  auto findings = Findings({Statement("{\"AWS\":\"arn:aws:iam::123456789012:user/ops\"}"),
                            Statement("\"*\""), Statement("{\"AWS\":\"210987654321\"}")});
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].check, "BROAD_ACCESS_VALIDATION");
  EXPECT_EQ(findings[0].message,
            "Statement 2 allows every principal (\"*\") and has no condition that limits it to "
            "account 123456789012.");
  EXPECT_EQ(findings[1].message,
            "Statement 3 allows account 210987654321 and has no condition that limits it to "
            "account 123456789012.");
}

TEST(AuthPublicPolicy, PolicyLanguageReportsTheSameFindings) {
  PolicyLanguage language;
  auto parsed = language.Parse(Document({Statement("\"*\"")}), core::PolicyKind::kResource);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(language.BroadAccess(*parsed, kAccount).size(), 1u);
  // The account decides: the same grant is narrow for the account it names.
  auto other = language.Parse(Document({Statement("{\"AWS\":\"210987654321\"}")}),
                              core::PolicyKind::kResource);
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(language.BroadAccess(*other, "210987654321").empty());
  EXPECT_EQ(language.BroadAccess(*other, kAccount).size(), 1u);
}

}  // namespace
}  // namespace paramsafe::auth
