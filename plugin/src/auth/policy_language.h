// PolicyLanguage: core::PolicyChecker over ParsePolicyDocument and the
// broad-access check of resource policies (public_policy.h). Stateless;
// thread-safe.
#ifndef PARAMSAFE_AUTH_POLICY_LANGUAGE_H_
#define PARAMSAFE_AUTH_POLICY_LANGUAGE_H_

#include "core/policy_checker.h"

namespace paramsafe::auth {

class PolicyLanguage final : public core::PolicyChecker {
 public:
  core::Result<core::Policy> Parse(std::string_view document,
                                   core::PolicyKind kind) const override;
  std::vector<core::PolicyFinding> BroadAccess(const core::Policy& policy,
                                               std::string_view account_id) const override;
};

}  // namespace paramsafe::auth

#endif  // PARAMSAFE_AUTH_POLICY_LANGUAGE_H_
