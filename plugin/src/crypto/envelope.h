// AES-256/GCM sealing with associated data, the canonical associated-data
// encoding, and the one place where Botan exceptions become a Status.
//
// Blob format: nonce (12 random bytes) || ciphertext || tag (16 bytes).
// No Botan types here; keys and plaintexts are core::SecureBuffer (wiped when
// freed). Thread-safe: every thread uses its own cipher objects.
#ifndef PARAMSAFE_CRYPTO_ENVELOPE_H_
#define PARAMSAFE_CRYPTO_ENVELOPE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/keys.h"
#include "core/secure_buffer.h"
#include "core/status.h"

namespace paramsafe::crypto {

inline constexpr std::size_t kAeadKeySize = 32;    // AES-256
inline constexpr std::size_t kAeadNonceSize = 12;  // 96-bit random nonce
inline constexpr std::size_t kAeadTagSize = 16;    // full 128-bit GCM tag
inline constexpr std::size_t kAeadOverhead = kAeadNonceSize + kAeadTagSize;

// Encrypts pt[0, n) under key with a fresh random nonce, authenticating ad.
// Returns a blob of n + kAeadOverhead bytes.
// REQUIRES: key_size == kAeadKeySize. Throws (Botan::Exception, std::bad_alloc)
// only when that is broken, the OS random source fails or memory runs out; code
// in crypto/ calls it inside a try whose catch uses StatusFromException.
std::vector<std::uint8_t> AeadSeal(const std::uint8_t* key, std::size_t key_size,
                                   std::string_view ad, const std::uint8_t* pt, std::size_t n);
inline std::vector<std::uint8_t> AeadSeal(const core::SecureBuffer& key32, std::string_view ad,
                                          const std::uint8_t* pt, std::size_t n) {
  return AeadSeal(key32.data(), key32.size(), ad, pt, n);
}

// Authenticates and decrypts a blob made by AeadSeal with the same key and ad.
// Any failure (wrong key or ad, a changed byte, a short blob, a key of the
// wrong size) is kDecryptFailed with a message that carries no data; a blob
// that fails authentication never yields plaintext. Does not throw.
core::Result<core::SecureBuffer> AeadOpen(const std::uint8_t* key, std::size_t key_size,
                                          std::string_view ad, const std::uint8_t* blob,
                                          std::size_t blob_size);
inline core::Result<core::SecureBuffer> AeadOpen(const core::SecureBuffer& key32,
                                                 std::string_view ad,
                                                 const std::vector<std::uint8_t>& blob) {
  return AeadOpen(key32.data(), key32.size(), ad, blob.data(), blob.size());
}

// Canonical associated data: "paramsafe-ad-v1", then kind, item, decimal
// version, key_id and decimal key_version, each as a 4-byte big-endian length
// followed by its bytes. Distinct inputs always give distinct bytes.
// REQUIRES: every field is shorter than 4 GiB.
std::string EncodeAssociatedData(const core::AssociatedData& ad, std::string_view key_id,
                                 int key_version);

// Turns the exception being handled into a Status; the only place in crypto/
// that maps Botan exceptions. A failed authentication tag is kDecryptFailed;
// errors about the inputs (key, nonce or length, decoding, state) are
// bad_input_code; system failures, out of memory and anything unknown are
// kInternal. The reason names operation and the error kind, never data.
// REQUIRES: called inside a catch handler.
core::Status StatusFromException(std::string_view operation, core::Code bad_input_code);

}  // namespace paramsafe::crypto

#endif  // PARAMSAFE_CRYPTO_ENVELOPE_H_
