#include "store/pg_access_facts.h"

#include "store/pg_access_facts_sql.h"

namespace paramsafe::store {

using core::Code;
using core::Result;
using core::Status;

Result<core::SecretAccessFacts> PgAccessFacts::FindSecret(const core::SecretLookup& id) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(PgResult r, conn->Run(access_facts_sql::kSecret, SecretLookupParams(id)));
  if (r.rows() == 0) {
    return Status(Code::kNotFound, "Secrets Manager can't find the specified secret.");
  }
  constexpr int kPolicy = 2 + kSecretTagColumns;
  core::SecretAccessFacts facts;
  facts.arn = r.String(0, 0);
  facts.name = r.String(0, 1);
  facts.tags = RowToSecretTags(r, 0, 2);
  if (!r.IsNull(0, kPolicy)) facts.resource_policy = r.String(0, kPolicy);
  if (!r.IsNull(0, kPolicy + 1)) facts.kms_key_id = r.String(0, kPolicy + 1);
  return facts;
}

Result<std::vector<core::Tag>> PgAccessFacts::ParameterTags(const core::ItemKey& key) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(
      PgResult r, conn->Run(access_facts_sql::kParameterTags,
                            Params().Text(key.account_id).Text(key.region).Text(key.lookup_name)));
  if (r.rows() == 0) return Status(Code::kNotFound, "Parameter " + key.name + " not found.");
  return RowToSecretTags(r, 0, 0);
}

}  // namespace paramsafe::store
