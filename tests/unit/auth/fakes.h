// Test doubles for the Authenticator's collaborators: an in-memory credential
// repository and a keyring whose "sealing" is a reversible toy that still checks
// the associated data. Both count calls so tests can prove what the cache skips.
// Thread-safe, so concurrency tests can share them.
#ifndef PARAMSAFE_TESTS_UNIT_AUTH_FAKES_H_
#define PARAMSAFE_TESTS_UNIT_AUTH_FAKES_H_

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/credentials.h"
#include "core/keys.h"

namespace paramsafe::auth::testing {

class FakeKeyring final : public core::Keyring {
 public:
  // What Seal would produce for an access key secret, for building records.
  core::SealedValue SealAccessKeySecret(std::string_view access_key_id, std::string_view secret) {
    return SealWithAd(core::AssociatedData{"access-key", std::string(access_key_id), 1},
                      core::ToSecureBuffer(secret));
  }

  core::Result<core::SealedValue> Seal(std::string_view, std::string_view,
                                       const core::AssociatedData& ad,
                                       const core::SecureBuffer& plaintext) override {
    return SealWithAd(ad, plaintext);
  }

  core::Result<core::SecureBuffer> Open(const core::SealedValue& sealed,
                                        const core::AssociatedData& ad) override {
    ++open_calls_;
    if (fail_opens_) return core::Status(core::Code::kKeyNotFound, "fake keyring: key gone");
    if (sealed.key_id != "fake-key" || sealed.wrapped_data_key != EncodeAd(ad)) {
      return core::Status(core::Code::kDecryptFailed, "fake keyring: wrong associated data");
    }
    core::SecureBuffer out;
    for (std::uint8_t b : sealed.ciphertext) out.push_back(b ^ kMask);
    return out;
  }

  core::Result<core::KmsKeyRecord> ResolveKey(std::string_view, std::string_view) override {
    return core::Status(core::Code::kKeyNotFound, "fake keyring has no KMS keys");
  }
  core::Result<core::KmsKeyRecord> CreateKey(std::string_view, std::string_view,
                                             std::string_view) override {
    return core::Status(core::Code::kInternal, "fake keyring cannot create keys");
  }

  int open_calls() const { return open_calls_.load(); }
  void set_fail_opens(bool fail) { fail_opens_ = fail; }

 private:
  static constexpr std::uint8_t kMask = 0x5A;

  static std::vector<std::uint8_t> EncodeAd(const core::AssociatedData& ad) {
    const std::string s = ad.kind + "|" + ad.item + "|" + std::to_string(ad.version);
    return {s.begin(), s.end()};
  }
  static core::SealedValue SealWithAd(const core::AssociatedData& ad,
                                      const core::SecureBuffer& plaintext) {
    core::SealedValue sealed;
    sealed.key_id = "fake-key";
    sealed.wrapped_data_key = EncodeAd(ad);
    for (std::uint8_t b : plaintext) sealed.ciphertext.push_back(b ^ kMask);
    return sealed;
  }

  std::atomic<int> open_calls_{0};
  std::atomic<bool> fail_opens_{false};
};

class FakeCredentialRepository final : public core::CredentialRepository {
 public:
  void PutAccessKey(core::AccessKeyRecord record) {
    std::lock_guard lock(mu_);
    keys_[record.access_key_id] = std::move(record);
  }
  void FailWith(std::optional<core::Status> status) {
    std::lock_guard lock(mu_);
    failure_ = std::move(status);
  }
  int find_calls() const { return find_calls_.load(); }

  core::Result<core::AccessKeyRecord> FindAccessKey(std::string_view access_key_id) override {
    ++find_calls_;
    std::lock_guard lock(mu_);
    if (failure_) return *failure_;
    const auto it = keys_.find(std::string(access_key_id));
    if (it == keys_.end()) {
      return core::Status(core::Code::kUnrecognizedClient, "no such access key");
    }
    return it->second;
  }

  core::Status SetAccessKeyActive(std::string_view, std::string_view access_key_id,
                                  bool active) override {
    std::lock_guard lock(mu_);
    const auto it = keys_.find(std::string(access_key_id));
    if (it == keys_.end()) return core::Status(core::Code::kNotFound, "no such access key");
    it->second.active = active;
    return core::Status::Ok();
  }

  core::Status DeleteAccessKey(std::string_view, std::string_view access_key_id) override {
    std::lock_guard lock(mu_);
    keys_.erase(std::string(access_key_id));
    return core::Status::Ok();
  }

  // Not used by the Authenticator.
  core::Result<core::UserRecord> CreateUser(std::string_view, std::string_view) override {
    return Unused();
  }
  core::Result<core::UserRecord> FindUser(std::string_view) override { return Unused(); }
  core::Result<std::vector<core::UserRecord>> ListUsers() override { return Unused(); }
  core::Status DeleteUser(std::string_view) override { return Unused(); }
  core::Status InsertAccessKey(const core::AccessKeyRecord& key) override {
    PutAccessKey(key);
    return core::Status::Ok();
  }
  core::Result<std::vector<core::AccessKeyRecord>> ListAccessKeys(std::string_view) override {
    return Unused();
  }

 private:
  static core::Status Unused() {
    return core::Status(core::Code::kInternal, "not implemented by the fake");
  }

  std::mutex mu_;
  std::map<std::string, core::AccessKeyRecord> keys_;
  std::optional<core::Status> failure_;
  std::atomic<int> find_calls_{0};
};

}  // namespace paramsafe::auth::testing

#endif  // PARAMSAFE_TESTS_UNIT_AUTH_FAKES_H_
