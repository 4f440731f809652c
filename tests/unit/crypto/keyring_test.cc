#include "crypto/keyring.h"

#include <gtest/gtest.h>

#include <latch>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "crypto/random.h"

namespace paramsafe::crypto {
namespace {

using core::AssociatedData;
using core::Code;
using core::KmsKeyRecord;
using core::Result;
using core::SealedValue;
using core::SecureBuffer;
using core::Status;

constexpr char kAccount[] = "123456789012";
constexpr char kRegion[] = "us-east-1";
constexpr std::string_view kRootHexA =
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
constexpr std::string_view kRootHexB =
    "1f1e1d1c1b1a191817161514131211100f0e0d0c0b0a09080706050403020100";

// In-memory KeyRepository with the contract of core/keys.h: key refs by id,
// key ARN, alias name or alias ARN, region-scoped; CreateKey returns the
// existing key when the alias is taken. Thread-safe.
class FakeKeyRepository final : public core::KeyRepository {
 public:
  Result<KmsKeyRecord> FindKey(std::string_view region, std::string_view key_ref) override {
    Result<KmsKeyRecord> found = FindKeyLocked(region, key_ref);
    WaitAtGate();
    return found;
  }

  Result<KmsKeyRecord> FindKeyVersion(std::string_view key_id, int version) override {
    std::lock_guard lock(mu_);
    ++find_key_version_calls_;
    const auto it = keys_.find(std::string(key_id));
    if (it != keys_.end()) {
      for (const KmsKeyRecord& record : it->second) {
        if (record.version == version) return record;
      }
    }
    return Status(Code::kKeyNotFound, "no such key version");
  }

  Result<KmsKeyRecord> CreateKey(const KmsKeyRecord& key, std::string_view alias) override {
    std::lock_guard lock(mu_);
    if (!alias.empty()) {
      const auto it = aliases_.find({key.region, std::string(alias)});
      if (it != aliases_.end()) return keys_.at(it->second).back();
    }
    if (keys_.count(key.key_id) != 0) return Status(Code::kAlreadyExists, "key id taken");
    keys_[key.key_id].push_back(key);
    if (!alias.empty()) aliases_[{key.region, std::string(alias)}] = key.key_id;
    return key;
  }

  // Test helpers.
  std::size_t KeyCount() const {
    std::lock_guard lock(mu_);
    return keys_.size();
  }
  int find_key_version_calls() const {
    std::lock_guard lock(mu_);
    return find_key_version_calls_;
  }
  // Applies edit to every stored version of key_id (simulates SQL edits).
  template <typename F>
  void EditKey(const std::string& key_id, F edit) {
    std::lock_guard lock(mu_);
    for (KmsKeyRecord& record : keys_.at(key_id)) edit(record);
  }
  // The first `callers` FindKey calls each wait until all of them have looked
  // up, so all of them see the same (missing) state: a forced race.
  void GateFirstFindKeys(int callers) {
    gate_.emplace(callers);
    gate_left_ = callers;
  }

 private:
  Result<KmsKeyRecord> FindKeyLocked(std::string_view region, std::string_view ref) {
    std::lock_guard lock(mu_);
    std::string key_id;
    std::string_view resource = ref;
    if (ref.starts_with("arn:aws:kms:")) {
      // arn:aws:kms:<region>:<account>:<key/id | alias/name>
      std::string_view rest = ref.substr(12);
      const std::string_view arn_region = rest.substr(0, rest.find(':'));
      if (arn_region != region) return NotFound(ref);
      rest.remove_prefix(arn_region.size() + 1);
      resource = rest.substr(rest.find(':') + 1);
      if (resource.starts_with("key/")) resource.remove_prefix(4);
    }
    if (resource.starts_with("alias/")) {
      const auto it = aliases_.find({std::string(region), std::string(resource)});
      if (it == aliases_.end()) return NotFound(ref);
      key_id = it->second;
    } else {
      key_id = std::string(resource);
    }
    const auto it = keys_.find(key_id);
    if (it == keys_.end() || it->second.back().region != region) return NotFound(ref);
    return it->second.back();
  }

  static Status NotFound(std::string_view ref) {
    return Status(Code::kKeyNotFound, "Key '" + std::string(ref) + "' does not exist");
  }

  void WaitAtGate() {
    {
      std::lock_guard lock(mu_);
      if (!gate_ || gate_left_ == 0) return;
      --gate_left_;
    }
    gate_->arrive_and_wait();
  }

  mutable std::mutex mu_;
  std::map<std::string, std::vector<KmsKeyRecord>> keys_;               // by key id
  std::map<std::pair<std::string, std::string>, std::string> aliases_;  // (region, alias)
  int find_key_version_calls_ = 0;
  std::optional<std::latch> gate_;
  int gate_left_ = 0;
};

RootKey Root(std::string_view hex) {
  auto key = RootKey::FromHex(hex);
  EXPECT_TRUE(key.ok());
  return std::move(key).value();
}

SecureBuffer Plain(std::string_view s) { return core::ToSecureBuffer(s); }

class CryptoKeyringTest : public ::testing::Test {
 protected:
  SealedValue MustSeal(const AssociatedData& ad, std::string_view value,
                       std::string_view key_ref = "alias/aws/ssm") {
    auto sealed = keyring_.Seal(kRegion, key_ref, ad, Plain(value));
    EXPECT_TRUE(sealed.ok()) << sealed.status().ToString();
    return sealed.ok() ? *sealed : SealedValue{};
  }
  static void ExpectDecryptFailed(const Result<SecureBuffer>& opened) {
    ASSERT_FALSE(opened.ok()) << "opened to " << core::AsStringView(opened.value());
    EXPECT_EQ(opened.status().code(), Code::kDecryptFailed);
    EXPECT_EQ(opened.status().reason().find("s3cr3t"), std::string::npos);
  }

  const AssociatedData ad_{"parameter",
                           "arn:aws:ssm:us-east-1:123456789012:parameter/app/db/password", 1};
  FakeKeyRepository repo_;
  BotanKeyring keyring_{Root(kRootHexA), repo_, kAccount};
};

TEST_F(CryptoKeyringTest, SealThenOpenGivesThePlaintext) {
  const SealedValue sealed = MustSeal(ad_, "s3cr3t");
  EXPECT_FALSE(sealed.key_id.empty());
  EXPECT_EQ(sealed.key_version, 1);
  const auto opened = keyring_.Open(sealed, ad_);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(core::AsStringView(*opened), "s3cr3t");
}

TEST_F(CryptoKeyringTest, EmptyValueRoundTrips) {
  const auto opened = keyring_.Open(MustSeal(ad_, ""), ad_);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_TRUE(opened->empty());
}

TEST_F(CryptoKeyringTest, TamperedCiphertextByteFailsWithoutPlaintext) {
  SealedValue sealed = MustSeal(ad_, "s3cr3t");
  sealed.ciphertext[sealed.ciphertext.size() / 2] ^= 0x80;
  ExpectDecryptFailed(keyring_.Open(sealed, ad_));
}

TEST_F(CryptoKeyringTest, TamperedWrappedDataKeyFails) {
  SealedValue sealed = MustSeal(ad_, "s3cr3t");
  sealed.wrapped_data_key[20] ^= 0x01;
  ExpectDecryptFailed(keyring_.Open(sealed, ad_));
}

TEST_F(CryptoKeyringTest, ValueMovedToAnotherItemFails) {
  const SealedValue sealed = MustSeal(ad_, "s3cr3t");
  AssociatedData moved = ad_;
  moved.item = "arn:aws:ssm:us-east-1:123456789012:parameter/app/db/other";
  ExpectDecryptFailed(keyring_.Open(sealed, moved));
}

TEST_F(CryptoKeyringTest, ValueMovedToAnotherVersionFails) {
  const SealedValue sealed = MustSeal(ad_, "s3cr3t");
  AssociatedData moved = ad_;
  moved.version = 2;
  ExpectDecryptFailed(keyring_.Open(sealed, moved));
}

TEST_F(CryptoKeyringTest, ValueMovedToAnotherKindFails) {
  const SealedValue sealed = MustSeal(ad_, "s3cr3t");
  AssociatedData moved = ad_;
  moved.kind = "secret";
  ExpectDecryptFailed(keyring_.Open(sealed, moved));
}

TEST_F(CryptoKeyringTest, CiphertextFromAnotherRowFails) {
  // Both rows sealed under the same KMS key: swapping ciphertexts or data keys
  // between them must not open either.
  AssociatedData other = ad_;
  other.version = 2;
  const SealedValue first = MustSeal(ad_, "s3cr3t");
  const SealedValue second = MustSeal(other, "s3cr3t-2");
  SealedValue swapped = first;
  swapped.ciphertext = second.ciphertext;
  ExpectDecryptFailed(keyring_.Open(swapped, ad_));
  swapped = second;
  swapped.wrapped_data_key = first.wrapped_data_key;
  ExpectDecryptFailed(keyring_.Open(swapped, other));
}

TEST_F(CryptoKeyringTest, WrappedDataKeyAndCiphertextCannotStandInForEachOther) {
  SealedValue sealed = MustSeal(ad_, "0123456789abcdef0123456789abcdef");  // 32 bytes
  std::swap(sealed.ciphertext, sealed.wrapped_data_key);
  ExpectDecryptFailed(keyring_.Open(sealed, ad_));
}

TEST_F(CryptoKeyringTest, OtherRootKeyFailsNamingBothRootKeys) {
  const SealedValue sealed = MustSeal(ad_, "s3cr3t");
  BotanKeyring other(Root(kRootHexB), repo_, kAccount);
  const auto opened = other.Open(sealed, ad_);
  ExpectDecryptFailed(opened);
  const std::string& reason = opened.status().reason();
  EXPECT_NE(reason.find("KMS key " + sealed.key_id + " cannot be unwrapped"), std::string::npos)
      << reason;
  EXPECT_NE(reason.find("wrapped by root key " + keyring_.RootKeyId()), std::string::npos)
      << reason;
  EXPECT_NE(reason.find("this process holds root key " + other.RootKeyId()), std::string::npos)
      << reason;
}

TEST_F(CryptoKeyringTest, RootKeyIdEditedToMatchStillFails) {
  // Someone rewrites root_key_id in the database so the check passes: the
  // root key's associated data still refuses the material.
  const SealedValue sealed = MustSeal(ad_, "s3cr3t");
  BotanKeyring other(Root(kRootHexB), repo_, kAccount);
  const std::string other_id = other.RootKeyId();
  repo_.EditKey(sealed.key_id, [&](KmsKeyRecord& r) { r.root_key_id = other_id; });
  const auto opened = other.Open(sealed, ad_);
  ExpectDecryptFailed(opened);
  EXPECT_NE(opened.status().reason().find("cannot be unwrapped"), std::string::npos);
}

TEST_F(CryptoKeyringTest, TamperedWrappedMaterialFails) {
  const SealedValue sealed = MustSeal(ad_, "s3cr3t");
  repo_.EditKey(sealed.key_id, [](KmsKeyRecord& r) { r.wrapped_material[15] ^= 0x01; });
  BotanKeyring fresh(Root(kRootHexA), repo_, kAccount);  // empty cache
  ExpectDecryptFailed(fresh.Open(sealed, ad_));
}

TEST_F(CryptoKeyringTest, OpenOfACachedKeyDoesNotCallTheRepository) {
  const SealedValue sealed = MustSeal(ad_, "s3cr3t");
  const int calls = repo_.find_key_version_calls();
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(keyring_.Open(sealed, ad_).ok());
  EXPECT_EQ(repo_.find_key_version_calls(), calls);
}

TEST_F(CryptoKeyringTest, ForgetKeyMakesOpenReadTheRepositoryAgain) {
  const SealedValue sealed = MustSeal(ad_, "s3cr3t");
  keyring_.ForgetKey(sealed.key_id);
  const int calls = repo_.find_key_version_calls();
  ASSERT_TRUE(keyring_.Open(sealed, ad_).ok());
  EXPECT_EQ(repo_.find_key_version_calls(), calls + 1);
}

TEST_F(CryptoKeyringTest, AnotherKeyringWithTheSameRootKeyOpensTheValue) {
  const SealedValue sealed = MustSeal(ad_, "s3cr3t");
  BotanKeyring other(Root(kRootHexA), repo_, kAccount);
  const auto opened = other.Open(sealed, ad_);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(core::AsStringView(*opened), "s3cr3t");
}

TEST_F(CryptoKeyringTest, AwsManagedAliasIsCreatedOnFirstUseAndReused) {
  const auto first = keyring_.ResolveKey(kRegion, "alias/aws/ssm");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->arn, std::string("arn:aws:kms:us-east-1:123456789012:key/") + first->key_id);
  EXPECT_EQ(first->region, kRegion);
  EXPECT_EQ(first->description,
            "Default key that protects my SSM parameters when no other key is defined");
  EXPECT_EQ(first->root_key_id, keyring_.RootKeyId());
  EXPECT_TRUE(first->enabled);

  const auto again = keyring_.ResolveKey(kRegion, "alias/aws/ssm");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->key_id, first->key_id);
  EXPECT_EQ(repo_.KeyCount(), 1u);
}

TEST_F(CryptoKeyringTest, SecretsManagerAliasGetsItsOwnKeyAndDescription) {
  const auto ssm = keyring_.ResolveKey(kRegion, "alias/aws/ssm");
  const auto sm = keyring_.ResolveKey(kRegion, "alias/aws/secretsmanager");
  ASSERT_TRUE(ssm.ok() && sm.ok());
  EXPECT_NE(ssm->key_id, sm->key_id);
  EXPECT_EQ(sm->description,
            "Default key that protects my Secrets Manager data when no other key is defined");
}

TEST_F(CryptoKeyringTest, AwsManagedAliasIsOneKeyPerRegion) {
  const auto east = keyring_.ResolveKey("us-east-1", "alias/aws/ssm");
  const auto west = keyring_.ResolveKey("eu-west-1", "alias/aws/ssm");
  ASSERT_TRUE(east.ok() && west.ok());
  EXPECT_NE(east->key_id, west->key_id);
  EXPECT_EQ(west->arn, "arn:aws:kms:eu-west-1:123456789012:key/" + west->key_id);
  EXPECT_EQ(repo_.KeyCount(), 2u);
}

TEST_F(CryptoKeyringTest, RacingKeyringsConvergeOnOneAwsManagedKey) {
  constexpr int kThreads = 8;
  BotanKeyring other(Root(kRootHexA), repo_, kAccount);  // another "host"
  repo_.GateFirstFindKeys(kThreads);                     // every thread sees the alias missing
  std::vector<std::string> key_ids(kThreads);
  std::vector<SealedValue> sealed(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      BotanKeyring& keyring = i % 2 == 0 ? keyring_ : other;
      auto result = keyring.Seal(kRegion, "alias/aws/secretsmanager", ad_, Plain("s3cr3t"));
      if (result.ok()) {
        sealed[i] = *result;
        key_ids[i] = result->key_id;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(repo_.KeyCount(), 1u);
  for (int i = 0; i < kThreads; ++i) {
    EXPECT_EQ(key_ids[i], key_ids[0]) << i;
    // Each value opens through either keyring.
    EXPECT_TRUE(keyring_.Open(sealed[i], ad_).ok()) << i;
    EXPECT_TRUE(other.Open(sealed[i], ad_).ok()) << i;
  }
}

TEST_F(CryptoKeyringTest, UnknownKeyRefIsKeyNotFound) {
  for (std::string_view ref :
       {"alias/nope", "alias/aws/nope", "1234abcd-12ab-34cd-56ef-1234567890ab",
        "arn:aws:kms:us-east-1:123456789012:key/nope"}) {
    const auto key = keyring_.ResolveKey(kRegion, ref);
    ASSERT_FALSE(key.ok()) << ref;
    EXPECT_EQ(key.status().code(), Code::kKeyNotFound) << ref;
    const auto sealed = keyring_.Seal(kRegion, ref, ad_, Plain("s3cr3t"));
    ASSERT_FALSE(sealed.ok()) << ref;
    EXPECT_EQ(sealed.status().code(), Code::kKeyNotFound) << ref;
  }
  EXPECT_EQ(repo_.KeyCount(), 0u);
}

TEST_F(CryptoKeyringTest, OpenWithAMissingKeyIsKeyNotFound) {
  SealedValue sealed = MustSeal(ad_, "s3cr3t");
  sealed.key_id = "00000000-0000-4000-8000-000000000000";
  const auto opened = keyring_.Open(sealed, ad_);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), Code::kKeyNotFound);
}

TEST_F(CryptoKeyringTest, DisabledKeyIsKeyNotFoundForSealing) {
  const auto key = keyring_.CreateKey(kRegion, "alias/app", "app key");
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  repo_.EditKey(key->key_id, [](KmsKeyRecord& r) { r.enabled = false; });
  const auto sealed = keyring_.Seal(kRegion, "alias/app", ad_, Plain("s3cr3t"));
  ASSERT_FALSE(sealed.ok());
  EXPECT_EQ(sealed.status().code(), Code::kKeyNotFound);
  EXPECT_EQ(sealed.status().reason(), "Key " + key->arn + " is disabled.");
}

TEST_F(CryptoKeyringTest, CustomerKeyIsUsableByIdArnAndAlias) {
  const auto key = keyring_.CreateKey(kRegion, "alias/app/db", "database key");
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(key->description, "database key");
  EXPECT_EQ(key->arn, "arn:aws:kms:us-east-1:123456789012:key/" + key->key_id);
  for (const std::string& ref : {key->key_id, key->arn, std::string("alias/app/db"),
                                 std::string("arn:aws:kms:us-east-1:123456789012:alias/app/db")}) {
    const SealedValue sealed = MustSeal(ad_, "s3cr3t", ref);
    EXPECT_EQ(sealed.key_id, key->key_id) << ref;
    EXPECT_TRUE(keyring_.Open(sealed, ad_).ok()) << ref;
  }
}

TEST_F(CryptoKeyringTest, CustomerKeyWithoutAlias) {
  const auto key = keyring_.CreateKey(kRegion, "", "no alias");
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_TRUE(keyring_.ResolveKey(kRegion, key->key_id).ok());
}

TEST_F(CryptoKeyringTest, CustomerAliasMustStartWithAliasAndNotAliasAws) {
  for (std::string_view alias : {"app", "alias/", "alias/aws/ssm", "alias/aws/mine", "Alias/app",
                                 "alias/a b", "alias/a:b"}) {
    const auto key = keyring_.CreateKey(kRegion, alias, "d");
    ASSERT_FALSE(key.ok()) << alias;
    EXPECT_EQ(key.status().code(), Code::kInvalidArgument) << alias;
  }
  EXPECT_EQ(repo_.KeyCount(), 0u);
}

TEST_F(CryptoKeyringTest, CustomerAliasAlreadyTakenIsAlreadyExists) {
  ASSERT_TRUE(keyring_.CreateKey(kRegion, "alias/app", "first").ok());
  const auto second = keyring_.CreateKey(kRegion, "alias/app", "second");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Code::kAlreadyExists);
  EXPECT_TRUE(keyring_.CreateKey("eu-west-1", "alias/app", "other region").ok());
}

}  // namespace
}  // namespace paramsafe::crypto
