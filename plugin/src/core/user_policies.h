// Inline identity policies attached to users (IAM's PutUserPolicy and
// friends), as stored. Implemented by store/. Thread-safe.
#ifndef PARAMSAFE_CORE_USER_POLICIES_H_
#define PARAMSAFE_CORE_USER_POLICIES_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"

namespace paramsafe::core {

// IAM's limit on the aggregate size of one user's inline policies, in
// characters not counting white space.
inline constexpr std::size_t kMaxUserPolicySize = 2048;

struct UserPolicy {
  std::string user_name;
  std::string policy_name;
  std::string document;  // as the caller wrote it
  TimePoint created_at{};
  TimePoint updated_at{};
};

class UserPolicyRepository {
 public:
  virtual ~UserPolicyRepository() = default;

  // Creates or replaces the user's policy of that name. kNotFound when the
  // user does not exist; kLimitExceeded (IAM's text) when the user's policies
  // together would pass kMaxUserPolicySize. The caller has checked the
  // document and the policy name.
  virtual Status Put(std::string_view user_name, std::string_view policy_name,
                     std::string_view document) = 0;

  // kNotFound when the user or the policy does not exist.
  virtual Result<UserPolicy> Get(std::string_view user_name, std::string_view policy_name) = 0;

  // Every policy of the user, ordered by name; empty when the user has none.
  // kNotFound when the user does not exist.
  virtual Result<std::vector<UserPolicy>> List(std::string_view user_name) = 0;

  // kNotFound when the user or the policy does not exist.
  virtual Status Delete(std::string_view user_name, std::string_view policy_name) = 0;
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_USER_POLICIES_H_
