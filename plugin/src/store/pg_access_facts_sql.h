// The statements of PgAccessFacts. In a header so that tests can EXPLAIN
// exactly what runs; nothing else should include it.
#ifndef PARAMSAFE_STORE_PG_ACCESS_FACTS_SQL_H_
#define PARAMSAFE_STORE_PG_ACCESS_FACTS_SQL_H_

#include "store/pg_secret_rows.h"
#include "store/pg_secret_state.h"
#include "store/statement.h"

namespace paramsafe::store::access_facts_sql {

// The secret a SecretLookup names ($1..$4 of PS_SECRET_LOOKUP: the unique-key
// probe every secret read and write uses), with what authorization needs, in
// one round trip and without versions: ARN, name, PS_SECRET_TAG_COLUMNS,
// resource policy, KMS key as given. No row when there is no such secret.
inline constexpr Statement kSecret{
    "facts_secret",
    "SELECT i.arn, i.name, " PS_SECRET_TAG_COLUMNS ", s.resource_policy, s.kms_key_ref"
    " FROM paramsafe.items i JOIN paramsafe.secrets s ON s.item_id = i.item_id"
    " WHERE i.item_id = " PS_SECRET_LOOKUP};

// A parameter's tags ($1 account, $2 region, $3 lookup name), by its unique
// key: PS_SECRET_TAG_COLUMNS reads the tags of any items row `i`. No row when
// there is no such parameter.
inline constexpr Statement kParameterTags{
    "facts_parameter_tags",
    "SELECT " PS_SECRET_TAG_COLUMNS " FROM paramsafe.items i"
    " WHERE i.account_id = $1 AND i.region = $2 AND i.kind = 'parameter'"
    "   AND i.lookup_name = $3"};

}  // namespace paramsafe::store::access_facts_sql

#endif  // PARAMSAFE_STORE_PG_ACCESS_FACTS_SQL_H_
