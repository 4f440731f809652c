#include "crypto/hash.h"

#include <botan/hash.h>
#include <botan/hex.h>
#include <botan/mac.h>
#include <botan/mem_ops.h>

namespace paramsafe::crypto {

std::string Sha256Hex(std::string_view data) {
  // SHA-256 objects are cheap to create (no key schedule); a thread_local one
  // saves the allocation on the SigV4 hot path.
  thread_local std::unique_ptr<Botan::HashFunction> sha = Botan::HashFunction::create_or_throw("SHA-256");
  sha->update(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
  std::uint8_t out[32];
  sha->final(out);
  return Botan::hex_encode(out, sizeof(out), /*uppercase=*/false);
}

core::SecureBuffer HmacSha256(std::string_view key, std::string_view message) {
  thread_local std::unique_ptr<Botan::MessageAuthenticationCode> mac =
      Botan::MessageAuthenticationCode::create_or_throw("HMAC(SHA-256)");
  mac->set_key(reinterpret_cast<const std::uint8_t*>(key.data()), key.size());
  mac->update(reinterpret_cast<const std::uint8_t*>(message.data()), message.size());
  core::SecureBuffer out(32);
  mac->final(out.data());
  mac->clear();  // drop the key schedule
  return out;
}

std::string HexEncode(const std::uint8_t* data, std::size_t size) {
  return Botan::hex_encode(data, size, /*uppercase=*/false);
}

bool ConstantTimeEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return Botan::constant_time_compare(reinterpret_cast<const std::uint8_t*>(a.data()),
                                      reinterpret_cast<const std::uint8_t*>(b.data()), a.size());
}

}  // namespace paramsafe::crypto
