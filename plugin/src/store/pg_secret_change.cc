#include "store/pg_secret_change.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/pg_item_tags.h"
#include "store/pg_secret_state.h"
#include "store/pg_text_array.h"
#include "store/pg_time_param.h"

namespace paramsafe::store {

using core::Code;
using core::SecretChange;
using core::Status;

namespace {

constexpr Statement kRemoveTags{
    "secret_remove_tags",
    "DELETE FROM paramsafe.tags WHERE item_id = $1 AND key = ANY($2::text[])"};

// Each flag says whether its column changes, so one prepared statement serves
// every combination of UpdateSecret's optional members.
constexpr Statement kUpdateMetadata{
    "secret_update_metadata",
    "UPDATE paramsafe.secrets SET"
    " description = CASE WHEN $2::boolean THEN $3::text ELSE description END,"
    " kms_key_ref = CASE WHEN $4::boolean THEN $5::text ELSE kms_key_ref END,"
    " last_changed_at = CASE WHEN $6::boolean THEN " PS_TIMESTAMP_FROM_US("$7")
    "                   ELSE last_changed_at END,"
    " resource_policy = CASE WHEN $8::boolean THEN $9::text ELSE resource_policy END"
    " WHERE item_id = $1"};

constexpr Statement kDetachLabels{
    "secret_detach_labels",
    "DELETE FROM paramsafe.labels WHERE item_id = $1 AND label = ANY($2::text[])"};

// A label that moves gets a new created_at; one that stays keeps its own.
constexpr Statement kAttachLabels{
    "secret_attach_labels",
    "INSERT INTO paramsafe.labels (item_id, label, version)"
    " SELECT $1, a.label, v.version"
    " FROM unnest($2::text[], $3::text[]) AS a(label, version_id)"
    " JOIN paramsafe.versions v ON v.item_id = $1 AND v.version_id = a.version_id"
    " ON CONFLICT (item_id, label) DO UPDATE SET version = EXCLUDED.version,"
    "   created_at = CASE WHEN labels.version = EXCLUDED.version THEN labels.created_at"
    "                     ELSE clock_timestamp() END"};

// Deprecated (unlabelled) versions older than $2 that are not among the newest
// $3. The label check and the delete are one statement under the item lock, so
// no label can land on a version between the two.
constexpr Statement kPruneVersions{
    "secret_prune_versions",
    "DELETE FROM paramsafe.versions v"
    " WHERE v.item_id = $1 AND v.created_at < " PS_TIMESTAMP_FROM_US("$2")
    "   AND NOT EXISTS (SELECT 1 FROM paramsafe.labels l"
    "                   WHERE l.item_id = v.item_id AND l.version = v.version)"
    "   AND v.version < (SELECT coalesce(min(n.version), 0) FROM"
    "                     (SELECT version FROM paramsafe.versions WHERE item_id = $1"
    "                      ORDER BY version DESC LIMIT $3) n)"};

// The pending purge job is replaced, never added to: a secret has at most one.
constexpr Statement kScheduleDeletion{
    "secret_schedule_deletion",
    "WITH s AS (UPDATE paramsafe.secrets SET deletion_date = " PS_TIMESTAMP_FROM_US("$2")
    "           WHERE item_id = $1),"
    " old AS (DELETE FROM paramsafe.jobs"
    "         WHERE item_id = $1 AND kind = 'secret-purge' AND state = 'pending')"
    " INSERT INTO paramsafe.jobs (kind, item_id, run_at)"
    " VALUES ('secret-purge', $1, " PS_TIMESTAMP_FROM_US("$2") ")"};

constexpr Statement kCancelDeletion{
    "secret_cancel_deletion",
    "WITH s AS (UPDATE paramsafe.secrets SET deletion_date = NULL WHERE item_id = $1)"
    " DELETE FROM paramsafe.jobs"
    " WHERE item_id = $1 AND kind = 'secret-purge' AND state = 'pending'"};

// Versions, labels, tags, access days and jobs go with it (ON DELETE CASCADE).
constexpr Statement kPurge{"secret_purge", "DELETE FROM paramsafe.items WHERE item_id = $1"};

Status Done(const core::Result<PgResult>& r) { return r.ok() ? Status::Ok() : r.status(); }

Status ApplyTags(Transaction& tx, std::int64_t item_id, const SecretChange& c) {
  if (!c.remove_tag_keys.empty()) {
    PS_RETURN_IF_ERROR(
        Done(tx.Run(kRemoveTags, Params().Int(item_id).Text(TextArrayLiteral(c.remove_tag_keys)))));
  }
  return UpsertTags(tx, item_id, c.put_tags);
}

Status ApplyMetadata(Transaction& tx, std::int64_t item_id, const SecretChange& c) {
  if (!c.description && !c.kms_key_id && !c.resource_policy && !c.changed) return Status::Ok();
  Params p;
  p.Int(item_id)
      .Bool(c.description.has_value())
      .OptionalText(c.description.value_or(std::nullopt))
      .Bool(c.kms_key_id.has_value())
      .OptionalText(c.kms_key_id.value_or(std::nullopt))
      .Bool(c.changed)
      .Int(ToEpochMicros(c.now))
      .Bool(c.resource_policy.has_value())
      .OptionalText(c.resource_policy.value_or(std::nullopt));
  return Done(tx.Run(kUpdateMetadata, p));
}

// Checks every attach against the versions the secret will have, so a wrong id
// is named in the error instead of silently attaching nothing.
Status ApplyLabels(Transaction& tx, std::int64_t item_id, const core::Secret& current,
                   const SecretChange& c) {
  if (!c.detach.empty()) {
    PS_RETURN_IF_ERROR(
        Done(tx.Run(kDetachLabels, Params().Int(item_id).Text(TextArrayLiteral(c.detach)))));
  }
  if (c.attach.empty()) return Status::Ok();
  // ON CONFLICT DO UPDATE may touch a row once per statement: a stage given
  // twice keeps its last version, as applying the pairs in order would.
  std::map<std::string, std::string> last;
  for (const auto& [stage, version_id] : c.attach) {
    const bool known = current.WithId(version_id) != nullptr ||
                       (c.new_version && c.new_version->version_id == version_id);
    if (!known) return Status(Code::kInvalidArgument, "Not a valid version: " + version_id);
    last[stage] = version_id;
  }
  std::vector<std::string> stages, version_ids;
  for (auto& [stage, version_id] : last) {
    stages.push_back(stage);
    version_ids.push_back(version_id);
  }
  PS_ASSIGN_OR_RETURN(PgResult r, tx.Run(kAttachLabels, Params()
                                                            .Int(item_id)
                                                            .Text(TextArrayLiteral(stages))
                                                            .Text(TextArrayLiteral(version_ids))));
  if (r.AffectedRows() != static_cast<std::int64_t>(stages.size())) {
    return Status(Code::kInternal, "a staging label names a version the secret does not have");
  }
  return Status::Ok();
}

Status Prune(Transaction& tx, std::int64_t item_id, core::TimePoint now) {
  const core::TimePoint cutoff = now - core::kDeprecatedVersionMinAge;
  return Done(
      tx.Run(kPruneVersions, Params()
                                 .Int(item_id)
                                 .Int(ToEpochMicros(cutoff))
                                 .Int(static_cast<std::int64_t>(core::kKeptSecretVersions))));
}

Status ApplyDeletionState(Transaction& tx, std::int64_t item_id,
                          const std::optional<core::TimePoint>& deletion_date) {
  if (deletion_date) {
    return Done(
        tx.Run(kScheduleDeletion, Params().Int(item_id).Int(ToEpochMicros(*deletion_date))));
  }
  return Done(tx.Run(kCancelDeletion, Params().Int(item_id)));
}

}  // namespace

Status ApplySecretChange(Transaction& tx, std::int64_t item_id, const core::Secret& current,
                         const SecretChange& change) {
  PS_RETURN_IF_ERROR(ApplyTags(tx, item_id, change));
  PS_RETURN_IF_ERROR(ApplyMetadata(tx, item_id, change));
  if (change.new_version) {
    PS_RETURN_IF_ERROR(InsertSecretVersion(tx, item_id, current.latest_number + 1,
                                           *change.new_version, change.now));
  }
  PS_RETURN_IF_ERROR(ApplyLabels(tx, item_id, current, change));
  if (change.new_version) PS_RETURN_IF_ERROR(Prune(tx, item_id, change.now));
  if (change.deletion_date)
    PS_RETURN_IF_ERROR(ApplyDeletionState(tx, item_id, *change.deletion_date));
  if (change.purge) PS_RETURN_IF_ERROR(Done(tx.Run(kPurge, Params().Int(item_id))));
  return Status::Ok();
}

}  // namespace paramsafe::store
