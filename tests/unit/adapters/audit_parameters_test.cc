// What the audit trail keeps of a request: secret members removed (canary
// values that must never come out), everything else kept, and the router
// filling the record of the request it handles.
#include "common/audit_parameters.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string>

#include "router_fixture.h"

namespace paramsafe::adapters::testing {
namespace {

constexpr const char* kCanary = "cnry-audit-5f1c2a9e7d3b4c60";

boost::json::object Parse(std::string_view text) { return boost::json::parse(text).as_object(); }

// The kept parameters of `body` for secretsmanager.<op> or AmazonSSM.<op>.
std::string Kept(std::string_view prefix, std::string_view op, std::string_view body) {
  auto kept = AuditParameters(prefix, op, Parse(body));
  EXPECT_TRUE(kept.has_value()) << prefix << "." << op;
  return kept.value_or("");
}

struct SecretMember {
  const char* prefix;
  const char* operation;
  const char* member;
};

// Every member whose model shape is sensitive, in every operation that
// declares it (grep '"sensitive"' in the service models).
constexpr SecretMember kModelSecretMembers[] = {
    {"secretsmanager", "CreateSecret", "SecretString"},
    {"secretsmanager", "CreateSecret", "SecretBinary"},
    {"secretsmanager", "PutSecretValue", "SecretString"},
    {"secretsmanager", "PutSecretValue", "SecretBinary"},
    {"secretsmanager", "PutSecretValue", "RotationToken"},
    {"secretsmanager", "UpdateSecret", "SecretString"},
    {"secretsmanager", "UpdateSecret", "SecretBinary"},
    {"AmazonSSM", "PutParameter", "Value"},
};

TEST(AdaptersAuditParameters, EverySensitiveModelMemberIsRemoved) {
  for (const auto& c : kModelSecretMembers) {
    boost::json::object body{{"Name", "app/db"}, {c.member, kCanary}};
    std::string kept = Kept(c.prefix, c.operation, boost::json::serialize(body));
    EXPECT_EQ(kept.find(kCanary), std::string::npos) << c.operation << "." << c.member;
    EXPECT_FALSE(Parse(kept).contains(c.member)) << c.operation << "." << c.member;
    EXPECT_EQ(Parse(kept).at("Name"), "app/db") << c.operation;
  }
}

TEST(AdaptersAuditParameters, SecretMembersAreRemovedFromEveryOperationOfTheirFace) {
  // A client may send a secret member where the model has none; it is not
  // recorded there either.
  std::string sm = Kept("secretsmanager", "GetSecretValue",
                        std::string(R"({"SecretId":"a","SecretString":")") + kCanary + "\"}");
  EXPECT_EQ(sm.find(kCanary), std::string::npos);
  std::string ssm =
      Kept("AmazonSSM", "GetParameter", std::string(R"({"Name":"/a","Value":")") + kCanary + "\"}");
  EXPECT_EQ(ssm.find(kCanary), std::string::npos);
}

TEST(AdaptersAuditParameters, NonSecretMembersAreKeptWithTheirValues) {
  std::string kept = Kept("AmazonSSM", "PutParameter",
                          R"({"Name":"/app/url","Type":"String","Overwrite":true,
                              "Tags":[{"Key":"team","Value":"blue"}],"Value":"x"})");
  auto o = Parse(kept);
  EXPECT_EQ(o.at("Name"), "/app/url");
  EXPECT_EQ(o.at("Type"), "String");
  EXPECT_EQ(o.at("Overwrite"), true);
  // A tag's Value is not a secret shape: only the top-level Value is.
  EXPECT_EQ(o.at("Tags").as_array().at(0).as_object().at("Value"), "blue");
  EXPECT_FALSE(o.contains("Value"));
}

TEST(AdaptersAuditParameters, SecretStringInsideAnotherMemberIsKeptAsTheModelSays) {
  // Description is plain text in the model; a caller who writes a secret
  // there has published it. The test pins the rule: only sensitive shapes go.
  std::string kept =
      Kept("secretsmanager", "CreateSecret", R"({"Name":"n","Description":"not secret"})");
  EXPECT_EQ(Parse(kept).at("Description"), "not secret");
}

TEST(AdaptersAuditParameters, UnknownOperationKeepsNothing) {
  std::string body = std::string(R"({"Parameters":{"commands":[")") + kCanary + "\"]}}";
  EXPECT_FALSE(AuditParameters("AmazonSSM", "SendCommand", Parse(body)).has_value());
  EXPECT_FALSE(AuditParameters("secretsmanager", "NoSuchOperation", Parse(body)).has_value());
  EXPECT_FALSE(AuditParameters("DynamoDB_20120810", "GetItem", Parse(body)).has_value());
}

TEST(AdaptersAuditParameters, NulCharactersBecomeReplacementCharacters) {
  std::string kept = Kept("AmazonSSM", "GetParameter", R"({"Na\u0000me":"/a\u0000b"})");
  EXPECT_EQ(kept.find("\\u0000"), std::string::npos) << kept;
  auto o = Parse(kept);
  EXPECT_EQ(o.at("Na\xEF\xBF\xBDme"),
            "/a\xEF\xBF\xBD"
            "b");
}

TEST(AdaptersAuditParameters, ReadOnlyOperationsAreGetListDescribeBatchGetValidate) {
  for (const char* op : {"GetParameter", "GetSecretValue", "ListSecrets", "DescribeParameters",
                         "BatchGetSecretValue", "ValidateResourcePolicy", "GetRandomPassword"}) {
    EXPECT_TRUE(IsReadOnlyOperation(op)) << op;
  }
  for (const char* op :
       {"PutParameter", "CreateSecret", "DeleteSecret", "TagResource", "LabelParameterVersion",
        "RestoreSecret", "UpdateSecretVersionStage", ""}) {
    EXPECT_FALSE(IsReadOnlyOperation(op)) << op;
  }
}

// ---- the router fills the record of the request it handles

using AdaptersAuditRouter = RouterTest;

TEST_F(AdaptersAuditRouter, RecordGetsRedactedParametersAndReadOnly) {
  core::AuditRecord record;
  CallContext ctx = TestContext();
  ctx.audit = &record;
  std::string body =
      std::string(R"({"Name":"/audit/p","Type":"SecureString","Value":")") + kCanary + "\"}";
  router_.Handle("AmazonSSM.PutParameter", "ssm", ctx, body);
  ASSERT_TRUE(record.request_parameters.has_value());
  EXPECT_EQ(record.request_parameters->find(kCanary), std::string::npos);
  EXPECT_EQ(Parse(*record.request_parameters).at("Name"), "/audit/p");
  EXPECT_FALSE(record.read_only);

  core::AuditRecord read;
  ctx.audit = &read;
  router_.Handle("AmazonSSM.GetParameter", "ssm", ctx, R"({"Name":"/audit/p"})");
  EXPECT_TRUE(read.read_only);
  ASSERT_TRUE(read.request_parameters.has_value());
}

TEST_F(AdaptersAuditRouter, UnparsableBodyIsNeverRecorded) {
  core::AuditRecord record;
  CallContext ctx = TestContext();
  ctx.audit = &record;
  std::string body = std::string(R"({"Name":"/a","Value":")") + kCanary + "\",";  // cut short
  Response r = router_.Handle("AmazonSSM.PutParameter", "ssm", ctx, body);
  ExpectError(r, "SerializationException");
  EXPECT_FALSE(record.request_parameters.has_value());
  EXPECT_FALSE(record.read_only);
}

}  // namespace
}  // namespace paramsafe::adapters::testing
