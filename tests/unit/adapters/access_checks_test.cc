// Which access checks each operation asks for (action, resource, key), and
// what a denial answers, through the Router with a RecordingAccess.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "listing_fakes.h"
#include "router_fixture.h"

namespace paramsafe::adapters::testing {
namespace {

using Asked = RecordingAccess::Asked;

const std::string kArnPrefix = std::string("arn:aws:ssm:") + kRegion + ":" + kAccount + ":";
const std::string kSecretPrefix =
    std::string("arn:aws:secretsmanager:") + kRegion + ":" + kAccount + ":secret:";

class AccessChecks : public RouterTest {
 protected:
  // What the next call asks, and nothing before it.
  std::vector<Asked> AskedBy(const boost::json::object& r) {
    (void)r;
    std::vector<Asked> a = access_.asked();
    access_.Clear();
    return a;
  }
  static std::vector<std::string> Actions(const std::vector<Asked>& asked) {
    std::vector<std::string> out;
    for (const auto& a : asked) out.push_back(a.action);
    return out;
  }
  void SetUp() override {
    ExpectOk(Ssm("PutParameter", R"({"Name":"/app/plain","Value":"v","Type":"String"})"));
    ExpectOk(Ssm("PutParameter", R"({"Name":"/app/secure","Value":"s","Type":"SecureString"})"));
    ExpectOk(Sm("CreateSecret", R"({"Name":"db","SecretString":"pw"})"));
    access_.Clear();
  }
};

TEST_F(AccessChecks, GetParameterAsksForTheParameterArn) {
  auto asked = AskedBy(ExpectOk(Ssm("GetParameter", R"({"Name":"/app/plain"})")));
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0].action, "ssm:GetParameter");
  EXPECT_EQ(asked[0].resource, kArnPrefix + "parameter/app/plain");
}

TEST_F(AccessChecks, DecryptingASecureStringAlsoAsksForKmsDecryptOnItsKey) {
  auto asked = AskedBy(
      ExpectOk(Ssm("GetParameter", R"({"Name":"/app/secure","WithDecryption":true})")));
  EXPECT_EQ(Actions(asked), (std::vector<std::string>{"ssm:GetParameter", "kms:Decrypt"}));
  EXPECT_EQ(asked.back().key_ref, "alias/aws/ssm");
  // Without decryption the key is not used, so it is not asked about.
  asked = AskedBy(ExpectOk(Ssm("GetParameter", R"({"Name":"/app/secure"})")));
  EXPECT_EQ(Actions(asked), (std::vector<std::string>{"ssm:GetParameter"}));
}

TEST_F(AccessChecks, PutSecureStringAsksForKmsEncrypt) {
  auto asked = AskedBy(ExpectOk(Ssm(
      "PutParameter", R"({"Name":"/app/k","Value":"x","Type":"SecureString","KeyId":"alias/k"})")));
  EXPECT_EQ(Actions(asked), (std::vector<std::string>{"ssm:PutParameter", "kms:Encrypt"}));
  EXPECT_EQ(asked.back().key_ref, "alias/k");
}

TEST_F(AccessChecks, DeniedPutWritesNothingAndNamesUserActionResource) {
  access_.Deny("ssm:PutParameter");
  auto body = ExpectError(Ssm("PutParameter", R"({"Name":"/app/new","Value":"v","Type":"String"})"),
                          "AccessDeniedException");
  EXPECT_EQ(Str(body.at("message")),
            "User: arn:aws:iam::123456789012:user/tester is not authorized to perform: "
            "ssm:PutParameter on resource: " + kArnPrefix + "parameter/app/new");
  ExpectError(Ssm("GetParameter", R"({"Name":"/app/new"})"), "ParameterNotFound");
}

TEST_F(AccessChecks, DeleteParametersDeletesNothingWhenOneNameIsDenied) {
  access_.Deny("ssm:DeleteParameters");
  ExpectError(Ssm("DeleteParameters", R"({"Names":["/app/plain","/app/secure"]})"),
              "AccessDeniedException");
  ExpectOk(Ssm("GetParameter", R"({"Name":"/app/plain"})"));
}

TEST_F(AccessChecks, ByPathAsksForThePathAndListingForEverything) {
  auto asked = AskedBy(ExpectOk(Ssm("GetParametersByPath", R"({"Path":"/app"})")));
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0].resource, kArnPrefix + "parameter/app");
  asked = AskedBy(ExpectOk(Ssm("DescribeParameters", "{}")));
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0].action, "ssm:DescribeParameters");
  EXPECT_EQ(asked[0].resource, "*");
}

TEST_F(AccessChecks, DecryptingByPathChecksEveryReturnedSecureString) {
  listing_repo_.Add(core::testing::SealedVersion(keyring_, "/app/listed", 1, "s",
                                                 core::kTypeSecureString));
  access_.Deny("kms:Decrypt");
  ExpectOk(Ssm("GetParametersByPath", R"({"Path":"/app"})"));
  ExpectError(Ssm("GetParametersByPath", R"({"Path":"/app","WithDecryption":true})"),
              "AccessDeniedException");
}

TEST_F(AccessChecks, TaggingAsksWithTheRequestTags) {
  // Asked before the tags are touched, whatever the tag store then answers.
  (void)Ssm("AddTagsToResource",
            R"({"ResourceType":"Parameter","ResourceId":"/app/plain","Tags":[{"Key":"t","Value":"1"}]})");
  auto asked = access_.asked();
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0].action, "ssm:AddTagsToResource");
  EXPECT_EQ(asked[0].resource, kArnPrefix + "parameter/app/plain");
}

TEST_F(AccessChecks, CreateSecretAsksForTheNameWithAnUnknownSuffixAndTheKey) {
  auto asked = AskedBy(ExpectOk(Sm("CreateSecret", R"({"Name":"new","SecretString":"x"})")));
  EXPECT_EQ(Actions(asked),
            (std::vector<std::string>{"secretsmanager:CreateSecret", "kms:GenerateDataKey"}));
  EXPECT_EQ(asked[0].resource, kSecretPrefix + "new-??????");
  EXPECT_EQ(asked[1].key_ref, "alias/aws/secretsmanager");
}

TEST_F(AccessChecks, SecretReadsAskForTheSecretAndItsKey) {
  auto asked = AskedBy(ExpectOk(Sm("GetSecretValue", R"({"SecretId":"db"})")));
  EXPECT_EQ(Actions(asked),
            (std::vector<std::string>{"secretsmanager:GetSecretValue", "kms:Decrypt"}));
  asked = AskedBy(ExpectOk(Sm("DescribeSecret", R"({"SecretId":"db"})")));
  EXPECT_EQ(Actions(asked), (std::vector<std::string>{"secretsmanager:DescribeSecret"}));
  asked = AskedBy(ExpectOk(Sm("ListSecrets", "{}")));
  EXPECT_EQ(Actions(asked), (std::vector<std::string>{"secretsmanager:ListSecrets"}));
}

TEST_F(AccessChecks, SecretDenialUsesMessageMember) {
  access_.Deny("secretsmanager:GetSecretValue");
  auto body = ExpectError(Sm("GetSecretValue", R"({"SecretId":"db"})"), "AccessDeniedException");
  EXPECT_TRUE(body.contains("Message"));
}

TEST_F(AccessChecks, BatchGetReportsADeniedSecretInErrors) {
  access_.Deny("secretsmanager:GetSecretValue");
  auto body = ExpectOk(Sm("BatchGetSecretValue", R"({"SecretIdList":["db"]})"));
  ASSERT_EQ(body.at("Errors").as_array().size(), 1u);
  EXPECT_EQ(Str(body.at("Errors").as_array()[0].as_object().at("ErrorCode")),
            "AccessDeniedException");
  EXPECT_TRUE(body.at("SecretValues").as_array().empty());
}

TEST_F(AccessChecks, PutSecretValueDeniedWritesNoVersion) {
  access_.Deny("secretsmanager:PutSecretValue");
  ExpectError(Sm("PutSecretValue", R"({"SecretId":"db","SecretString":"new"})"),
              "AccessDeniedException");
  auto body = ExpectOk(Sm("ListSecretVersionIds", R"({"SecretId":"db"})"));
  EXPECT_EQ(body.at("Versions").as_array().size(), 1u);
}

}  // namespace
}  // namespace paramsafe::adapters::testing
