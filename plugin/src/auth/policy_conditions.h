// Evaluating one condition of a policy statement against the request's
// condition keys. The rules, as IAM's:
//   - several values in the policy: any of them may match (OR);
//   - a key the request lacks: false, except for negated operators
//     (StringNotEquals, NotIpAddress, ArnNotLike, ...NotEquals), for
//     "...IfExists" operators, for ForAllValues (vacuously true) and for
//     Null ("true" asks for absence);
//   - ForAnyValue: some request value satisfies the operator;
//     ForAllValues: every request value does;
//   - a request or policy value the operator cannot read (a date that is no
//     date) matches nothing.
// Pure function; thread-safe.
#ifndef PARAMSAFE_AUTH_POLICY_CONDITIONS_H_
#define PARAMSAFE_AUTH_POLICY_CONDITIONS_H_

#include "auth/request_context.h"
#include "core/policy.h"

namespace paramsafe::auth {

// `variables`: the policy uses the 2012-10-17 grammar, so its values may
// hold policy variables.
bool ConditionHolds(const core::PolicyCondition& condition, const ConditionKeys& keys,
                    bool variables);

}  // namespace paramsafe::auth

#endif  // PARAMSAFE_AUTH_POLICY_CONDITIONS_H_
