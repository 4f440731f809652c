// How a secret travels out of SQL: select lists for its metadata, its tags, a
// version's metadata and a version's sealed value, and their decoding. Each
// list is a block of consecutive columns; a statement puts the blocks it needs
// side by side and tells each decoder where its block starts. Shared by the
// repository, the listing and the promotion.
//
// Aliases the lists expect: `i` the items row, `s` the secrets row, `v` the
// versions row. The version lists look up their labels, last read day and KMS
// key ARN themselves (correlated on `v`), so a statement needs no extra joins.
#ifndef PARAMSAFE_STORE_PG_SECRET_ROWS_H_
#define PARAMSAFE_STORE_PG_SECRET_ROWS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/secret.h"
#include "store/pg_result.h"
#include "store/pg_time.h"

// A date column as epoch microseconds of its UTC midnight (NULL stays NULL).
#define PS_DATE_EPOCH_US(col) "((" col " - DATE '1970-01-01')::bigint * 86400000000)"

// kSecretColumns columns: the secret without its tags and versions.
#define PS_SECRET_COLUMNS \
  "i.account_id, i.region, i.name, i.arn, s.description, s.kms_key_ref, "              \
  PS_EPOCH_US("i.created_at") ", " PS_EPOCH_US("s.last_changed_at") ", "               \
  PS_DATE_EPOCH_US("s.last_accessed_on") ", " PS_EPOCH_US("s.deletion_date") ","       \
  " s.primary_region, s.owning_service, i.latest_version, s.reads_while_scheduled"

// kSecretTagColumns columns: the tag keys and, in the same order, their values
// (two text[], ordered by key).
#define PS_SECRET_TAG_COLUMNS                                               \
  "ARRAY(SELECT t.key FROM paramsafe.tags t WHERE t.item_id = i.item_id"    \
  "      ORDER BY t.key COLLATE \"C\"),"                                    \
  " ARRAY(SELECT t.value FROM paramsafe.tags t WHERE t.item_id = i.item_id" \
  "       ORDER BY t.key COLLATE \"C\")"

// kSecretPolicyColumns columns: the resource policy document (or NULL). Only
// the whole-state read carries it (see core::Secret::resource_policy).
#define PS_SECRET_POLICY_COLUMNS "s.resource_policy"

// kSecretVersionColumns columns: one version's metadata. The first (v.version)
// is NULL when an outer join found no version.
#define PS_SECRET_VERSION_COLUMNS \
  "v.version, v.version_id,"                                                              \
  " ARRAY(SELECT l.label FROM paramsafe.labels l"                                         \
  "       WHERE l.item_id = v.item_id AND l.version = v.version"                          \
  "       ORDER BY l.label COLLATE \"C\"), "                                              \
  PS_EPOCH_US("v.created_at") ", "                                                        \
  PS_DATE_EPOCH_US("(SELECT a.accessed_on FROM paramsafe.secret_version_access a"         \
                   "  WHERE a.item_id = v.item_id AND a.version = v.version)") ","        \
  " (SELECT k.arn FROM paramsafe.kms_keys k WHERE k.key_id = v.key_id)"

// kSecretSealedColumns columns: the version's value as stored.
#define PS_SECRET_SEALED_COLUMNS \
  "v.value_type, v.key_id::text, v.key_version, v.wrapped_data_key, v.ciphertext"

namespace paramsafe::store {

inline constexpr int kSecretColumns = 14;
inline constexpr int kSecretTagColumns = 2;
inline constexpr int kSecretPolicyColumns = 1;
inline constexpr int kSecretVersionColumns = 6;
inline constexpr int kSecretSealedColumns = 5;

// REQUIRES: row < r.rows(); PS_SECRET_COLUMNS start at column `col`. Leaves
// tags and versions empty.
core::Secret RowToSecret(const PgResult& r, int row, int col);

// REQUIRES: PS_SECRET_TAG_COLUMNS start at column `col`.
std::vector<core::Tag> RowToSecretTags(const PgResult& r, int row, int col);

// REQUIRES: PS_SECRET_POLICY_COLUMNS start at column `col`.
std::optional<std::string> RowToSecretPolicy(const PgResult& r, int row, int col);

// REQUIRES: PS_SECRET_VERSION_COLUMNS start at column `col`, and its first
// column is not NULL.
core::SecretVersion RowToSecretVersion(const PgResult& r, int row, int col);

// REQUIRES: PS_SECRET_VERSION_COLUMNS start at `version_col` (not NULL) and
// PS_SECRET_SEALED_COLUMNS at `sealed_col`.
core::SecretSealedValue RowToSecretSealedValue(const PgResult& r, int row, int version_col,
                                               int sealed_col);

// The elements of a one-dimensional text[] in PostgreSQL's output format
// ({a,"b c","d\"e"}); NULL elements are skipped.
std::vector<std::string> DecodeTextArray(std::string_view literal);

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_PG_SECRET_ROWS_H_
