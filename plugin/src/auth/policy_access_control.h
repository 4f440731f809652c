// PolicyAccessControl: core::AccessControl over IAM-style policies.
//
// For each request it gathers the caller's identity policies (the user's
// inline policies, parsed and cached per user for cache_ttl), the request's
// condition keys (aws:SourceIp, aws:CurrentTime, aws:SecureTransport,
// aws:username, aws:PrincipalArn, aws:RequestTag/…, aws:TagKeys, and the
// resource's tags under secretsmanager:ResourceTag/…, ssm:resourceTag/… and
// aws:ResourceTag/…), and for a secret its resource policy, then decides as
// AWS does within one account (see core/access_control.h). Resource facts are
// read only when needed: a secret's always, a parameter's tags only when one
// of the caller's policies has a resource-tag condition.
//
// Ownership: borrows the repositories, keyring and clock, which must outlive
// it. Thread-safe.
#ifndef PARAMSAFE_AUTH_POLICY_ACCESS_CONTROL_H_
#define PARAMSAFE_AUTH_POLICY_ACCESS_CONTROL_H_

#include <chrono>
#include <memory>
#include <string_view>

#include "core/access_control.h"
#include "core/access_facts.h"
#include "core/clock.h"
#include "core/keys.h"
#include "core/user_policies.h"

namespace paramsafe::auth {

class PolicyAccessControl : public core::AccessControl {
 public:
  // cache_ttl: how long a user's parsed policies (and a key reference's
  // resolved ARN) are trusted; 0 reads them on every request, so a changed
  // policy applies to the next request.
  PolicyAccessControl(core::UserPolicyRepository& policies, core::AccessFactsRepository& facts,
                      core::Keyring& keyring, const core::Clock& clock,
                      std::chrono::milliseconds cache_ttl);
  ~PolicyAccessControl() override;
  PolicyAccessControl(const PolicyAccessControl&) = delete;
  PolicyAccessControl& operator=(const PolicyAccessControl&) = delete;

  core::Status Authorize(const core::Caller& caller, const core::AccessRequest& request,
                         std::string* evaluated_resource) override;
  core::Status AuthorizeKey(const core::Caller& caller, std::string_view kms_action,
                            std::string_view key_ref) override;

  // Forgets cached policies (all users); the next request reads them again.
  void InvalidateAll();

 private:
  struct State;
  core::UserPolicyRepository& policies_;
  core::AccessFactsRepository& facts_;
  core::Keyring& keyring_;
  const core::Clock& clock_;
  std::chrono::milliseconds cache_ttl_;
  std::unique_ptr<State> state_;
};

}  // namespace paramsafe::auth

#endif  // PARAMSAFE_AUTH_POLICY_ACCESS_CONTROL_H_
