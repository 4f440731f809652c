// KMS-like keys over real PostgreSQL: AWS-managed aliases at open, customer
// keys referenced by alias, id or ARN, and unknown keys.
#include <ostream>

#include "fixtures.h"

namespace paramsafe::integration {
namespace {

using KmsTest = RuntimeTest;

TEST_F(KmsTest, AwsManagedAliasesExistAfterOpen) {
  SqlResult r =
      Sql("SELECT a.alias_name, k.aws_managed FROM paramsafe.kms_aliases a"
          " JOIN paramsafe.kms_keys k USING (key_id)"
          " WHERE a.region = $1 ORDER BY a.alias_name",
          {kRegion});
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[0][0], "alias/aws/secretsmanager");
  EXPECT_EQ(r.rows[0][1], "t");
  EXPECT_EQ(r.rows[1][0], "alias/aws/ssm");
  EXPECT_EQ(r.rows[1][1], "t");
  EXPECT_EQ(r.rows[2][0], abi::kCredentialsKeyAlias);
  EXPECT_EQ(r.rows[2][1], "f");
}

TEST_F(KmsTest, ReopeningDoesNotCreateMoreKeys) {
  const std::string before = SqlScalar("SELECT count(*) FROM paramsafe.kms_keys");
  auto again = abi::Runtime::Open(TestConfig());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.kms_keys"), before);
}

enum class KeyRef { kAlias, kAliasArn, kKeyId, kKeyArn };

const char* KeyRefName(KeyRef r) {
  switch (r) {
    case KeyRef::kAlias:
      return "Alias";
    case KeyRef::kAliasArn:
      return "AliasArn";
    case KeyRef::kKeyId:
      return "KeyId";
    case KeyRef::kKeyArn:
      return "KeyArn";
  }
  return "Unknown";
}

// How GoogleTest (and so ctest's test names) prints the parameter.
void PrintTo(KeyRef r, std::ostream* os) { *os << KeyRefName(r); }

class CustomerKeyTest : public RuntimeTest, public ::testing::WithParamInterface<KeyRef> {};

TEST_P(CustomerKeyTest, SecureStringSealedUnderCustomerKeyRoundTrips) {
  auto key = rt().keyring().CreateKey(kRegion, "alias/team/app", "integration test key");
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  std::string ref;
  switch (GetParam()) {
    case KeyRef::kAlias:
      ref = "alias/team/app";
      break;
    case KeyRef::kAliasArn:
      ref = "arn:aws:kms:us-east-1:123456789012:alias/team/app";
      break;
    case KeyRef::kKeyId:
      ref = key->key_id;
      break;
    case KeyRef::kKeyArn:
      ref = key->arn;
      break;
  }
  auto put = Put("/kms/value", "SecureString", "sealed under a customer key", false, ref);
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  auto got = Get("/kms/value");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->version.sealed.key_id, key->key_id);
  EXPECT_EQ(got->version.attributes.key_ref, ref);
  EXPECT_TRUE(PlaintextIs(*got, "sealed under a customer key"));
}

INSTANTIATE_TEST_SUITE_P(ByReference, CustomerKeyTest,
                         ::testing::Values(KeyRef::kAlias, KeyRef::kAliasArn, KeyRef::kKeyId,
                                           KeyRef::kKeyArn),
                         [](const ::testing::TestParamInfo<KeyRef>& info) {
                           return std::string(KeyRefName(info.param));
                         });

TEST_F(KmsTest, UnknownKeyAliasIsKeyNotFound) {
  auto put = Put("/kms/value", "SecureString", "v", false, "alias/does-not-exist");
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.status().code(), core::Code::kKeyNotFound) << put.status().ToString();
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.items"), "0");
}

TEST_F(KmsTest, UnknownKeyIdIsKeyNotFound) {
  auto put = Put("/kms/value", "SecureString", "v", false, "0b3c5e9e-1d2f-4a6b-8c7d-9e0f1a2b3c4d");
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.status().code(), core::Code::kKeyNotFound) << put.status().ToString();
}

TEST_F(KmsTest, KeyOfAnotherRegionIsKeyNotFound) {
  auto key = rt().keyring().CreateKey("eu-west-1", "alias/team/app", "other region");
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  auto put = Put("/kms/value", "SecureString", "v", false, "alias/team/app");
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.status().code(), core::Code::kKeyNotFound) << put.status().ToString();
}

TEST_F(KmsTest, CreatingKeyWithTakenAliasIsAlreadyExists) {
  ASSERT_TRUE(rt().keyring().CreateKey(kRegion, "alias/team/app", "first").ok());
  auto second = rt().keyring().CreateKey(kRegion, "alias/team/app", "second");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), core::Code::kAlreadyExists) << second.status().ToString();
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.kms_keys WHERE description = 'second'"), "0");
}

}  // namespace
}  // namespace paramsafe::integration
