// Deciding one request against IAM-style policies, as AWS does within one
// account:
//   1. a matching Deny in an identity policy, or in the resource policy for a
//      principal it names, is an explicit deny;
//   2. else a matching Allow in an identity policy, or in the resource policy
//      naming the caller (its user ARN, "*" or {"AWS": "*"}), allows;
//   3. else the request is implicitly denied.
// In a resource policy an account principal (an account id or
// arn:aws:iam::<account>:root) does not allow by itself: it delegates to the
// account's identity policies. In a Deny it covers every principal of the
// account. NotPrincipal applies to every principal it does not list (a listed
// account covers its users). Pure functions; thread-safe.
#ifndef PARAMSAFE_AUTH_POLICY_EVALUATOR_H_
#define PARAMSAFE_AUTH_POLICY_EVALUATOR_H_

#include <string_view>
#include <vector>

#include "auth/request_context.h"
#include "core/policy.h"
#include "core/status.h"

namespace paramsafe::auth {

enum class Decision { kImplicitDeny, kAllow, kExplicitDenyIdentity, kExplicitDenyResource };

// Whether the statement's Action/NotAction, Resource/NotResource and
// Conditions all match the request (a statement without a Resource matches
// every resource: it is a resource policy's, about the resource it is on).
// Principals are not considered here.
bool StatementMatches(const core::PolicyStatement& statement, const RequestContext& request,
                      bool variables);

// resource_policy may be null.
Decision Evaluate(const std::vector<core::Policy>& identity_policies,
                  const core::Policy* resource_policy, const RequestContext& request);

// OK for kAllow; otherwise kPermissionDenied with AWS's message, e.g.
// "User: <arn> is not authorized to perform: <action> on resource: <resource>
// because no identity-based policy allows the <action> action". For the
// resource "*" the " on resource: *" part is left out.
core::Status DecisionStatus(Decision decision, const RequestContext& request);

// kPermissionDenied: "User: <arn> is not authorized to perform: <action> on
// resource: <resource>" followed by `because` (" because ...", " with ...").
core::Status Denied(const RequestContext& request, std::string_view because);

}  // namespace paramsafe::auth

#endif  // PARAMSAFE_AUTH_POLICY_EVALUATOR_H_
