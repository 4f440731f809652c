// AllowedPatternMatcher: Parameter Store's AllowedPattern, matched with
// Boost.Regex in Perl syntax (closer to AWS's Java patterns than ECMAScript).
// Boost.Regex does not recurse per input character and gives up past a state
// budget, so a hostile pattern can neither overflow the stack nor hold a worker
// for long. Thread-safe, stateless.
#ifndef PARAMSAFE_ADAPTERS_SSM_ALLOWED_PATTERN_MATCHER_H_
#define PARAMSAFE_ADAPTERS_SSM_ALLOWED_PATTERN_MATCHER_H_

#include "core/pattern_matcher.h"

namespace paramsafe::adapters::ssm {

class AllowedPatternMatcher final : public core::PatternMatcher {
 public:
  core::Status Check(std::string_view pattern, std::string_view value) const override;
};

}  // namespace paramsafe::adapters::ssm

#endif  // PARAMSAFE_ADAPTERS_SSM_ALLOWED_PATTERN_MATCHER_H_
