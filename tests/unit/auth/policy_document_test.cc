#include "auth/policy_document.h"

#include <gtest/gtest.h>

#include <string>

namespace paramsafe::auth {
namespace {

using core::Code;
using core::PolicyKind;
using core::SetQualifier;

constexpr PolicyKind kIdentity = PolicyKind::kIdentity;
constexpr PolicyKind kResource = PolicyKind::kResource;

// The reason of a refused document ("" when it parsed).
std::string Refusal(const std::string& json, PolicyKind kind = kIdentity) {
  const auto parsed = ParsePolicyDocument(json, kind);
  if (parsed.ok()) return "";
  EXPECT_EQ(parsed.status().code(), Code::kInvalidArgument);
  return parsed.status().reason();
}

// A statement body wrapped into an identity policy of the 2012 grammar.
std::string Doc(const std::string& statement) {
  return R"({"Version":"2012-10-17","Statement":)" + statement + "}";
}

TEST(AuthPolicyDocumentTest, ReadsACompleteIdentityPolicy) {
  const auto policy = ParsePolicyDocument(Doc(R"([
    {"Sid":"Read","Effect":"Allow","Action":["ssm:Get*","secretsmanager:GetSecretValue"],
     "Resource":"arn:aws:ssm:*:*:parameter/project-x/*"},
    {"Effect":"Deny","NotAction":"kms:*","NotResource":["arn:aws:kms:*:*:key/*"]}])"),
                                          kIdentity);
  ASSERT_TRUE(policy.ok()) << policy.status().reason();
  EXPECT_EQ(policy->version, "2012-10-17");
  ASSERT_EQ(policy->statements.size(), 2u);
  const auto& read = policy->statements[0];
  EXPECT_EQ(read.sid, "Read");
  EXPECT_TRUE(read.allow);
  EXPECT_FALSE(read.not_action);
  EXPECT_EQ(read.actions, (std::vector<std::string>{"ssm:Get*", "secretsmanager:GetSecretValue"}));
  EXPECT_EQ(read.resources, (std::vector<std::string>{"arn:aws:ssm:*:*:parameter/project-x/*"}));
  const auto& deny = policy->statements[1];
  EXPECT_FALSE(deny.allow);
  EXPECT_TRUE(deny.not_action);
  EXPECT_TRUE(deny.not_resource);
  EXPECT_EQ(deny.resources, (std::vector<std::string>{"arn:aws:kms:*:*:key/*"}));
}

TEST(AuthPolicyDocumentTest, StatementMayBeOneObjectAndVersionDefaultsTo2008) {
  const auto policy = ParsePolicyDocument(
      R"({"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}})", kIdentity);
  ASSERT_TRUE(policy.ok()) << policy.status().reason();
  EXPECT_EQ(policy->version, "2008-10-17");
  ASSERT_EQ(policy->statements.size(), 1u);
}

TEST(AuthPolicyDocumentTest, SyntaxErrors) {
  for (
      const std::string& bad : std::vector<std::string>{
          "", "not json", "[]", "\"x\"", R"({"Statement":[],)",
          R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}],"Extra":1})",
          Doc(R"({"Effect":"Allow","Action":"*","Resource":"*","Actions":"x"})"),
          Doc(R"({"Effect":"Allow","Action":"*","Resource":"*","Condition":"x"})"),
          Doc(R"({"Effect":"Allow","Action":[1],"Resource":"*"})"),
          Doc(R"({"Effect":"Allow","Action":"*","NotAction":"*","Resource":"*"})"),
          Doc(R"({"Effect":"Allow","Action":"*","Resource":"*","NotResource":"*"})"),
          Doc(R"({"Effect":true,"Action":"*","Resource":"*"})"), Doc("7"), Doc("[7]"),
          R"({"Version":2012,"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}})"}) {
    EXPECT_EQ(Refusal(bad), "Syntax errors in policy.") << bad;
  }
}

TEST(AuthPolicyDocumentTest, MissingPartsAreNamed) {
  EXPECT_EQ(Refusal(R"({"Version":"2012-10-17"})"), "Missing required field Statement");
  EXPECT_EQ(Refusal(Doc("[]")), "Could not parse the policy: Statement is empty!");
  EXPECT_EQ(Refusal(Doc(R"({"Action":"*","Resource":"*"})")), "Missing required field Effect");
  EXPECT_EQ(Refusal(Doc(R"({"Effect":"Allow","Resource":"*"})")),
            "Policy statement must contain actions.");
  EXPECT_EQ(Refusal(Doc(R"({"Effect":"Allow","Action":[],"Resource":"*"})")),
            "Policy statement must contain actions.");
  EXPECT_EQ(Refusal(Doc(R"({"Effect":"Allow","Action":"*"})")),
            "Policy statement must contain resources.");
  EXPECT_EQ(Refusal(Doc(R"({"Effect":"Allow","Action":"*","Resource":[]})")),
            "Policy statement must contain resources.");
}

TEST(AuthPolicyDocumentTest, BadValuesAreRefusedWithoutEchoingThem) {
  const std::string canary = "zq-canary-value";
  const std::string effect =
      Refusal(Doc(R"({"Effect":")" + canary + R"(","Action":"*","Resource":"*"})"));
  EXPECT_EQ(effect, "Invalid effect: Effect must be Allow or Deny.");
  const std::string action =
      Refusal(Doc(R"({"Effect":"Allow","Action":")" + canary + R"(","Resource":"*"})"));
  EXPECT_EQ(action, "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
  const std::string resource =
      Refusal(Doc(R"({"Effect":"Allow","Action":"*","Resource":")" + canary + R"("})"));
  EXPECT_EQ(resource, "Resource must be in ARN format or \"*\".");
  EXPECT_EQ(Refusal(R"({"Version":")" + canary +
                    R"(","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}})"),
            "The policy failed legacy parsing");
  const std::string date = Refusal(Doc(
      R"({"Effect":"Allow","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":")" +
      canary + R"("}}})"));
  EXPECT_EQ(date, "Invalid value for condition operator DateLessThan.");
  for (const std::string& m : std::vector<std::string>{effect, action, resource, date}) {
    EXPECT_EQ(m.find(canary), std::string::npos) << m;
  }
}

TEST(AuthPolicyDocumentTest, ActionsNeedAVendorPrefix) {
  for (const std::string bad : {"GetParameter", ":Get", "ssm:", "s sm:Get", "ssm:Get Parameter"}) {
    EXPECT_EQ(Refusal(Doc(R"({"Effect":"Allow","Action":")" + bad + R"(","Resource":"*"})")),
              "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.")
        << bad;
  }
  EXPECT_EQ(
      Refusal(Doc(
          R"({"Effect":"Allow","Action":["ssm:*","*","secretsmanager:Get?ecret*"],"Resource":"*"})")),
      "");
}

TEST(AuthPolicyDocumentTest, ResourcesMustBeArnsOrStar) {
  for (const std::string bad : {"project-x/*", "arn:aws:ssm", "arn:aws:ssm:x", "arn:*",
                                "arn:aws::::x:y", "arn::ssm:::x", "**", "arn:aws:ssm:::\\u0001"}) {
    EXPECT_EQ(Refusal(Doc(R"({"Effect":"Allow","Action":"*","Resource":")" + bad + R"("})")),
              "Resource must be in ARN format or \"*\".")
        << bad;
  }
  for (const std::string good :
       {"arn:aws:s3:::bucket/*", "arn:aws:ssm:*", "arn:aws:ssm:*:*:parameter/a b",
        "arn:aws:ssm:*:*:parameter/${aws:userid, 'x'}"}) {
    EXPECT_EQ(Refusal(Doc(R"({"Effect":"Allow","Action":"*","Resource":")" + good + R"("})")), "")
        << good;
  }
}

TEST(AuthPolicyDocumentTest, SidsAreAlphanumericAndUniqueInIdentityPolicies) {
  EXPECT_EQ(Refusal(Doc(R"([{"Sid":"A1","Effect":"Allow","Action":"*","Resource":"*"},
                             {"Sid":"A1","Effect":"Deny","Action":"*","Resource":"*"}])")),
            "Statement IDs (SID) in a single policy must be unique.");
  EXPECT_EQ(Refusal(Doc(R"({"Sid":"a-b","Effect":"Allow","Action":"*","Resource":"*"})")),
            "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the "
            "regular expression [0-9A-Za-z]*");
  EXPECT_EQ(
      Refusal(Doc(R"({"Sid":"a b","Effect":"Allow","Principal":"*","Action":"*"})"), kResource),
      "");
}

TEST(AuthPolicyDocumentTest, IdentityPoliciesMustNotNameAPrincipal) {
  EXPECT_EQ(Refusal(Doc(R"({"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"})")),
            "Policy document should not specify a principal.");
  EXPECT_EQ(
      Refusal(Doc(R"({"Effect":"Allow","NotPrincipal":{"AWS":"*"},"Action":"*","Resource":"*"})")),
      "Policy document should not specify a principal.");
}

TEST(AuthPolicyDocumentTest, ResourcePoliciesNeedAPrincipalAndMayOmitResource) {
  EXPECT_EQ(Refusal(Doc(R"({"Effect":"Allow","Action":"*"})"), kResource),
            "Missing required field Principal");
  EXPECT_EQ(Refusal(Doc(R"({"Effect":"Allow","Principal":"*","NotPrincipal":"*","Action":"*"})"),
                    kResource),
            "Syntax errors in policy.");
  const auto policy = ParsePolicyDocument(Doc(R"([
    {"Effect":"Allow","Principal":"*","Action":"secretsmanager:GetSecretValue"},
    {"Effect":"Allow","Principal":{"AWS":["123456789012","arn:aws:iam::123456789012:root",
       "arn:aws:iam::123456789012:user/team/alice","*"]},"Action":"*","Resource":"*"},
    {"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:user/bob",
       "Service":"secretsmanager.amazonaws.com"},"Action":"*"}])"),
                                          kResource);
  ASSERT_TRUE(policy.ok()) << policy.status().reason();
  ASSERT_EQ(policy->statements.size(), 3u);
  EXPECT_EQ(policy->statements[0].principals, std::vector<std::string>{"*"});
  EXPECT_TRUE(policy->statements[0].resources.empty());
  EXPECT_EQ(policy->statements[1].principals,
            (std::vector<std::string>{"123456789012", "arn:aws:iam::123456789012:root",
                                      "arn:aws:iam::123456789012:user/team/alice", "*"}));
  EXPECT_TRUE(policy->statements[2].not_principal);
  EXPECT_EQ(policy->statements[2].principals,
            (std::vector<std::string>{"arn:aws:iam::123456789012:user/bob",
                                      "Service:secretsmanager.amazonaws.com"}));
}

TEST(AuthPolicyDocumentTest, InvalidPrincipalsAreRefused) {
  for (const std::string bad :
       {R"("bob")", R"({})", R"({"AWS":[]})", R"({"AWS":"12345"})", R"({"AWS":"alice"})",
        R"({"AWS":"arn:aws:iam::123456789012:group/g"})", R"({"AWS":"arn:aws:iam::12:root"})",
        R"({"Aws":"*"})", R"({"AWS":7})"}) {
    EXPECT_EQ(
        Refusal(Doc(R"({"Effect":"Allow","Principal":)" + bad + R"(,"Action":"*"})"), kResource),
        "Invalid principal in policy.")
        << bad;
  }
}

TEST(AuthPolicyDocumentTest, ConditionsAreReadWithQualifiersAndSuffixes) {
  const auto policy = ParsePolicyDocument(Doc(R"({"Effect":"Allow","Action":"*","Resource":"*",
    "Condition":{
      "StringEqualsIfExists":{"aws:RequestTag/team":["a","b"]},
      "ForAllValues:StringLike":{"aws:TagKeys":"team*"},
      "NumericLessThan":{"aws:MultiFactorAuthAge":3600},
      "Bool":{"aws:SecureTransport":true},
      "NumericEquals":{"x:n":1.5},
      "stringequals":{"aws:username":"bob"}}})"),
                                          kIdentity);
  ASSERT_TRUE(policy.ok()) << policy.status().reason();
  const auto& c = policy->statements[0].conditions;
  ASSERT_EQ(c.size(), 6u);
  EXPECT_EQ(c[0].op, "StringEquals");
  EXPECT_TRUE(c[0].if_exists);
  EXPECT_EQ(c[0].key, "aws:RequestTag/team");
  EXPECT_EQ(c[0].values, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(c[1].op, "StringLike");
  EXPECT_EQ(c[1].set_qualifier, SetQualifier::kForAllValues);
  EXPECT_FALSE(c[1].if_exists);
  EXPECT_EQ(c[2].values, std::vector<std::string>{"3600"});
  EXPECT_EQ(c[3].values, std::vector<std::string>{"true"});
  EXPECT_EQ(c[4].values, std::vector<std::string>{"1.5"});
  EXPECT_EQ(c[5].op, "StringEquals");  // operator names are matched case-insensitively
}

TEST(AuthPolicyDocumentTest, EveryOperatorIsKnownWithAndWithoutIfExists) {
  for (const std::string op :
       {"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
        "StringLike", "StringNotLike", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike"}) {
    for (const std::string suffix : {"", "IfExists"}) {
      EXPECT_EQ(Refusal(Doc(R"({"Effect":"Allow","Action":"*","Resource":"*","Condition":{")" + op +
                            suffix + R"(":{"aws:PrincipalArn":"arn:aws:iam::*"}}})")),
                "")
          << op << suffix;
    }
  }
  const std::pair<std::string, std::string> typed[] = {
      {"Bool", "true"},
      {"Null", "false"},
      {"DateEquals", "2024-01-01T00:00:00Z"},
      {"DateNotEquals", "1700000000"},
      {"DateLessThan", "2024-01-01"},
      {"DateLessThanEquals", "2024-01-01T00:00Z"},
      {"DateGreaterThan", "2024-01-01T00:00:00+02:00"},
      {"DateGreaterThanEquals", "2024-01-01T00:00:00.123Z"},
      {"NumericEquals", "1"},
      {"NumericNotEquals", "-2"},
      {"NumericLessThan", "3.5"},
      {"NumericLessThanEquals", "4"},
      {"NumericGreaterThan", "5"},
      {"NumericGreaterThanEquals", "6"},
      {"IpAddress", "10.0.0.0/8"},
      {"NotIpAddress", "2001:db8::/32"}};
  for (const auto& [op, value] : typed) {
    EXPECT_EQ(Refusal(Doc(R"({"Effect":"Allow","Action":"*","Resource":"*","Condition":{")" + op +
                          R"(":{"aws:SourceIp":")" + value + R"("}}})")),
              "")
        << op;
    EXPECT_EQ(Refusal(Doc(R"({"Effect":"Allow","Action":"*","Resource":"*","Condition":{")" + op +
                          R"(":{"aws:SourceIp":"nonsense"}}})")),
              "Invalid value for condition operator " + op + ".")
        << op;
  }
}

TEST(AuthPolicyDocumentTest, UnknownOperatorsAndBadConditionShapesAreRefused) {
  auto with = [](const std::string& condition) {
    return Refusal(
        Doc(R"({"Effect":"Allow","Action":"*","Resource":"*","Condition":)" + condition + "}"));
  };
  EXPECT_EQ(with(R"({"StringEqualz":{"aws:username":"x"}})"),
            "Invalid Condition type : StringEqualz");
  EXPECT_EQ(with(R"({"NullIfExists":{"aws:username":"true"}})"),
            "Invalid Condition type : NullIfExists");
  EXPECT_EQ(with(R"({"ForSomeValues:StringEquals":{"aws:TagKeys":"x"}})"),
            "Invalid Condition type : ForSomeValues:StringEquals");
  EXPECT_EQ(with(R"({"StringEquals":{"username":"x"}})"),
            "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
  EXPECT_EQ(with(R"({"StringEquals":"x"})"), "Syntax errors in policy.");
  EXPECT_EQ(with(R"({"StringEquals":{}})"), "Syntax errors in policy.");
  EXPECT_EQ(with(R"({"StringEquals":{"aws:username":[]}})"), "Syntax errors in policy.");
  EXPECT_EQ(with(R"({"StringEquals":{"aws:username":null}})"), "Syntax errors in policy.");
  EXPECT_EQ(with(R"({"StringEquals":{"aws:username":{"a":"b"}}})"), "Syntax errors in policy.");
}

TEST(AuthPolicyDocumentTest, PolicyVariablesSkipValueChecksOnlyIn2012) {
  const std::string statement =
      R"({"Effect":"Allow","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"${x:y}"}}})";
  EXPECT_EQ(Refusal(Doc(statement)), "");
  EXPECT_EQ(Refusal(R"({"Version":"2008-10-17","Statement":)" + statement + "}"),
            "Invalid value for condition operator DateLessThan.");
}

}  // namespace
}  // namespace paramsafe::auth
