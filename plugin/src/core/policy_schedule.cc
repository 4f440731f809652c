#include "core/policy_schedule.h"

#include <optional>

namespace paramsafe::core {

namespace {

Status Conflict(std::string reason) {
  return Status(Code::kInvalidArgument, Detail::kPolicyConflict, std::move(reason));
}

// The one Expiration of the set, if any; the adapter refuses a second one
// already, this keeps the core's rule whole for any other caller.
Result<std::optional<TimePoint>> FindExpiration(const std::vector<ParameterPolicy>& policies) {
  std::optional<TimePoint> found;
  for (const ParameterPolicy& p : policies) {
    if (p.type != PolicyType::kExpiration) continue;
    if (found) return Conflict("There can be only one expiration policy");
    found = p.expires_at;
  }
  return found;
}

}  // namespace

Result<std::vector<PolicyJob>> SchedulePolicies(const std::vector<ParameterPolicy>& policies,
                                                TimePoint now) {
  PS_ASSIGN_OR_RETURN(std::optional<TimePoint> expires_at, FindExpiration(policies));
  // An Expiration already due would delete the parameter the caller is writing.
  if (expires_at && *expires_at <= now) {
    return Status(Code::kInvalidArgument, Detail::kPolicyAttribute,
                  "The Timestamp of an Expiration policy must be in the future.");
  }
  std::vector<PolicyJob> jobs;
  jobs.reserve(policies.size());
  for (std::size_t i = 0; i < policies.size(); ++i) {
    const ParameterPolicy& p = policies[i];
    PolicyJob job;
    job.policy_index = static_cast<int>(i);
    switch (p.type) {
      case PolicyType::kExpiration:
        job.kind = kJobParameterExpiration;
        job.run_at = p.expires_at;
        break;
      case PolicyType::kExpirationNotification:
        if (!expires_at) {
          return Conflict("Expiration notification policies are missing expiration policy");
        }
        job.kind = kJobParameterExpirationNotification;
        job.run_at = *expires_at - p.offset;
        break;
      case PolicyType::kNoChangeNotification:
        job.kind = kJobParameterNoChangeNotification;
        job.run_at = now + p.offset;
        job.period = p.offset;
        break;
    }
    jobs.push_back(std::move(job));
  }
  return jobs;
}

}  // namespace paramsafe::core
