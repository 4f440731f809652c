// What the database holds cannot be altered, moved or read with another root
// key without the keyring noticing: every such read is kDecryptFailed and
// yields no plaintext, and a runtime with another root key is refused at open.
#include <chrono>

#include "crypto/keyring.h"
#include "crypto/root_key.h"
#include "fixtures.h"
#include "store/pg_key_repository.h"
#include "store/pool.h"

namespace paramsafe::integration {
namespace {

class TamperTest : public RuntimeTest {
 protected:
  // The DBA bypasses the immutability trigger (as a restore tool would).
  void BypassTriggers() { ASSERT_TRUE(Sql("SET session_replication_role = replica").ok); }
  void ExpectDecryptFailed(const core::Result<core::ParameterValue>& got) {
    ASSERT_FALSE(got.ok()) << "a tampered value was returned";
    EXPECT_EQ(got.status().code(), core::Code::kDecryptFailed) << got.status().ToString();
  }
};

constexpr const char* kFlipCiphertextByte =
    "UPDATE paramsafe.versions v SET ciphertext ="
    "   set_byte(v.ciphertext, 12, get_byte(v.ciphertext, 12) # 1)"
    " FROM paramsafe.items i WHERE i.item_id = v.item_id AND i.name = $1";

constexpr const char* kFlipWrappedKeyByte =
    "UPDATE paramsafe.versions v SET wrapped_data_key ="
    "   set_byte(v.wrapped_data_key, 12, get_byte(v.wrapped_data_key, 12) # 1)"
    " FROM paramsafe.items i WHERE i.item_id = v.item_id AND i.name = $1";

// Copies the sealed value (ciphertext, wrapped data key and its key) of
// ($1, version $2) over the row of ($3, version $4).
constexpr const char* kCopySealedValue =
    "UPDATE paramsafe.versions dst SET"
    "   ciphertext = src.ciphertext, wrapped_data_key = src.wrapped_data_key,"
    "   key_id = src.key_id, key_version = src.key_version"
    " FROM paramsafe.versions src, paramsafe.items si, paramsafe.items di"
    " WHERE si.name = $1 AND src.item_id = si.item_id AND src.version = $2::bigint"
    "   AND di.name = $3 AND dst.item_id = di.item_id AND dst.version = $4::bigint";

TEST_F(TamperTest, FlippedCiphertextByteFailsToDecrypt) {
  ASSERT_TRUE(Put("/t/secret", "SecureString", "top secret value").ok());
  BypassTriggers();
  SqlResult r = Sql(kFlipCiphertextByte, {"/t/secret"});
  ASSERT_TRUE(r.ok) << r.error;
  ExpectDecryptFailed(Get("/t/secret"));
}

TEST_F(TamperTest, FlippedWrappedDataKeyByteFailsToDecrypt) {
  ASSERT_TRUE(Put("/t/secret", "SecureString", "top secret value").ok());
  BypassTriggers();
  ASSERT_TRUE(Sql(kFlipWrappedKeyByte, {"/t/secret"}).ok);
  ExpectDecryptFailed(Get("/t/secret"));
}

TEST_F(TamperTest, CiphertextMovedToAnotherParameterFailsToDecrypt) {
  ASSERT_TRUE(Put("/t/a", "SecureString", "value of a").ok());
  ASSERT_TRUE(Put("/t/b", "SecureString", "value of b").ok());
  BypassTriggers();
  SqlResult r = Sql(kCopySealedValue, {"/t/a", "1", "/t/b", "1"});
  ASSERT_TRUE(r.ok) << r.error;
  ExpectDecryptFailed(Get("/t/b"));
  auto a = Get("/t/a");  // the original stays readable
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_TRUE(PlaintextIs(*a, "value of a"));
}

TEST_F(TamperTest, CiphertextMovedToAnotherVersionFailsToDecrypt) {
  ASSERT_TRUE(Put("/t/a", "SecureString", "version one").ok());
  ASSERT_TRUE(Put("/t/a", "SecureString", "version two", true).ok());
  BypassTriggers();
  ASSERT_TRUE(Sql(kCopySealedValue, {"/t/a", "1", "/t/a", "2"}).ok);
  ExpectDecryptFailed(Get("/t/a"));
}

TEST_F(TamperTest, RuntimeWithWrongRootKeyIsRefusedAtOpen) {
  ASSERT_TRUE(Put("/t/secret", "SecureString", "top secret value").ok());
  auto other = abi::Runtime::Open(TestConfig(kOtherRootKey));
  ASSERT_FALSE(other.ok()) << "a runtime opened with the wrong root key";
  EXPECT_EQ(other.status().code(), core::Code::kInvalidArgument) << other.status().ToString();
  EXPECT_NE(other.status().reason().find("root key"), std::string::npos) << other.status().reason();
}

// Behind the check at open: a keyring holding another root key cannot open a
// value stored under the database's keys.
TEST_F(TamperTest, KeyringWithWrongRootKeyCannotReadSecureString) {
  ASSERT_TRUE(Put("/t/secret", "SecureString", "top secret value").ok());
  core::GetParameterInput in;
  in.key = Key("/t/secret");
  in.with_decryption = false;
  auto stored = rt().parameters().Get(in);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();

  auto other_root = crypto::RootKey::FromHex(kOtherRootKey);
  ASSERT_TRUE(other_root.ok());
  store::Pool pool(db().url(), 1, std::chrono::seconds(5));
  store::PgKeyRepository keys(pool, kAccount);
  crypto::BotanKeyring other(std::move(other_root).value(), keys, kAccount);
  const core::ParameterVersion& v = stored->version;
  auto opened = other.Open(v.sealed, {"parameter", v.arn, v.version});
  ASSERT_FALSE(opened.ok()) << "a value opened under the wrong root key";
  EXPECT_EQ(opened.status().code(), core::Code::kDecryptFailed) << opened.status().ToString();
  EXPECT_NE(opened.status().reason().find("root key"), std::string::npos)
      << opened.status().reason();
}

}  // namespace
}  // namespace paramsafe::integration
