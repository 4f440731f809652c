// Reading IAM policy documents (JSON) into core::Policy, with IAM's grammar
// checks: identity policies (PutUserPolicy) and resource policies
// (PutResourcePolicy). The policy language is auth's domain; this is the one
// place outside the adapters that reads JSON, and it knows no API shapes.
#ifndef PARAMSAFE_AUTH_POLICY_DOCUMENT_H_
#define PARAMSAFE_AUTH_POLICY_DOCUMENT_H_

#include <string_view>

#include "core/policy.h"
#include "core/policy_checker.h"
#include "core/status.h"

namespace paramsafe::auth {

using core::PolicyKind;

// The parsed policy, or kInvalidArgument whose reason is IAM's message for
// the first problem found ("Syntax errors in policy.", "Missing required
// field Effect", "Policy statement must contain resources.", "Policy
// document should not specify a principal.", ...). The caller's face maps it
// to MalformedPolicyDocument(Exception). Never echoes more of the document
// than the offending member's name.
core::Result<core::Policy> ParsePolicyDocument(std::string_view json, PolicyKind kind);

}  // namespace paramsafe::auth

#endif  // PARAMSAFE_AUTH_POLICY_DOCUMENT_H_
