// Hashes and MACs used outside crypto/ (SigV4 in auth/). Botan stays inside
// crypto/: callers see only std types and core::SecureBuffer. Thread-safe.
#ifndef PARAMSAFE_CRYPTO_HASH_H_
#define PARAMSAFE_CRYPTO_HASH_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "core/secure_buffer.h"

namespace paramsafe::crypto {

// Lowercase hex of SHA-256(data).
std::string Sha256Hex(std::string_view data);

// HMAC-SHA256(key, message). The result is key material in SigV4, so it is wiped.
core::SecureBuffer HmacSha256(std::string_view key, std::string_view message);
inline core::SecureBuffer HmacSha256(const core::SecureBuffer& key, std::string_view message) {
  return HmacSha256(core::AsStringView(key), message);
}

std::string HexEncode(const std::uint8_t* data, std::size_t size);
inline std::string HexEncode(const core::SecureBuffer& b) { return HexEncode(b.data(), b.size()); }

// Compares in time independent of where the inputs differ (lengths may leak).
bool ConstantTimeEqual(std::string_view a, std::string_view b);

}  // namespace paramsafe::crypto

#endif  // PARAMSAFE_CRYPTO_HASH_H_
