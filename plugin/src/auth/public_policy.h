// Broad access in a secret's resource policy: the statements that would let
// principals outside the secret's own account in, which BlockPublicPolicy
// refuses and ValidateResourcePolicy reports. AWS decides this with an
// automated reasoner (Zelkova); paramsafe uses fixed rules instead, so an
// operator can predict the answer:
//
// A statement grants broad access when it is an Allow and one of
//   - NotPrincipal (an Allow of everyone the statement does not name),
//   - Principal "*" or {"AWS": "*"},
//   - an AWS principal of another account (its 12-digit id, or an
//     arn:aws:iam::/arn:aws:sts:: ARN whose account is not ours),
//   - a Federated principal that is not an ARN of our account, or any
//     CanonicalUser,
// reaches past the account, unless the statement also has a condition that
// pins every caller to the account: StringEquals / StringEqualsIgnoreCase /
// StringLike / ArnEquals / ArnLike, without IfExists or a ForAnyValue /
// ForAllValues prefix (both let a request without the key through), on
//   - aws:PrincipalAccount or aws:SourceAccount, every value our account id;
//   - aws:PrincipalArn or aws:SourceArn, every value an ARN of our account;
//   - aws:PrincipalOrgID, aws:SourceVpc or aws:SourceVpce, every value fixed
//     (no *, ? or policy variable): the keys AWS accepts as limiting a
//     secret's policy. paramsafe never sets them, so such a statement grants
//     nothing here at all.
// Service principals ("Service": "…amazonaws.com") are not broad: they name
// an AWS service, not a caller. Deny statements never are.
//
// Stateless; thread-safe.
#ifndef PARAMSAFE_AUTH_PUBLIC_POLICY_H_
#define PARAMSAFE_AUTH_PUBLIC_POLICY_H_

#include <string_view>
#include <vector>

#include "core/policy.h"
#include "core/policy_checker.h"

namespace paramsafe::auth {

// The CheckName of the findings below.
inline constexpr std::string_view kBroadAccessCheck = "BROAD_ACCESS_VALIDATION";

// One finding per statement that grants broad access, in document order; its
// message names the statement by position and the principal that reaches out
// (principals are not secret), never other document text. Empty when none.
// REQUIRES: policy parsed as core::PolicyKind::kResource.
std::vector<core::PolicyFinding> FindBroadAccess(const core::Policy& policy,
                                                 std::string_view account_id);

}  // namespace paramsafe::auth

#endif  // PARAMSAFE_AUTH_PUBLIC_POLICY_H_
