// KMS-like keys and envelope encryption, as the core sees them.
//
// Three levels: the root key (held only by crypto/) wraps each KMS key version;
// a KMS key version wraps the random data key of each stored value; the data key
// encrypts the value with AES-256-GCM. The associated data binds a ciphertext to
// its item, version and key, so a ciphertext moved elsewhere fails to open.
//
// The core depends only on these interfaces: store/ implements KeyRepository over
// PostgreSQL, crypto/ implements Keyring with Botan.
#ifndef PARAMSAFE_CORE_KEYS_H_
#define PARAMSAFE_CORE_KEYS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/secure_buffer.h"
#include "core/status.h"

namespace paramsafe::core {

// One KMS key version as stored: the key material is wrapped by the root key.
struct KmsKeyRecord {
  std::string key_id;       // UUID, the KMS "key id"
  std::string arn;          // arn:aws:kms:<region>:<account>:key/<key_id>
  std::string region;
  std::string description;
  bool enabled = true;
  int version = 1;          // the key version this record holds
  std::string root_key_id;  // fingerprint of the root key that wrapped it
  std::vector<std::uint8_t> wrapped_material;
};

// Storage of KMS keys and aliases. Implemented by store/. Thread-safe.
class KeyRepository {
 public:
  virtual ~KeyRepository() = default;

  // Resolves a key reference in a region: a key id (UUID), a key ARN, an alias
  // name ("alias/aws/ssm") or an alias ARN. Returns the newest enabled-or-not
  // version; kKeyNotFound when nothing matches.
  virtual Result<KmsKeyRecord> FindKey(std::string_view region, std::string_view key_ref) = 0;

  // A specific version of a key, for decryption. kKeyNotFound when absent.
  virtual Result<KmsKeyRecord> FindKeyVersion(std::string_view key_id, int version) = 0;

  // Inserts a new key (version 1) and, when alias is non-empty, its alias
  // (region-scoped). If the alias already exists, returns the existing key
  // instead of inserting (so concurrent initialisers converge on one key).
  virtual Result<KmsKeyRecord> CreateKey(const KmsKeyRecord& key, std::string_view alias) = 0;
};

// What a sealed value is bound to. Encoded canonically (length-prefixed) by
// crypto/, together with the key id, as the AEAD associated data.
struct AssociatedData {
  std::string kind;      // "parameter", "secret", "access-key", ...
  std::string item;      // item ARN (or access key id)
  std::int64_t version;  // version number of the value
};

// A value as stored: everything needed to open it again, none of it secret.
struct SealedValue {
  std::string key_id;  // KMS key UUID that wrapped the data key
  int key_version = 1;
  std::vector<std::uint8_t> wrapped_data_key;  // nonce || AES-GCM(data key) || tag
  std::vector<std::uint8_t> ciphertext;        // nonce || AES-GCM(value) || tag
};

// Envelope encryption over the KMS keys of a KeyRepository. Implemented by
// crypto/. Thread-safe; caches unwrapped KMS keys in wiped memory.
class Keyring {
 public:
  virtual ~Keyring() = default;

  // Resolves key_ref in region (see KeyRepository::FindKey; the AWS-managed aliases
  // "alias/aws/ssm" and "alias/aws/secretsmanager" are created on first use, as
  // AWS does) and seals plaintext under a fresh data key. kKeyNotFound when the
  // key is unknown or disabled.
  virtual Result<SealedValue> Seal(std::string_view region, std::string_view key_ref,
                                   const AssociatedData& ad,
                                   const SecureBuffer& plaintext) = 0;

  // Opens a sealed value. kDecryptFailed when it was tampered with, moved to
  // another item/version, or its KMS key was wrapped by another root key;
  // kKeyNotFound when its key is gone. Never returns wrong plaintext.
  virtual Result<SecureBuffer> Open(const SealedValue& sealed, const AssociatedData& ad) = 0;

  // Resolves a key reference to its record (creating AWS-managed aliases on first
  // use), without sealing anything.
  virtual Result<KmsKeyRecord> ResolveKey(std::string_view region, std::string_view key_ref) = 0;

  // Creates a customer key with a new random key material, optionally with an alias.
  virtual Result<KmsKeyRecord> CreateKey(std::string_view region, std::string_view alias,
                                         std::string_view description) = 0;
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_KEYS_H_
