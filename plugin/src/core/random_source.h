// RandomSource: cryptographically secure random choices for the core (the
// implementation lives in crypto/, over Botan's RNG). Thread-safe.
#ifndef PARAMSAFE_CORE_RANDOM_SOURCE_H_
#define PARAMSAFE_CORE_RANDOM_SOURCE_H_

#include <cstdint>

namespace paramsafe::core {

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  // A number drawn uniformly from [0, bound). REQUIRES: bound > 0.
  virtual std::uint32_t Below(std::uint32_t bound) = 0;
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_RANDOM_SOURCE_H_
