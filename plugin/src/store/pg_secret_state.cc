#include "store/pg_secret_state.h"

#include "store/pg_time_param.h"

namespace paramsafe::store {

using core::Code;
using core::Result;
using core::Status;

namespace {

constexpr int kTagsColumn = kSecretColumns;
constexpr int kPolicyColumn = kSecretColumns + kSecretTagColumns;
constexpr int kVersionColumn = kPolicyColumn + kSecretPolicyColumns;

constexpr Statement kLoadSecret{"secret_load", PS_SECRET_STATE_QUERY("$1")};

// The item and its secrets row. A taken name inserts nothing (no row back);
// a taken ARN fails on items_arn_key.
constexpr Statement kInsertSecret{
    "secret_insert",
    "WITH i AS ("
    "  INSERT INTO paramsafe.items (account_id, region, kind, name, lookup_name, arn, created_at)"
    "  VALUES ($1, $2, 'secret', $3, $4, $5, " PS_TIMESTAMP_FROM_US("$9") ")"
    "  ON CONFLICT (account_id, region, kind, lookup_name) DO NOTHING"
    "  RETURNING item_id)"
    " INSERT INTO paramsafe.secrets (item_id, description, kms_key_ref, primary_region,"
    "  last_changed_at)"
    " SELECT i.item_id, $6, $7, $8, " PS_TIMESTAMP_FROM_US("$10") " FROM i"
    " RETURNING item_id"};

// One round trip: the version and the item's latest number move together.
constexpr Statement kInsertVersion{
    "secret_insert_version",
    "WITH v AS ("
    "  INSERT INTO paramsafe.versions (item_id, version, version_id, value_type, key_ref,"
    "   key_id, key_version, wrapped_data_key, ciphertext, created_at, created_by)"
    "  VALUES ($1, $2, $3, $4, $5, $6::uuid, $7, $8, $9, " PS_TIMESTAMP_FROM_US("$10") ", $11)"
    "  RETURNING item_id, version)"
    " UPDATE paramsafe.items i SET latest_version = v.version FROM v"
    " WHERE i.item_id = v.item_id"};

}  // namespace

Params SecretLookupParams(const core::SecretLookup& id) {
  Params p;
  p.Text(id.account_id).Text(id.region).OptionalText(id.arn).Text(id.name);
  return p;
}

Result<core::Secret> SecretFromStateRows(const PgResult& r) {
  // The secret's row sorts first (its version column is the only NULL one).
  if (r.rows() == 0 || !r.IsNull(0, kVersionColumn)) {
    return Status(Code::kNotFound, "Secrets Manager can't find the specified secret.");
  }
  core::Secret secret = RowToSecret(r, 0, 0);
  secret.tags = RowToSecretTags(r, 0, kTagsColumn);
  secret.resource_policy = RowToSecretPolicy(r, 0, kPolicyColumn);
  secret.versions.reserve(static_cast<std::size_t>(r.rows() - 1));
  for (int row = 1; row < r.rows(); ++row) {
    secret.versions.push_back(RowToSecretVersion(r, row, kVersionColumn));
  }
  return secret;
}

Result<core::Secret> LoadSecret(Transaction& tx, std::int64_t item_id) {
  PS_ASSIGN_OR_RETURN(PgResult r, tx.Run(kLoadSecret, Params().Int(item_id)));
  return SecretFromStateRows(r);
}

Status InsertSecretVersion(Transaction& tx, std::int64_t item_id, std::int64_t number,
                           const core::NewSecretVersion& version, core::TimePoint now) {
  auto r = tx.Run(
      kInsertVersion,
      Params()
          .Int(item_id)
          .Int(number)
          .Text(version.version_id)
          .Text(core::SecretValueTypeName(version.type))
          .OptionalText(version.key_ref.empty() ? std::nullopt : std::optional(version.key_ref))
          .Text(version.sealed.key_id)
          .Int(version.sealed.key_version)
          .Bytes(version.sealed.wrapped_data_key)
          .Bytes(version.sealed.ciphertext)
          .Int(ToEpochMicros(now))
          .Text(version.created_by));
  return r.ok() ? Status::Ok() : r.status();
}

Result<std::int64_t> InsertSecretItem(Transaction& tx, const core::NewSecret& secret,
                                      core::TimePoint created, core::TimePoint changed) {
  auto inserted = tx.Run(kInsertSecret, Params()
                                            .Text(secret.key.account_id)
                                            .Text(secret.key.region)
                                            .Text(secret.key.name)
                                            .Text(secret.key.lookup_name)
                                            .Text(secret.arn)
                                            .OptionalText(secret.description)
                                            .OptionalText(secret.kms_key_id)
                                            .Text(secret.primary_region)
                                            .Int(ToEpochMicros(created))
                                            .Int(ToEpochMicros(changed)));
  if (!inserted.ok()) {
    // The name is settled by ON CONFLICT, so a unique key that still fails is
    // the ARN's.
    if (inserted.status().code() == Code::kAlreadyExists) {
      return Status(Code::kConflict, "the ARN " + secret.arn + " is taken");
    }
    return inserted.status();
  }
  if (inserted->rows() == 0) {
    return Status(Code::kAlreadyExists, "The operation failed because the secret " +
                                            secret.key.name + " already exists.");
  }
  return inserted->Int(0, 0);
}

}  // namespace paramsafe::store
