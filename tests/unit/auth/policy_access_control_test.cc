#include "auth/policy_access_control.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "policy_fakes.h"

namespace paramsafe::auth {
namespace {

using core::Code;
using namespace std::chrono_literals;

constexpr char kAccount[] = "123456789012";
constexpr char kRegion[] = "us-east-1";
constexpr char kAlice[] = "arn:aws:iam::123456789012:user/alice";
constexpr char kSecretX[] =
    "arn:aws:secretsmanager:us-east-1:123456789012:secret:project-x/db-AbCdEf";
constexpr char kSecretY[] =
    "arn:aws:secretsmanager:us-east-1:123456789012:secret:project-y/secret-XyZxYz";
constexpr char kCustomerKey[] =
    "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";
constexpr char kManagedSmKey[] =
    "arn:aws:kms:us-east-1:123456789012:key/aaaaaaaa-0000-0000-0000-000000000001";
constexpr char kManagedSsmKey[] =
    "arn:aws:kms:us-east-1:123456789012:key/aaaaaaaa-0000-0000-0000-000000000002";

std::string Policy(const std::string& statements) {
  return R"({"Version":"2012-10-17","Statement":)" + statements + "}";
}

class AuthPolicyAccessControlTest : public ::testing::Test {
 protected:
  AuthPolicyAccessControlTest() {
    policies_.AddUser("alice");
    keyring_.AddKey(kManagedSmKey, {"alias/aws/secretsmanager", kManagedSmKey,
                                    "aaaaaaaa-0000-0000-0000-000000000001"});
    keyring_.AddKey(kManagedSsmKey, {"alias/aws/ssm"});
    keyring_.AddKey(kCustomerKey,
                    {"alias/project-x", kCustomerKey, "11111111-2222-3333-4444-555555555555"});
    core::SecretAccessFacts x;
    x.arn = kSecretX;
    x.name = "project-x/db";
    x.tags = {{"team", "red"}};
    facts_.AddSecret(x);
    core::SecretAccessFacts y;
    y.arn = kSecretY;
    y.name = "project-y/secret";
    y.kms_key_id = "alias/project-x";
    facts_.AddSecret(y);
    Reset(0ms);
  }

  void Reset(std::chrono::milliseconds ttl) {
    control_ = std::make_unique<PolicyAccessControl>(policies_, facts_, keyring_, clock_, ttl);
  }

  void Give(const std::string& name, const std::string& statements) {
    ASSERT_TRUE(policies_.Put("alice", name, Policy(statements)).ok());
  }

  core::Caller Alice() const {
    core::Caller c;
    c.principal_arn = kAlice;
    c.user_name = "alice";
    c.account_id = kAccount;
    c.region = kRegion;
    c.source_ip = "203.0.113.7";
    c.secure_transport = true;
    return c;
  }

  static core::SecretLookup Name(const std::string& name) {
    return core::SecretLookup{kAccount, kRegion, std::nullopt, name};
  }
  static core::AccessRequest SecretRequest(const std::string& action, const std::string& name) {
    core::AccessRequest r;
    r.action = action;
    r.secret = Name(name);
    return r;
  }
  static core::AccessRequest ParameterRequest(const std::string& action, const std::string& name) {
    core::AccessRequest r;
    r.action = action;
    r.resource = std::string("arn:aws:ssm:us-east-1:123456789012:parameter/") +
                 (name[0] == '/' ? name.substr(1) : name);
    r.parameter = core::ItemKey{kAccount, kRegion, core::ItemKind::kParameter, name, name};
    return r;
  }

  core::Status Authorize(const core::AccessRequest& request, std::string* resource = nullptr) {
    return control_->Authorize(Alice(), request, resource);
  }

  testing::FakeUserPolicies policies_;
  testing::FakeAccessFacts facts_;
  testing::FakeResolvingKeyring keyring_;
  core::ManualClock clock_{core::TimePoint{} + 1714564800s};  // 2024-05-01T12:00:00Z
  std::unique_ptr<PolicyAccessControl> control_;
};

TEST_F(AuthPolicyAccessControlTest, UserWithNoPolicyIsDeniedWithAwsMessage) {
  const core::Status s = Authorize(ParameterRequest("ssm:GetParameter", "/app/db"));
  EXPECT_EQ(s.code(), Code::kPermissionDenied);
  EXPECT_EQ(s.reason(),
            "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: "
            "ssm:GetParameter on resource: arn:aws:ssm:us-east-1:123456789012:parameter/app/db "
            "because no identity-based policy allows the ssm:GetParameter action");
}

TEST_F(AuthPolicyAccessControlTest, IdentityPolicyAllowsAndExplicitDenyWins) {
  Give("all", R"({"Effect":"Allow","Action":"ssm:*","Resource":"*"})");
  EXPECT_TRUE(Authorize(ParameterRequest("ssm:GetParameter", "/app/db")).ok());
  Give("no-delete", R"({"Effect":"Deny","Action":"ssm:Delete*","Resource":"*"})");
  const core::Status s = Authorize(ParameterRequest("ssm:DeleteParameter", "/app/db"));
  EXPECT_EQ(s.code(), Code::kPermissionDenied);
  EXPECT_EQ(s.reason(),
            "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: "
            "ssm:DeleteParameter on resource: arn:aws:ssm:us-east-1:123456789012:parameter/app/db "
            "with an explicit deny in an identity-based policy");
}

TEST_F(AuthPolicyAccessControlTest, ProjectXGrantDoesNotReachProjectY) {
  Give("x", R"({"Effect":"Allow","Action":"secretsmanager:GetSecretValue",
                "Resource":"arn:aws:secretsmanager:*:*:secret:project-x/*"})");
  std::string resource;
  EXPECT_TRUE(
      Authorize(SecretRequest("secretsmanager:GetSecretValue", "project-x/db"), &resource).ok());
  EXPECT_EQ(resource, kSecretX);
  const core::Status s =
      Authorize(SecretRequest("secretsmanager:GetSecretValue", "project-y/secret"), &resource);
  EXPECT_EQ(s.code(), Code::kPermissionDenied);
  EXPECT_EQ(resource, kSecretY);
  EXPECT_EQ(s.reason(),
            std::string("User: arn:aws:iam::123456789012:user/alice is not authorized to perform: "
                        "secretsmanager:GetSecretValue on resource: ") +
                kSecretY +
                " because no identity-based policy allows the secretsmanager:GetSecretValue "
                "action");
}

TEST_F(AuthPolicyAccessControlTest, ParameterSubtreeGrant) {
  Give("x", R"({"Effect":"Allow","Action":"ssm:GetParameter*",
                "Resource":"arn:aws:ssm:*:*:parameter/project-x/*"})");
  EXPECT_TRUE(Authorize(ParameterRequest("ssm:GetParameter", "/project-x/db/password")).ok());
  EXPECT_EQ(Authorize(ParameterRequest("ssm:GetParameter", "/project-y/db")).code(),
            Code::kPermissionDenied);
  EXPECT_EQ(Authorize(ParameterRequest("ssm:PutParameter", "/project-x/db")).code(),
            Code::kPermissionDenied);
}

TEST_F(AuthPolicyAccessControlTest, UnknownSecretIsEvaluatedAgainstTheArnItsNameSpells) {
  Give("x", R"({"Effect":"Allow","Action":"secretsmanager:*",
                "Resource":"arn:aws:secretsmanager:*:*:secret:project-x/new-??????"})");
  std::string resource;
  EXPECT_TRUE(
      Authorize(SecretRequest("secretsmanager:CreateSecret", "project-x/new"), &resource).ok());
  EXPECT_EQ(resource, "arn:aws:secretsmanager:us-east-1:123456789012:secret:project-x/new-??????");
  // An id given as an ARN is evaluated as that ARN.
  core::AccessRequest by_arn = SecretRequest("secretsmanager:GetSecretValue", "");
  by_arn.secret->arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:project-z/q-AAAAAA";
  EXPECT_EQ(Authorize(by_arn, &resource).code(), Code::kPermissionDenied);
  EXPECT_EQ(resource, *by_arn.secret->arn);
}

TEST_F(AuthPolicyAccessControlTest, UnknownSecretHasNoTags) {
  Give("tagged", R"({"Effect":"Allow","Action":"secretsmanager:*","Resource":"*",
      "Condition":{"StringEquals":{"secretsmanager:ResourceTag/team":"red"}}})");
  EXPECT_TRUE(Authorize(SecretRequest("secretsmanager:GetSecretValue", "project-x/db")).ok());
  EXPECT_EQ(Authorize(SecretRequest("secretsmanager:GetSecretValue", "project-x/none")).code(),
            Code::kPermissionDenied);
}

TEST_F(AuthPolicyAccessControlTest, SecretTagsUnderBothKeyNames) {
  Give("tagged", R"({"Effect":"Allow","Action":"secretsmanager:*","Resource":"*",
      "Condition":{"StringEquals":{"aws:ResourceTag/team":"red"}}})");
  EXPECT_TRUE(Authorize(SecretRequest("secretsmanager:GetSecretValue", "project-x/db")).ok());
  EXPECT_EQ(Authorize(SecretRequest("secretsmanager:GetSecretValue", "project-y/secret")).code(),
            Code::kPermissionDenied);
}

TEST_F(AuthPolicyAccessControlTest, FactsFailureFailsClosed) {
  Give("all", R"({"Effect":"Allow","Action":"*","Resource":"*"})");
  facts_.FailWith(core::Status(Code::kUnavailable, "database down"));
  EXPECT_EQ(Authorize(SecretRequest("secretsmanager:GetSecretValue", "project-x/db")).code(),
            Code::kUnavailable);
}

TEST_F(AuthPolicyAccessControlTest, ResourcePolicyAllowsAndDenies) {
  core::SecretAccessFacts shared;
  shared.arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:shared-QwErTy";
  shared.name = "shared";
  shared.resource_policy = Policy(
      R"([{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/alice"},
           "Action":"secretsmanager:GetSecretValue"},
          {"Effect":"Deny","Principal":"*","Action":"secretsmanager:DeleteSecret"}])");
  facts_.AddSecret(shared);
  EXPECT_TRUE(Authorize(SecretRequest("secretsmanager:GetSecretValue", "shared")).ok());
  Give("all", R"({"Effect":"Allow","Action":"*","Resource":"*"})");
  const core::Status s = Authorize(SecretRequest("secretsmanager:DeleteSecret", "shared"));
  EXPECT_EQ(s.code(), Code::kPermissionDenied);
  EXPECT_EQ(s.reason(),
            "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: "
            "secretsmanager:DeleteSecret on resource: "
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:shared-QwErTy with an explicit "
            "deny in a resource-based policy");
}

TEST_F(AuthPolicyAccessControlTest, BrokenStoredResourcePolicyClosesTheSecret) {
  core::SecretAccessFacts broken;
  broken.arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:broken-QwErTy";
  broken.name = "broken";
  broken.resource_policy = "{not json";
  facts_.AddSecret(broken);
  Give("all", R"({"Effect":"Allow","Action":"*","Resource":"*"})");
  const core::Status s = Authorize(SecretRequest("secretsmanager:GetSecretValue", "broken"));
  EXPECT_EQ(s.code(), Code::kPermissionDenied);
  EXPECT_NE(s.reason().find("resource-based policy of the secret is not a valid policy document"),
            std::string::npos)
      << s.reason();
}

TEST_F(AuthPolicyAccessControlTest, SecretKeyActionOnDefaultKeyNeedsNoKmsPermission) {
  Give("read", R"({"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*"})");
  core::AccessRequest r = SecretRequest("secretsmanager:GetSecretValue", "project-x/db");
  r.secret_key_action = "kms:Decrypt";
  EXPECT_TRUE(Authorize(r).ok());
  EXPECT_EQ(keyring_.resolve_calls(), 0);  // the default alias needs no lookup
}

TEST_F(AuthPolicyAccessControlTest, SecretKeyActionOnCustomerKeyNeedsKmsDecrypt) {
  Give("read", R"({"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*"})");
  core::AccessRequest r = SecretRequest("secretsmanager:GetSecretValue", "project-y/secret");
  r.secret_key_action = "kms:Decrypt";
  const core::Status s = Authorize(r);
  EXPECT_EQ(s.code(), Code::kPermissionDenied);
  EXPECT_EQ(s.reason(),
            std::string("User: arn:aws:iam::123456789012:user/alice is not authorized to perform: "
                        "kms:Decrypt on resource: ") +
                kCustomerKey + " because no identity-based policy allows the kms:Decrypt action");
  Give("key", std::string(R"({"Effect":"Allow","Action":"kms:Decrypt","Resource":")") +
                  kCustomerKey + R"("})");
  EXPECT_TRUE(Authorize(r).ok());
  // Without secret_key_action the key is not looked at.
  r.secret_key_action.reset();
  ASSERT_TRUE(policies_.Delete("alice", "key").ok());
  EXPECT_TRUE(Authorize(r).ok());
}

TEST_F(AuthPolicyAccessControlTest, SecretKeyActionIsSkippedForAMissingSecret) {
  Give("all", R"({"Effect":"Allow","Action":"secretsmanager:*","Resource":"*"})");
  core::AccessRequest r = SecretRequest("secretsmanager:GetSecretValue", "nothing-here");
  r.secret_key_action = "kms:Decrypt";
  EXPECT_TRUE(Authorize(r).ok());
  EXPECT_EQ(keyring_.resolve_calls(), 0);
}

TEST_F(AuthPolicyAccessControlTest, ManagedKeysAreUsableByEveryone) {
  for (const std::string ref : {"alias/aws/ssm", "alias/aws/secretsmanager",
                                "arn:aws:kms:us-east-1:123456789012:alias/aws/ssm", kManagedSmKey,
                                "aaaaaaaa-0000-0000-0000-000000000001"}) {
    EXPECT_TRUE(control_->AuthorizeKey(Alice(), "kms:Decrypt", ref).ok()) << ref;
  }
}

TEST_F(AuthPolicyAccessControlTest, CustomerKeyNeedsTheActionOnItsArn) {
  for (const std::string ref :
       {"alias/project-x", kCustomerKey, "11111111-2222-3333-4444-555555555555"}) {
    const core::Status s = control_->AuthorizeKey(Alice(), "kms:GenerateDataKey", ref);
    EXPECT_EQ(s.code(), Code::kPermissionDenied) << ref;
    EXPECT_EQ(s.reason(),
              std::string("User: arn:aws:iam::123456789012:user/alice is not authorized to "
                          "perform: kms:GenerateDataKey on resource: ") +
                  kCustomerKey +
                  " because no identity-based policy allows the kms:GenerateDataKey action");
  }
  Give("key", R"({"Effect":"Allow","Action":["kms:GenerateDataKey","kms:Encrypt"],
                  "Resource":"arn:aws:kms:*:*:key/11111111-*"})");
  EXPECT_TRUE(control_->AuthorizeKey(Alice(), "kms:GenerateDataKey", "alias/project-x").ok());
  EXPECT_EQ(control_->AuthorizeKey(Alice(), "kms:Decrypt", "alias/project-x").code(),
            Code::kPermissionDenied);
}

TEST_F(AuthPolicyAccessControlTest, UnknownKeyIsLeftToTheOperation) {
  EXPECT_TRUE(control_->AuthorizeKey(Alice(), "kms:Decrypt", "alias/nope").ok());
  keyring_.FailWith(core::Status(Code::kUnavailable, "database down"));
  EXPECT_EQ(control_->AuthorizeKey(Alice(), "kms:Decrypt", "alias/project-x").code(),
            Code::kUnavailable);
}

TEST_F(AuthPolicyAccessControlTest, KeyResolutionsAreCachedForTheTtl) {
  Reset(60s);
  Give("key", R"({"Effect":"Allow","Action":"kms:*","Resource":"*"})");
  ASSERT_TRUE(control_->AuthorizeKey(Alice(), "kms:Decrypt", "alias/project-x").ok());
  const int calls = keyring_.resolve_calls();
  ASSERT_TRUE(control_->AuthorizeKey(Alice(), "kms:Decrypt", "alias/project-x").ok());
  EXPECT_EQ(keyring_.resolve_calls(), calls);
  clock_.Advance(61s);
  ASSERT_TRUE(control_->AuthorizeKey(Alice(), "kms:Decrypt", "alias/project-x").ok());
  EXPECT_GT(keyring_.resolve_calls(), calls);
}

TEST_F(AuthPolicyAccessControlTest, ParameterTagsAreReadOnlyForPoliciesThatAsk) {
  facts_.SetParameterTags("/app/db", {{"env", "prod"}});
  Give("all", R"({"Effect":"Allow","Action":"ssm:*","Resource":"*"})");
  EXPECT_TRUE(Authorize(ParameterRequest("ssm:GetParameter", "/app/db")).ok());
  EXPECT_EQ(facts_.parameter_tags_calls(), 0);

  Give("not-prod", R"({"Effect":"Deny","Action":"ssm:*","Resource":"*",
      "Condition":{"StringEquals":{"ssm:resourceTag/env":"prod"}}})");
  EXPECT_EQ(Authorize(ParameterRequest("ssm:GetParameter", "/app/db")).code(),
            Code::kPermissionDenied);
  EXPECT_EQ(facts_.parameter_tags_calls(), 1);
  // A parameter that does not exist has no tags.
  EXPECT_TRUE(Authorize(ParameterRequest("ssm:PutParameter", "/app/new")).ok());
  facts_.FailWith(core::Status(Code::kUnavailable, "database down"));
  EXPECT_EQ(Authorize(ParameterRequest("ssm:GetParameter", "/app/db")).code(), Code::kUnavailable);
}

TEST_F(AuthPolicyAccessControlTest, AwsResourceTagWorksForParameters) {
  facts_.SetParameterTags("/app/db", {{"team", "red"}});
  Give("red", R"({"Effect":"Allow","Action":"ssm:*","Resource":"*",
      "Condition":{"StringEquals":{"aws:ResourceTag/team":"red"}}})");
  EXPECT_TRUE(Authorize(ParameterRequest("ssm:GetParameter", "/app/db")).ok());
  EXPECT_EQ(Authorize(ParameterRequest("ssm:GetParameter", "/app/other")).code(),
            Code::kPermissionDenied);
}

TEST_F(AuthPolicyAccessControlTest, CallerKeysSourceIpTransportAndTime) {
  Give("office", R"({"Effect":"Allow","Action":"ssm:*","Resource":"*","Condition":{
      "IpAddress":{"aws:SourceIp":["203.0.113.0/24","2001:db8::/32"]},
      "Bool":{"aws:SecureTransport":"true"},
      "DateLessThan":{"aws:CurrentTime":"2024-06-01T00:00:00Z"},
      "StringEquals":{"aws:PrincipalType":"User","aws:RequestedRegion":"us-east-1",
                      "aws:PrincipalAccount":"123456789012"}}})");
  const core::AccessRequest r = ParameterRequest("ssm:GetParameter", "/app/db");
  EXPECT_TRUE(control_->Authorize(Alice(), r, nullptr).ok());
  core::Caller v6 = Alice();
  v6.source_ip = "2001:db8::42";
  EXPECT_TRUE(control_->Authorize(v6, r, nullptr).ok());
  core::Caller elsewhere = Alice();
  elsewhere.source_ip = "198.51.100.1";
  EXPECT_EQ(control_->Authorize(elsewhere, r, nullptr).code(), Code::kPermissionDenied);
  core::Caller unknown_ip = Alice();
  unknown_ip.source_ip.clear();
  EXPECT_EQ(control_->Authorize(unknown_ip, r, nullptr).code(), Code::kPermissionDenied);
  core::Caller plain = Alice();
  plain.secure_transport = false;
  EXPECT_EQ(control_->Authorize(plain, r, nullptr).code(), Code::kPermissionDenied);
  clock_.Set(core::TimePoint{} + 1717200000s);  // 2024-06-01T00:00:00Z
  EXPECT_EQ(control_->Authorize(Alice(), r, nullptr).code(), Code::kPermissionDenied);
}

TEST_F(AuthPolicyAccessControlTest, RequestTagsAndTagKeys) {
  Give("tagging", R"({"Effect":"Allow","Action":"secretsmanager:TagResource","Resource":"*",
      "Condition":{"StringEquals":{"aws:RequestTag/owner":"${aws:username}"},
                   "ForAllValues:StringEquals":{"aws:TagKeys":["owner","team"]}}})");
  core::AccessRequest r = SecretRequest("secretsmanager:TagResource", "project-x/db");
  r.request_tags = {{"owner", "alice"}};
  EXPECT_TRUE(Authorize(r).ok());
  r.request_tags = {{"owner", "alice"}, {"cost", "1"}};
  EXPECT_EQ(Authorize(r).code(), Code::kPermissionDenied);
  r.request_tags = {{"owner", "bob"}};
  EXPECT_EQ(Authorize(r).code(), Code::kPermissionDenied);
}

TEST_F(AuthPolicyAccessControlTest, SecretIdConditionKey) {
  Give("by-id", R"({"Effect":"Allow","Action":"secretsmanager:*","Resource":"*",
      "Condition":{"StringLike":{"secretsmanager:SecretId":"project-x/*"}}})");
  EXPECT_TRUE(Authorize(SecretRequest("secretsmanager:DescribeSecret", "project-x/db")).ok());
  EXPECT_EQ(Authorize(SecretRequest("secretsmanager:DescribeSecret", "project-y/secret")).code(),
            Code::kPermissionDenied);
}

TEST_F(AuthPolicyAccessControlTest, NameConditionKeyForExistingAndNewSecrets) {
  Give("names", R"({"Effect":"Allow","Action":"secretsmanager:*","Resource":"*",
      "Condition":{"StringLike":{"secretsmanager:Name":"project-x/*"}}})");
  EXPECT_TRUE(Authorize(SecretRequest("secretsmanager:DescribeSecret", "project-x/db")).ok());
  EXPECT_TRUE(Authorize(SecretRequest("secretsmanager:CreateSecret", "project-x/new")).ok());
  EXPECT_EQ(Authorize(SecretRequest("secretsmanager:CreateSecret", "project-y/new")).code(),
            Code::kPermissionDenied);
}

TEST_F(AuthPolicyAccessControlTest, WithoutCacheAChangedPolicyAppliesToTheNextRequest) {
  const core::AccessRequest r = ParameterRequest("ssm:GetParameter", "/app/db");
  EXPECT_EQ(Authorize(r).code(), Code::kPermissionDenied);
  Give("all", R"({"Effect":"Allow","Action":"ssm:*","Resource":"*"})");
  EXPECT_TRUE(Authorize(r).ok());
  EXPECT_EQ(policies_.list_calls(), 2);
}

TEST_F(AuthPolicyAccessControlTest, CachedPoliciesAreTrustedForTheTtlOnly) {
  Reset(30s);
  const core::AccessRequest r = ParameterRequest("ssm:GetParameter", "/app/db");
  EXPECT_EQ(Authorize(r).code(), Code::kPermissionDenied);
  Give("all", R"({"Effect":"Allow","Action":"ssm:*","Resource":"*"})");
  EXPECT_EQ(Authorize(r).code(), Code::kPermissionDenied);  // still the cached view
  EXPECT_EQ(policies_.list_calls(), 1);
  clock_.Advance(31s);
  EXPECT_TRUE(Authorize(r).ok());
  EXPECT_EQ(policies_.list_calls(), 2);
}

TEST_F(AuthPolicyAccessControlTest, InvalidateAllForgetsCachedPolicies) {
  Reset(1h);
  const core::AccessRequest r = ParameterRequest("ssm:GetParameter", "/app/db");
  EXPECT_EQ(Authorize(r).code(), Code::kPermissionDenied);
  Give("all", R"({"Effect":"Allow","Action":"ssm:*","Resource":"*"})");
  control_->InvalidateAll();
  EXPECT_TRUE(Authorize(r).ok());
}

TEST_F(AuthPolicyAccessControlTest, BrokenStoredPolicyDeniesEverythingForThatUser) {
  Give("all", R"({"Effect":"Allow","Action":"*","Resource":"*"})");
  // An administrator edited the stored document in SQL.
  ASSERT_TRUE(policies_.Put("alice", "zz-edited", R"({"Statement":[{"Effect":"Maybe"}]})").ok());
  const core::Status s = Authorize(ParameterRequest("ssm:GetParameter", "/app/db"));
  EXPECT_EQ(s.code(), Code::kPermissionDenied);
  EXPECT_EQ(s.reason(),
            "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: "
            "ssm:GetParameter on resource: arn:aws:ssm:us-east-1:123456789012:parameter/app/db "
            "because the identity-based policy zz-edited of the user is not a valid policy "
            "document");
  EXPECT_EQ(control_->AuthorizeKey(Alice(), "kms:Decrypt", kCustomerKey).code(),
            Code::kPermissionDenied);
}

TEST_F(AuthPolicyAccessControlTest, DeletedUserIsDenied) {
  policies_.RemoveUser("alice");
  const core::Status s = Authorize(ParameterRequest("ssm:GetParameter", "/app/db"));
  EXPECT_EQ(s.code(), Code::kPermissionDenied);
  EXPECT_NE(s.reason().find("because the user no longer exists"), std::string::npos);
}

TEST_F(AuthPolicyAccessControlTest, RepositoryFailureFailsClosedAndIsNotCached) {
  Reset(1h);
  Give("all", R"({"Effect":"Allow","Action":"*","Resource":"*"})");
  policies_.FailWith(core::Status(Code::kUnavailable, "database down"));
  EXPECT_EQ(Authorize(ParameterRequest("ssm:GetParameter", "/app/db")).code(), Code::kUnavailable);
  EXPECT_EQ(control_->AuthorizeKey(Alice(), "kms:Decrypt", kCustomerKey).code(),
            Code::kUnavailable);
  policies_.FailWith(std::nullopt);
  EXPECT_TRUE(Authorize(ParameterRequest("ssm:GetParameter", "/app/db")).ok());
}

TEST_F(AuthPolicyAccessControlTest, ListingActionsAreOnResourceStar) {
  Give("x", R"({"Effect":"Allow","Action":"secretsmanager:*",
                "Resource":"arn:aws:secretsmanager:*:*:secret:project-x/*"})");
  core::AccessRequest list;
  list.action = "secretsmanager:ListSecrets";
  const core::Status s = Authorize(list);
  EXPECT_EQ(s.code(), Code::kPermissionDenied);
  EXPECT_EQ(s.reason(),
            "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: "
            "secretsmanager:ListSecrets because no identity-based policy allows the "
            "secretsmanager:ListSecrets action");
}

}  // namespace
}  // namespace paramsafe::auth
