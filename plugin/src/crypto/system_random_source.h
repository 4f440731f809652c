// SystemRandomSource: core::RandomSource over the thread-local Botan RNG of
// crypto/random.h. Stateless and thread-safe.
#ifndef PARAMSAFE_CRYPTO_SYSTEM_RANDOM_SOURCE_H_
#define PARAMSAFE_CRYPTO_SYSTEM_RANDOM_SOURCE_H_

#include "core/random_source.h"

namespace paramsafe::crypto {

class SystemRandomSource final : public core::RandomSource {
 public:
  std::uint32_t Below(std::uint32_t bound) override;
};

}  // namespace paramsafe::crypto

#endif  // PARAMSAFE_CRYPTO_SYSTEM_RANDOM_SOURCE_H_
