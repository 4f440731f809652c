// PgParameterListing: ParameterListing in PostgreSQL, one round trip per page
// (statements and their plan in store/pg_parameter_listing_sql.h). Terms must
// be ones core/parameter_listing.h names (kInvalidArgument otherwise); a
// prefix must be valid UTF-8. Policy statuses come from the item's jobs; the
// policies of a version whose set differs from the latest version's were
// superseded and report Finished. Thread-safe (uses the pool).
#ifndef PARAMSAFE_STORE_PG_PARAMETER_LISTING_H_
#define PARAMSAFE_STORE_PG_PARAMETER_LISTING_H_

#include "core/parameter_listing.h"
#include "store/pool.h"

namespace paramsafe::store {

class PgParameterListing final : public core::ParameterListing {
 public:
  explicit PgParameterListing(Pool& pool) : pool_(pool) {}

  core::Result<core::ParameterPage> List(const core::ParameterQuery& query) override;
  core::Result<core::HistoryPage> History(const core::ItemKey& key, std::int64_t after_version,
                                          int limit) override;

 private:
  Pool& pool_;
};

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_PG_PARAMETER_LISTING_H_
