// InMemorySecretRepository: a SecretRepository in memory with the contract of
// core/secret_repository.h, for the core and adapter unit tests:
// - lookups: an exact ARN first, then the name, within the account and region;
// - Update copies the locked state, calls the decision and applies its change
//   in the documented order (tags, metadata, new version, label moves, pruning
//   of deprecated versions, deletion state, purge), refusing what the database
//   refuses: more than 20 labels on a secret or a version (kLimitExceeded,
//   Detail::kLabelLimit) and a secret with versions but no AWSCURRENT
//   (kInternal); a refused change writes nothing;
// - List with the filters and sort keys of secret_list_matching.h;
// - Promote over an optional ParameterRepository (and TagRepository for tags).
// It counts calls, keeps what RecordReadWhileScheduled recorded and can be told
// to fail, so tests can prove what the service did. Thread-safe (one mutex);
// the decision runs under it, like a transaction, and must not call back.
#ifndef PARAMSAFE_TESTS_UNIT_CORE_SECRET_FAKES_H_
#define PARAMSAFE_TESTS_UNIT_CORE_SECRET_FAKES_H_

#include <algorithm>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/parameter_repository.h"
#include "core/secret.h"
#include "core/secret_repository.h"
#include "core/tag_repository.h"
#include "secret_list_matching.h"

namespace paramsafe::core::testing {

class InMemorySecretRepository final : public SecretRepository {
 public:
  struct ScheduledRead {
    std::string arn;
    std::string operation;
    std::string principal_arn;
  };

  // Promote reads (and deletes) parameters from `parameters` and copies their
  // tags from `tags`; without `parameters` it answers kNotFound.
  explicit InMemorySecretRepository(ParameterRepository* parameters = nullptr,
                                    TagRepository* tags = nullptr)
      : parameters_(parameters), tags_(tags) {}

  Result<Secret> Create(const NewSecret& in, TimePoint now) override {
    std::lock_guard lock(mu_);
    ++create_calls_;
    if (FindByName(in.key.account_id, in.key.region, in.key.name) != nullptr) {
      return Status(Code::kAlreadyExists, "fake: secret " + in.key.name + " exists");
    }
    if (conflicts_to_inject_ > 0 || secrets_.count(in.arn) != 0) {
      if (conflicts_to_inject_ > 0) --conflicts_to_inject_;
      return Status(Code::kConflict, "fake: ARN taken");
    }
    Stored s;
    s.secret.account_id = in.key.account_id;
    s.secret.region = in.key.region;
    s.secret.name = in.key.name;
    s.secret.arn = in.arn;
    s.secret.description = in.description;
    s.secret.kms_key_id = in.kms_key_id;
    s.secret.created = now;
    s.secret.last_changed = now;
    s.secret.primary_region = in.primary_region;
    s.secret.tags = in.tags;
    SortTags(s.secret.tags);
    if (in.first_version) {
      AddVersion(s, *in.first_version, 1, now);
      s.secret.versions.front().stages = {kStageCurrent};
    }
    auto [it, inserted] = secrets_.emplace(in.arn, std::move(s));
    return it->second.secret;
  }

  Result<Secret> Find(const SecretLookup& id) override {
    std::lock_guard lock(mu_);
    ++find_calls_;
    const Stored* s = Resolve(id);
    if (s == nullptr) return NotFound();
    return s->secret;
  }

  Result<SecretRead> Read(const SecretLookup& id, const SecretVersionSelector& which) override {
    std::lock_guard lock(mu_);
    ++read_calls_;
    const Stored* s = Resolve(id);
    if (s == nullptr) return NotFound();
    SecretRead out;
    out.secret = s->secret;
    out.secret.versions.clear();
    out.secret.tags.clear();
    out.secret.resource_policy.reset();  // as the store: only the whole state has it
    const SecretVersion* v =
        which.version_id ? s->secret.WithId(*which.version_id) : s->secret.WithStage(which.stage);
    if (v != nullptr) out.value = SealedOf(*s, *v);
    return out;
  }

  Result<Secret> Update(const SecretLookup& id, const SecretDecision& decide) override {
    std::lock_guard lock(mu_);
    ++update_calls_;
    Stored* s = Resolve(id);
    if (s == nullptr) return NotFound();
    Values values(*this, *s);
    Result<SecretChange> decided = decide(s->secret, values);
    if (!decided.ok()) return decided.status();
    const SecretChange& change = *decided;
    if (change.empty()) return s->secret;
    ++applied_changes_;
    Stored next = *s;
    PS_RETURN_IF_ERROR(Apply(change, next));
    if (change.purge) {
      ++purges_;
      secrets_.erase(s->secret.arn);
      return NotFound();
    }
    *s = std::move(next);
    return s->secret;
  }

  Status RecordRead(const std::string& arn, std::int64_t number, TimePoint day) override {
    std::lock_guard lock(mu_);
    ++record_read_calls_;
    if (fail_record_read_) return Status(Code::kUnavailable, "fake: RecordRead fails");
    auto it = secrets_.find(arn);
    if (it == secrets_.end()) return NotFound();
    Secret& secret = it->second.secret;
    for (SecretVersion& v : secret.versions) {
      if (v.number != number) continue;
      if (secret.last_accessed != day || v.last_accessed != day) ++record_read_writes_;
      secret.last_accessed = day;
      v.last_accessed = day;
      return Status::Ok();
    }
    return Status(Code::kVersionNotFound, "fake: no version " + std::to_string(number));
  }

  Status RecordReadWhileScheduled(const std::string& arn, const std::string& operation,
                                  const std::string& principal_arn) override {
    std::lock_guard lock(mu_);
    if (fail_record_scheduled_read_) {
      return Status(Code::kUnavailable, "fake: RecordReadWhileScheduled fails");
    }
    auto it = secrets_.find(arn);
    if (it == secrets_.end()) return NotFound();
    ++it->second.secret.reads_while_scheduled;
    scheduled_reads_.push_back(ScheduledRead{arn, operation, principal_arn});
    return Status::Ok();
  }

  Result<SecretPage> List(const SecretQuery& q) override {
    std::lock_guard lock(mu_);
    ++list_calls_;
    using Entry = std::pair<std::pair<std::string, std::string>, const Secret*>;
    std::vector<Entry> entries;
    for (const auto& [arn, s] : secrets_) {
      const Secret& secret = s.secret;
      if (secret.account_id != q.account_id || secret.region != q.region) continue;
      if (secret.scheduled_for_deletion() && !q.include_planned_deletion) continue;
      if (!MatchesFilters(secret, q.filters)) continue;
      entries.push_back({{SortKeyOf(secret, q.sort_by), arn}, &secret});
    }
    std::sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
      return q.descending ? b.first < a.first : a.first < b.first;
    });
    std::optional<std::pair<std::string, std::string>> after;
    if (q.after) {
      const std::size_t cut = q.after->find('\n');
      if (cut == std::string::npos) return Status(Code::kInvalidArgument, "fake: bad position");
      after = {q.after->substr(0, cut), q.after->substr(cut + 1)};
    }
    SecretPage page;
    const std::pair<std::string, std::string>* last = nullptr;
    for (const Entry& e : entries) {
      if (after && (q.descending ? !(e.first < *after) : !(*after < e.first))) continue;
      if (page.secrets.size() == q.max_results) {
        if (last != nullptr) page.next_position = last->first + "\n" + last->second;
        break;
      }
      Secret listed = *e.second;
      std::erase_if(listed.versions, [](const SecretVersion& v) { return v.stages.empty(); });
      listed.resource_policy.reset();
      page.secrets.push_back(std::move(listed));
      last = &e.first;
    }
    return page;
  }

  Result<Secret> Promote(const ItemKey& parameter, const NewSecret& in, const ResealVersion& reseal,
                         TimePoint now) override {
    std::lock_guard lock(mu_);
    ++promote_calls_;
    if (parameters_ == nullptr) return NotFound();
    PS_ASSIGN_OR_RETURN(ParameterVersion latest, parameters_->GetLatest(parameter));
    if (FindByName(in.key.account_id, in.key.region, in.key.name) != nullptr) {
      return Status(Code::kAlreadyExists, "fake: secret " + in.key.name + " exists");
    }
    if (conflicts_to_inject_ > 0 || secrets_.count(in.arn) != 0) {
      if (conflicts_to_inject_ > 0) --conflicts_to_inject_;
      return Status(Code::kConflict, "fake: ARN taken");
    }
    std::vector<ParameterVersion> history;
    for (std::int64_t n = 1; n <= latest.version; ++n) {
      Result<ParameterVersion> v = parameters_->GetVersion(parameter, n);
      if (v.ok())
        history.push_back(std::move(v).value());
      else if (v.status().code() != Code::kVersionNotFound)
        return v.status();
    }
    Stored s;
    s.secret.account_id = in.key.account_id;
    s.secret.region = in.key.region;
    s.secret.name = in.key.name;
    s.secret.arn = in.arn;
    s.secret.description = in.description;
    s.secret.kms_key_id = in.kms_key_id;
    s.secret.created = now;
    s.secret.last_changed = now;
    s.secret.primary_region = in.primary_region;
    if (tags_ != nullptr) {
      Result<std::vector<Tag>> tags = tags_->List(parameter);
      if (tags.ok()) s.secret.tags = *tags;
    }
    SortTags(s.secret.tags);
    std::int64_t number = 0;
    for (const ParameterVersion& pv : history) {
      PS_ASSIGN_OR_RETURN(NewSecretVersion nv, reseal(pv, ++number, in.arn));
      AddVersion(s, nv, number, pv.last_modified);
      s.secret.versions.front().stages = pv.labels;
    }
    if (!s.secret.versions.empty()) {
      s.secret.versions.front().stages.push_back(kStageCurrent);
      if (s.secret.versions.size() > 1) s.secret.versions[1].stages.push_back(kStagePrevious);
    }
    for (SecretVersion& v : s.secret.versions) std::sort(v.stages.begin(), v.stages.end());
    PS_RETURN_IF_ERROR(CheckLabels(s.secret));
    PS_RETURN_IF_ERROR(parameters_->Delete(parameter));
    auto [it, inserted] = secrets_.emplace(in.arn, std::move(s));
    return it->second.secret;
  }

  // Test helpers.
  // The next n Creates or Promotes answer kConflict (the ARN suffix is taken).
  void InjectArnConflicts(int n) {
    std::lock_guard lock(mu_);
    conflicts_to_inject_ = n;
  }
  void set_fail_record_read(bool fail) {
    std::lock_guard lock(mu_);
    fail_record_read_ = fail;
  }
  void set_fail_record_scheduled_read(bool fail) {
    std::lock_guard lock(mu_);
    fail_record_scheduled_read_ = fail;
  }
  // The stored state of a secret (with every version), without counting a call.
  std::optional<Secret> Snapshot(const std::string& arn) const {
    std::lock_guard lock(mu_);
    auto it = secrets_.find(arn);
    if (it == secrets_.end()) return std::nullopt;
    return it->second.secret;
  }
  std::optional<SecretSealedValue> StoredValue(const std::string& arn, std::int64_t number) const {
    std::lock_guard lock(mu_);
    auto it = secrets_.find(arn);
    if (it == secrets_.end()) return std::nullopt;
    for (const SecretVersion& v : it->second.secret.versions) {
      if (v.number == number) return SealedOf(it->second, v);
    }
    return std::nullopt;
  }
  // Who wrote a stored version ("" when there is none).
  std::string CreatedBy(const std::string& arn, std::int64_t number) const {
    std::lock_guard lock(mu_);
    auto it = secrets_.find(arn);
    if (it == secrets_.end()) return "";
    auto row = it->second.values.find(number);
    return row == it->second.values.end() ? "" : row->second.created_by;
  }
  // Changes when a stored version was created (to age it past the 24 h rule).
  void SetVersionCreated(const std::string& arn, std::int64_t number, TimePoint created) {
    std::lock_guard lock(mu_);
    auto it = secrets_.find(arn);
    if (it == secrets_.end()) return;
    for (SecretVersion& v : it->second.secret.versions) {
      if (v.number == number) v.created = created;
    }
  }
  // Adds `count` versions without labels (and without an openable value), as
  // the newest, created at `created`: a secret near its version quota without
  // thousands of writes.
  void AddUnlabelledVersions(const std::string& arn, std::size_t count, TimePoint created) {
    std::lock_guard lock(mu_);
    auto it = secrets_.find(arn);
    if (it == secrets_.end()) return;
    for (std::size_t i = 0; i < count; ++i) {
      const std::int64_t number = it->second.secret.latest_number + 1;
      AddVersion(it->second, Version("bulk-" + std::to_string(number)), number, created);
    }
  }
  std::size_t SecretCount() const {
    std::lock_guard lock(mu_);
    return secrets_.size();
  }
  std::vector<ScheduledRead> scheduled_reads() const {
    std::lock_guard lock(mu_);
    return scheduled_reads_;
  }
  int create_calls() const { return Count(create_calls_); }
  int find_calls() const { return Count(find_calls_); }
  int read_calls() const { return Count(read_calls_); }
  int update_calls() const { return Count(update_calls_); }
  // Updates whose decision returned a non-empty change.
  int applied_changes() const { return Count(applied_changes_); }
  int purges() const { return Count(purges_); }
  int record_read_calls() const { return Count(record_read_calls_); }
  // RecordRead calls that changed a last-accessed day.
  int record_read_writes() const { return Count(record_read_writes_); }
  int list_calls() const { return Count(list_calls_); }
  int promote_calls() const { return Count(promote_calls_); }

 private:
  struct StoredValueRow {
    SecretValueType type = SecretValueType::kString;
    SealedValue sealed;
    std::string created_by;
  };
  struct Stored {
    Secret secret;
    std::map<std::int64_t, StoredValueRow> values;  // by version number
  };

  // Reads values of the secret being updated; the repository's mutex is held.
  class Values final : public SecretValueSource {
   public:
    Values(const InMemorySecretRepository& repo, const Stored& s) : repo_(repo), s_(s) {}
    Result<SecretSealedValue> Value(std::int64_t number) override {
      for (const SecretVersion& v : s_.secret.versions) {
        if (v.number == number) return repo_.SealedOf(s_, v);
      }
      return Status(Code::kVersionNotFound, "fake: no version " + std::to_string(number));
    }

   private:
    const InMemorySecretRepository& repo_;
    const Stored& s_;
  };

  static Status NotFound() {
    return Status(Code::kNotFound, "Secrets Manager can't find the specified secret.");
  }
  static void SortTags(std::vector<Tag>& tags) {
    std::sort(tags.begin(), tags.end(), [](const Tag& a, const Tag& b) { return a.key < b.key; });
  }
  static NewSecretVersion Version(const std::string& id) {
    NewSecretVersion v;
    v.version_id = id;
    v.key_ref = kDefaultSecretKey;
    return v;
  }
  static void AddVersion(Stored& s, const NewSecretVersion& nv, std::int64_t number,
                         TimePoint created) {
    SecretVersion v;
    v.number = number;
    v.version_id = nv.version_id;
    v.created = created;
    v.kms_key_arn = nv.key_ref;
    s.secret.versions.insert(s.secret.versions.begin(), std::move(v));
    s.secret.latest_number = number;
    s.values[number] = StoredValueRow{nv.type, nv.sealed, nv.created_by};
  }
  SecretSealedValue SealedOf(const Stored& s, const SecretVersion& v) const {
    const StoredValueRow& row = s.values.at(v.number);
    return SecretSealedValue{v, row.type, row.sealed};
  }

  // What the database refuses: a label on two versions cannot happen here (a
  // map would be needed to break it), the rest is checked.
  static Status CheckLabels(const Secret& secret) {
    std::size_t total = 0;
    bool current = false;
    for (const SecretVersion& v : secret.versions) {
      if (v.stages.size() > kMaxStagesPerVersion) {
        return Status(Code::kLimitExceeded, Detail::kLabelLimit,
                      "fake: too many labels on a version");
      }
      total += v.stages.size();
      for (const std::string& st : v.stages) current = current || st == kStageCurrent;
    }
    if (total > kMaxStagesPerSecret) {
      return Status(Code::kLimitExceeded, Detail::kLabelLimit,
                    "fake: too many labels on the secret");
    }
    if (!secret.versions.empty() && !current) {
      return Status(Code::kInternal, "fake: a secret with versions has no AWSCURRENT");
    }
    return Status::Ok();
  }

  static void DetachEverywhere(Secret& secret, const std::string& stage) {
    for (SecretVersion& v : secret.versions) std::erase(v.stages, stage);
  }

  // Applies a change to a copy of the stored secret, in the documented order.
  static Status Apply(const SecretChange& c, Stored& s) {
    Secret& secret = s.secret;
    for (const Tag& t : c.put_tags) {
      std::erase_if(secret.tags, [&](const Tag& x) { return x.key == t.key; });
      secret.tags.push_back(t);
    }
    for (const std::string& k : c.remove_tag_keys) {
      std::erase_if(secret.tags, [&](const Tag& x) { return x.key == k; });
    }
    SortTags(secret.tags);
    if (c.description) secret.description = *c.description;
    if (c.kms_key_id) secret.kms_key_id = *c.kms_key_id;
    if (c.resource_policy) secret.resource_policy = *c.resource_policy;
    if (c.new_version) {
      if (secret.WithId(c.new_version->version_id) != nullptr) {
        return Status(Code::kConflict, "fake: version id exists");
      }
      AddVersion(s, *c.new_version, secret.latest_number + 1, c.now);
    }
    for (const std::string& stage : c.detach) DetachEverywhere(secret, stage);
    for (const auto& [stage, version_id] : c.attach) {
      if (secret.WithId(version_id) == nullptr) {
        return Status(Code::kInternal, "fake: attach to unknown version " + version_id);
      }
      DetachEverywhere(secret, stage);
      for (SecretVersion& v : secret.versions) {
        if (v.version_id == version_id) {
          v.stages.push_back(stage);
          std::sort(v.stages.begin(), v.stages.end());
        }
      }
    }
    Prune(s, c.now);
    PS_RETURN_IF_ERROR(CheckLabels(secret));
    if (c.changed) secret.last_changed = c.now;
    if (c.deletion_date) secret.deletion_date = *c.deletion_date;
    return Status::Ok();
  }

  // Removes the deprecated versions beyond the newest kKeptSecretVersions that
  // are at least kDeprecatedVersionMinAge old.
  static void Prune(Stored& s, TimePoint now) {
    std::vector<SecretVersion>& versions = s.secret.versions;  // newest first
    std::vector<SecretVersion> kept;
    for (std::size_t i = 0; i < versions.size(); ++i) {
      const SecretVersion& v = versions[i];
      const bool old = now - v.created >= kDeprecatedVersionMinAge;
      if (i >= kKeptSecretVersions && v.stages.empty() && old) {
        s.values.erase(v.number);
      } else {
        kept.push_back(v);
      }
    }
    versions = std::move(kept);
  }

  const Stored* FindByName(const std::string& account, const std::string& region,
                           const std::string& name) const {
    for (const auto& [arn, s] : secrets_) {
      if (s.secret.account_id == account && s.secret.region == region && s.secret.name == name) {
        return &s;
      }
    }
    return nullptr;
  }
  Stored* Resolve(const SecretLookup& id) {
    if (id.arn) {
      auto it = secrets_.find(*id.arn);
      if (it != secrets_.end() && it->second.secret.account_id == id.account_id &&
          it->second.secret.region == id.region) {
        return &it->second;
      }
    }
    if (id.name.empty()) return nullptr;
    return const_cast<Stored*>(FindByName(id.account_id, id.region, id.name));
  }
  int Count(const int& counter) const {
    std::lock_guard lock(mu_);
    return counter;
  }

  ParameterRepository* parameters_;
  TagRepository* tags_;
  mutable std::mutex mu_;
  std::map<std::string, Stored> secrets_;  // by ARN
  std::vector<ScheduledRead> scheduled_reads_;
  int conflicts_to_inject_ = 0;
  bool fail_record_read_ = false;
  bool fail_record_scheduled_read_ = false;
  int create_calls_ = 0;
  int find_calls_ = 0;
  int read_calls_ = 0;
  int update_calls_ = 0;
  int applied_changes_ = 0;
  int purges_ = 0;
  int record_read_calls_ = 0;
  int record_read_writes_ = 0;
  int list_calls_ = 0;
  int promote_calls_ = 0;
};

}  // namespace paramsafe::core::testing

#endif  // PARAMSAFE_TESTS_UNIT_CORE_SECRET_FAKES_H_
