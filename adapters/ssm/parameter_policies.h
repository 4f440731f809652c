// Parameter policies as PutParameter's "Policies" member carries them: a JSON
// string holding an array of up to 10 {"Type", "Version": "1.0", "Attributes"}
// objects. Parsed into the core's ParameterPolicy values and the canonical JSON
// text the store keeps (PoliciesShape in shapes.h reads that text back, one
// PolicyText per entry). Pure functions; thread-safe.
#ifndef PARAMSAFE_ADAPTERS_SSM_PARAMETER_POLICIES_H_
#define PARAMSAFE_ADAPTERS_SSM_PARAMETER_POLICIES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/parameter.h"
#include "core/status.h"

namespace paramsafe::adapters::ssm {

struct ParsedPolicies {
  // The policies re-serialised compactly as a JSON array, each entry as given
  // (member order kept), empty objects left out: "[]" when the set is cleared.
  std::string text;
  // One per entry of `text`, in the same order.
  std::vector<core::ParameterPolicy> policies;
};

// Before/After are capped at 100 years (36500 days, 876000 hours), so every
// schedule stays within the range of core::TimePoint. AWS documents no cap.
inline constexpr long kMaxPolicyDays = 36500;

// Parses and checks a Policies string. `[]`, `[{}]` (and any array of empty
// objects) clear the set. Errors, mapped by errors.cc:
//   not JSON, not an array, an entry not an object -> ValidationException
//     "Invalid policies input: <policies>."
//   more than 10 entries -> PoliciesLimitExceededException (kLimitExceeded/kPolicyLimit)
//   a Type missing or unknown -> InvalidPolicyTypeException (kPolicyType)
//   Version not "1.0", Attributes or an attribute missing or malformed
//     -> InvalidPolicyAttributeException (kPolicyAttribute)
//   two Expirations, an ExpirationNotification without an Expiration
//     -> IncompatiblePolicyException (kPolicyConflict)
// The core checks what needs the clock (an Expiration in the past).
core::Result<ParsedPolicies> ParsePolicies(std::string_view json);

// An Expiration Timestamp: ISO-8601 with an offset, as Java's ISO_INSTANT and
// ISO_OFFSET_DATE_TIME read it: YYYY-MM-DDTHH:MM[:SS[.fraction]] followed by Z
// or +HH:MM / -HH:MM ("2020-05-13T00:00:00.000Z", "2019-11-01T22:13:48.87+10:30").
// Up to 9 fraction digits; 'T' and 'Z' in either case. nullopt when malformed,
// not a real date, or outside 1678..2261 (the range of core::TimePoint).
std::optional<core::TimePoint> ParsePolicyTimestamp(std::string_view text);

}  // namespace paramsafe::adapters::ssm

#endif  // PARAMSAFE_ADAPTERS_SSM_PARAMETER_POLICIES_H_
