#include "auth/policy_conditions.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "auth/condition_values.h"
#include "auth/policy_document.h"

namespace paramsafe::auth {
namespace {

// One condition written as in a document: {"<op>": {"<key>": <values JSON>}}.
core::PolicyCondition Condition(const std::string& op, const std::string& key,
                                const std::string& values_json) {
  const auto policy = ParsePolicyDocument(
      R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*",
          "Condition":{")" +
          op + R"(":{")" + key + R"(":)" + values_json + "}}}}",
      core::PolicyKind::kIdentity);
  EXPECT_TRUE(policy.ok()) << op << ": " << policy.status().reason();
  if (!policy.ok()) return {};
  return policy->statements.at(0).conditions.at(0);
}

struct Case {
  std::string op;
  std::string values_json;             // the policy's values
  std::optional<std::string> request;  // the request's value; nullopt = key absent
  bool expected;
};

void Check(const std::vector<Case>& cases, const std::string& key = "x:k") {
  for (const Case& c : cases) {
    ConditionKeys keys;
    if (c.request) keys.Set(key, *c.request);
    EXPECT_EQ(ConditionHolds(Condition(c.op, key, c.values_json), keys, true), c.expected)
        << c.op << " " << c.values_json << " vs "
        << (c.request ? *c.request : std::string("<absent>"));
  }
}

TEST(AuthPolicyConditionsTest, StringOperators) {
  Check({
      {"StringEquals", R"("abc")", "abc", true},
      {"StringEquals", R"("abc")", "ABC", false},
      {"StringEquals", R"(["x","abc"])", "abc", true},  // values OR
      {"StringEquals", R"("abc")", std::nullopt, false},
      {"StringNotEquals", R"("abc")", "abc", false},
      {"StringNotEquals", R"(["x","y"])", "abc", true},
      {"StringNotEquals", R"("abc")", std::nullopt, true},  // negated: missing key holds
      {"StringEqualsIgnoreCase", R"("abc")", "ABC", true},
      {"StringEqualsIgnoreCase", R"("abc")", "abd", false},
      {"StringNotEqualsIgnoreCase", R"("abc")", "ABC", false},
      {"StringNotEqualsIgnoreCase", R"("abc")", "x", true},
      {"StringLike", R"("team-*")", "team-red", true},
      {"StringLike", R"("team-?")", "team-red", false},
      {"StringLike", R"("team-???")", "team-red", true},
      {"StringLike", R"("Team-*")", "team-red", false},  // case-sensitive
      {"StringLike", R"("team-*")", std::nullopt, false},
      {"StringNotLike", R"("team-*")", "team-red", false},
      {"StringNotLike", R"("team-*")", "other", true},
      {"StringNotLike", R"("team-*")", std::nullopt, true},
  });
}

TEST(AuthPolicyConditionsTest, IfExistsHoldsForAMissingKeyAndTestsAPresentOne) {
  Check({
      {"StringEqualsIfExists", R"("abc")", std::nullopt, true},
      {"StringEqualsIfExists", R"("abc")", "abc", true},
      {"StringEqualsIfExists", R"("abc")", "abd", false},
      {"StringLikeIfExists", R"("a*")", "b", false},
      {"NumericLessThanIfExists", R"("5")", std::nullopt, true},
      {"IpAddressIfExists", R"("10.0.0.0/8")", "11.0.0.1", false},
      {"DateLessThanIfExists", R"("2024-01-01T00:00:00Z")", std::nullopt, true},
      {"BoolIfExists", R"("true")", "false", false},
      {"ArnLikeIfExists", R"("arn:aws:iam::*:user/*")", std::nullopt, true},
  });
}

TEST(AuthPolicyConditionsTest, BoolAndNull) {
  Check({
      {"Bool", R"("true")", "true", true},
      {"Bool", R"(true)", "TRUE", true},
      {"Bool", R"("true")", "false", false},
      {"Bool", R"("false")", "false", true},
      {"Bool", R"("true")", "yes", false},
      {"Bool", R"("true")", std::nullopt, false},
      {"Null", R"("true")", std::nullopt, true},
      {"Null", R"("true")", "x", false},
      {"Null", R"("false")", "x", true},
      {"Null", R"("false")", std::nullopt, false},
  });
}

TEST(AuthPolicyConditionsTest, DateOperatorsReadIso8601AndEpochSeconds) {
  // 2024-05-01T12:00:00Z == 1714564800.
  Check({
      {"DateEquals", R"("2024-05-01T12:00:00Z")", "1714564800", true},
      {"DateEquals", R"("1714564800")", "2024-05-01T14:00:00+02:00", true},
      {"DateNotEquals", R"("2024-05-01T12:00:00Z")", "2024-05-01T12:00:01Z", true},
      {"DateNotEquals", R"("2024-05-01T12:00:00Z")", std::nullopt, true},
      {"DateLessThan", R"("2024-05-01T12:00:00Z")", "2024-05-01T11:59:59Z", true},
      {"DateLessThan", R"("2024-05-01T12:00:00Z")", "2024-05-01T12:00:00Z", false},
      {"DateLessThan", R"("2024-05-02")", "2024-05-01T23:59:59.999Z", true},
      {"DateLessThan", R"("2024-05-01T12:00:00Z")", std::nullopt, false},
      {"DateLessThanEquals", R"("2024-05-01T12:00:00Z")", "2024-05-01T12:00:00Z", true},
      {"DateGreaterThan", R"("2024-05-01T12:00:00Z")", "2024-05-01T12:00:00.001Z", true},
      {"DateGreaterThan", R"("2024-05-01T12:00:00Z")", "2024-05-01T12:00Z", false},
      {"DateGreaterThanEquals", R"("2024-05-01T12:00:00Z")", "2024-05-01T12:00Z", true},
      {"DateGreaterThanEquals", R"("2024-05-01T12:00:00Z")", "yesterday", false},
  });
}

TEST(AuthPolicyConditionsTest, NumericOperators) {
  Check({
      {"NumericEquals", R"(10)", "10", true},
      {"NumericEquals", R"("10")", "10.0", true},
      {"NumericEquals", R"("10")", "ten", false},
      {"NumericNotEquals", R"("10")", "11", true},
      {"NumericNotEquals", R"("10")", "10", false},
      {"NumericNotEquals", R"("10")", std::nullopt, true},
      {"NumericLessThan", R"("10")", "9.5", true},
      {"NumericLessThan", R"("10")", "10", false},
      {"NumericLessThanEquals", R"("10")", "10", true},
      {"NumericGreaterThan", R"("-1")", "0", true},
      {"NumericGreaterThan", R"("-1")", "-1", false},
      {"NumericGreaterThanEquals", R"("-1")", "-1", true},
      {"NumericGreaterThanEquals", R"("-1")", std::nullopt, false},
  });
}

TEST(AuthPolicyConditionsTest, SourceIpV4AndV6) {
  Check(
      {
          {"IpAddress", R"("203.0.113.0/24")", "203.0.113.7", true},
          {"IpAddress", R"("203.0.113.0/24")", "203.0.114.7", false},
          {"IpAddress", R"(["10.0.0.0/8","203.0.113.7"])", "203.0.113.7", true},
          {"IpAddress", R"("203.0.113.7/32")", "203.0.113.8", false},
          {"IpAddress", R"("0.0.0.0/0")", "198.51.100.1", true},
          {"IpAddress", R"("0.0.0.0/0")", "2001:db8::1", false},  // families differ
          {"IpAddress", R"("10.1.2.3/12")", "10.15.255.255", true},
          {"IpAddress", R"("10.1.2.3/12")", "10.16.0.0", false},
          {"IpAddress", R"("2001:db8::/32")", "2001:db8:1234::1", true},
          {"IpAddress", R"("2001:db8::/32")", "2001:db9::1", false},
          {"IpAddress", R"("2001:DB8:0:0:0:0:0:1")", "2001:db8::1", true},
          {"IpAddress", R"("::1")", "::1", true},
          {"IpAddress", R"("2001:db8::/127")", "2001:db8::1", true},
          {"IpAddress", R"("2001:db8::/128")", "2001:db8::1", false},
          // An IPv4 client seen through a dual-stack socket.
          {"IpAddress", R"("203.0.113.0/24")", "::ffff:203.0.113.9", true},
          {"IpAddress", R"("203.0.113.0/24")", "not-an-ip", false},
          {"IpAddress", R"("203.0.113.0/24")", std::nullopt, false},
          {"NotIpAddress", R"("203.0.113.0/24")", "203.0.113.7", false},
          {"NotIpAddress", R"("203.0.113.0/24")", "198.51.100.1", true},
          {"NotIpAddress", R"(["203.0.113.0/24","2001:db8::/32"])", "2001:db8::5", false},
          {"NotIpAddress", R"("203.0.113.0/24")", std::nullopt, true},
      },
      "aws:SourceIp");
}

TEST(AuthPolicyConditionsTest, ArnOperatorsMatchFieldByField) {
  Check(
      {
          {"ArnEquals", R"("arn:aws:iam::123456789012:user/alice")",
           "arn:aws:iam::123456789012:user/alice", true},
          {"ArnEquals", R"("arn:aws:iam::*:user/alice")", "arn:aws:iam::123456789012:user/alice",
           true},
          {"ArnLike", R"("arn:aws:iam::123456789012:user/*")",
           "arn:aws:iam::123456789012:user/team/bob", true},
          {"ArnLike", R"("arn:aws:iam::123456789012:user/*")", "arn:aws:iam::210987654321:user/bob",
           false},
          // A wildcard stays within its field: it cannot swallow the account.
          {"ArnLike", R"("arn:aws:iam::*")", "arn:aws:iam::123456789012:user/bob", false},
          {"ArnLike", R"("arn:aws:iam::*:*")", "arn:aws:iam::123456789012:user/bob", true},
          {"ArnLike", R"("arn:aws:iam::123456789012:user/*")", "not-an-arn", false},
          {"ArnLike", R"("arn:aws:iam::123456789012:user/*")", std::nullopt, false},
          {"ArnNotEquals", R"("arn:aws:iam::123456789012:user/alice")",
           "arn:aws:iam::123456789012:user/bob", true},
          {"ArnNotLike", R"("arn:aws:iam::*:user/a*")", "arn:aws:iam::123456789012:user/alice",
           false},
          {"ArnNotLike", R"("arn:aws:iam::*:user/a*")", "arn:aws:iam::123456789012:user/bob", true},
          {"ArnNotLike", R"("arn:aws:iam::*:user/a*")", std::nullopt, true},
      },
      "aws:PrincipalArn");
}

ConditionKeys TagKeys(const std::vector<std::string>& tag_keys) {
  ConditionKeys keys;
  for (const std::string& k : tag_keys) keys.Add("aws:TagKeys", k);
  return keys;
}

TEST(AuthPolicyConditionsTest, ForAllValuesNeedsEveryRequestValueAndHoldsWhenNoneAreSent) {
  const auto c = Condition("ForAllValues:StringEquals", "aws:TagKeys", R"(["team","env"])");
  EXPECT_TRUE(ConditionHolds(c, TagKeys({"team"}), true));
  EXPECT_TRUE(ConditionHolds(c, TagKeys({"team", "env"}), true));
  EXPECT_FALSE(ConditionHolds(c, TagKeys({"team", "owner"}), true));
  EXPECT_TRUE(ConditionHolds(c, TagKeys({}), true));
}

TEST(AuthPolicyConditionsTest, ForAnyValueNeedsOneRequestValueAndFailsWhenNoneAreSent) {
  const auto c = Condition("ForAnyValue:StringLike", "aws:TagKeys", R"("team*")");
  EXPECT_TRUE(ConditionHolds(c, TagKeys({"owner", "team-a"}), true));
  EXPECT_FALSE(ConditionHolds(c, TagKeys({"owner", "env"}), true));
  EXPECT_FALSE(ConditionHolds(c, TagKeys({}), true));
  // A negated operator under ForAnyValue: some value is not in the list.
  const auto n = Condition("ForAnyValue:StringNotEquals", "aws:TagKeys", R"(["team","env"])");
  EXPECT_TRUE(ConditionHolds(n, TagKeys({"team", "owner"}), true));
  EXPECT_FALSE(ConditionHolds(n, TagKeys({"team", "env"}), true));
  // ...and under ForAllValues: no value is in the list.
  const auto a = Condition("ForAllValues:StringNotEquals", "aws:TagKeys", R"("secret")");
  EXPECT_TRUE(ConditionHolds(a, TagKeys({"team", "owner"}), true));
  EXPECT_FALSE(ConditionHolds(a, TagKeys({"team", "secret"}), true));
}

TEST(AuthPolicyConditionsTest, KeysCompareCaseInsensitively) {
  ConditionKeys keys;
  keys.Set("secretsmanager:ResourceTag/Team", "red");
  EXPECT_TRUE(ConditionHolds(
      Condition("StringEquals", "SecretsManager:resourcetag/team", R"("red")"), keys, true));
}

TEST(AuthPolicyConditionsTest, PolicyVariablesInConditionValues) {
  ConditionKeys keys;
  keys.Set("aws:username", "alice");
  keys.Set("aws:RequestTag/owner", "alice");
  const auto c = Condition("StringEquals", "aws:RequestTag/owner", R"("${aws:username}")");
  EXPECT_TRUE(ConditionHolds(c, keys, true));
  EXPECT_FALSE(ConditionHolds(c, keys, false));  // 2008 grammar: literal text
  keys.Set("aws:RequestTag/owner", "bob");
  EXPECT_FALSE(ConditionHolds(c, keys, true));
  // A substituted value is literal even for StringLike.
  ConditionKeys star;
  star.Set("aws:username", "*");
  star.Set("x:k", "anything");
  EXPECT_FALSE(ConditionHolds(Condition("StringLike", "x:k", R"("${aws:username}")"), star, true));
}

TEST(AuthPolicyConditionsTest, ValueReaders) {
  EXPECT_EQ(ParseConditionDate("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(ParseConditionDate("1970-01-02"), 86400000);
  EXPECT_EQ(ParseConditionDate("1970-01-01T01:00:00+01:00"), 0);
  EXPECT_EQ(ParseConditionDate("1970-01-01T00:00:00-0130"), 5400000);
  EXPECT_EQ(ParseConditionDate("1970-01-01T00:00:00.5Z"), 500);
  EXPECT_EQ(ParseConditionDate("86400"), 86400000);
  EXPECT_FALSE(ParseConditionDate("2024-02-30"));
  EXPECT_FALSE(ParseConditionDate("2024-01-01T25:00:00Z"));
  EXPECT_FALSE(ParseConditionDate("2024-01-01X"));
  EXPECT_FALSE(ParseConditionDate(""));
  EXPECT_FALSE(ParseConditionNumber("1.2.3"));
  EXPECT_FALSE(ParseConditionNumber("inf"));
  EXPECT_EQ(ParseConditionNumber("-2.5"), -2.5);
  for (const char* bad : {"1.2.3", "256.0.0.1", "1.2.3.4/33", "::1/129", "1::2::3", "2001:db8::g",
                          "1:2:3:4:5:6:7:8:9", "fe80::1%eth0", "1.2.3.4/", ":1", "1:"}) {
    EXPECT_FALSE(ParseIpBlock(bad)) << bad;
  }
  for (const char* good : {"1.2.3.4", "0.0.0.0/0", "::", "::/0", "1:2:3:4:5:6:7:8",
                           "::ffff:1.2.3.4", "64:ff9b::192.0.2.33", "1::"}) {
    EXPECT_TRUE(ParseIpBlock(good)) << good;
  }
}

}  // namespace
}  // namespace paramsafe::auth
