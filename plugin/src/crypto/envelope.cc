#include "crypto/envelope.h"

#include <botan/aead.h>
#include <botan/exceptn.h>
#include <botan/secmem.h>

#include <algorithm>
#include <exception>
#include <memory>
#include <new>

#include "crypto/rng.h"

namespace paramsafe::crypto {
namespace {

constexpr std::string_view kAdTag = "paramsafe-ad-v1";

// Creating a cipher object means an algorithm lookup and an allocation, so each
// thread keeps one per direction and only sets a new key per operation.
Botan::AEAD_Mode& Gcm(Botan::Cipher_Dir direction) {
  thread_local std::unique_ptr<Botan::AEAD_Mode> encryption =
      Botan::AEAD_Mode::create_or_throw("AES-256/GCM", Botan::ENCRYPTION);
  thread_local std::unique_ptr<Botan::AEAD_Mode> decryption =
      Botan::AEAD_Mode::create_or_throw("AES-256/GCM", Botan::DECRYPTION);
  return direction == Botan::ENCRYPTION ? *encryption : *decryption;
}

// Wipes the key schedule and GHASH state when an operation ends, also when it
// throws, so no key outlives the call inside the cached cipher object.
class KeyedScope {
 public:
  KeyedScope(Botan::AEAD_Mode& mode, const std::uint8_t* key, std::size_t key_size,
             std::string_view ad)
      : mode_(mode) {
    mode_.set_key(key, key_size);
    mode_.set_associated_data(reinterpret_cast<const std::uint8_t*>(ad.data()), ad.size());
  }
  ~KeyedScope() { mode_.clear(); }
  KeyedScope(const KeyedScope&) = delete;
  KeyedScope& operator=(const KeyedScope&) = delete;

 private:
  Botan::AEAD_Mode& mode_;
};

void AppendField(std::string& out, std::string_view field) {
  const auto n = static_cast<std::uint32_t>(field.size());
  out.push_back(static_cast<char>((n >> 24) & 0xff));
  out.push_back(static_cast<char>((n >> 16) & 0xff));
  out.push_back(static_cast<char>((n >> 8) & 0xff));
  out.push_back(static_cast<char>(n & 0xff));
  out.append(field);
}

}  // namespace

std::vector<std::uint8_t> AeadSeal(const std::uint8_t* key, std::size_t key_size,
                                   std::string_view ad, const std::uint8_t* pt, std::size_t n) {
  Botan::AEAD_Mode& gcm = Gcm(Botan::ENCRYPTION);
  KeyedScope keyed(gcm, key, key_size, ad);
  std::vector<std::uint8_t> blob(kAeadNonceSize + n + kAeadTagSize);
  // GCM is broken by a repeated nonce under one key; 96 random bits keep the
  // chance negligible for the number of values one data or KMS key seals.
  Rng().randomize(blob.data(), kAeadNonceSize);
  gcm.start(blob.data(), kAeadNonceSize);
  // The plaintext is copied into wiped memory; it becomes the ciphertext in place.
  Botan::secure_vector<std::uint8_t> buf(pt, pt + n);
  gcm.finish(buf);
  blob.resize(kAeadNonceSize + buf.size());  // a no-op: GCM appends a 16-byte tag
  std::copy(buf.begin(), buf.end(), blob.begin() + kAeadNonceSize);
  return blob;
}

core::Result<core::SecureBuffer> AeadOpen(const std::uint8_t* key, std::size_t key_size,
                                          std::string_view ad, const std::uint8_t* blob,
                                          std::size_t blob_size) {
  if (key_size != kAeadKeySize) {
    return core::Status(core::Code::kDecryptFailed, "decryption key has the wrong size");
  }
  if (blob_size < kAeadOverhead) {
    return core::Status(core::Code::kDecryptFailed, "ciphertext is too short to be valid");
  }
  try {
    Botan::AEAD_Mode& gcm = Gcm(Botan::DECRYPTION);
    KeyedScope keyed(gcm, key, key_size, ad);
    gcm.start(blob, kAeadNonceSize);
    Botan::secure_vector<std::uint8_t> buf(blob + kAeadNonceSize, blob + blob_size);
    // Botan decrypts in place before it compares the tag and throws on a
    // mismatch; buf then holds unauthenticated plaintext, which is wiped as it
    // unwinds and never returned.
    gcm.finish(buf);
    return core::SecureBuffer(buf.begin(), buf.end());
  } catch (...) {
    return StatusFromException("decryption", core::Code::kDecryptFailed);
  }
}

std::string EncodeAssociatedData(const core::AssociatedData& ad, std::string_view key_id,
                                 int key_version) {
  const std::string version = std::to_string(ad.version);
  const std::string key_version_text = std::to_string(key_version);
  std::string out;
  out.reserve(kAdTag.size() + 5 * 4 + ad.kind.size() + ad.item.size() + version.size() +
              key_id.size() + key_version_text.size());
  // Length prefixes make the encoding injective: ("ab", "c") and ("a", "bc")
  // differ, so no two bindings can share associated data.
  out.append(kAdTag);
  AppendField(out, ad.kind);
  AppendField(out, ad.item);
  AppendField(out, version);
  AppendField(out, key_id);
  AppendField(out, key_version_text);
  return out;
}

core::Status StatusFromException(std::string_view operation, core::Code bad_input_code) {
  const std::string op(operation);
  try {
    throw;
  } catch (const Botan::Exception& e) {
    // Botan's own messages are not used: some quote parts of the input.
    const std::string kind = Botan::to_string(e.error_type());
    switch (e.error_type()) {
      case Botan::ErrorType::InvalidTag:
        return core::Status(core::Code::kDecryptFailed,
                            op + " failed: authentication failed (wrong key, changed or "
                                 "moved ciphertext)");
      case Botan::ErrorType::InvalidArgument:
      case Botan::ErrorType::InvalidKeyLength:
      case Botan::ErrorType::InvalidNonceLength:
      case Botan::ErrorType::DecodingFailure:
      case Botan::ErrorType::EncodingFailure:
      case Botan::ErrorType::InvalidObjectState:
      case Botan::ErrorType::KeyNotSet:
        return core::Status(bad_input_code, op + " failed: " + kind);
      default:
        return core::Status(core::Code::kInternal, op + " failed: " + kind);
    }
  } catch (const std::bad_alloc&) {
    return core::Status(core::Code::kInternal, op + " failed: out of memory");
  } catch (...) {
    return core::Status(core::Code::kInternal, op + " failed: unexpected error");
  }
}

}  // namespace paramsafe::crypto
