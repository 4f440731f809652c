// BotanKeyring: envelope encryption over the KMS-like keys of a KeyRepository
// (see core/keys.h for the contract).
//
//   root key --wraps--> KMS key material (32 bytes per key version, stored)
//   KMS key  --wraps--> data key (32 random bytes per sealed value)
//   data key --AES-256/GCM--> value
//
// Each layer's associated data names what it is bound to (crypto/envelope.h),
// so a wrapped key or ciphertext moved to another key, item, version or kind
// fails to open.
//
// Ownership: owns the root key and the cache of unwrapped KMS key material
// (wiped when freed); borrows repo, which must outlive the keyring.
// Thread-safety: thread-safe; the cache is guarded by a reader/writer lock, so
// concurrent Open calls on cached keys do not serialise.
#ifndef PARAMSAFE_CRYPTO_KEYRING_H_
#define PARAMSAFE_CRYPTO_KEYRING_H_

#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <utility>

#include "core/keys.h"
#include "crypto/root_key.h"

namespace paramsafe::crypto {

class BotanKeyring final : public core::Keyring {
 public:
  // account_id appears in the ARNs of the keys this keyring creates.
  BotanKeyring(RootKey root, core::KeyRepository& repo, std::string account_id);
  ~BotanKeyring() override;
  BotanKeyring(const BotanKeyring&) = delete;
  BotanKeyring& operator=(const BotanKeyring&) = delete;

  core::Result<core::SealedValue> Seal(std::string_view region, std::string_view key_ref,
                                       const core::AssociatedData& ad,
                                       const core::SecureBuffer& plaintext) override;

  // Uses cached KMS key material when present (no repository call), so a key
  // disabled after it was cached still opens existing values; disabling a key
  // stops new seals (ResolveKey refuses it). Use ForgetKey to drop the cache.
  core::Result<core::SecureBuffer> Open(const core::SealedValue& sealed,
                                        const core::AssociatedData& ad) override;

  core::Result<core::KmsKeyRecord> ResolveKey(std::string_view region,
                                              std::string_view key_ref) override;

  // alias may be empty; otherwise it must look like "alias/<name>" (letters,
  // digits, '/', '_', '-'; at most 256 characters) and must not start with
  // "alias/aws/" (kInvalidArgument). kAlreadyExists when the alias is taken.
  core::Result<core::KmsKeyRecord> CreateKey(std::string_view region, std::string_view alias,
                                             std::string_view description) override;

  // Drops every cached version of key_id (e.g. on a change notification from
  // another host). The next Open reads it from the repository again.
  void ForgetKey(std::string_view key_id);

  // Fingerprint of the root key this keyring holds (public).
  std::string RootKeyId() const { return root_.Id(); }

 private:
  struct Material;  // unwrapped KMS key material, in Botan::secure_vector
  using MaterialPtr = std::shared_ptr<const Material>;

  // Inserts a new key (version 1, fresh material wrapped by the root key) with
  // alias (may be empty) through the repository.
  core::Result<core::KmsKeyRecord> CreateStoredKey(std::string_view region, std::string_view alias,
                                                   std::string_view description);
  // The unwrapped material of key_id at version, from the cache or by unwrapping
  // record (which must be that key version), or, when record is null, by
  // reading it from the repository.
  core::Result<MaterialPtr> MaterialOf(const std::string& key_id, int version,
                                       const core::KmsKeyRecord* record);
  core::Result<MaterialPtr> Unwrap(const std::string& key_id, int version,
                                   const core::KmsKeyRecord& record) const;

  const RootKey root_;
  const std::string root_id_;
  core::KeyRepository& repo_;
  const std::string account_id_;

  mutable std::shared_mutex mu_;
  std::map<std::pair<std::string, int>, MaterialPtr> cache_;  // guarded by mu_
};

}  // namespace paramsafe::crypto

#endif  // PARAMSAFE_CRYPTO_KEYRING_H_
