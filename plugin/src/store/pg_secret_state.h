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

// Everything SecretFromStateRows() decodes: one row per version, newest first
// (one row with NULL version columns for a secret without versions). Completed
// by a WHERE clause on i.item_id.
#define PS_SECRET_STATE_SELECT                                                          \
  "SELECT " PS_SECRET_COLUMNS ", " PS_SECRET_TAG_COLUMNS ", " PS_SECRET_VERSION_COLUMNS \
  " FROM paramsafe.items i JOIN paramsafe.secrets s ON s.item_id = i.item_id"           \
  " LEFT JOIN paramsafe.versions v ON v.item_id = i.item_id"

#define PS_SECRET_STATE_ORDER " ORDER BY v.version DESC"

namespace paramsafe::store {

// The $1..$4 of PS_SECRET_LOOKUP.
Params SecretLookupParams(const core::SecretLookup& id);

// kNotFound for no rows ("Secrets Manager can't find the specified secret.").
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
