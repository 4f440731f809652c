// PgParameterRepository: parameters as items, versions and labels in PostgreSQL.
// Thread-safe (uses the pool).
#ifndef PARAMSAFE_STORE_PG_PARAMETER_REPOSITORY_H_
#define PARAMSAFE_STORE_PG_PARAMETER_REPOSITORY_H_

#include "core/parameter_repository.h"
#include "store/pool.h"

namespace paramsafe::store {

class PgParameterRepository final : public core::ParameterRepository {
 public:
  explicit PgParameterRepository(Pool& pool) : pool_(pool) {}

  core::Result<core::PutOutcome> Put(const core::ItemKey& key, const std::string& arn,
                                     bool overwrite, const core::VersionBuilder& build) override;
  core::Result<core::ParameterVersion> GetLatest(const core::ItemKey& key) override;
  core::Result<core::ParameterVersion> GetVersion(const core::ItemKey& key,
                                                  std::int64_t version) override;
  core::Result<core::ParameterVersion> GetByLabel(const core::ItemKey& key,
                                                  std::string_view label) override;
  core::Status Delete(const core::ItemKey& key) override;

 private:
  Pool& pool_;
};

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_PG_PARAMETER_REPOSITORY_H_
