// RecordingAccess: a core::AccessControl for adapter tests. Allows everything
// unless told to deny an action, and remembers every question it was asked,
// so a test can check which action and resource each operation asks about.
#ifndef PARAMSAFE_TESTS_UNIT_ADAPTERS_RECORDING_ACCESS_H_
#define PARAMSAFE_TESTS_UNIT_ADAPTERS_RECORDING_ACCESS_H_

#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "core/access_control.h"

namespace paramsafe::adapters {

class RecordingAccess : public core::AccessControl {
 public:
  struct Asked {
    std::string action;
    std::string resource;  // for a secret: its lookup's ARN or name
    std::string key_ref;   // AuthorizeKey only
  };

  core::Status Authorize(const core::Caller& caller, const core::AccessRequest& r,
                         std::string* evaluated) override {
    std::string resource = r.resource;
    if (r.secret) resource = r.secret->arn ? *r.secret->arn : r.secret->name;
    if (evaluated != nullptr) *evaluated = resource;
    std::lock_guard lock(mu_);
    asked_.push_back({r.action, resource, ""});
    if (r.secret_key_action) asked_.push_back({*r.secret_key_action, resource, "(secret's key)"});
    return Decide(caller, r.action, resource);
  }

  core::Status AuthorizeKey(const core::Caller& caller, std::string_view kms_action,
                            std::string_view key_ref) override {
    std::lock_guard lock(mu_);
    asked_.push_back({std::string(kms_action), "", std::string(key_ref)});
    return Decide(caller, std::string(kms_action), std::string(key_ref));
  }

  void Deny(std::string action) {
    std::lock_guard lock(mu_);
    denied_.insert(std::move(action));
  }
  std::vector<Asked> asked() const {
    std::lock_guard lock(mu_);
    return asked_;
  }
  void Clear() {
    std::lock_guard lock(mu_);
    asked_.clear();
  }

 private:
  core::Status Decide(const core::Caller& caller, const std::string& action,
                      const std::string& resource) const {
    if (denied_.count(action) == 0) return core::Status::Ok();
    return core::Status(core::Code::kPermissionDenied,
                        "User: " + caller.principal_arn + " is not authorized to perform: " +
                            action + " on resource: " + resource);
  }

  mutable std::mutex mu_;
  std::set<std::string> denied_;
  std::vector<Asked> asked_;
};

}  // namespace paramsafe::adapters

#endif  // PARAMSAFE_TESTS_UNIT_ADAPTERS_RECORDING_ACCESS_H_
