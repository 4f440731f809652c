#include "store/pg_credential_repository.h"

#include "store/pg_time.h"
#include "store/transaction.h"

namespace paramsafe::store {

using core::AccessKeyRecord;
using core::Code;
using core::Result;
using core::Status;
using core::UserRecord;

namespace {

constexpr Statement kFindKey{
    "cred_find_key",
    "SELECT k.access_key_id, k.user_name, u.arn, k.status, " PS_EPOCH_US("k.created_at") ","
    " k.key_id::text, k.key_version, k.wrapped_data_key, k.ciphertext"
    " FROM paramsafe.access_keys k JOIN paramsafe.users u USING (user_name)"
    " WHERE k.access_key_id = $1"};
constexpr Statement kListKeys{
    "cred_list_keys",
    "SELECT k.access_key_id, k.user_name, u.arn, k.status, " PS_EPOCH_US("k.created_at") ","
    " k.key_id::text, k.key_version, k.wrapped_data_key, k.ciphertext"
    " FROM paramsafe.access_keys k JOIN paramsafe.users u USING (user_name)"
    " WHERE k.user_name = $1 ORDER BY k.created_at, k.access_key_id"};
constexpr Statement kInsertUser{
    "cred_insert_user",
    // IAM user ids look like "AIDA" + 17 characters; they identify, they do not protect.
    "INSERT INTO paramsafe.users (user_name, user_id, account_id, arn)"
    " VALUES ($1, 'AIDA' || upper(substr(md5(gen_random_uuid()::text), 1, 17)), $2, $3)"
    " RETURNING user_id, " PS_EPOCH_US("created_at")};
constexpr Statement kFindUser{
    "cred_find_user",
    "SELECT user_name, user_id, arn, path, " PS_EPOCH_US("created_at")
    " FROM paramsafe.users WHERE user_name = $1"};
constexpr Statement kListUsers{
    "cred_list_users",
    "SELECT user_name, user_id, arn, path, " PS_EPOCH_US("created_at")
    " FROM paramsafe.users ORDER BY user_name"};
// DeleteUser locks the user first: FOR UPDATE waits for, and then holds off,
// every insert whose foreign key shares the row (access keys, policies), so
// what the next statement finds attached is what would block the delete.
constexpr Statement kLockUserForDelete{
    "cred_lock_user_for_delete",
    "SELECT 1 FROM paramsafe.users WHERE user_name = $1 FOR UPDATE"};
constexpr Statement kAttached{
    "cred_user_attached",
    "SELECT EXISTS (SELECT 1 FROM paramsafe.access_keys WHERE user_name = $1),"
    " EXISTS (SELECT 1 FROM paramsafe.user_policies WHERE user_name = $1)"};
constexpr Statement kDeleteUser{"cred_delete_user",
                                "DELETE FROM paramsafe.users WHERE user_name = $1"};
constexpr Statement kInsertKey{
    "cred_insert_key",
    "INSERT INTO paramsafe.access_keys (access_key_id, user_name, status, key_id, key_version,"
    " wrapped_data_key, ciphertext) VALUES ($1, $2, $3, $4::uuid, $5, $6, $7)"};
constexpr Statement kSetStatus{
    "cred_set_status",
    "UPDATE paramsafe.access_keys SET status = $3 WHERE user_name = $1 AND access_key_id = $2"};
constexpr Statement kDeleteKey{
    "cred_delete_key",
    "DELETE FROM paramsafe.access_keys WHERE user_name = $1 AND access_key_id = $2"};

AccessKeyRecord RowToKey(const PgResult& r, int i) {
  AccessKeyRecord k;
  k.access_key_id = r.String(i, 0);
  k.user_name = r.String(i, 1);
  k.user_arn = r.String(i, 2);
  k.active = r.Text(i, 3) == "Active";
  k.created_at = FromEpochMicros(r.Int(i, 4));
  k.sealed_secret.key_id = r.String(i, 5);
  k.sealed_secret.key_version = static_cast<int>(r.Int(i, 6));
  k.sealed_secret.wrapped_data_key = r.Bytes(i, 7);
  k.sealed_secret.ciphertext = r.Bytes(i, 8);
  return k;
}

UserRecord RowToUser(const PgResult& r, int i) {
  UserRecord u;
  u.user_name = r.String(i, 0);
  u.user_id = r.String(i, 1);
  u.arn = r.String(i, 2);
  u.path = r.String(i, 3);
  u.created_at = FromEpochMicros(r.Int(i, 4));
  return u;
}

Status NoSuchUser(std::string_view user_name) {
  return Status(Code::kNotFound,
                "The user with name " + std::string(user_name) + " cannot be found.");
}

Status RequireOneRow(const PgResult& r, std::string_view access_key_id) {
  if (r.AffectedRows() == 0) {
    return Status(Code::kNotFound,
                  "The Access Key with id " + std::string(access_key_id) + " cannot be found.");
  }
  return Status::Ok();
}

}  // namespace

Result<AccessKeyRecord> PgCredentialRepository::FindAccessKey(std::string_view access_key_id) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(PgResult r, conn->Run(kFindKey, Params().Text(access_key_id)));
  if (r.rows() == 0) {
    return Status(Code::kUnrecognizedClient, "The security token included in the request is invalid.");
  }
  return RowToKey(r, 0);
}

Result<UserRecord> PgCredentialRepository::CreateUser(std::string_view user_name,
                                                      std::string_view account_id) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  std::string arn = "arn:aws:iam::" + std::string(account_id) + ":user/" + std::string(user_name);
  auto r = conn->Run(kInsertUser, Params().Text(user_name).Text(account_id).Text(arn));
  if (!r.ok()) {
    if (r.status().code() == Code::kAlreadyExists) {
      return Status(Code::kAlreadyExists,
                    "User with name " + std::string(user_name) + " already exists.");
    }
    if (r.status().code() == Code::kInvalidArgument) {
      return Status(Code::kInvalidArgument,
                    "The specified value for userName is invalid. It must contain only "
                    "alphanumeric characters and/or the following: +=,.@_-");
    }
    return r.status();
  }
  UserRecord u;
  u.user_name = std::string(user_name);
  u.user_id = r->String(0, 0);
  u.arn = arn;
  u.created_at = FromEpochMicros(r->Int(0, 1));
  return u;
}

Result<UserRecord> PgCredentialRepository::FindUser(std::string_view user_name) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(PgResult r, conn->Run(kFindUser, Params().Text(user_name)));
  if (r.rows() == 0) return NoSuchUser(user_name);
  return RowToUser(r, 0);
}

Result<std::vector<UserRecord>> PgCredentialRepository::ListUsers() {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(PgResult r, conn->Run(kListUsers));
  std::vector<UserRecord> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(RowToUser(r, i));
  return out;
}

Status PgCredentialRepository::DeleteUser(std::string_view user_name) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(*conn));
  PS_ASSIGN_OR_RETURN(PgResult locked, tx.Run(kLockUserForDelete, Params().Text(user_name)));
  if (locked.rows() == 0) return NoSuchUser(user_name);
  // The lock's own snapshot predates whatever it waited for; a new statement
  // sees those inserts (READ COMMITTED).
  PS_ASSIGN_OR_RETURN(PgResult attached, tx.Run(kAttached, Params().Text(user_name)));
  // Keys before policies: the order of the checklist in IAM's DeleteUser documentation.
  if (attached.Bool(0, 0)) {
    return Status(Code::kConflict, "Cannot delete entity, must delete access keys first.");
  }
  if (attached.Bool(0, 1)) {
    return Status(Code::kConflict, "Cannot delete entity, must delete policies first.");
  }
  PS_ASSIGN_OR_RETURN(PgResult r, tx.Run(kDeleteUser, Params().Text(user_name)));
  if (r.AffectedRows() == 0) return NoSuchUser(user_name);
  return tx.Commit();
}

Status PgCredentialRepository::InsertAccessKey(const AccessKeyRecord& k) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  auto r = conn->Run(kInsertKey, Params()
                                     .Text(k.access_key_id)
                                     .Text(k.user_name)
                                     .Text(k.active ? "Active" : "Inactive")
                                     .Text(k.sealed_secret.key_id)
                                     .Int(k.sealed_secret.key_version)
                                     .Bytes(k.sealed_secret.wrapped_data_key)
                                     .Bytes(k.sealed_secret.ciphertext));
  if (!r.ok() && r.status().code() == Code::kInvalidArgument) return NoSuchUser(k.user_name);
  return r.ok() ? Status::Ok() : r.status();
}

Result<std::vector<AccessKeyRecord>> PgCredentialRepository::ListAccessKeys(
    std::string_view user_name) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(PgResult r, conn->Run(kListKeys, Params().Text(user_name)));
  std::vector<AccessKeyRecord> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(RowToKey(r, i));
  return out;
}

Status PgCredentialRepository::SetAccessKeyActive(std::string_view user_name,
                                                  std::string_view access_key_id, bool active) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(PgResult r, conn->Run(kSetStatus, Params().Text(user_name).Text(access_key_id)
                                                            .Text(active ? "Active" : "Inactive")));
  return RequireOneRow(r, access_key_id);
}

Status PgCredentialRepository::DeleteAccessKey(std::string_view user_name,
                                               std::string_view access_key_id) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(PgResult r, conn->Run(kDeleteKey, Params().Text(user_name).Text(access_key_id)));
  return RequireOneRow(r, access_key_id);
}

}  // namespace paramsafe::store
