// How a parameter version travels out of SQL: the select list every read of
// a whole version uses, and its decoding. The statements alias the item row
// `i` and the version row `v`. Shared by the repository and the listing.
#ifndef PARAMSAFE_STORE_PARAMETER_ROWS_H_
#define PARAMSAFE_STORE_PARAMETER_ROWS_H_

#include "core/parameter.h"
#include "store/pg_result.h"
#include "store/pg_time.h"

// Columns 0 .. kParameterVersionColumns-1 of a row RowToVersion() decodes;
// column 2 (v.version) is NULL when an outer join found no version.
#define PS_PARAMETER_VERSION_COLUMNS                                                       \
  "i.name, i.arn, v.version, v.value_type, v.data_type, v.description, v.allowed_pattern," \
  " v.tier, v.policies, v.key_ref, v.key_id::text, v.key_version, v.wrapped_data_key,"     \
  " v.ciphertext, " PS_EPOCH_US("v.created_at") ", v.created_by"

namespace paramsafe::store {

inline constexpr int kParameterVersionColumns = 16;

// REQUIRES: row < r.rows(), its version column is not NULL. Leaves labels and
// policy_statuses empty.
core::ParameterVersion RowToVersion(const PgResult& r, int row);

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_PARAMETER_ROWS_H_
