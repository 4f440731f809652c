// Router: targets, the SigV4 scope check, request parsing, both faces.
#include "router.h"

#include <gtest/gtest.h>

#include "router_fixture.h"

namespace paramsafe::adapters::testing {
namespace {

using AdaptersRouter = RouterTest;

TEST_F(AdaptersRouter, UnknownPrefixIsUnknownOperation) {
  Response r = router_.Handle("DynamoDB_20120810.GetItem", "ssm", TestContext(), "{}");
  ExpectError(r, "UnknownOperationException");
}

TEST_F(AdaptersRouter, PrefixIsCaseSensitive) {
  Response r = router_.Handle("amazonssm.GetParameter", "ssm", TestContext(), "{}");
  ExpectError(r, "UnknownOperationException");
}

TEST_F(AdaptersRouter, TargetWithoutOperationIsUnknownOperation) {
  ExpectError(router_.Handle("AmazonSSM", "ssm", TestContext(), "{}"), "UnknownOperationException");
  ExpectError(router_.Handle("AmazonSSM.", "ssm", TestContext(), "{}"),
              "UnknownOperationException");
}

TEST_F(AdaptersRouter, EmptyTargetIsUnknownOperation) {
  ExpectError(router_.Handle("", "ssm", TestContext(), "{}"), "UnknownOperationException");
}

TEST_F(AdaptersRouter, UnservedSsmOperationIsUnknownOperation) {
  Response r = Ssm("SendCommand", "{}");
  auto body = ExpectError(r, "UnknownOperationException");
  EXPECT_TRUE(body.contains("message")) << Show(r);
}

TEST_F(AdaptersRouter, SsmTargetSignedForSecretsManagerIsInvalidSignature) {
  Response r = router_.Handle("AmazonSSM.GetParameter", "secretsmanager", TestContext(),
                              R"({"Name":"/a"})");
  ExpectError(r, "InvalidSignatureException");
  EXPECT_EQ(repo_.get_latest_calls(), 0);
}

TEST_F(AdaptersRouter, SecretsManagerTargetSignedForSsmIsInvalidSignature) {
  Response r = router_.Handle("secretsmanager.GetSecretValue", "ssm", TestContext(), "{}");
  ExpectError(r, "InvalidSignatureException");
}

TEST_F(AdaptersRouter, ScopeOfAnotherServiceIsInvalidSignature) {
  Response r = router_.Handle("AmazonSSM.GetParameter", "s3", TestContext(), R"({"Name":"/a"})");
  ExpectError(r, "InvalidSignatureException");
}

TEST_F(AdaptersRouter, MalformedJsonIsSerializationException) {
  ExpectError(Ssm("GetParameter", R"({"Name": )"), "SerializationException");
}

TEST_F(AdaptersRouter, NonObjectBodyIsSerializationException) {
  ExpectError(Ssm("GetParameter", R"(["/a"])"), "SerializationException");
}

TEST_F(AdaptersRouter, EmptyBodyIsAnEmptyRequest) {
  Response r = Ssm("GetParameter", "");
  auto body = ExpectError(r, "ValidationException");
  EXPECT_NE(ErrorMessage(body).find("at 'name'"), std::string::npos) << Show(r);
}

TEST_F(AdaptersRouter, SecretsManagerOperationIsUnknownWithCapitalMessage) {
  Response r = router_.Handle("secretsmanager.RotateSecret", "secretsmanager", TestContext(),
                              R"({"SecretId":"s"})");
  auto body = ExpectError(r, "UnknownOperationException");
  EXPECT_TRUE(body.contains("Message")) << Show(r);
  EXPECT_FALSE(body.contains("message")) << Show(r);
  ASSERT_TRUE(r.error.has_value());
  EXPECT_STREQ(r.error->message_member, "Message");
}

TEST_F(AdaptersRouter, ErrorResponseCarriesTheSameErrorAsItsBody) {
  Response r = Ssm("GetParameter", R"({"Name":"/missing"})");
  auto body = ExpectError(r, "ParameterNotFound");
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->message, ErrorMessage(body));
  EXPECT_FALSE(r.error->retryable);
}

TEST_F(AdaptersRouter, SuccessHasStatus200AndNoError) {
  Response r = Ssm("PutParameter", R"({"Name":"/a","Value":"v","Type":"String"})");
  ExpectOk(r);
}

}  // namespace
}  // namespace paramsafe::adapters::testing
