// PgUserPolicyRepository: UserPolicyRepository in PostgreSQL
// (paramsafe.user_policies). Thread-safe (uses the pool).
#ifndef PARAMSAFE_STORE_PG_USER_POLICY_REPOSITORY_H_
#define PARAMSAFE_STORE_PG_USER_POLICY_REPOSITORY_H_

#include "core/user_policies.h"
#include "store/pool.h"

namespace paramsafe::store {

class PgUserPolicyRepository final : public core::UserPolicyRepository {
 public:
  explicit PgUserPolicyRepository(Pool& pool) : pool_(pool) {}

  core::Status Put(std::string_view user_name, std::string_view policy_name,
                   std::string_view document) override;
  core::Result<core::UserPolicy> Get(std::string_view user_name,
                                     std::string_view policy_name) override;
  core::Result<std::vector<core::UserPolicy>> List(std::string_view user_name) override;
  core::Status Delete(std::string_view user_name, std::string_view policy_name) override;

 private:
  Pool& pool_;
};

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_PG_USER_POLICY_REPOSITORY_H_
