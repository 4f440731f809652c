// SequenceRandom: a deterministic core::RandomSource for unit tests
// (splitmix64 from a fixed seed), so a failing test fails the same way again.
#ifndef PARAMSAFE_TESTS_UNIT_CORE_RANDOM_FAKES_H_
#define PARAMSAFE_TESTS_UNIT_CORE_RANDOM_FAKES_H_

#include <cstdint>

#include "core/random_source.h"

namespace paramsafe::core::testing {

class SequenceRandom final : public RandomSource {
 public:
  explicit SequenceRandom(std::uint64_t seed = 1) : state_(seed) {}
  std::uint32_t Below(std::uint32_t bound) override {
    state_ += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    ++calls;
    return static_cast<std::uint32_t>(z % bound);
  }
  int calls = 0;

 private:
  std::uint64_t state_;
};

}  // namespace paramsafe::core::testing

#endif  // PARAMSAFE_TESTS_UNIT_CORE_RANDOM_FAKES_H_
