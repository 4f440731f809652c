// PgTagRepository: TagRepository in PostgreSQL. Thread-safe (uses the pool).
#ifndef PARAMSAFE_STORE_PG_TAG_REPOSITORY_H_
#define PARAMSAFE_STORE_PG_TAG_REPOSITORY_H_

#include "core/tag_repository.h"
#include "store/pool.h"

namespace paramsafe::store {

class PgTagRepository final : public core::TagRepository {
 public:
  explicit PgTagRepository(Pool& pool) : pool_(pool) {}

  core::Result<std::vector<core::Tag>> List(const core::ItemKey& key) override;
  core::Status Add(const core::ItemKey& key, const std::vector<core::Tag>& tags,
                   std::size_t max_tags) override;
  core::Status Remove(const core::ItemKey& key, const std::vector<std::string>& keys) override;

 private:
  Pool& pool_;
};

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_PG_TAG_REPOSITORY_H_
