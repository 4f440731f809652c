// Random bytes, strings and UUIDs for use anywhere (no Botan types here).
//
// Thread-safe: each thread draws from its own generator (see crypto/rng.h).
// These functions throw (std::exception) only if the operating system's random
// source fails, a condition no caller can recover from; the ABI guard turns it
// into an internal error.
#ifndef PARAMSAFE_CRYPTO_RANDOM_H_
#define PARAMSAFE_CRYPTO_RANDOM_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace paramsafe::crypto {

// Fills out[0, n) with cryptographically secure random bytes.
// REQUIRES: out points at n writable bytes (out may be null when n == 0).
void RandomBytes(std::uint8_t* out, std::size_t n);

// n characters drawn independently and uniformly from alphabet (rejection
// sampling, so no character is favoured). Returns "" when alphabet is empty.
std::string RandomString(std::size_t n, std::string_view alphabet);

// A random (version 4, RFC 9562) UUID in lowercase, e.g.
// "1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b".
std::string RandomUuid();

}  // namespace paramsafe::crypto

#endif  // PARAMSAFE_CRYPTO_RANDOM_H_
