// PatternMatcher: checks a value against an item's AllowedPattern. The regex
// dialect belongs to the API face (Parameter Store's patterns), so the adapters
// implement it; the core only decides when a pattern applies.
#ifndef PARAMSAFE_CORE_PATTERN_MATCHER_H_
#define PARAMSAFE_CORE_PATTERN_MATCHER_H_

#include <string_view>

#include "core/status.h"

namespace paramsafe::core {

class PatternMatcher {
 public:
  virtual ~PatternMatcher() = default;
  // OK when the whole value matches; kInvalidArgument with Detail::kInvalidPattern
  // when the pattern is not a usable regex, Detail::kPatternMismatch when the
  // value does not match (or cannot be matched within bounded effort). The
  // reason never contains the value. REQUIRES: pattern is not empty. Thread-safe.
  virtual Status Check(std::string_view pattern, std::string_view value) const = 0;
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_PATTERN_MATCHER_H_
