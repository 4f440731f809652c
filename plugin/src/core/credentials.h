// Users and their access keys, as the core sees them. Implemented by store/.
#ifndef PARAMSAFE_CORE_CREDENTIALS_H_
#define PARAMSAFE_CORE_CREDENTIALS_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/keys.h"
#include "core/status.h"

namespace paramsafe::core {

struct UserRecord {
  std::string user_name;
  std::string user_id;  // IAM-style id, "AIDA..." 
  std::string arn;      // arn:aws:iam::<account>:user/<name>
  std::string path = "/";
  TimePoint created_at;
};

struct AccessKeyRecord {
  std::string access_key_id;  // "AKIA..." style, 20 chars
  std::string user_name;
  std::string user_arn;
  bool active = true;
  TimePoint created_at;
  SealedValue sealed_secret;  // the secret access key, sealed with AD("access-key", id, 1)
};

// Thread-safe.
class CredentialRepository {
 public:
  virtual ~CredentialRepository() = default;

  // kUnrecognizedClient when the key does not exist (whatever its status).
  virtual Result<AccessKeyRecord> FindAccessKey(std::string_view access_key_id) = 0;

  virtual Result<UserRecord> CreateUser(std::string_view user_name, std::string_view account_id) = 0;
  virtual Result<UserRecord> FindUser(std::string_view user_name) = 0;
  virtual Result<std::vector<UserRecord>> ListUsers() = 0;
  virtual Status DeleteUser(std::string_view user_name) = 0;

  virtual Status InsertAccessKey(const AccessKeyRecord& key) = 0;
  virtual Result<std::vector<AccessKeyRecord>> ListAccessKeys(std::string_view user_name) = 0;
  virtual Status SetAccessKeyActive(std::string_view user_name, std::string_view access_key_id,
                                    bool active) = 0;
  virtual Status DeleteAccessKey(std::string_view user_name, std::string_view access_key_id) = 0;
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_CREDENTIALS_H_
