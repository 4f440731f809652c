// PgCredentialRepository: IAM-style users and access keys in PostgreSQL.
// Thread-safe (uses the pool).
#ifndef PARAMSAFE_STORE_PG_CREDENTIAL_REPOSITORY_H_
#define PARAMSAFE_STORE_PG_CREDENTIAL_REPOSITORY_H_

#include <string>

#include "core/credentials.h"
#include "store/pool.h"

namespace paramsafe::store {

class PgCredentialRepository final : public core::CredentialRepository {
 public:
  explicit PgCredentialRepository(Pool& pool) : pool_(pool) {}

  core::Result<core::AccessKeyRecord> FindAccessKey(std::string_view access_key_id) override;
  core::Result<core::UserRecord> CreateUser(std::string_view user_name,
                                            std::string_view account_id) override;
  core::Result<core::UserRecord> FindUser(std::string_view user_name) override;
  core::Result<std::vector<core::UserRecord>> ListUsers() override;
  core::Status DeleteUser(std::string_view user_name) override;
  core::Status InsertAccessKey(const core::AccessKeyRecord& key) override;
  core::Result<std::vector<core::AccessKeyRecord>> ListAccessKeys(
      std::string_view user_name) override;
  core::Status SetAccessKeyActive(std::string_view user_name, std::string_view access_key_id,
                                  bool active) override;
  core::Status DeleteAccessKey(std::string_view user_name,
                               std::string_view access_key_id) override;

 private:
  Pool& pool_;
};

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_PG_CREDENTIAL_REPOSITORY_H_
