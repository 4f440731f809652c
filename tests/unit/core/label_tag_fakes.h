// In-memory doubles of the label and tag repositories for unit tests, with the
// contracts of core/label_repository.h and core/tag_repository.h:
// - FakeLabelRepository: items with a window of retained versions; a label is on
//   at most one version of its item (attaching moves it), at most 10 per
//   version, and a refused Attach writes nothing.
// - FakeTagRepository: items with their tags; Add upserts and writes nothing when
//   the item would exceed max_tags; Remove ignores absent keys.
// Items are found by ItemKey::lookup_name (as the stores do) and must be created
// with the helpers. Both count calls, record what they were asked, and can be
// told to fail the next call. Thread-safe (one mutex each).
#ifndef PARAMSAFE_TESTS_UNIT_CORE_LABEL_TAG_FAKES_H_
#define PARAMSAFE_TESTS_UNIT_CORE_LABEL_TAG_FAKES_H_

#include <algorithm>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/label_repository.h"
#include "core/parameter_label_service.h"
#include "core/tag_repository.h"

namespace paramsafe::core::testing {

// The key the fakes file an item under.
inline std::string FakeItemId(const ItemKey& key) {
  return key.account_id + "\n" + key.region + "\n" + ItemKindName(key.kind) + "\n" +
         key.lookup_name;
}

class FakeLabelRepository final : public LabelRepository {
 public:
  Result<std::int64_t> Attach(const ItemKey& key, std::optional<std::int64_t> version,
                              const std::vector<std::string>& labels) override {
    std::lock_guard lock(mu_);
    ++attach_calls_;
    last_labels_ = labels;
    if (auto failure = TakeFailure()) return *failure;
    Item* item = Find(key);
    if (item == nullptr) return NotFound(key);
    const std::int64_t target = version.value_or(item->latest);
    if (!item->Retains(target)) return VersionNotFound(key, target);
    std::size_t after = CountOn(*item, target);
    for (const std::string& l : std::set<std::string>(labels.begin(), labels.end())) {
      auto it = item->labels.find(l);
      if (it == item->labels.end() || it->second != target) ++after;
    }
    if (after > kMaxLabelsPerParameterVersion) {
      return Status(Code::kLimitExceeded, Detail::kLabelLimit,
                    "fake: version " + std::to_string(target) + " would carry " +
                        std::to_string(after) + " labels");
    }
    for (const std::string& l : labels) item->labels[l] = target;  // moves it if elsewhere
    return target;
  }

  Result<std::vector<std::string>> Detach(const ItemKey& key, std::int64_t version,
                                          const std::vector<std::string>& labels) override {
    std::lock_guard lock(mu_);
    ++detach_calls_;
    last_labels_ = labels;
    if (auto failure = TakeFailure()) return *failure;
    Item* item = Find(key);
    if (item == nullptr) return NotFound(key);
    if (!item->Retains(version)) return VersionNotFound(key, version);
    std::vector<std::string> removed;
    for (const std::string& l : labels) {
      auto it = item->labels.find(l);
      if (it != item->labels.end() && it->second == version) {
        item->labels.erase(it);
        removed.push_back(l);
      }
    }
    // Reverse order, so callers cannot lean on the order a store happens to use.
    std::reverse(removed.begin(), removed.end());
    return removed;
  }

  // Test helpers.
  // Creates (or replaces) an item retaining versions oldest..latest, unlabelled.
  void AddParameter(const ItemKey& key, std::int64_t latest, std::int64_t oldest = 1) {
    std::lock_guard lock(mu_);
    items_[FakeItemId(key)] = Item{oldest, latest, {}};
  }
  // Puts a label on a version directly, bypassing the 10-label rule.
  void SetLabel(const ItemKey& key, const std::string& label, std::int64_t version) {
    std::lock_guard lock(mu_);
    if (Item* item = Find(key)) item->labels[label] = version;
  }
  // The labels on one version, sorted.
  std::vector<std::string> LabelsOn(const ItemKey& key, std::int64_t version) {
    std::lock_guard lock(mu_);
    std::vector<std::string> out;
    if (Item* item = Find(key)) {
      for (const auto& [label, v] : item->labels) {
        if (v == version) out.push_back(label);
      }
    }
    return out;
  }
  // The version a label is on, if any.
  std::optional<std::int64_t> VersionOf(const ItemKey& key, const std::string& label) {
    std::lock_guard lock(mu_);
    Item* item = Find(key);
    if (item == nullptr) return std::nullopt;
    auto it = item->labels.find(label);
    if (it == item->labels.end()) return std::nullopt;
    return it->second;
  }
  // The next call answers this status instead of doing anything.
  void FailNextCall(Status status) {
    std::lock_guard lock(mu_);
    next_failure_ = std::move(status);
  }
  int attach_calls() const { return Read(attach_calls_); }
  int detach_calls() const { return Read(detach_calls_); }
  // The labels the last call was given.
  std::vector<std::string> last_labels() const {
    std::lock_guard lock(mu_);
    return last_labels_;
  }

 private:
  struct Item {
    std::int64_t oldest = 1;
    std::int64_t latest = 1;
    std::map<std::string, std::int64_t> labels;  // label -> version
    bool Retains(std::int64_t v) const { return v >= oldest && v <= latest; }
  };

  Item* Find(const ItemKey& key) {
    auto it = items_.find(FakeItemId(key));
    return it == items_.end() ? nullptr : &it->second;
  }
  static std::size_t CountOn(const Item& item, std::int64_t version) {
    return static_cast<std::size_t>(
        std::count_if(item.labels.begin(), item.labels.end(),
                      [&](const auto& kv) { return kv.second == version; }));
  }
  static Status NotFound(const ItemKey& key) {
    return Status(Code::kNotFound, "Parameter " + key.name + " not found.");
  }
  static Status VersionNotFound(const ItemKey& key, std::int64_t version) {
    return Status(Code::kVersionNotFound, "Systems Manager could not find version " +
                                              std::to_string(version) + " of " + key.name +
                                              ". Verify the version and try again.");
  }
  std::optional<Status> TakeFailure() {
    std::optional<Status> f = std::move(next_failure_);
    next_failure_.reset();
    return f;
  }
  int Read(const int& counter) const {
    std::lock_guard lock(mu_);
    return counter;
  }

  mutable std::mutex mu_;
  std::map<std::string, Item> items_;
  std::optional<Status> next_failure_;
  std::vector<std::string> last_labels_;
  int attach_calls_ = 0;
  int detach_calls_ = 0;
};

class FakeTagRepository final : public TagRepository {
 public:
  Result<std::vector<Tag>> List(const ItemKey& key) override {
    std::lock_guard lock(mu_);
    ++list_calls_;
    if (auto failure = TakeFailure()) return *failure;
    Tags* tags = Find(key);
    if (tags == nullptr) return NotFound(key);
    std::vector<Tag> out;
    for (const auto& [k, v] : *tags) out.push_back(Tag{k, v});
    return out;
  }

  Status Add(const ItemKey& key, const std::vector<Tag>& tags, std::size_t max_tags) override {
    std::lock_guard lock(mu_);
    ++add_calls_;
    last_added_ = tags;
    last_max_tags_ = max_tags;
    if (auto failure = TakeFailure()) return *failure;
    Tags* stored = Find(key);
    if (stored == nullptr) return NotFound(key);
    Tags after = *stored;
    for (const Tag& t : tags) after[t.key] = t.value;
    if (after.size() > max_tags) {
      return Status(Code::kLimitExceeded, Detail::kTagLimit,
                    "fake: " + std::to_string(after.size()) + " tags");
    }
    *stored = std::move(after);
    return Status::Ok();
  }

  Status Remove(const ItemKey& key, const std::vector<std::string>& keys) override {
    std::lock_guard lock(mu_);
    ++remove_calls_;
    if (auto failure = TakeFailure()) return *failure;
    Tags* stored = Find(key);
    if (stored == nullptr) return NotFound(key);
    for (const std::string& k : keys) stored->erase(k);
    return Status::Ok();
  }

  // Test helpers.
  // Creates an item (keeping its tags if it exists), optionally with tags.
  void AddItem(const ItemKey& key, const std::vector<Tag>& tags = {}) {
    std::lock_guard lock(mu_);
    Tags& stored = items_[FakeItemId(key)];
    for (const Tag& t : tags) stored[t.key] = t.value;
  }
  // The stored tags, by key; empty for a missing item.
  std::map<std::string, std::string> TagsOf(const ItemKey& key) {
    std::lock_guard lock(mu_);
    Tags* tags = Find(key);
    return tags == nullptr ? Tags{} : *tags;
  }
  void FailNextCall(Status status) {
    std::lock_guard lock(mu_);
    next_failure_ = std::move(status);
  }
  int list_calls() const { return Read(list_calls_); }
  int add_calls() const { return Read(add_calls_); }
  int remove_calls() const { return Read(remove_calls_); }
  std::vector<Tag> last_added() const {
    std::lock_guard lock(mu_);
    return last_added_;
  }
  std::size_t last_max_tags() const {
    std::lock_guard lock(mu_);
    return last_max_tags_;
  }

 private:
  using Tags = std::map<std::string, std::string>;

  Tags* Find(const ItemKey& key) {
    auto it = items_.find(FakeItemId(key));
    return it == items_.end() ? nullptr : &it->second;
  }
  static Status NotFound(const ItemKey& key) {
    return Status(Code::kNotFound, "Parameter " + key.name + " not found.");
  }
  std::optional<Status> TakeFailure() {
    std::optional<Status> f = std::move(next_failure_);
    next_failure_.reset();
    return f;
  }
  int Read(const int& counter) const {
    std::lock_guard lock(mu_);
    return counter;
  }

  mutable std::mutex mu_;
  std::map<std::string, Tags> items_;
  std::optional<Status> next_failure_;
  std::vector<Tag> last_added_;
  std::size_t last_max_tags_ = 0;
  int list_calls_ = 0;
  int add_calls_ = 0;
  int remove_calls_ = 0;
};

}  // namespace paramsafe::core::testing

#endif  // PARAMSAFE_TESTS_UNIT_CORE_LABEL_TAG_FAKES_H_
