#include "store/pg_key_repository.h"

#include "store/transaction.h"

namespace paramsafe::store {

using core::Code;
using core::KmsKeyRecord;
using core::Result;
using core::Status;

namespace {

#define PS_KEY_COLUMNS                                                                 \
  "k.key_id::text, k.arn, k.region, k.description, k.enabled, v.version, v.root_key_id, " \
  "v.wrapped_material"

// Resolves an id, key ARN, alias name or alias ARN to the newest key version.
// $1 region, $2 the reference as given, $3 the alias name it may denote.
constexpr Statement kFindKey{
    "key_find",
    "SELECT " PS_KEY_COLUMNS
    " FROM paramsafe.kms_keys k"
    " JOIN paramsafe.kms_key_versions v ON v.key_id = k.key_id"
    " WHERE k.region = $1 AND k.account_id = $4 AND ("
    "   k.arn = $2"
    "   OR k.key_id::text = lower($2)"
    "   OR k.key_id = (SELECT a.key_id FROM paramsafe.kms_aliases a"
    "                  WHERE a.region = $1 AND a.alias_name = $3))"
    " ORDER BY v.version DESC LIMIT 1"};

constexpr Statement kFindKeyVersion{
    "key_find_version",
    "SELECT " PS_KEY_COLUMNS
    " FROM paramsafe.kms_keys k"
    " JOIN paramsafe.kms_key_versions v ON v.key_id = k.key_id"
    " WHERE k.key_id::text = $1 AND v.version = $2"};

constexpr Statement kInsertKey{
    "key_insert",
    "INSERT INTO paramsafe.kms_keys (key_id, account_id, region, arn, description, aws_managed)"
    " VALUES ($1::uuid, $2, $3, $4, $5, $6)"};
constexpr Statement kInsertKeyVersion{
    "key_insert_version",
    "INSERT INTO paramsafe.kms_key_versions (key_id, version, root_key_id, wrapped_material)"
    " VALUES ($1::uuid, $2, $3, $4)"};
constexpr Statement kInsertAlias{
    "key_insert_alias",
    "INSERT INTO paramsafe.kms_aliases (region, alias_name, key_id) VALUES ($1, $2, $3::uuid)"
    " ON CONFLICT (region, alias_name) DO NOTHING"};

#undef PS_KEY_COLUMNS

KmsKeyRecord RowToKey(const PgResult& r, int row) {
  KmsKeyRecord k;
  k.key_id = r.String(row, 0);
  k.arn = r.String(row, 1);
  k.region = r.String(row, 2);
  k.description = r.String(row, 3);
  k.enabled = r.Bool(row, 4);
  k.version = static_cast<int>(r.Int(row, 5));
  k.root_key_id = r.String(row, 6);
  k.wrapped_material = r.Bytes(row, 7);
  return k;
}

// "alias/x" or "arn:aws:kms:<region>:<account>:alias/x" → "alias/x"; else "".
std::string AliasName(std::string_view ref) {
  if (ref.starts_with("alias/")) return std::string(ref);
  auto pos = ref.find(":alias/");
  if (ref.starts_with("arn:") && pos != std::string_view::npos) {
    return std::string(ref.substr(pos + 1));
  }
  return "";
}

}  // namespace

Result<KmsKeyRecord> PgKeyRepository::FindKey(std::string_view region, std::string_view key_ref) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(
      PgResult r, conn->Run(kFindKey, Params().Text(region).Text(key_ref).Text(AliasName(key_ref))
                                          .Text(account_id_)));
  if (r.rows() == 0) {
    return Status(Code::kKeyNotFound, "Key '" + std::string(key_ref) + "' does not exist");
  }
  return RowToKey(r, 0);
}

Result<KmsKeyRecord> PgKeyRepository::FindKeyVersion(std::string_view key_id, int version) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(PgResult r, conn->Run(kFindKeyVersion, Params().Text(key_id).Int(version)));
  if (r.rows() == 0) {
    return Status(Code::kKeyNotFound, "Key '" + std::string(key_id) + "' version " +
                                          std::to_string(version) + " does not exist");
  }
  return RowToKey(r, 0);
}

Result<KmsKeyRecord> PgKeyRepository::CreateKey(const KmsKeyRecord& key, std::string_view alias) {
  {
    PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
    PS_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(*conn));
    bool aws_managed = alias.starts_with("alias/aws/");
    auto ins = tx.Run(kInsertKey, Params().Text(key.key_id).Text(account_id_).Text(key.region)
                                      .Text(key.arn).Text(key.description).Bool(aws_managed));
    if (!ins.ok()) return ins.status();
    auto ver = tx.Run(kInsertKeyVersion, Params().Text(key.key_id).Int(key.version)
                                             .Text(key.root_key_id).Bytes(key.wrapped_material));
    if (!ver.ok()) return ver.status();
    bool alias_taken = false;
    if (!alias.empty()) {
      PS_ASSIGN_OR_RETURN(PgResult a, tx.Run(kInsertAlias, Params().Text(key.region).Text(alias)
                                                               .Text(key.key_id)));
      alias_taken = a.AffectedRows() == 0;
    }
    // When another process created the alias first, keep its key: leaving the
    // scope without Commit() rolls ours back.
    if (!alias_taken) PS_RETURN_IF_ERROR(tx.Commit());
  }
  if (!alias.empty()) return FindKey(key.region, alias);
  return FindKeyVersion(key.key_id, key.version);
}

}  // namespace paramsafe::store
