// Policy schedule: the jobs that carry out a parameter's policy set, and the
// rules that need "now" to check (an Expiration must lie in the future).
// Pure functions; thread-safe.
#ifndef PARAMSAFE_CORE_POLICY_SCHEDULE_H_
#define PARAMSAFE_CORE_POLICY_SCHEDULE_H_

#include <vector>

#include "core/clock.h"
#include "core/parameter.h"
#include "core/status.h"

namespace paramsafe::core {

// The job kinds of the jobs table.
inline constexpr const char* kJobParameterExpiration = "parameter-expiration";
inline constexpr const char* kJobParameterExpirationNotification =
    "parameter-expiration-notification";
inline constexpr const char* kJobParameterNoChangeNotification =
    "parameter-no-change-notification";

inline constexpr std::size_t kMaxPoliciesPerParameter = 10;

// One job per policy, in the order of `policies` (policy_index = place in it):
//   Expiration             -> parameter-expiration at expires_at;
//   ExpirationNotification -> parameter-expiration-notification at the set's
//                             expires_at minus offset (due at once if that has passed);
//   NoChangeNotification   -> parameter-no-change-notification at now + offset,
//                             period offset.
// Errors: kInvalidArgument/kPolicyAttribute when the Expiration is not after
// now; kInvalidArgument/kPolicyConflict for two Expirations, or an
// ExpirationNotification without an Expiration.
Result<std::vector<PolicyJob>> SchedulePolicies(const std::vector<ParameterPolicy>& policies,
                                                TimePoint now);

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_POLICY_SCHEDULE_H_
