// PolicyChecker: reading and judging IAM policy documents, for the layers
// that must not know JSON or the policy language (the adapters, the CLI's
// callers). Implemented by auth/ (auth::PolicyLanguage). Thread-safe.
#ifndef PARAMSAFE_CORE_POLICY_CHECKER_H_
#define PARAMSAFE_CORE_POLICY_CHECKER_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/policy.h"
#include "core/status.h"

namespace paramsafe::core {

enum class PolicyKind {
  kIdentity,  // attached to a user: no Principal; Resource or NotResource required
  kResource,  // attached to a secret: Principal or NotPrincipal required
};

// One problem ValidateResourcePolicy reports.
struct PolicyFinding {
  std::string check;    // e.g. "BROAD_ACCESS_VALIDATION"
  std::string message;  // what is wrong, without echoing the document
};

class PolicyChecker {
 public:
  virtual ~PolicyChecker() = default;

  // The parsed document, or kInvalidArgument whose reason is IAM's message
  // for the first problem (see auth/policy_document.h).
  virtual Result<Policy> Parse(std::string_view document, PolicyKind kind) const = 0;

  // A resource policy's grants to principals outside `account_id` (anyone,
  // "*", another account), which BlockPublicPolicy refuses; empty when none.
  virtual std::vector<PolicyFinding> BroadAccess(const Policy& policy,
                                                 std::string_view account_id) const = 0;
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_POLICY_CHECKER_H_
