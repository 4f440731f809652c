// The state budget bounds the work of one match (~10 ms here) instead of
// Boost's default of 1e8 states. Defined before the include, in the only file
// that includes Boost.Regex.
#define BOOST_REGEX_MAX_STATE_COUNT 2000000
#include "ssm/allowed_pattern_matcher.h"

#include <boost/regex.hpp>

namespace paramsafe::adapters::ssm {

using core::Code;
using core::Detail;
using core::Status;

Status AllowedPatternMatcher::Check(std::string_view pattern, std::string_view value) const {
  boost::regex re;
  try {
    re.assign(pattern.begin(), pattern.end(), boost::regex::perl);
  } catch (const boost::regex_error&) {
    return Status(Code::kInvalidArgument, Detail::kInvalidPattern,
                  "The parameter allowed pattern is not a valid regular expression: " +
                      std::string(pattern));
  }
  bool matches = false;
  try {
    matches = boost::regex_match(value.begin(), value.end(), re);
  } catch (const std::runtime_error&) {
    // Too complex to decide within the budget: the value is not validated.
    matches = false;
  }
  if (!matches) {
    return Status(Code::kInvalidArgument, Detail::kPatternMismatch,
                  "Parameter value, cannot be validated against allowedPattern: " +
                      std::string(pattern));
  }
  return Status::Ok();
}

}  // namespace paramsafe::adapters::ssm
