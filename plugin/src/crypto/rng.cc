#include "crypto/rng.h"

#include <botan/chacha_rng.h>
#include <botan/system_rng.h>

#include <array>
#include <cstdint>

#include "crypto/random.h"

namespace paramsafe::crypto {

Botan::RandomNumberGenerator& Rng() {
  // AutoSeeded_RNG costs tens of microseconds to construct, so one generator per
  // thread is kept instead. ChaCha_RNG is fast and needs no lock when it is not
  // shared; it reseeds from the system RNG (a process-wide singleton that outlives
  // every thread) after a fork and every BOTAN_RNG_DEFAULT_RESEED_INTERVAL calls,
  // and seeds itself from it on first use.
  thread_local Botan::ChaCha_RNG rng(Botan::system_rng());
  return rng;
}

void RandomBytes(std::uint8_t* out, std::size_t n) {
  if (n == 0) return;
  Rng().randomize(out, n);
}

std::string RandomString(std::size_t n, std::string_view alphabet) {
  if (alphabet.empty()) return {};
  // Draw 32-bit samples and reject those at or above the largest multiple of
  // the alphabet size: `sample % size` is then exactly uniform for any alphabet
  // (a plain modulo of a byte would favour the first 256 % size characters).
  const std::uint64_t size = alphabet.size();
  const std::uint64_t range = std::uint64_t{1} << 32;
  const std::uint64_t limit = range - range % size;
  std::string out;
  out.reserve(n);
  std::array<std::uint32_t, 64> samples;
  std::size_t next = samples.size();
  while (out.size() < n) {
    if (next == samples.size()) {
      RandomBytes(reinterpret_cast<std::uint8_t*>(samples.data()), sizeof(samples));
      next = 0;
    }
    const std::uint64_t sample = samples[next++];
    if (sample < limit) out.push_back(alphabet[sample % size]);
  }
  return out;
}

std::string RandomUuid() {
  std::array<std::uint8_t, 16> b;
  RandomBytes(b.data(), b.size());
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3f) | 0x80);  // variant 10xx (RFC 9562)
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 0x0f]);
  }
  return out;
}

}  // namespace paramsafe::crypto
