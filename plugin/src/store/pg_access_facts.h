// PgAccessFacts: AccessFactsRepository in PostgreSQL: one light query each,
// no versions and no values. Thread-safe (uses the pool).
#ifndef PARAMSAFE_STORE_PG_ACCESS_FACTS_H_
#define PARAMSAFE_STORE_PG_ACCESS_FACTS_H_

#include "core/access_facts.h"
#include "store/pool.h"

namespace paramsafe::store {

class PgAccessFacts final : public core::AccessFactsRepository {
 public:
  explicit PgAccessFacts(Pool& pool) : pool_(pool) {}

  core::Result<core::SecretAccessFacts> FindSecret(const core::SecretLookup& id) override;
  core::Result<std::vector<core::Tag>> ParameterTags(const core::ItemKey& key) override;

 private:
  Pool& pool_;
};

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_PG_ACCESS_FACTS_H_
