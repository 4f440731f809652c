#include "crypto/keyring.h"

#include <botan/secmem.h>

#include <climits>
#include <mutex>
#include <optional>

#include "crypto/envelope.h"
#include "crypto/random.h"
#include "crypto/rng.h"

namespace paramsafe::crypto {
namespace {

using core::Code;
using core::Status;

constexpr std::size_t kMaterialSize = 32;
constexpr std::size_t kMaxAliasSize = 256;
constexpr std::string_view kAliasPrefix = "alias/";
constexpr std::string_view kAwsAliasPrefix = "alias/aws/";

// The aliases AWS creates on first use, with the descriptions AWS gives them.
std::optional<std::string_view> ManagedKeyDescription(std::string_view key_ref) {
  if (key_ref == "alias/aws/ssm") {
    return "Default key that protects my SSM parameters when no other key is defined";
  }
  if (key_ref == "alias/aws/secretsmanager") {
    return "Default key that protects my Secrets Manager data when no other key is defined";
  }
  return std::nullopt;
}

// The root key's associated data for a KMS key version. It names the root key
// too, so the record's root_key_id cannot be edited to point elsewhere.
std::string KmsKeyAd(const std::string& key_id, int version, const std::string& root_id) {
  return EncodeAssociatedData({"kms-key", key_id, version}, root_id, 0);
}

// A data key is bound to the same item, version and key as its value, under a
// kind of its own, so a wrapped data key and a ciphertext can never stand in for
// each other.
std::string DataKeyAd(const core::AssociatedData& ad, const std::string& key_id, int key_version) {
  return EncodeAssociatedData({"data-key:" + ad.kind, ad.item, ad.version}, key_id, key_version);
}

Status ValidateCustomerAlias(std::string_view alias) {
  if (alias.substr(0, kAliasPrefix.size()) != kAliasPrefix || alias.size() == kAliasPrefix.size()) {
    return Status(Code::kInvalidArgument, "Alias must start with the prefix \"alias/\".");
  }
  if (alias.substr(0, kAwsAliasPrefix.size()) == kAwsAliasPrefix) {
    return Status(Code::kInvalidArgument,
                  "Alias must not begin with \"alias/aws/\": that prefix is reserved for "
                  "AWS managed keys.");
  }
  if (alias.size() > kMaxAliasSize) {
    return Status(Code::kInvalidArgument, "Alias must be at most 256 characters long.");
  }
  for (const char c : alias) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '/' || c == '_' || c == '-';
    if (!ok) {
      return Status(Code::kInvalidArgument,
                    "Alias may contain only letters, digits, '/', '_' and '-'.");
    }
  }
  return Status::Ok();
}

}  // namespace

struct BotanKeyring::Material {
  Botan::secure_vector<std::uint8_t> bytes;
};

BotanKeyring::BotanKeyring(RootKey root, core::KeyRepository& repo, std::string account_id)
    : root_(std::move(root)),
      root_id_(root_.Id()),
      repo_(repo),
      account_id_(std::move(account_id)) {}

BotanKeyring::~BotanKeyring() = default;

core::Result<core::KmsKeyRecord> BotanKeyring::ResolveKey(std::string_view region,
                                                          std::string_view key_ref) {
  core::Result<core::KmsKeyRecord> found = repo_.FindKey(region, key_ref);
  if (!found.ok()) {
    if (found.status().code() != Code::kKeyNotFound) return found.status();
    const std::optional<std::string_view> description = ManagedKeyDescription(key_ref);
    if (!description) return found.status();
    // As in AWS, the managed key of a service appears the first time it is
    // needed. The repository keeps one key per region and alias, so concurrent
    // first uses (in this process or others) converge on one key.
    found = CreateStoredKey(region, key_ref, *description);
    if (!found.ok()) return found.status();
  }
  if (!found->enabled) {
    return Status(Code::kKeyNotFound, "Key " + found->arn + " is disabled.");
  }
  return found;
}

core::Result<core::KmsKeyRecord> BotanKeyring::CreateKey(std::string_view region,
                                                         std::string_view alias,
                                                         std::string_view description) {
  if (!alias.empty()) PS_RETURN_IF_ERROR(ValidateCustomerAlias(alias));
  PS_ASSIGN_OR_RETURN(core::KmsKeyRecord created, CreateStoredKey(region, alias, description));
  return created;
}

core::Result<core::KmsKeyRecord> BotanKeyring::CreateStoredKey(std::string_view region,
                                                               std::string_view alias,
                                                               std::string_view description) {
  core::KmsKeyRecord record;
  try {
    record.key_id = RandomUuid();
    record.arn = "arn:aws:kms:" + std::string(region) + ":" + account_id_ + ":key/" + record.key_id;
    record.region = std::string(region);
    record.description = std::string(description);
    record.enabled = true;
    record.version = 1;
    record.root_key_id = root_id_;
    const Botan::secure_vector<std::uint8_t> material = Rng().random_vec(kMaterialSize);
    record.wrapped_material = root_.Wrap(KmsKeyAd(record.key_id, record.version, root_id_),
                                         material.data(), material.size());
  } catch (...) {
    return StatusFromException("KMS key creation", Code::kInternal);
  }
  PS_ASSIGN_OR_RETURN(core::KmsKeyRecord stored, repo_.CreateKey(record, alias));
  // The repository answers with the existing key when the alias is taken. That
  // is the point for AWS managed aliases; for a customer alias it is an error,
  // as in AWS.
  if (stored.key_id != record.key_id && !ManagedKeyDescription(alias)) {
    return Status(Code::kAlreadyExists,
                  "An alias with the name arn:aws:kms:" + std::string(region) + ":" + account_id_ +
                      ":" + std::string(alias) + " already exists");
  }
  return stored;
}

core::Result<core::SealedValue> BotanKeyring::Seal(std::string_view region,
                                                   std::string_view key_ref,
                                                   const core::AssociatedData& ad,
                                                   const core::SecureBuffer& plaintext) {
  PS_ASSIGN_OR_RETURN(const core::KmsKeyRecord key, ResolveKey(region, key_ref));
  PS_ASSIGN_OR_RETURN(const MaterialPtr kms, MaterialOf(key.key_id, key.version, &key));
  try {
    // A fresh data key per value: a GCM nonce can then never repeat under a data
    // key, and a leaked data key exposes one value only.
    const Botan::secure_vector<std::uint8_t> data_key = Rng().random_vec(kAeadKeySize);
    core::SealedValue sealed;
    sealed.key_id = key.key_id;
    sealed.key_version = key.version;
    sealed.ciphertext = AeadSeal(data_key.data(), data_key.size(),
                                 EncodeAssociatedData(ad, key.key_id, key.version),
                                 plaintext.data(), plaintext.size());
    sealed.wrapped_data_key =
        AeadSeal(kms->bytes.data(), kms->bytes.size(), DataKeyAd(ad, key.key_id, key.version),
                 data_key.data(), data_key.size());
    return sealed;
  } catch (...) {
    return StatusFromException("sealing", Code::kInternal);
  }
}

core::Result<core::SecureBuffer> BotanKeyring::Open(const core::SealedValue& sealed,
                                                    const core::AssociatedData& ad) {
  PS_ASSIGN_OR_RETURN(const MaterialPtr kms,
                      MaterialOf(sealed.key_id, sealed.key_version, nullptr));
  core::Result<core::SecureBuffer> data_key = AeadOpen(
      kms->bytes.data(), kms->bytes.size(), DataKeyAd(ad, sealed.key_id, sealed.key_version),
      sealed.wrapped_data_key.data(), sealed.wrapped_data_key.size());
  if (!data_key.ok()) {
    return Status(Code::kDecryptFailed,
                  "the value's data key failed authentication: it was changed, or belongs to "
                  "another item, version or kind");
  }
  core::Result<core::SecureBuffer> value = AeadOpen(
      *data_key, EncodeAssociatedData(ad, sealed.key_id, sealed.key_version), sealed.ciphertext);
  if (!value.ok()) {
    return Status(Code::kDecryptFailed,
                  "the value failed authentication: its ciphertext was changed, or belongs to "
                  "another item, version or kind");
  }
  return value;
}

void BotanKeyring::ForgetKey(std::string_view key_id) {
  std::unique_lock lock(mu_);
  const std::string id(key_id);
  cache_.erase(cache_.lower_bound({id, INT_MIN}), cache_.upper_bound({id, INT_MAX}));
}

core::Result<BotanKeyring::MaterialPtr> BotanKeyring::MaterialOf(const std::string& key_id,
                                                                 int version,
                                                                 const core::KmsKeyRecord* record) {
  {
    std::shared_lock lock(mu_);
    const auto it = cache_.find({key_id, version});
    if (it != cache_.end()) return it->second;
  }
  // Unwrap outside the lock: it is slow next to a lookup, and a second thread
  // unwrapping the same key at the same time only does redundant work.
  MaterialPtr material;
  if (record != nullptr) {
    PS_ASSIGN_OR_RETURN(material, Unwrap(key_id, version, *record));
  } else {
    PS_ASSIGN_OR_RETURN(const core::KmsKeyRecord stored, repo_.FindKeyVersion(key_id, version));
    PS_ASSIGN_OR_RETURN(material, Unwrap(key_id, version, stored));
  }
  std::unique_lock lock(mu_);
  return cache_.try_emplace({key_id, version}, std::move(material)).first->second;
}

core::Result<BotanKeyring::MaterialPtr> BotanKeyring::Unwrap(
    const std::string& key_id, int version, const core::KmsKeyRecord& record) const {
  const std::string prefix = "KMS key " + key_id + " cannot be unwrapped: ";
  if (record.root_key_id != root_id_) {
    return Status(Code::kDecryptFailed,
                  prefix + "it was wrapped by root key " +
                      (record.root_key_id.empty() ? "(none recorded)" : record.root_key_id) +
                      ", this process holds root key " + root_id_);
  }
  // The associated data uses the requested key id and version, not the
  // record's, so a repository answering with the wrong row fails here.
  core::Result<core::SecureBuffer> unwrapped =
      root_.Unwrap(KmsKeyAd(key_id, version, root_id_), record.wrapped_material);
  if (!unwrapped.ok() || unwrapped->size() != kMaterialSize) {
    return Status(Code::kDecryptFailed, prefix + "its wrapped material (version " +
                                            std::to_string(version) +
                                            ") failed authentication under root key " + root_id_ +
                                            "; it was changed or wrapped by another root key");
  }
  try {
    auto material = std::make_shared<Material>();
    material->bytes.assign(unwrapped->begin(), unwrapped->end());
    return MaterialPtr(std::move(material));
  } catch (...) {
    return StatusFromException("KMS key unwrap", Code::kInternal);
  }
}

}  // namespace paramsafe::crypto
