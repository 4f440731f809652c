// IAM-style users and access keys through abi::CreateAccessKey and the
// credential repository, over real PostgreSQL.
#include "abi/iam_admin.h"
#include "core/credentials.h"
#include "core/keys.h"
#include "dump_search.h"
#include "fixtures.h"
#include "pg_dump.h"

namespace paramsafe::integration {
namespace {

class AccessKeyTest : public RuntimeTest {
 protected:
  void SetUp() override {
    RuntimeTest::SetUp();
    if (HasFatalFailure()) return;
    auto user = rt().credentials().CreateUser("alice", kAccount);
    ASSERT_TRUE(user.ok()) << user.status().ToString();
    auto key = abi::CreateAccessKey(rt(), "alice");
    ASSERT_TRUE(key.ok()) << key.status().ToString();
    key_ = std::move(key).value();
  }
  const std::string& key_id() const { return key_.record.access_key_id; }

  abi::NewAccessKey key_;
};

TEST_F(AccessKeyTest, FindAccessKeyReturnsItSealed) {
  auto found = rt().credentials().FindAccessKey(key_id());
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(found->user_name, "alice");
  EXPECT_EQ(found->user_arn, std::string("arn:aws:iam::") + kAccount + ":user/alice");
  EXPECT_TRUE(found->active);
  EXPECT_FALSE(found->sealed_secret.ciphertext.empty());
  EXPECT_FALSE(found->sealed_secret.wrapped_data_key.empty());
  const std::string_view secret(key_.secret_access_key);
  const std::string stored(found->sealed_secret.ciphertext.begin(),
                           found->sealed_secret.ciphertext.end());
  EXPECT_EQ(stored.find(secret), std::string::npos) << "the secret is stored in clear";

  auto opened = rt().keyring().Open(found->sealed_secret, {"access-key", key_id(), 1});
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_TRUE(core::AsStringView(*opened) == secret) << "the sealed secret does not open to it";
}

TEST_F(AccessKeyTest, SecretAccessKeyNeverAppearsInDatabaseDump) {
  Dump dump = PgDump(db().url());
  ASSERT_TRUE(dump.ok) << dump.error;
  ASSERT_NE(dump.text.find(key_id()), std::string::npos) << "the dump lacks the key row";
  EXPECT_FALSE(DumpContainsSecret(dump.text, std::string_view(key_.secret_access_key)))
      << "the secret access key is in the dump";
}

TEST_F(AccessKeyTest, DeactivatedKeyIsFoundInactiveAndCanBeReactivated) {
  ASSERT_TRUE(rt().credentials().SetAccessKeyActive("alice", key_id(), false).ok());
  auto found = rt().credentials().FindAccessKey(key_id());
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_FALSE(found->active);

  ASSERT_TRUE(rt().credentials().SetAccessKeyActive("alice", key_id(), true).ok());
  found = rt().credentials().FindAccessKey(key_id());
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_TRUE(found->active);
}

TEST_F(AccessKeyTest, SetActiveOfAnotherUsersKeyIsNotFound) {
  ASSERT_TRUE(rt().credentials().CreateUser("bob", kAccount).ok());
  core::Status s = rt().credentials().SetAccessKeyActive("bob", key_id(), false);
  EXPECT_EQ(s.code(), core::Code::kNotFound) << s.ToString();
  auto found = rt().credentials().FindAccessKey(key_id());
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->active);
}

TEST_F(AccessKeyTest, DeletedKeyIsNoLongerFound) {
  ASSERT_TRUE(rt().credentials().DeleteAccessKey("alice", key_id()).ok());
  auto found = rt().credentials().FindAccessKey(key_id());
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.status().code(), core::Code::kUnrecognizedClient);
  EXPECT_EQ(rt().credentials().DeleteAccessKey("alice", key_id()).code(), core::Code::kNotFound);
}

TEST_F(AccessKeyTest, DeletingUserWithKeysIsRefused) {
  core::Status s = rt().credentials().DeleteUser("alice");
  EXPECT_EQ(s.code(), core::Code::kConflict) << s.ToString();
  EXPECT_TRUE(rt().credentials().FindUser("alice").ok());
  EXPECT_TRUE(rt().credentials().FindAccessKey(key_id()).ok());
}

TEST_F(AccessKeyTest, DeletingUserAfterItsKeysSucceeds) {
  ASSERT_TRUE(rt().credentials().DeleteAccessKey("alice", key_id()).ok());
  EXPECT_TRUE(rt().credentials().DeleteUser("alice").ok());
  EXPECT_EQ(rt().credentials().FindUser("alice").status().code(), core::Code::kNotFound);
}

TEST_F(AccessKeyTest, AccessKeyForUnknownUserIsNotFound) {
  auto key = abi::CreateAccessKey(rt(), "nobody");
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.status().code(), core::Code::kNotFound);
}

}  // namespace
}  // namespace paramsafe::integration
