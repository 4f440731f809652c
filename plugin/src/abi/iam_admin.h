// IAM-style administration of users and access keys, for the admin CLI.
// Generates access key ids and secrets with the crypto RNG and stores the
// secret sealed. Thread-safe.
#ifndef PARAMSAFE_ABI_IAM_ADMIN_H_
#define PARAMSAFE_ABI_IAM_ADMIN_H_

#include <string>
#include <string_view>

#include "core/credentials.h"
#include "core/secure_buffer.h"
#include "core/status.h"

namespace paramsafe::abi {

class Runtime;

struct NewAccessKey {
  core::AccessKeyRecord record;
  core::SecureString secret_access_key;  // shown once, never stored in clear
};

// Creates an access key for an existing user: "AKIA" + 16 characters, and a
// 40-character secret, sealed with AD ("access-key", id, 1).
core::Result<NewAccessKey> CreateAccessKey(Runtime& rt, std::string_view user_name);

}  // namespace paramsafe::abi

#endif  // PARAMSAFE_ABI_IAM_ADMIN_H_
