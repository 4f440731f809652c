// Test doubles for PolicyAccessControl's collaborators: in-memory user
// policies, access facts and a keyring that only resolves key references.
// Each counts its reads (so tests can prove what the caches skip) and can be
// told to fail. Thread-safe.
#ifndef PARAMSAFE_TESTS_UNIT_AUTH_POLICY_FAKES_H_
#define PARAMSAFE_TESTS_UNIT_AUTH_POLICY_FAKES_H_

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/access_facts.h"
#include "core/keys.h"
#include "core/user_policies.h"

namespace paramsafe::auth::testing {

class FakeUserPolicies final : public core::UserPolicyRepository {
 public:
  void AddUser(const std::string& user) {
    std::lock_guard lock(mu_);
    users_[user];
  }
  void RemoveUser(const std::string& user) {
    std::lock_guard lock(mu_);
    users_.erase(user);
  }
  void FailWith(std::optional<core::Status> status) {
    std::lock_guard lock(mu_);
    failure_ = std::move(status);
  }
  int list_calls() const { return list_calls_.load(); }

  core::Status Put(std::string_view user, std::string_view name,
                   std::string_view document) override {
    std::lock_guard lock(mu_);
    const auto it = users_.find(std::string(user));
    if (it == users_.end()) return core::Status(core::Code::kNotFound, "no such user");
    it->second[std::string(name)] = std::string(document);
    return core::Status::Ok();
  }

  core::Result<core::UserPolicy> Get(std::string_view user, std::string_view name) override {
    std::lock_guard lock(mu_);
    const auto it = users_.find(std::string(user));
    if (it == users_.end()) return core::Status(core::Code::kNotFound, "no such user");
    const auto p = it->second.find(std::string(name));
    if (p == it->second.end()) return core::Status(core::Code::kNotFound, "no such policy");
    return core::UserPolicy{std::string(user), p->first, p->second, {}, {}};
  }

  core::Result<std::vector<core::UserPolicy>> List(std::string_view user) override {
    ++list_calls_;
    std::lock_guard lock(mu_);
    if (failure_) return *failure_;
    const auto it = users_.find(std::string(user));
    if (it == users_.end()) return core::Status(core::Code::kNotFound, "no such user");
    std::vector<core::UserPolicy> out;
    for (const auto& [name, document] : it->second) {
      out.push_back(core::UserPolicy{std::string(user), name, document, {}, {}});
    }
    return out;
  }

  core::Status Delete(std::string_view user, std::string_view name) override {
    std::lock_guard lock(mu_);
    const auto it = users_.find(std::string(user));
    if (it == users_.end() || it->second.erase(std::string(name)) == 0) {
      return core::Status(core::Code::kNotFound, "no such policy");
    }
    return core::Status::Ok();
  }

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::map<std::string, std::string>> users_;
  std::optional<core::Status> failure_;
  std::atomic<int> list_calls_{0};
};

class FakeAccessFacts final : public core::AccessFactsRepository {
 public:
  // Found by name or by ARN.
  void AddSecret(core::SecretAccessFacts facts) {
    std::lock_guard lock(mu_);
    secrets_.push_back(std::move(facts));
  }
  void SetParameterTags(const std::string& name, std::vector<core::Tag> tags) {
    std::lock_guard lock(mu_);
    parameter_tags_[name] = std::move(tags);
  }
  void FailWith(std::optional<core::Status> status) {
    std::lock_guard lock(mu_);
    failure_ = std::move(status);
  }
  int find_secret_calls() const { return find_secret_calls_.load(); }
  int parameter_tags_calls() const { return parameter_tags_calls_.load(); }

  core::Result<core::SecretAccessFacts> FindSecret(const core::SecretLookup& id) override {
    ++find_secret_calls_;
    std::lock_guard lock(mu_);
    if (failure_) return *failure_;
    for (const core::SecretAccessFacts& s : secrets_) {
      if ((id.arn && *id.arn == s.arn) || (!id.name.empty() && id.name == s.name)) return s;
    }
    return core::Status(core::Code::kNotFound, "no such secret");
  }

  core::Result<std::vector<core::Tag>> ParameterTags(const core::ItemKey& key) override {
    ++parameter_tags_calls_;
    std::lock_guard lock(mu_);
    if (failure_) return *failure_;
    const auto it = parameter_tags_.find(key.name);
    if (it == parameter_tags_.end()) return core::Status(core::Code::kNotFound, "no parameter");
    return it->second;
  }

 private:
  mutable std::mutex mu_;
  std::vector<core::SecretAccessFacts> secrets_;
  std::map<std::string, std::vector<core::Tag>> parameter_tags_;
  std::optional<core::Status> failure_;
  std::atomic<int> find_secret_calls_{0};
  std::atomic<int> parameter_tags_calls_{0};
};

// Resolves the references it was given (AddKey) in any region; everything
// else is kKeyNotFound. Seal/Open/CreateKey are not used by authorization.
class FakeResolvingKeyring final : public core::Keyring {
 public:
  // Every reference in refs resolves to the key with this ARN.
  void AddKey(const std::string& arn, const std::vector<std::string>& refs) {
    std::lock_guard lock(mu_);
    for (const std::string& ref : refs) keys_[ref] = arn;
  }
  void FailWith(std::optional<core::Status> status) {
    std::lock_guard lock(mu_);
    failure_ = std::move(status);
  }
  int resolve_calls() const { return resolve_calls_.load(); }

  core::Result<core::KmsKeyRecord> ResolveKey(std::string_view region,
                                              std::string_view key_ref) override {
    ++resolve_calls_;
    std::lock_guard lock(mu_);
    if (failure_) return *failure_;
    const auto it = keys_.find(std::string(key_ref));
    if (it == keys_.end()) return core::Status(core::Code::kKeyNotFound, "no such key");
    core::KmsKeyRecord record;
    record.arn = it->second;
    record.key_id = it->second.substr(it->second.rfind('/') + 1);
    record.region = std::string(region);
    return record;
  }

  core::Result<core::SealedValue> Seal(std::string_view, std::string_view,
                                       const core::AssociatedData&,
                                       const core::SecureBuffer&) override {
    return Unused();
  }
  core::Result<core::SecureBuffer> Open(const core::SealedValue&,
                                        const core::AssociatedData&) override {
    return Unused();
  }
  core::Result<core::KmsKeyRecord> CreateKey(std::string_view, std::string_view,
                                             std::string_view) override {
    return Unused();
  }

 private:
  static core::Status Unused() {
    return core::Status(core::Code::kInternal, "not used by authorization");
  }

  mutable std::mutex mu_;
  std::map<std::string, std::string> keys_;
  std::optional<core::Status> failure_;
  std::atomic<int> resolve_calls_{0};
};

}  // namespace paramsafe::auth::testing

#endif  // PARAMSAFE_TESTS_UNIT_AUTH_POLICY_FAKES_H_
