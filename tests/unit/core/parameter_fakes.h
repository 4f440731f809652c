// Test doubles for ParameterService's collaborators, shared by the core and
// adapter unit tests:
// - FakeParameterRepository: parameters in a map, with the contract of
//   core/parameter_repository.h (lookup by ItemKey::lookup_name, consecutive
//   versions, the builder sees the previous latest version). Counts every call,
//   so tests can prove what the cache saved.
// - FakeKeyring: "seals" by XOR with a mask and keeps the associated data next to
//   the ciphertext; Open refuses any other associated data. Records every call.
// Both are thread-safe (one mutex each); integration tests use the real ones.
#ifndef PARAMSAFE_TESTS_UNIT_CORE_PARAMETER_FAKES_H_
#define PARAMSAFE_TESTS_UNIT_CORE_PARAMETER_FAKES_H_

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <ostream>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/keys.h"
#include "core/parameter.h"
#include "core/parameter_repository.h"
#include "core/pattern_matcher.h"
#include "core/status.h"

namespace paramsafe::core {

// Readable GoogleTest output for the enums tests compare.
inline void PrintTo(Code code, std::ostream* os) { *os << CodeName(code); }
inline void PrintTo(Detail detail, std::ostream* os) {
  *os << "Detail(" << static_cast<int>(detail) << ")";
}
inline void PrintTo(const Status& status, std::ostream* os) { *os << status.ToString(); }

}  // namespace paramsafe::core

namespace paramsafe::core::testing {

inline constexpr char kAccount[] = "123456789012";
inline constexpr char kRegion[] = "us-east-1";

// 2024-04-05T19:34:38.901Z, the instant the fake repository stamps on versions.
inline TimePoint FixedWriteTime() {
  return TimePoint(std::chrono::milliseconds(1712345678901));
}

inline bool SameAd(const AssociatedData& a, const AssociatedData& b) {
  return a.kind == b.kind && a.item == b.item && a.version == b.version;
}

// Matches with std::regex: fine for the short values of core tests (the real
// matcher, with bounded effort, is adapters/ssm's AllowedPatternMatcher).
// "([a-z" style patterns that std::regex refuses are kInvalidPattern.
class FakePatternMatcher final : public PatternMatcher {
 public:
  Status Check(std::string_view pattern, std::string_view value) const override {
    ++calls;
    std::regex re;
    try {
      re = std::regex(std::string(pattern));
    } catch (const std::regex_error&) {
      return Status(Code::kInvalidArgument, Detail::kInvalidPattern, "invalid pattern");
    }
    if (std::regex_match(std::string(value), re)) return Status::Ok();
    return Status(Code::kInvalidArgument, Detail::kPatternMismatch,
                  "Parameter value, cannot be validated against allowedPattern: " +
                      std::string(pattern));
  }
  mutable int calls = 0;
};

class FakeParameterRepository final : public ParameterRepository {
 public:
  Result<PutOutcome> Put(const ItemKey& key, const std::string& arn, bool overwrite,
                         const VersionBuilder& build) override {
    std::lock_guard lock(mu_);
    ++put_calls_;
    Item* item = FindLocked(key);
    if (item != nullptr && !overwrite) {
      return Status(Code::kAlreadyExists,
                    "The parameter already exists. To overwrite this value, set the overwrite "
                    "option in the request to true.");
    }
    std::optional<ParameterVersion> previous;
    if (item != nullptr) previous = item->versions.back();
    const std::int64_t version = item != nullptr ? item->versions.back().version + 1 : 1;
    const std::string item_arn = item != nullptr ? item->arn : arn;
    Result<NewParameterVersion> built = build(previous, version, item_arn);
    if (!built.ok()) return built.status();
    if (item == nullptr) {
      item = &items_[MapKey(key)];
      item->name = key.name;
      item->arn = arn;
    }
    ParameterVersion v;
    v.name = item->name;
    v.arn = item->arn;
    v.version = version;
    v.attributes = built->attributes;
    v.sealed = built->sealed;
    v.last_modified = FixedWriteTime();
    v.last_modified_user = built->created_by;
    item->versions.push_back(std::move(v));
    return PutOutcome{version, item->arn};
  }

  Result<ParameterVersion> GetLatest(const ItemKey& key) override {
    std::function<void()> hook;
    Result<ParameterVersion> out = Status(Code::kInternal, "unset");
    {
      std::lock_guard lock(mu_);
      ++get_latest_calls_;
      Item* item = FindLocked(key);
      out = item == nullptr ? Result<ParameterVersion>(NotFound(key))
                            : Result<ParameterVersion>(item->versions.back());
      hook = std::move(after_next_get_latest_);
      after_next_get_latest_ = nullptr;
    }
    // Runs after the row was read and before the caller sees it, like a write
    // committed by someone else in between.
    if (hook) hook();
    return out;
  }

  Result<ParameterVersion> GetVersion(const ItemKey& key, std::int64_t version) override {
    std::lock_guard lock(mu_);
    ++get_version_calls_;
    Item* item = FindLocked(key);
    if (item == nullptr) return NotFound(key);
    for (const ParameterVersion& v : item->versions) {
      if (v.version == version) return v;
    }
    return Status(Code::kVersionNotFound, "Systems Manager could not find version " +
                                              std::to_string(version) + " of " + key.name +
                                              ". Verify the version and try again.");
  }

  Result<ParameterVersion> GetByLabel(const ItemKey& key, std::string_view label) override {
    std::lock_guard lock(mu_);
    ++get_by_label_calls_;
    Item* item = FindLocked(key);
    if (item == nullptr) return NotFound(key);
    auto it = item->labels.find(std::string(label));
    if (it != item->labels.end()) {
      for (const ParameterVersion& v : item->versions) {
        if (v.version == it->second) return v;
      }
    }
    return Status(Code::kVersionNotFound, "label " + std::string(label) + " not found");
  }

  Status Delete(const ItemKey& key) override {
    std::lock_guard lock(mu_);
    ++delete_calls_;
    if (items_.erase(MapKey(key)) == 0) return NotFound(key);
    return Status::Ok();
  }

  // Test helpers.
  // Runs hook once, inside the next GetLatest, after it has read its row.
  void AfterNextGetLatest(std::function<void()> hook) {
    std::lock_guard lock(mu_);
    after_next_get_latest_ = std::move(hook);
  }
  void AttachLabel(const ItemKey& key, std::int64_t version, const std::string& label) {
    std::lock_guard lock(mu_);
    Item* item = FindLocked(key);
    if (item != nullptr) item->labels[label] = version;
  }
  // The latest stored version, without counting a call.
  std::optional<ParameterVersion> Latest(const ItemKey& key) {
    std::lock_guard lock(mu_);
    Item* item = FindLocked(key);
    if (item == nullptr) return std::nullopt;
    return item->versions.back();
  }
  std::size_t ItemCount() const {
    std::lock_guard lock(mu_);
    return items_.size();
  }
  int put_calls() const { return Read(put_calls_); }
  int get_latest_calls() const { return Read(get_latest_calls_); }
  int get_version_calls() const { return Read(get_version_calls_); }
  int get_by_label_calls() const { return Read(get_by_label_calls_); }
  int delete_calls() const { return Read(delete_calls_); }

 private:
  struct Item {
    std::string name;  // as spelled at creation
    std::string arn;
    std::vector<ParameterVersion> versions;
    std::map<std::string, std::int64_t> labels;
  };

  static std::string MapKey(const ItemKey& key) {
    return key.account_id + "\n" + key.region + "\n" + ItemKindName(key.kind) + "\n" +
           key.lookup_name;
  }
  static Status NotFound(const ItemKey& key) {
    return Status(Code::kNotFound, "Parameter " + key.name + " not found.");
  }
  Item* FindLocked(const ItemKey& key) {
    auto it = items_.find(MapKey(key));
    return it == items_.end() ? nullptr : &it->second;
  }
  int Read(const int& counter) const {
    std::lock_guard lock(mu_);
    return counter;
  }

  mutable std::mutex mu_;
  std::map<std::string, Item> items_;
  std::function<void()> after_next_get_latest_;
  int put_calls_ = 0;
  int get_latest_calls_ = 0;
  int get_version_calls_ = 0;
  int get_by_label_calls_ = 0;
  int delete_calls_ = 0;
};

class FakeKeyring final : public Keyring {
 public:
  struct SealCall {
    std::string region;
    std::string key_ref;
    AssociatedData ad;
  };

  static constexpr std::uint8_t kMask = 0x5A;

  Result<SealedValue> Seal(std::string_view region, std::string_view key_ref,
                           const AssociatedData& ad, const SecureBuffer& plaintext) override {
    std::lock_guard lock(mu_);
    if (unknown_keys_.count(std::string(key_ref)) != 0) {
      return Status(Code::kKeyNotFound, "Key '" + std::string(key_ref) + "' does not exist");
    }
    seal_calls_.push_back(SealCall{std::string(region), std::string(key_ref), ad});
    SealedValue sealed;
    sealed.key_id = "fake:" + std::string(key_ref);
    sealed.wrapped_data_key = EncodeAd(ad);
    for (std::uint8_t b : plaintext) sealed.ciphertext.push_back(b ^ kMask);
    return sealed;
  }

  Result<SecureBuffer> Open(const SealedValue& sealed, const AssociatedData& ad) override {
    std::lock_guard lock(mu_);
    open_calls_.push_back(ad);
    if (fail_opens_) return Status(Code::kDecryptFailed, "fake keyring: refused to open");
    if (sealed.wrapped_data_key != EncodeAd(ad)) {
      return Status(Code::kDecryptFailed, "fake keyring: wrong associated data");
    }
    SecureBuffer out;
    for (std::uint8_t b : sealed.ciphertext) out.push_back(b ^ kMask);
    return out;
  }

  Result<KmsKeyRecord> ResolveKey(std::string_view region, std::string_view key_ref) override {
    KmsKeyRecord r;
    r.key_id = "fake:" + std::string(key_ref);
    r.region = std::string(region);
    return r;
  }

  Result<KmsKeyRecord> CreateKey(std::string_view, std::string_view, std::string_view) override {
    return Status(Code::kInternal, "fake keyring cannot create keys");
  }

  // Test helpers.
  void MarkUnknown(const std::string& key_ref) {
    std::lock_guard lock(mu_);
    unknown_keys_.insert(key_ref);
  }
  void set_fail_opens(bool fail) {
    std::lock_guard lock(mu_);
    fail_opens_ = fail;
  }
  std::vector<SealCall> seal_calls() const {
    std::lock_guard lock(mu_);
    return seal_calls_;
  }
  std::vector<AssociatedData> open_calls() const {
    std::lock_guard lock(mu_);
    return open_calls_;
  }

 private:
  static std::vector<std::uint8_t> EncodeAd(const AssociatedData& ad) {
    const std::string s = ad.kind + "|" + ad.item + "|" + std::to_string(ad.version);
    return {s.begin(), s.end()};
  }

  mutable std::mutex mu_;
  std::set<std::string> unknown_keys_;
  bool fail_opens_ = false;
  std::vector<SealCall> seal_calls_;
  std::vector<AssociatedData> open_calls_;
};

}  // namespace paramsafe::core::testing

#endif  // PARAMSAFE_TESTS_UNIT_CORE_PARAMETER_FAKES_H_
