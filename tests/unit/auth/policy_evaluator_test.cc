#include "auth/policy_evaluator.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "auth/policy_document.h"

namespace paramsafe::auth {
namespace {

constexpr char kAlice[] = "arn:aws:iam::123456789012:user/alice";
constexpr char kSecretX[] =
    "arn:aws:secretsmanager:us-east-1:123456789012:secret:project-x/db-AbCdEf";
constexpr char kSecretY[] =
    "arn:aws:secretsmanager:us-east-1:123456789012:secret:project-y/secret-AbCdEf";

core::Policy Parse(const std::string& statements,
                   core::PolicyKind kind = core::PolicyKind::kIdentity,
                   const std::string& version = "2012-10-17") {
  auto policy = ParsePolicyDocument(
      R"({"Version":")" + version + R"(","Statement":)" + statements + "}", kind);
  EXPECT_TRUE(policy.ok()) << policy.status().reason();
  return policy.ok() ? std::move(policy).value() : core::Policy{};
}

RequestContext Request(const std::string& action, const std::string& resource) {
  RequestContext r;
  r.principal_arn = kAlice;
  r.principal_account = "123456789012";
  r.action = action;
  r.resource = resource;
  r.keys.Set("aws:username", "alice");
  r.keys.Set("aws:PrincipalArn", kAlice);
  return r;
}

Decision Decide(const std::vector<core::Policy>& identity, const RequestContext& request,
                const core::Policy* resource_policy = nullptr) {
  return Evaluate(identity, resource_policy, request);
}

bool Allowed(const std::string& statements, const std::string& action,
             const std::string& resource) {
  return Decide({Parse(statements)}, Request(action, resource)) == Decision::kAllow;
}

TEST(AuthPolicyEvaluatorTest, NoPolicyMeansImplicitDeny) {
  EXPECT_EQ(Decide({}, Request("ssm:GetParameter", "*")), Decision::kImplicitDeny);
}

TEST(AuthPolicyEvaluatorTest, MatchingAllowAllowsAndNoMatchDenies) {
  const std::string allow = R"({"Effect":"Allow","Action":"ssm:GetParameter","Resource":"*"})";
  EXPECT_TRUE(Allowed(allow, "ssm:GetParameter", "arn:aws:ssm:us-east-1:123456789012:parameter/a"));
  EXPECT_FALSE(
      Allowed(allow, "ssm:PutParameter", "arn:aws:ssm:us-east-1:123456789012:parameter/a"));
}

TEST(AuthPolicyEvaluatorTest, ExplicitDenyWinsOverAnyAllow) {
  const auto allow = Parse(R"({"Effect":"Allow","Action":"*","Resource":"*"})");
  const auto deny = Parse(R"({"Effect":"Deny","Action":"secretsmanager:*","Resource":"*"})");
  EXPECT_EQ(Decide({allow, deny}, Request("secretsmanager:GetSecretValue", kSecretX)),
            Decision::kExplicitDenyIdentity);
  EXPECT_EQ(Decide({allow, deny}, Request("ssm:GetParameter", "*")), Decision::kAllow);
}

TEST(AuthPolicyEvaluatorTest, ActionsMatchCaseInsensitivelyWithWildcards) {
  const std::string get = R"({"Effect":"Allow","Action":"SSM:get*","Resource":"*"})";
  EXPECT_TRUE(Allowed(get, "ssm:GetParameter", "*"));
  EXPECT_TRUE(Allowed(get, "ssm:GetParametersByPath", "*"));
  EXPECT_FALSE(Allowed(get, "ssm:PutParameter", "*"));
  EXPECT_FALSE(Allowed(get, "secretsmanager:GetSecretValue", "*"));
  const std::string one = R"({"Effect":"Allow","Action":"ssm:GetParameter?","Resource":"*"})";
  EXPECT_TRUE(Allowed(one, "ssm:GetParameters", "*"));
  EXPECT_FALSE(Allowed(one, "ssm:GetParameter", "*"));
  EXPECT_FALSE(Allowed(one, "ssm:GetParametersByPath", "*"));
  EXPECT_TRUE(Allowed(R"({"Effect":"Allow","Action":"*","Resource":"*"})", "kms:Decrypt", "*"));
}

TEST(AuthPolicyEvaluatorTest, SecretPrefixGrantGivesExactlyThatSubtree) {
  const std::string grant = R"({"Effect":"Allow","Action":"secretsmanager:GetSecretValue",
      "Resource":"arn:aws:secretsmanager:*:*:secret:project-x/*"})";
  EXPECT_TRUE(Allowed(grant, "secretsmanager:GetSecretValue", kSecretX));
  EXPECT_TRUE(Allowed(grant, "secretsmanager:GetSecretValue",
                      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:project-x/a/b-123456"));
  EXPECT_FALSE(Allowed(grant, "secretsmanager:GetSecretValue", kSecretY));
  EXPECT_FALSE(Allowed(grant, "secretsmanager:GetSecretValue",
                       "arn:aws:secretsmanager:us-east-1:123456789012:secret:project-xy-AbCdEf"));
  EXPECT_FALSE(Allowed(grant, "secretsmanager:GetSecretValue",
                       "arn:aws:secretsmanager:us-east-1:123456789012:secret:project-x-AbCdEf"));
  // Listing is an action on no resource: a subtree grant does not cover it.
  EXPECT_FALSE(Allowed(grant, "secretsmanager:GetSecretValue", "*"));
}

TEST(AuthPolicyEvaluatorTest, ParameterPrefixGrantGivesExactlyThatSubtree) {
  const std::string grant = R"({"Effect":"Allow","Action":"ssm:*",
      "Resource":"arn:aws:ssm:*:*:parameter/project-x/*"})";
  const std::string base = "arn:aws:ssm:us-east-1:123456789012:parameter/";
  EXPECT_TRUE(Allowed(grant, "ssm:GetParameter", base + "project-x/db/password"));
  EXPECT_TRUE(Allowed(grant, "ssm:PutParameter", base + "project-x/a"));
  EXPECT_FALSE(Allowed(grant, "ssm:GetParameter", base + "project-x"));
  EXPECT_FALSE(Allowed(grant, "ssm:GetParameter", base + "project-xy/a"));
  EXPECT_FALSE(Allowed(grant, "ssm:GetParameter", base + "project-y/project-x/a"));
  EXPECT_FALSE(Allowed(grant, "ssm:DescribeParameters", "*"));
}

TEST(AuthPolicyEvaluatorTest, ResourceWildcardsCrossSeparatorsAndQuestionMarkIsOneCharacter) {
  const std::string star = R"({"Effect":"Allow","Action":"*","Resource":"arn:aws:ssm:*"})";
  EXPECT_TRUE(
      Allowed(star, "ssm:GetParameter", "arn:aws:ssm:us-east-1:123456789012:parameter/a/b"));
  const std::string suffix = R"({"Effect":"Allow","Action":"*",
      "Resource":"arn:aws:secretsmanager:us-east-1:123456789012:secret:project-x/db-??????"})";
  EXPECT_TRUE(Allowed(suffix, "secretsmanager:GetSecretValue", kSecretX));
  EXPECT_FALSE(Allowed(suffix, "secretsmanager:GetSecretValue",
                       "arn:aws:secretsmanager:us-east-1:123456789012:secret:project-x/db-AbCdE"));
  // Resources are case-sensitive.
  EXPECT_FALSE(Allowed(R"({"Effect":"Allow","Action":"*",
      "Resource":"arn:aws:ssm:*:*:parameter/Project-X/*"})",
                       "ssm:GetParameter",
                       "arn:aws:ssm:us-east-1:123456789012:parameter/project-x/a"));
}

TEST(AuthPolicyEvaluatorTest, NotActionAllowsEverythingElse) {
  const std::string all_but_delete =
      R"({"Effect":"Allow","NotAction":["ssm:Delete*","secretsmanager:*"],"Resource":"*"})";
  EXPECT_TRUE(Allowed(all_but_delete, "ssm:GetParameter", "*"));
  EXPECT_FALSE(Allowed(all_but_delete, "ssm:DeleteParameter", "*"));
  EXPECT_FALSE(Allowed(all_but_delete, "secretsmanager:GetSecretValue", "*"));
  // A Deny with NotAction denies everything not listed.
  const auto allow = Parse(R"({"Effect":"Allow","Action":"*","Resource":"*"})");
  const auto deny = Parse(R"({"Effect":"Deny","NotAction":"ssm:Get*","Resource":"*"})");
  EXPECT_EQ(Decide({allow, deny}, Request("ssm:GetParameter", "*")), Decision::kAllow);
  EXPECT_EQ(Decide({allow, deny}, Request("ssm:PutParameter", "*")),
            Decision::kExplicitDenyIdentity);
}

TEST(AuthPolicyEvaluatorTest, NotResourceAppliesToEveryOtherResource) {
  const auto allow = Parse(R"({"Effect":"Allow","Action":"*","Resource":"*"})");
  const auto deny = Parse(R"({"Effect":"Deny","Action":"secretsmanager:*",
      "NotResource":"arn:aws:secretsmanager:*:*:secret:project-x/*"})");
  EXPECT_EQ(Decide({allow, deny}, Request("secretsmanager:GetSecretValue", kSecretX)),
            Decision::kAllow);
  EXPECT_EQ(Decide({allow, deny}, Request("secretsmanager:GetSecretValue", kSecretY)),
            Decision::kExplicitDenyIdentity);
  // "*" (ListSecrets) is not in the list either.
  EXPECT_EQ(Decide({allow, deny}, Request("secretsmanager:ListSecrets", "*")),
            Decision::kExplicitDenyIdentity);
}

TEST(AuthPolicyEvaluatorTest, PolicyVariablesInResources) {
  const std::string home = R"({"Effect":"Allow","Action":"ssm:*",
      "Resource":"arn:aws:ssm:*:*:parameter/home/${aws:username}/*"})";
  const std::string base = "arn:aws:ssm:us-east-1:123456789012:parameter/home/";
  EXPECT_TRUE(Allowed(home, "ssm:GetParameter", base + "alice/x"));
  EXPECT_FALSE(Allowed(home, "ssm:GetParameter", base + "bob/x"));
  // In the 2008 grammar the text is literal.
  EXPECT_NE(Decide({Parse(home, core::PolicyKind::kIdentity, "2008-10-17")},
                   Request("ssm:GetParameter", base + "alice/x")),
            Decision::kAllow);
  EXPECT_EQ(Decide({Parse(home, core::PolicyKind::kIdentity, "2008-10-17")},
                   Request("ssm:GetParameter", base + "${aws:username}/x")),
            Decision::kAllow);
  // A variable the request lacks makes the entry match nothing, unless it has a default.
  EXPECT_FALSE(Allowed(R"({"Effect":"Allow","Action":"*",
      "Resource":"arn:aws:ssm:*:*:parameter/${aws:userid}/*"})",
                       "ssm:GetParameter", "arn:aws:ssm:us-east-1:1:parameter/x/y"));
  EXPECT_TRUE(Allowed(R"({"Effect":"Allow","Action":"*",
      "Resource":"arn:aws:ssm:*:*:parameter/${aws:userid, 'shared'}/*"})",
                      "ssm:GetParameter", "arn:aws:ssm:us-east-1:1:parameter/shared/y"));
}

TEST(AuthPolicyEvaluatorTest, SpecialCharacterVariablesMatchLiterally) {
  const std::string literal_star = R"({"Effect":"Allow","Action":"*",
      "Resource":"arn:aws:ssm:*:*:parameter/odd${*}name"})";
  EXPECT_TRUE(Allowed(literal_star, "ssm:GetParameter", "arn:aws:ssm:r:1:parameter/odd*name"));
  EXPECT_FALSE(Allowed(literal_star, "ssm:GetParameter", "arn:aws:ssm:r:1:parameter/oddXname"));
  const std::string literal_q = R"({"Effect":"Allow","Action":"*",
      "Resource":"arn:aws:ssm:*:*:parameter/a${?}${$}"})";
  EXPECT_TRUE(Allowed(literal_q, "ssm:GetParameter", "arn:aws:ssm:r:1:parameter/a?$"));
  EXPECT_FALSE(Allowed(literal_q, "ssm:GetParameter", "arn:aws:ssm:r:1:parameter/ab$"));
}

// Resource policies.

const core::Policy* Keep(core::Policy policy) {
  static std::vector<std::unique_ptr<core::Policy>> kept;
  kept.push_back(std::make_unique<core::Policy>(std::move(policy)));
  return kept.back().get();
}

const core::Policy* ResourcePolicy(const std::string& statements) {
  return Keep(Parse(statements, core::PolicyKind::kResource));
}

TEST(AuthPolicyEvaluatorTest, ResourcePolicyNamingTheUserAllowsWithoutIdentityPolicy) {
  const auto* policy = ResourcePolicy(
      R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/alice"},
          "Action":"secretsmanager:GetSecretValue"})");
  EXPECT_EQ(Decide({}, Request("secretsmanager:GetSecretValue", kSecretX), policy),
            Decision::kAllow);
  EXPECT_EQ(Decide({}, Request("secretsmanager:PutSecretValue", kSecretX), policy),
            Decision::kImplicitDeny);
  RequestContext bob = Request("secretsmanager:GetSecretValue", kSecretX);
  bob.principal_arn = "arn:aws:iam::123456789012:user/bob";
  EXPECT_EQ(Decide({}, bob, policy), Decision::kImplicitDeny);
}

TEST(AuthPolicyEvaluatorTest, ResourcePolicyStarPrincipalAllowsEveryone) {
  for (const std::string principal : {R"("*")", R"({"AWS":"*"})"}) {
    const auto* policy = ResourcePolicy(R"({"Effect":"Allow","Principal":)" + principal +
                                        R"(,"Action":"secretsmanager:*","Resource":"*"})");
    EXPECT_EQ(Decide({}, Request("secretsmanager:GetSecretValue", kSecretX), policy),
              Decision::kAllow)
        << principal;
  }
}

TEST(AuthPolicyEvaluatorTest, AccountPrincipalDelegatesAllowToIdentityPolicies) {
  for (const std::string account : {"123456789012", "arn:aws:iam::123456789012:root"}) {
    const auto* policy = ResourcePolicy(R"({"Effect":"Allow","Principal":{"AWS":")" + account +
                                        R"("},"Action":"secretsmanager:*"})");
    EXPECT_EQ(Decide({}, Request("secretsmanager:GetSecretValue", kSecretX), policy),
              Decision::kImplicitDeny)
        << account;
    const auto identity =
        Parse(R"({"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*"})");
    EXPECT_EQ(Decide({identity}, Request("secretsmanager:GetSecretValue", kSecretX), policy),
              Decision::kAllow);
  }
}

TEST(AuthPolicyEvaluatorTest, ResourcePolicyDenyCoversUsersAccountsAndStar) {
  const auto identity = Parse(R"({"Effect":"Allow","Action":"*","Resource":"*"})");
  for (const std::string principal :
       {R"("*")", R"({"AWS":"123456789012"})", R"({"AWS":"arn:aws:iam::123456789012:root"})",
        R"({"AWS":"arn:aws:iam::123456789012:user/alice"})"}) {
    const auto* policy = ResourcePolicy(R"({"Effect":"Deny","Principal":)" + principal +
                                        R"(,"Action":"secretsmanager:DeleteSecret"})");
    EXPECT_EQ(Decide({identity}, Request("secretsmanager:DeleteSecret", kSecretX), policy),
              Decision::kExplicitDenyResource)
        << principal;
    EXPECT_EQ(Decide({identity}, Request("secretsmanager:GetSecretValue", kSecretX), policy),
              Decision::kAllow);
  }
  const auto* other = ResourcePolicy(
      R"({"Effect":"Deny","Principal":{"AWS":["210987654321","arn:aws:iam::123456789012:user/bob"]},
          "Action":"*"})");
  EXPECT_EQ(Decide({identity}, Request("secretsmanager:DeleteSecret", kSecretX), other),
            Decision::kAllow);
}

TEST(AuthPolicyEvaluatorTest, NotPrincipalAppliesToEveryoneNotListed) {
  const auto identity = Parse(R"({"Effect":"Allow","Action":"*","Resource":"*"})");
  const auto* deny_others = ResourcePolicy(
      R"({"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:user/bob"},
          "Action":"secretsmanager:GetSecretValue"})");
  EXPECT_EQ(Decide({identity}, Request("secretsmanager:GetSecretValue", kSecretX), deny_others),
            Decision::kExplicitDenyResource);
  const auto* deny_all_but_alice = ResourcePolicy(
      R"({"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::123456789012:user/alice"]},
          "Action":"*"})");
  EXPECT_EQ(
      Decide({identity}, Request("secretsmanager:GetSecretValue", kSecretX), deny_all_but_alice),
      Decision::kAllow);
  const auto* allow_others = ResourcePolicy(
      R"({"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:user/bob"},
          "Action":"secretsmanager:GetSecretValue"})");
  EXPECT_EQ(Decide({}, Request("secretsmanager:GetSecretValue", kSecretX), allow_others),
            Decision::kAllow);
}

TEST(AuthPolicyEvaluatorTest, ServicePrincipalsNeverMatchAUser) {
  const auto* policy = ResourcePolicy(
      R"({"Effect":"Allow","Principal":{"Service":"secretsmanager.amazonaws.com"},"Action":"*"})");
  EXPECT_EQ(Decide({}, Request("secretsmanager:GetSecretValue", kSecretX), policy),
            Decision::kImplicitDeny);
}

TEST(AuthPolicyEvaluatorTest, ResourcePolicyStatementsWithResourceMatchIt) {
  const auto* policy = ResourcePolicy(
      R"({"Effect":"Allow","Principal":"*","Action":"*","Resource":"arn:aws:secretsmanager:*:*:secret:project-y/*"})");
  EXPECT_EQ(Decide({}, Request("secretsmanager:GetSecretValue", kSecretX), policy),
            Decision::kImplicitDeny);
}

TEST(AuthPolicyEvaluatorTest, IdentityDenyIsReportedBeforeResourceDeny) {
  const auto identity = Parse(R"({"Effect":"Deny","Action":"*","Resource":"*"})");
  const auto* policy = ResourcePolicy(R"({"Effect":"Deny","Principal":"*","Action":"*"})");
  EXPECT_EQ(Decide({identity}, Request("secretsmanager:GetSecretValue", kSecretX), policy),
            Decision::kExplicitDenyIdentity);
}

TEST(AuthPolicyEvaluatorTest, MessagesAreAwsWords) {
  const RequestContext get = Request("secretsmanager:GetSecretValue", kSecretY);
  EXPECT_TRUE(DecisionStatus(Decision::kAllow, get).ok());
  const core::Status implicit = DecisionStatus(Decision::kImplicitDeny, get);
  EXPECT_EQ(implicit.code(), core::Code::kPermissionDenied);
  EXPECT_EQ(implicit.reason(),
            "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: "
            "secretsmanager:GetSecretValue on resource: "
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:project-y/secret-AbCdEf because "
            "no identity-based policy allows the secretsmanager:GetSecretValue action");
  EXPECT_EQ(DecisionStatus(Decision::kExplicitDenyIdentity, get).reason(),
            "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: "
            "secretsmanager:GetSecretValue on resource: "
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:project-y/secret-AbCdEf with an "
            "explicit deny in an identity-based policy");
  EXPECT_EQ(DecisionStatus(Decision::kExplicitDenyResource, get).reason(),
            "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: "
            "secretsmanager:GetSecretValue on resource: "
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:project-y/secret-AbCdEf with an "
            "explicit deny in a resource-based policy");
  EXPECT_EQ(
      DecisionStatus(Decision::kImplicitDeny, Request("ssm:DescribeParameters", "*")).reason(),
      "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: "
      "ssm:DescribeParameters because no identity-based policy allows the "
      "ssm:DescribeParameters action");
}

TEST(AuthPolicyEvaluatorTest, StatementConditionsAllMustHold) {
  const auto policy = Parse(R"({"Effect":"Allow","Action":"*","Resource":"*","Condition":{
      "StringEquals":{"aws:username":"alice"},"Bool":{"aws:SecureTransport":"true"}}})");
  RequestContext request = Request("ssm:GetParameter", "*");
  EXPECT_EQ(Decide({policy}, request), Decision::kImplicitDeny);  // no SecureTransport key
  request.keys.Set("aws:SecureTransport", "false");
  EXPECT_EQ(Decide({policy}, request), Decision::kImplicitDeny);
  request.keys.Set("aws:SecureTransport", "true");
  EXPECT_EQ(Decide({policy}, request), Decision::kAllow);
  request.keys.Set("aws:username", "bob");
  EXPECT_EQ(Decide({policy}, request), Decision::kImplicitDeny);
}

}  // namespace
}  // namespace paramsafe::auth
