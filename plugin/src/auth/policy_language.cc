#include "auth/policy_language.h"

#include "auth/policy_document.h"
#include "auth/public_policy.h"

namespace paramsafe::auth {

core::Result<core::Policy> PolicyLanguage::Parse(std::string_view document,
                                                 core::PolicyKind kind) const {
  return ParsePolicyDocument(document, kind);
}

std::vector<core::PolicyFinding> PolicyLanguage::BroadAccess(const core::Policy& policy,
                                                             std::string_view account_id) const {
  return FindBroadAccess(policy, account_id);
}

}  // namespace paramsafe::auth
