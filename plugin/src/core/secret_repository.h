// SecretRepository: storage of secrets, implemented by store/. Thread-safe.
//
// Reads return metadata and sealed values; every change to an existing secret
// goes through Update, which locks the secret, hands its current state to the
// caller's decision and applies the SecretChange it returns, all in one
// transaction: the rules live in the core (SecretService), the atomicity here,
// and the database's own rules (one AWSCURRENT, label limits) back both.
#ifndef PARAMSAFE_CORE_SECRET_REPOSITORY_H_
#define PARAMSAFE_CORE_SECRET_REPOSITORY_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/item_key.h"
#include "core/parameter.h"
#include "core/secret.h"
#include "core/status.h"

namespace paramsafe::core {

// How a SecretId names a secret (ParseSecretId builds it): a full ARN is
// matched exactly first; then the name (for a partial ARN, the ARN's resource
// part). An ARN of another account or region has an empty name and finds
// nothing by name.
struct SecretLookup {
  std::string account_id;
  std::string region;
  std::optional<std::string> arn;
  std::string name;
};

struct NewSecretVersion {
  std::string version_id;
  SecretValueType type = SecretValueType::kString;
  SealedValue sealed;     // sealed with SecretAssociatedData(arn, number)
  std::string key_ref;    // the KmsKeyId it was sealed under, as given
  std::string created_by;  // principal ARN
};

struct NewSecret {
  ItemKey key;      // kind kSecret; lookup_name == name
  std::string arn;  // with its random suffix
  std::optional<std::string> description;
  std::optional<std::string> kms_key_id;
  std::string primary_region;
  std::vector<Tag> tags;
  // Version number 1, labelled AWSCURRENT; absent for a secret without a value.
  std::optional<NewSecretVersion> first_version;
};

// What Update applies, in this order: tags, metadata, the new version (number
// = current latest_number + 1), label moves, pruning, deletion state.
struct SecretChange {
  std::optional<NewSecretVersion> new_version;
  // Each (stage, version id) puts the stage on that version (which may be the
  // new one), taking it off whichever version had it.
  std::vector<std::pair<std::string, std::string>> attach;
  // Stages to take off whatever version has them.
  std::vector<std::string> detach;
  std::optional<std::optional<std::string>> description;  // set or clear
  std::optional<std::optional<std::string>> kms_key_id;   // set or back to default
  std::optional<std::optional<std::string>> resource_policy;  // set or remove
  std::vector<Tag> put_tags;
  std::vector<std::string> remove_tag_keys;
  // Sets LastChangedDate to `now` (every change that AWS counts as one).
  bool changed = false;
  // Schedules the purge at this instant (a secret-purge job), or, when it
  // holds nullopt, cancels a scheduled deletion.
  std::optional<std::optional<TimePoint>> deletion_date;
  // Deletes the secret with everything it has, now.
  bool purge = false;
  // "Now" for LastChangedDate and for pruning deprecated versions.
  TimePoint now{};

  bool empty() const {
    return !new_version && attach.empty() && detach.empty() && !description && !kms_key_id &&
           !resource_policy && put_tags.empty() && remove_tag_keys.empty() && !changed &&
           !deletion_date && !purge;
  }
};

// Reads sealed values of the secret being updated, inside Update's transaction.
class SecretValueSource {
 public:
  virtual ~SecretValueSource() = default;
  // kVersionNotFound when the secret has no version with this number.
  virtual Result<SecretSealedValue> Value(std::int64_t number) = 0;
};

// Decides the change from the locked current state; an error aborts the update
// and is returned as is. Returning an empty change writes nothing.
using SecretDecision = std::function<Result<SecretChange>(const Secret& current,
                                                          SecretValueSource& values)>;

// Which version GetSecretValue wants: by id when given, else by stage.
struct SecretVersionSelector {
  std::optional<std::string> version_id;
  std::string stage = kStageCurrent;
};

// A secret's metadata (without versions and tags) and the selected version's
// sealed value, absent when no version matches the selector.
struct SecretRead {
  Secret secret;
  std::optional<SecretSealedValue> value;
};

// ListSecrets.
struct SecretFilter {
  std::string key;                  // name | description | tag-key | tag-value |
                                    // primary-region | owning-service | all
  std::vector<std::string> values;  // a leading '!' negates the value
};

enum class SecretSortKey { kCreatedDate, kLastAccessedDate, kLastChangedDate, kName };

struct SecretQuery {
  std::string account_id;
  std::string region;
  std::vector<SecretFilter> filters;  // checked by the adapter
  bool include_planned_deletion = false;
  SecretSortKey sort_by = SecretSortKey::kCreatedDate;
  bool descending = false;
  std::size_t max_results = 100;
  // Where the page starts: the position a previous page returned.
  std::optional<std::string> after;
};

struct SecretPage {
  // Each with its tags and its labelled versions only.
  std::vector<Secret> secrets;
  // Where the next page starts; absent on the last page.
  std::optional<std::string> next_position;
};

// Re-seals one version of a parameter being promoted, as version `number` of
// the secret `secret_arn`.
using ResealVersion = std::function<Result<NewSecretVersion>(
    const ParameterVersion& version, std::int64_t number, const std::string& secret_arn)>;

class SecretRepository {
 public:
  virtual ~SecretRepository() = default;

  // Creates the secret (and its first version, labelled AWSCURRENT). kAlreadyExists
  // when an item of that name exists in the region (scheduled for deletion or
  // not); kConflict when the ARN is taken (the caller draws a new suffix).
  virtual Result<Secret> Create(const NewSecret& secret, TimePoint now) = 0;

  // The secret with all its versions and tags. kNotFound.
  virtual Result<Secret> Find(const SecretLookup& id) = 0;

  // The hot read path: one round trip. kNotFound when there is no secret.
  virtual Result<SecretRead> Read(const SecretLookup& id, const SecretVersionSelector& which) = 0;

  // See SecretDecision. Returns the state after the change; kNotFound when
  // there is no secret, and also after a purge (the secret is gone).
  virtual Result<Secret> Update(const SecretLookup& id, const SecretDecision& decide) = 0;

  // Records a read of version `number` on `day` (UTC midnight): the secret's and
  // the version's last-accessed day. Writes only when the day changes.
  virtual Status RecordRead(const std::string& arn, std::int64_t number, TimePoint day) = 0;

  // Records an attempt (`operation`, by `principal_arn`) to read a secret that
  // is scheduled for deletion: counts it on the secret and adds an event.
  virtual Status RecordReadWhileScheduled(const std::string& arn, const std::string& operation,
                                          const std::string& principal_arn) = 0;

  virtual Result<SecretPage> List(const SecretQuery& query) = 0;

  // Turns a parameter into a secret in one transaction: creates `secret` (its
  // first_version is ignored) with one version per parameter version, oldest
  // first (numbers 1..n, version ids drawn by the store), AWSCURRENT on the
  // newest, AWSPREVIOUS on the one before, each parameter label kept as a
  // staging label on its version, the parameter's tags; then deletes the
  // parameter. kNotFound (no parameter), kAlreadyExists (a secret of that name).
  virtual Result<Secret> Promote(const ItemKey& parameter, const NewSecret& secret,
                                 const ResealVersion& reseal, TimePoint now) = 0;
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_SECRET_REPOSITORY_H_
