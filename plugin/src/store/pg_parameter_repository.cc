#include "store/pg_parameter_repository.h"

#include "store/parameter_rows.h"
#include "store/pg_item_tags.h"
#include "store/pg_policy_jobs.h"
#include "store/transaction.h"

namespace paramsafe::store {

using core::Code;
using core::ItemKey;
using core::ParameterVersion;
using core::PutOutcome;
using core::Result;
using core::Status;

namespace {

// $1 account, $2 region, $3 lookup name: the item key of every statement.
#define PS_ITEM_MATCH \
  "i.account_id = $1 AND i.region = $2 AND i.kind = 'parameter' AND i.lookup_name = $3"

constexpr Statement kGetLatest{
    "param_get_latest",
    "SELECT " PS_PARAMETER_VERSION_COLUMNS
    " FROM paramsafe.items i JOIN paramsafe.versions v"
    "   ON v.item_id = i.item_id AND v.version = i.latest_version"
    " WHERE " PS_ITEM_MATCH};

// The item row comes back even when the version does not exist, so one round
// trip tells "no such parameter" from "no such version".
constexpr Statement kGetVersion{
    "param_get_version",
    "SELECT " PS_PARAMETER_VERSION_COLUMNS
    " FROM paramsafe.items i LEFT JOIN paramsafe.versions v"
    "   ON v.item_id = i.item_id AND v.version = $4"
    " WHERE " PS_ITEM_MATCH};

constexpr Statement kGetByLabel{
    "param_get_by_label",
    "SELECT " PS_PARAMETER_VERSION_COLUMNS
    " FROM paramsafe.items i"
    " LEFT JOIN paramsafe.labels l ON l.item_id = i.item_id AND l.label = $4"
    " LEFT JOIN paramsafe.versions v ON v.item_id = l.item_id AND v.version = l.version"
    " WHERE " PS_ITEM_MATCH};

// A parameter's ARN follows from its name, so two writers creating one
// parameter clash on both unique keys; either may be checked first, so both
// are arbiters (no conflict target): the loser inserts nothing and goes on to
// lock the winner's row, rather than failing on the ARN key.
constexpr Statement kInsertItem{
    "param_insert_item",
    "INSERT INTO paramsafe.items (account_id, region, kind, name, lookup_name, arn)"
    " VALUES ($1, $2, 'parameter', $4, $3, $5)"
    " ON CONFLICT DO NOTHING"
    " RETURNING item_id, arn, latest_version"};

// The row lock serializes writers of one parameter, which keeps version numbers
// consecutive without gaps or duplicates.
constexpr Statement kLockItem{
    "param_lock_item",
    "SELECT i.item_id, i.arn, i.latest_version FROM paramsafe.items i"
    " WHERE " PS_ITEM_MATCH " FOR UPDATE"};

constexpr Statement kGetLatestById{
    "param_get_latest_by_id",
    "SELECT " PS_PARAMETER_VERSION_COLUMNS
    " FROM paramsafe.items i JOIN paramsafe.versions v"
    "   ON v.item_id = i.item_id AND v.version = i.latest_version"
    " WHERE i.item_id = $1"};

constexpr Statement kInsertVersion{
    "param_insert_version",
    "INSERT INTO paramsafe.versions (item_id, version, value_type, data_type, description,"
    " allowed_pattern, tier, policies, key_ref, key_id, key_version, wrapped_data_key,"
    " ciphertext, created_by)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::uuid, $11, $12, $13, $14)"};

// The retained window: the oldest labelled version among those a new version
// pushes out, and the deletion of those versions.
constexpr Statement kOldestLabelledBelow{
    "param_oldest_labelled_below",
    "SELECT min(version) FROM paramsafe.labels WHERE item_id = $1 AND version <= $2"};

constexpr Statement kTrimVersions{
    "param_trim_versions",
    "DELETE FROM paramsafe.versions WHERE item_id = $1 AND version <= $2"};

constexpr Statement kBumpVersion{
    "param_bump_version", "UPDATE paramsafe.items SET latest_version = $2 WHERE item_id = $1"};

constexpr Statement kDelete{
    "param_delete", "DELETE FROM paramsafe.items i WHERE " PS_ITEM_MATCH};

#undef PS_ITEM_MATCH

Params KeyParams(const ItemKey& key) {
  Params p;
  p.Text(key.account_id).Text(key.region).Text(key.lookup_name);
  return p;
}

Status NotFound(const ItemKey& key) {
  return Status(Code::kNotFound, "Parameter " + key.name + " not found.");
}

// A row of kGetVersion / kGetByLabel: no row = no parameter; a row with a NULL
// version = the parameter exists but not that version.
Result<ParameterVersion> ItemOrVersion(const PgResult& r, const ItemKey& key,
                                       const std::string& what) {
  if (r.rows() == 0) return NotFound(key);
  if (r.IsNull(0, 2)) {
    return Status(Code::kVersionNotFound, "Systems Manager could not find version " + what +
                                              " of " + key.name +
                                              ". Verify the version and try again.");
  }
  return RowToVersion(r, 0);
}

// Parameter Store keeps the newest kRetainedVersions versions.
constexpr std::int64_t kRetainedVersions = 100;

// Deletes the versions that `version` pushes out of the window, unless one of
// them carries a label: AWS then refuses the write rather than drop the label.
// Runs under the item's row lock, which also keeps labels from being attached
// meanwhile (LabelRepository takes the same lock).
Status MakeRoomFor(Transaction& tx, const ItemKey& key, std::int64_t item_id,
                   std::int64_t version) {
  const std::int64_t cutoff = version - kRetainedVersions;
  if (cutoff < 1) return Status::Ok();
  PS_ASSIGN_OR_RETURN(PgResult labelled,
                      tx.Run(kOldestLabelledBelow, Params().Int(item_id).Int(cutoff)));
  if (!labelled.IsNull(0, 0)) {
    return Status(Code::kLimitExceeded, core::Detail::kOldestVersionLabelled,
                  "You attempted to create a new version of " + key.name +
                      " by calling the PutParameter API with the overwrite flag. Version " +
                      labelled.String(0, 0) +
                      ", the oldest version, can't be deleted because it has a label associated "
                      "with it. Move the label to another version of the parameter, and try "
                      "again.");
  }
  auto trimmed = tx.Run(kTrimVersions, Params().Int(item_id).Int(cutoff));
  return trimmed.ok() ? Status::Ok() : trimmed.status();
}

Status InsertVersion(Transaction& tx, std::int64_t item_id, std::int64_t version,
                     const core::NewParameterVersion& row) {
  const auto& a = row.attributes;
  auto ins = tx.Run(kInsertVersion, Params()
                                        .Int(item_id)
                                        .Int(version)
                                        .Text(a.type)
                                        .Text(a.data_type)
                                        .OptionalText(a.description)
                                        .OptionalText(a.allowed_pattern)
                                        .Text(a.tier)
                                        .OptionalText(a.policies)
                                        .OptionalText(a.key_ref)
                                        .Text(row.sealed.key_id)
                                        .Int(row.sealed.key_version)
                                        .Bytes(row.sealed.wrapped_data_key)
                                        .Bytes(row.sealed.ciphertext)
                                        .Text(row.created_by));
  if (!ins.ok()) return ins.status();
  auto bump = tx.Run(kBumpVersion, Params().Int(item_id).Int(version));
  return bump.ok() ? Status::Ok() : bump.status();
}

}  // namespace

Result<PutOutcome> PgParameterRepository::Put(const ItemKey& key, const std::string& arn,
                                              bool overwrite, const core::VersionBuilder& build) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(*conn));

  PS_ASSIGN_OR_RETURN(PgResult inserted,
                      tx.Run(kInsertItem, KeyParams(key).Text(key.name).Text(arn)));
  std::int64_t item_id = 0;
  std::string item_arn;
  std::int64_t latest = 0;
  std::optional<ParameterVersion> previous;
  const bool created = inserted.rows() == 1;
  if (created) {
    item_id = inserted.Int(0, 0);
    item_arn = inserted.String(0, 1);
  } else {
    if (!overwrite) {
      return Status(Code::kAlreadyExists,
                    "The parameter already exists. To overwrite this value, set the overwrite "
                    "option in the request to true.");
    }
    // ON CONFLICT DO NOTHING saw a committed row, and rows are only removed by
    // DELETE, which would have to commit after our INSERT's check: the lock
    // below then finds nothing and the caller sees a conflict to retry.
    PS_ASSIGN_OR_RETURN(PgResult locked, tx.Run(kLockItem, KeyParams(key)));
    if (locked.rows() == 0) {
      return Status(Code::kConflict, "parameter " + key.name + " was deleted concurrently");
    }
    item_id = locked.Int(0, 0);
    item_arn = locked.String(0, 1);
    latest = locked.Int(0, 2);
    PS_ASSIGN_OR_RETURN(PgResult prev, tx.Run(kGetLatestById, Params().Int(item_id)));
    if (prev.rows() == 1) previous = RowToVersion(prev, 0);
  }

  const std::int64_t version = latest + 1;
  PS_RETURN_IF_ERROR(MakeRoomFor(tx, key, item_id, version));
  PS_ASSIGN_OR_RETURN(core::NewParameterVersion row, build(previous, version, item_arn));
  PS_RETURN_IF_ERROR(InsertVersion(tx, item_id, version, row));
  if (created) PS_RETURN_IF_ERROR(UpsertTags(tx, item_id, row.tags));
  if (row.policy_jobs) {
    PS_RETURN_IF_ERROR(ReplacePolicyJobs(tx, item_id, *row.policy_jobs));
  } else {
    PS_RETURN_IF_ERROR(RestartNoChangeJobs(tx, item_id, version));
  }
  PS_RETURN_IF_ERROR(tx.Commit());
  return PutOutcome{version, item_arn};
}

Result<ParameterVersion> PgParameterRepository::GetLatest(const ItemKey& key) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(PgResult r, conn->Run(kGetLatest, KeyParams(key)));
  if (r.rows() == 0) return NotFound(key);
  return RowToVersion(r, 0);
}

Result<ParameterVersion> PgParameterRepository::GetVersion(const ItemKey& key,
                                                           std::int64_t version) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(PgResult r, conn->Run(kGetVersion, KeyParams(key).Int(version)));
  return ItemOrVersion(r, key, std::to_string(version));
}

Result<ParameterVersion> PgParameterRepository::GetByLabel(const ItemKey& key,
                                                           std::string_view label) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(PgResult r, conn->Run(kGetByLabel, KeyParams(key).Text(label)));
  return ItemOrVersion(r, key, std::string(label));
}

Status PgParameterRepository::Delete(const ItemKey& key) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  // In a transaction, not autocommit: the request's audit record commits with
  // the delete (see store/audit_attachment.h).
  PS_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(*conn));
  PS_ASSIGN_OR_RETURN(PgResult r, tx.Run(kDelete, KeyParams(key)));
  if (r.AffectedRows() == 0) return NotFound(key);
  return tx.Commit();
}

}  // namespace paramsafe::store
