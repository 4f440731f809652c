#include "crypto/system_random_source.h"

#include "crypto/random.h"

namespace paramsafe::crypto {

std::uint32_t SystemRandomSource::Below(std::uint32_t bound) {
  // Samples at or above the largest multiple of bound are drawn again, so
  // `sample % bound` is exactly uniform.
  const std::uint64_t range = std::uint64_t{1} << 32;
  const std::uint64_t limit = range - range % bound;
  for (;;) {
    std::uint32_t sample = 0;
    RandomBytes(reinterpret_cast<std::uint8_t*>(&sample), sizeof(sample));
    if (sample < limit) return sample % bound;
  }
}

}  // namespace paramsafe::crypto
