// PgLabelRepository: LabelRepository in PostgreSQL. Thread-safe (uses the pool).
#ifndef PARAMSAFE_STORE_PG_LABEL_REPOSITORY_H_
#define PARAMSAFE_STORE_PG_LABEL_REPOSITORY_H_

#include "core/label_repository.h"
#include "store/pool.h"

namespace paramsafe::store {

class PgLabelRepository final : public core::LabelRepository {
 public:
  explicit PgLabelRepository(Pool& pool) : pool_(pool) {}

  core::Result<std::int64_t> Attach(const core::ItemKey& key, std::optional<std::int64_t> version,
                                    const std::vector<std::string>& labels) override;
  core::Result<std::vector<std::string>> Detach(const core::ItemKey& key, std::int64_t version,
                                                const std::vector<std::string>& labels) override;

 private:
  Pool& pool_;
};

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_PG_LABEL_REPOSITORY_H_
