// A secret's whole state (metadata, tags, every version) as one statement
// reads it, and the version insert every writer of secrets shares (create,
// update, promotion). Used inside the caller's transaction.
#ifndef PARAMSAFE_STORE_PG_SECRET_STATE_H_
#define PARAMSAFE_STORE_PG_SECRET_STATE_H_

#include <cstdint>

#include "core/secret_repository.h"
#include "store/pg_secret_rows.h"
#include "store/transaction.h"

// The item a SecretLookup names, over $1 account, $2 region, $3 ARN (or NULL)
// and $4 name ('' for none): the exact ARN wins over the name, since a name may
// spell the resource part of another secret's full ARN. Two branches, each a
// probe of one unique key (an OR of the two made the planner read the whole
// region); the ARN branch is fenced (OFFSET 0) so that its account and region
// checks cannot draw it onto the name key. A query of its own
// (PS_SECRET_LOOKUP_QUERY) or a scalar subquery (PS_SECRET_LOOKUP).
#define PS_SECRET_LOOKUP_QUERY                                                       \
  "SELECT x.item_id FROM ("                                                          \
  "  SELECT a.item_id, 0 AS preference FROM (SELECT f.item_id, f.account_id,"        \
  "   f.region, f.kind FROM paramsafe.items f WHERE f.arn = $3 OFFSET 0) a"          \
  "   WHERE a.account_id = $1 AND a.region = $2 AND a.kind = 'secret'"               \
  "  UNION ALL"                                                                      \
  "  SELECT f.item_id, 1 FROM paramsafe.items f"                                     \
  "   WHERE f.account_id = $1 AND f.region = $2 AND f.kind = 'secret'"               \
  "     AND f.lookup_name = NULLIF($4, '')"                                          \
  " ) x ORDER BY x.preference LIMIT 1"
#define PS_SECRET_LOOKUP "(" PS_SECRET_LOOKUP_QUERY ")"

// Everything SecretFromStateRows() decodes, for the item whose id the SQL
// expression `item` yields: first one row of the secret, its tags and its
// resource policy (version columns NULL), then one row per version, newest first, holding only the
// version columns (in PS_SECRET_VERSION_COLUMNS' layout). The secret's columns
// come once, not on every version row, and labels, last read days and key ARNs
// come from joins, not from subqueries run per version: a secret legitimately
// keeps thousands of versions for a day (deprecated ones stay 24 hours), and
// every write reads its whole state, twice. `item` appears three times; it
// must be cheap and give one value within a statement.
#define PS_SECRET_STATE_QUERY(item)                                                            \
  "SELECT " PS_SECRET_COLUMNS ", " PS_SECRET_TAG_COLUMNS ", " PS_SECRET_POLICY_COLUMNS ","     \
  " NULL::bigint AS state_version, NULL::text, NULL::text[], NULL::bigint, NULL::bigint,"      \
  " NULL::text"                                                                                \
  " FROM paramsafe.items i JOIN paramsafe.secrets s ON s.item_id = i.item_id"                  \
  " WHERE i.item_id = " item                                                                   \
  " UNION ALL"                                                                                 \
  " SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL," \
  "  NULL, NULL, NULL, v.version, v.version_id, COALESCE(l.labels, '{}'), "                    \
  PS_EPOCH_US("v.created_at") ", " PS_DATE_EPOCH_US("a.accessed_on") ", k.arn"                 \
  " FROM paramsafe.versions v"                                                                 \
  " LEFT JOIN (SELECT l.version, array_agg(l.label ORDER BY l.label COLLATE \"C\") AS labels"   \
  "            FROM paramsafe.labels l WHERE l.item_id = " item " GROUP BY l.version) l"         \
  "   ON l.version = v.version"                                                                \
  " LEFT JOIN paramsafe.secret_version_access a"                                               \
  "   ON a.item_id = v.item_id AND a.version = v.version"                                      \
  " LEFT JOIN paramsafe.kms_keys k ON k.key_id = v.key_id"                                     \
  " WHERE v.item_id = " item                                                                   \
  " ORDER BY state_version DESC NULLS FIRST"

namespace paramsafe::store {

// The $1..$4 of PS_SECRET_LOOKUP.
Params SecretLookupParams(const core::SecretLookup& id);

// Decodes PS_SECRET_STATE_QUERY. kNotFound when there is no secret row
// ("Secrets Manager can't find the specified secret.").
core::Result<core::Secret> SecretFromStateRows(const PgResult& r);

// The state of the secret item_id, as this transaction sees it.
core::Result<core::Secret> LoadSecret(Transaction& tx, std::int64_t item_id);

// Inserts the secret's item and secrets row (created at `created`, last
// changed at `changed`) and returns the new item id. kAlreadyExists (AWS's
// text) when the name is taken; kConflict when the ARN is (the caller draws
// another suffix).
core::Result<std::int64_t> InsertSecretItem(Transaction& tx, const core::NewSecret& secret,
                                            core::TimePoint created, core::TimePoint changed);

// Inserts version `number` (created at `now`) and makes it the item's latest
// number. Labels are the caller's.
core::Status InsertSecretVersion(Transaction& tx, std::int64_t item_id, std::int64_t number,
                                 const core::NewSecretVersion& version, core::TimePoint now);

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_PG_SECRET_STATE_H_
