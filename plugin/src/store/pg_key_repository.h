// PgKeyRepository: KMS keys and aliases in PostgreSQL. Thread-safe (uses the pool).
#ifndef PARAMSAFE_STORE_PG_KEY_REPOSITORY_H_
#define PARAMSAFE_STORE_PG_KEY_REPOSITORY_H_

#include <string>

#include "core/keys.h"
#include "store/pool.h"

namespace paramsafe::store {

class PgKeyRepository final : public core::KeyRepository {
 public:
  PgKeyRepository(Pool& pool, std::string account_id)
      : pool_(pool), account_id_(std::move(account_id)) {}

  core::Result<core::KmsKeyRecord> FindKey(std::string_view region,
                                           std::string_view key_ref) override;
  core::Result<core::KmsKeyRecord> FindKeyVersion(std::string_view key_id, int version) override;
  core::Result<core::KmsKeyRecord> CreateKey(const core::KmsKeyRecord& key,
                                             std::string_view alias) override;

 private:
  Pool& pool_;
  const std::string account_id_;
};

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_PG_KEY_REPOSITORY_H_
