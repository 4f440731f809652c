#include "store/pg_user_policy_repository.h"

#include <string>

#include "store/pg_time.h"
#include "store/transaction.h"

namespace paramsafe::store {

using core::Code;
using core::Result;
using core::Status;
using core::UserPolicy;

namespace {

// What a document counts against IAM's aggregate limit: its characters
// without the JSON whitespace (IAM does not count white space).
#define PS_POLICY_SIZE(doc) "length(translate(" doc ", ' ' || chr(9) || chr(10) || chr(13), ''))"

// Puts of one user's policies take turns on the user row, so the sum checked
// below is the sum that commits. NO KEY UPDATE leaves the row's key share
// (the foreign keys of access key inserts) free; a DeleteUser waits for it.
constexpr Statement kLockUser{
    "user_policy_lock_user",
    "SELECT 1 FROM paramsafe.users WHERE user_name = $1 FOR NO KEY UPDATE"};

// $1 user, $2 policy, $3 document, $4 the limit. No row back when the user's
// other policies and this one would pass the limit. The sum runs in a
// snapshot taken after the lock above (READ COMMITTED: one per statement).
constexpr Statement kPut{
    "user_policy_put",
    "WITH used AS (SELECT COALESCE(sum(" PS_POLICY_SIZE("p.document") "), 0) AS n"
    "  FROM paramsafe.user_policies p WHERE p.user_name = $1 AND p.policy_name <> $2)"
    " INSERT INTO paramsafe.user_policies (user_name, policy_name, document)"
    " SELECT $1::text, $2::text, $3::text FROM used"
    " WHERE used.n + " PS_POLICY_SIZE("$3::text") " <= $4::bigint"
    " ON CONFLICT (user_name, policy_name)"
    "  DO UPDATE SET document = EXCLUDED.document, updated_at = now()"
    " RETURNING 1"};

#undef PS_POLICY_SIZE

#define PS_POLICY_COLUMNS \
  "p.user_name, p.policy_name, p.document, " PS_EPOCH_US("p.created_at") ", " \
  PS_EPOCH_US("p.updated_at")

// The user row comes back even without the policy, so one round trip tells
// "no user" from "no policy".
constexpr Statement kGet{
    "user_policy_get",
    "SELECT " PS_POLICY_COLUMNS " FROM paramsafe.users u"
    " LEFT JOIN paramsafe.user_policies p ON p.user_name = u.user_name AND p.policy_name = $2"
    " WHERE u.user_name = $1"};

constexpr Statement kList{
    "user_policy_list",
    "SELECT " PS_POLICY_COLUMNS " FROM paramsafe.users u"
    " LEFT JOIN paramsafe.user_policies p ON p.user_name = u.user_name"
    " WHERE u.user_name = $1 ORDER BY p.policy_name COLLATE \"C\""};

#undef PS_POLICY_COLUMNS

constexpr Statement kDelete{
    "user_policy_delete",
    "WITH d AS (DELETE FROM paramsafe.user_policies WHERE user_name = $1 AND policy_name = $2"
    "  RETURNING 1)"
    " SELECT EXISTS (SELECT 1 FROM paramsafe.users WHERE user_name = $1),"
    "  (SELECT count(*) FROM d)"};

Status NoSuchUser(std::string_view user_name) {
  return Status(Code::kNotFound,
                "The user with name " + std::string(user_name) + " cannot be found.");
}

Status NoSuchPolicy(std::string_view policy_name) {
  return Status(Code::kNotFound,
                "The user policy with name " + std::string(policy_name) + " cannot be found.");
}

// REQUIRES: the policy columns of row i are not NULL.
UserPolicy RowToPolicy(const PgResult& r, int i) {
  UserPolicy p;
  p.user_name = r.String(i, 0);
  p.policy_name = r.String(i, 1);
  p.document = r.String(i, 2);
  p.created_at = FromEpochMicros(r.Int(i, 3));
  p.updated_at = FromEpochMicros(r.Int(i, 4));
  return p;
}

}  // namespace

Status PgUserPolicyRepository::Put(std::string_view user_name, std::string_view policy_name,
                                   std::string_view document) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(*conn));
  PS_ASSIGN_OR_RETURN(PgResult user, tx.Run(kLockUser, Params().Text(user_name)));
  if (user.rows() == 0) return NoSuchUser(user_name);
  auto put = tx.Run(kPut, Params()
                              .Text(user_name)
                              .Text(policy_name)
                              .Text(document)
                              .Int(static_cast<std::int64_t>(core::kMaxUserPolicySize)));
  if (!put.ok()) {
    // The table's checks are the policy name's pattern and the document's
    // length; the caller checks both first, these are the backstops.
    if (put.status().code() == Code::kInvalidArgument) {
      return Status(Code::kInvalidArgument,
                    "The specified value for policyName is invalid. It must contain only "
                    "alphanumeric characters and/or the following: +=,.@_-");
    }
    return put.status();
  }
  if (put->rows() == 0) {
    return Status(Code::kLimitExceeded,
                  "Maximum policy size of " + std::to_string(core::kMaxUserPolicySize) +
                      " bytes exceeded for user " + std::string(user_name));
  }
  return tx.Commit();
}

Result<UserPolicy> PgUserPolicyRepository::Get(std::string_view user_name,
                                               std::string_view policy_name) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(PgResult r, conn->Run(kGet, Params().Text(user_name).Text(policy_name)));
  if (r.rows() == 0) return NoSuchUser(user_name);
  if (r.IsNull(0, 1)) return NoSuchPolicy(policy_name);
  return RowToPolicy(r, 0);
}

Result<std::vector<UserPolicy>> PgUserPolicyRepository::List(std::string_view user_name) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(PgResult r, conn->Run(kList, Params().Text(user_name)));
  if (r.rows() == 0) return NoSuchUser(user_name);
  std::vector<UserPolicy> out;
  for (int i = 0; i < r.rows(); ++i) {
    if (r.IsNull(i, 1)) continue;  // the user row of a user without policies
    out.push_back(RowToPolicy(r, i));
  }
  return out;
}

Status PgUserPolicyRepository::Delete(std::string_view user_name, std::string_view policy_name) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(PgResult r, conn->Run(kDelete, Params().Text(user_name).Text(policy_name)));
  if (!r.Bool(0, 0)) return NoSuchUser(user_name);
  if (r.Int(0, 1) == 0) return NoSuchPolicy(policy_name);
  return Status::Ok();
}

}  // namespace paramsafe::store
