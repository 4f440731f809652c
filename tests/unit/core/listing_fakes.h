// FakeParameterListing: an in-memory ParameterListing for unit tests, with the
// contract of core/parameter_listing.h:
// - items ordered by lookup name in byte order (the C collation of the store);
// - a page resumes strictly after ParameterQuery::after, keeps to prefix and
//   parent (items.parent_path: "/a/b/c" -> "/a/b", "/a" and "a" -> "/");
// - it examines at most scan_limit candidates (items inside after/prefix/parent,
//   as the store's index ranges hold them) and returns at most page_size;
//   resume_after names the last candidate examined and is absent only when no
//   candidate is left after it;
// - terms of one field are ORed, of different fields ANDed; with labels, each
//   parameter is represented by its highest version carrying one of them;
// - List returns policy_statuses and no labels, History both.
// Versions are added with their sealed values (see SealedVersion), so the
// service opens them through a FakeKeyring. It refuses a query the real store
// could not run (an unknown field or option, a page size below one) with
// kInternal, so adapter bugs surface in tests. Thread-safe.
#ifndef PARAMSAFE_TESTS_UNIT_CORE_LISTING_FAKES_H_
#define PARAMSAFE_TESTS_UNIT_CORE_LISTING_FAKES_H_

#include <algorithm>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "core/parameter_listing.h"
#include "core/parameter_names.h"
#include "parameter_fakes.h"

namespace paramsafe::core::testing {

// A version of `name` whose value is sealed by keyring as ParameterService
// seals it (associated data: kind, ARN, version), with the attributes a plain
// PutParameter leaves. SecureString gets KeyId alias/aws/ssm.
inline ParameterVersion SealedVersion(Keyring& keyring, const std::string& name,
                                      std::int64_t version, std::string_view value,
                                      const std::string& type = kTypeString) {
  ParameterVersion v;
  v.name = name;
  v.arn = ParameterArn(kRegion, kAccount, name);
  v.version = version;
  v.attributes.type = type;
  v.attributes.data_type = "text";
  if (type == kTypeSecureString) v.attributes.key_ref = kDefaultParameterKey;
  AssociatedData ad{ItemKindName(ItemKind::kParameter), v.arn, version};
  auto sealed = keyring.Seal(kRegion, v.attributes.key_ref.value_or(kDefaultParameterKey), ad,
                             ToSecureBuffer(value));
  if (sealed.ok()) v.sealed = std::move(sealed).value();
  v.last_modified = FixedWriteTime();
  v.last_modified_user = "arn:aws:iam::123456789012:user/tester";
  return v;
}

class FakeParameterListing final : public ParameterListing {
 public:
  // Adds a version to the item v.name names (creating it), in kAccount/kRegion
  // unless told otherwise. Versions of one item must come in ascending order.
  void Add(ParameterVersion v, const std::string& account = kAccount,
           const std::string& region = kRegion) {
    std::lock_guard lock(mu_);
    Item& item = items_[{account, region, ParameterLookupName(v.name)}];
    item.versions.push_back(std::move(v));
  }
  // Moves label to version of the item (a label is on one version only).
  void Label(const std::string& name, std::int64_t version, const std::string& label) {
    std::lock_guard lock(mu_);
    if (Item* item = FindLocked(kAccount, kRegion, name)) item->labels[label] = version;
  }
  void SetTag(const std::string& name, const std::string& key, const std::string& value) {
    std::lock_guard lock(mu_);
    if (Item* item = FindLocked(kAccount, kRegion, name)) item->tags[key] = value;
  }
  void Remove(const std::string& name) {
    std::lock_guard lock(mu_);
    items_.erase({kAccount, kRegion, ParameterLookupName(name)});
  }
  // Forgets a version, as the 100-version window does.
  void DropVersion(const std::string& name, std::int64_t version) {
    std::lock_guard lock(mu_);
    if (Item* item = FindLocked(kAccount, kRegion, name)) {
      std::erase_if(item->versions,
                    [&](const ParameterVersion& v) { return v.version == version; });
    }
  }

  // What the fake was asked, for tests of the callers.
  std::vector<ParameterQuery> queries() const {
    std::lock_guard lock(mu_);
    return queries_;
  }
  struct HistoryCall {
    ItemKey key;
    std::int64_t after_version;
    int limit;
  };
  std::vector<HistoryCall> history_calls() const {
    std::lock_guard lock(mu_);
    return history_calls_;
  }
  // The most candidates one List call examined.
  int max_examined() const {
    std::lock_guard lock(mu_);
    return max_examined_;
  }

  Result<ParameterPage> List(const ParameterQuery& q) override {
    std::lock_guard lock(mu_);
    queries_.push_back(q);
    if (q.page_size < 1 || q.scan_limit < 1) return Status(Code::kInternal, "fake: bad bounds");
    for (const FilterTerm& t : q.terms) {
      if (!KnownTerm(t)) {
        return Status(Code::kInternal, "fake: unknown term " + t.field + "/" + t.option);
      }
    }
    ParameterPage page;
    int examined = 0;
    std::string last;
    for (auto it = NextCandidate(q, items_.upper_bound({q.account_id, q.region, q.after}));
         it != items_.end(); it = NextCandidate(q, std::next(it))) {
      if (examined == q.scan_limit ||
          page.parameters.size() == static_cast<std::size_t>(q.page_size)) {
        page.resume_after = last;
        break;
      }
      ++examined;
      last = std::get<2>(it->first);
      const Item& item = it->second;
      const ParameterVersion* v = Representative(item, q.labels);
      if (v == nullptr || !Matches(q.terms, last, item, *v)) continue;
      ParameterVersion out = *v;
      out.labels.clear();
      page.parameters.push_back(std::move(out));
    }
    max_examined_ = std::max(max_examined_, examined);
    return page;
  }

  Result<HistoryPage> History(const ItemKey& key, std::int64_t after_version,
                              int limit) override {
    std::lock_guard lock(mu_);
    history_calls_.push_back({key, after_version, limit});
    if (limit < 1) return Status(Code::kInternal, "fake: bad limit");
    const Item* item = FindLocked(key.account_id, key.region, key.name);
    if (item == nullptr) return Status(Code::kNotFound, "Parameter " + key.name + " not found.");
    HistoryPage page;
    for (const ParameterVersion& v : item->versions) {
      if (v.version <= after_version) continue;
      if (page.versions.size() == static_cast<std::size_t>(limit)) {
        page.resume_after = page.versions.back().version;
        break;
      }
      ParameterVersion out = v;
      out.labels.clear();
      for (const auto& [label, version] : item->labels) {
        if (version == v.version) out.labels.push_back(label);
      }
      page.versions.push_back(std::move(out));
    }
    return page;
  }

 private:
  struct Item {
    std::vector<ParameterVersion> versions;  // ascending
    std::map<std::string, std::int64_t> labels;
    std::map<std::string, std::string> tags;
  };
  // (account, region, lookup name): std::string compares bytes as unsigned
  // char, the order of the store's C collation.
  using Key = std::tuple<std::string, std::string, std::string>;
  using Map = std::map<Key, Item>;

  Item* FindLocked(const std::string& account, const std::string& region,
                   const std::string& name) {
    auto it = items_.find({account, region, ParameterLookupName(name)});
    return it == items_.end() ? nullptr : &it->second;
  }

  static std::string ParentPath(std::string_view lookup) {
    auto slash = lookup.rfind('/');
    if (slash == std::string_view::npos || slash == 0) return "/";
    return std::string(lookup.substr(0, slash));
  }

  static bool StartsWith(std::string_view s, std::string_view p) {
    return s.substr(0, p.size()) == p;
  }

  // The first item at or after it inside the query's ranges.
  Map::iterator NextCandidate(const ParameterQuery& q, Map::iterator it) {
    for (; it != items_.end(); ++it) {
      const auto& [account, region, lookup] = it->first;
      if (account != q.account_id || region != q.region) return items_.end();
      if (q.prefix && !StartsWith(lookup, *q.prefix)) {
        if (lookup < *q.prefix) continue;
        return items_.end();  // past the prefix range
      }
      if (q.parent && ParentPath(lookup) != *q.parent) continue;
      return it;
    }
    return it;
  }

  static const ParameterVersion* Representative(const Item& item,
                                                const std::vector<std::string>& labels) {
    if (item.versions.empty()) return nullptr;
    if (labels.empty()) return &item.versions.back();
    const ParameterVersion* best = nullptr;
    for (const std::string& label : labels) {
      auto l = item.labels.find(label);
      if (l == item.labels.end()) continue;
      for (const ParameterVersion& v : item.versions) {
        if (v.version == l->second && (best == nullptr || v.version > best->version)) best = &v;
      }
    }
    return best;
  }

  static bool KnownTerm(const FilterTerm& t) {
    bool field = t.field == "Name" || t.field == "Type" || t.field == "KeyId" ||
                 t.field == "Tier" || t.field == "DataType" || StartsWith(t.field, "tag:");
    bool option = t.option == "Equals" || t.option == "BeginsWith" ||
                  (t.option == "Contains" && t.field == "Name") ||
                  (t.option == "Exists" && StartsWith(t.field, "tag:"));
    return field && option;
  }

  static bool Compare(const std::string& option, std::string_view have, std::string_view want) {
    if (option == "Equals") return have == want;
    if (option == "BeginsWith") return StartsWith(have, want);
    return have.find(want) != std::string_view::npos;  // Contains
  }

  static bool TermMatches(const FilterTerm& t, const std::string& lookup, const Item& item,
                          const ParameterVersion& v) {
    const ParameterAttributes& a = v.attributes;
    if (t.field == "Name") return Compare(t.option, lookup, t.value);
    if (t.field == "Type") return Compare(t.option, a.type, t.value);
    if (t.field == "Tier") return Compare(t.option, a.tier, t.value);
    if (t.field == "DataType") return Compare(t.option, a.data_type, t.value);
    if (t.field == "KeyId") return a.key_ref && Compare(t.option, *a.key_ref, t.value);
    auto tag = item.tags.find(t.field.substr(4));
    if (tag == item.tags.end()) return false;
    return t.option == "Exists" || Compare(t.option, tag->second, t.value);
  }

  static bool Matches(const std::vector<FilterTerm>& terms, const std::string& lookup,
                      const Item& item, const ParameterVersion& v) {
    std::map<std::string, bool> field_matched;
    for (const FilterTerm& t : terms) {
      bool& m = field_matched[t.field];
      m = m || TermMatches(t, lookup, item, v);
    }
    return std::all_of(field_matched.begin(), field_matched.end(),
                       [](const auto& f) { return f.second; });
  }

  mutable std::mutex mu_;
  Map items_;
  std::vector<ParameterQuery> queries_;
  std::vector<HistoryCall> history_calls_;
  int max_examined_ = 0;
};

}  // namespace paramsafe::core::testing

#endif  // PARAMSAFE_TESTS_UNIT_CORE_LISTING_FAKES_H_
