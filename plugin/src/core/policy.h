// Policy: an IAM policy document as evaluated, both identity policies
// (attached to users) and resource policies (attached to secrets). auth/
// parses documents into this form and evaluates it; the core only carries it.
// Plain values; thread-compatible.
#ifndef PARAMSAFE_CORE_POLICY_H_
#define PARAMSAFE_CORE_POLICY_H_

#include <string>
#include <vector>

namespace paramsafe::core {

// How a condition treats a key with several values (aws:TagKeys): the
// "ForAnyValue:" / "ForAllValues:" prefix of the operator, or none.
enum class SetQualifier { kNone, kForAnyValue, kForAllValues };

// One condition: `op` applied to the request's values of `key` against
// `values`. op is the operator in its canonical spelling, without a set
// qualifier prefix or an "...IfExists" suffix (set_qualifier and if_exists
// say whether it had them); keys compare case-insensitively.
struct PolicyCondition {
  std::string op;   // StringEquals, StringLike, Bool, DateLessThan, IpAddress, ...
  bool if_exists = false;
  SetQualifier set_qualifier = SetQualifier::kNone;
  std::string key;  // aws:SourceIp, secretsmanager:ResourceTag/team, ...
  std::vector<std::string> values;
};

struct PolicyStatement {
  std::string sid;
  bool allow = false;  // Effect: Allow or Deny

  // Action or NotAction: patterns like "ssm:Get*" or "*".
  bool not_action = false;
  std::vector<std::string> actions;

  // Resource or NotResource: ARN patterns with * and ?. A resource policy's
  // statement may leave both out: it then applies to the resource it is on.
  bool not_resource = false;
  std::vector<std::string> resources;

  // Resource policies only: Principal or NotPrincipal, as AWS principal
  // strings ("*", an account id, arn:aws:iam::<account>:root, a user ARN).
  // Principal "*" and {"AWS": "*"} are both "*". Principals of other types
  // keep their type as a prefix ("Service:secretsmanager.amazonaws.com",
  // "Federated:...", "CanonicalUser:..."), so they never equal a user.
  bool not_principal = false;
  std::vector<std::string> principals;

  std::vector<PolicyCondition> conditions;  // all must hold
};

struct Policy {
  std::string version;  // "2012-10-17" or "2008-10-17"
  std::vector<PolicyStatement> statements;
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_POLICY_H_
