#include "auth/policy_evaluator.h"

#include <optional>
#include <string>

#include "auth/policy_conditions.h"
#include "auth/policy_variables.h"
#include "auth/wildcard.h"

namespace paramsafe::auth {
namespace {

constexpr std::string_view kVersion2012 = "2012-10-17";

bool ActionMatches(const core::PolicyStatement& statement, std::string_view action) {
  bool any = false;
  for (const std::string& pattern : statement.actions) {
    any = any || WildcardMatch(Pattern::Of(pattern), action, CaseRule::kInsensitive);
  }
  return statement.not_action ? !any : any;
}

bool ResourceMatches(const core::PolicyStatement& statement, const RequestContext& request,
                     bool variables) {
  if (statement.resources.empty()) return true;
  bool any = false;
  for (const std::string& entry : statement.resources) {
    // An entry whose variable the request cannot fill matches nothing.
    const std::optional<Pattern> pattern = ResolveVariables(entry, request.keys, variables);
    any = any || (pattern && WildcardMatch(*pattern, request.resource, CaseRule::kSensitive));
  }
  return statement.not_resource ? !any : any;
}

enum class PrincipalMatch { kNone, kAccount, kCaller };

// How a resource policy's principal list covers the caller: by name (the
// user's ARN or "*"), through its account, or not at all.
PrincipalMatch MatchPrincipals(const core::PolicyStatement& statement,
                               const RequestContext& request) {
  const std::string account_root = "arn:aws:iam::" + request.principal_account + ":root";
  PrincipalMatch best = PrincipalMatch::kNone;
  for (const std::string& p : statement.principals) {
    if (p == "*" || p == request.principal_arn) return PrincipalMatch::kCaller;
    if (!request.principal_account.empty() &&
        (p == request.principal_account || p == account_root)) {
      best = PrincipalMatch::kAccount;
    }
  }
  return best;
}

}  // namespace

bool StatementMatches(const core::PolicyStatement& statement, const RequestContext& request,
                      bool variables) {
  if (!ActionMatches(statement, request.action)) return false;
  if (!ResourceMatches(statement, request, variables)) return false;
  for (const core::PolicyCondition& condition : statement.conditions) {
    if (!ConditionHolds(condition, request.keys, variables)) return false;
  }
  return true;
}

Decision Evaluate(const std::vector<core::Policy>& identity_policies,
                  const core::Policy* resource_policy, const RequestContext& request) {
  bool allowed = false;
  for (const core::Policy& policy : identity_policies) {
    const bool variables = policy.version == kVersion2012;
    for (const core::PolicyStatement& statement : policy.statements) {
      if (!StatementMatches(statement, request, variables)) continue;
      if (!statement.allow) return Decision::kExplicitDenyIdentity;
      allowed = true;
    }
  }
  if (resource_policy != nullptr) {
    const bool variables = resource_policy->version == kVersion2012;
    for (const core::PolicyStatement& statement : resource_policy->statements) {
      const PrincipalMatch match = MatchPrincipals(statement, request);
      bool applies;
      if (statement.not_principal) {
        applies = match == PrincipalMatch::kNone;
      } else if (statement.allow) {
        applies = match == PrincipalMatch::kCaller;  // an account delegates to IAM
      } else {
        applies = match != PrincipalMatch::kNone;
      }
      if (!applies || !StatementMatches(statement, request, variables)) continue;
      if (!statement.allow) return Decision::kExplicitDenyResource;
      allowed = true;
    }
  }
  return allowed ? Decision::kAllow : Decision::kImplicitDeny;
}

core::Status Denied(const RequestContext& request, std::string_view because) {
  std::string message =
      "User: " + request.principal_arn + " is not authorized to perform: " + request.action;
  if (request.resource != "*") message += " on resource: " + request.resource;
  message.append(because);
  return core::Status(core::Code::kPermissionDenied, std::move(message));
}

core::Status DecisionStatus(Decision decision, const RequestContext& request) {
  switch (decision) {
    case Decision::kAllow:
      return core::Status::Ok();
    case Decision::kExplicitDenyIdentity:
      return Denied(request, " with an explicit deny in an identity-based policy");
    case Decision::kExplicitDenyResource:
      return Denied(request, " with an explicit deny in a resource-based policy");
    case Decision::kImplicitDeny:
      break;
  }
  return Denied(request,
                " because no identity-based policy allows the " + request.action + " action");
}

}  // namespace paramsafe::auth
