// The access checks of the Secrets Manager operations: the action is
// "secretsmanager:<operation>", the resource the secret a SecretId names
// (resolved by the access control) or "*".
#ifndef PARAMSAFE_ADAPTERS_SECRETSMANAGER_ACCESS_H_
#define PARAMSAFE_ADAPTERS_SECRETSMANAGER_ACCESS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/aws_error.h"
#include "common/call_context.h"
#include "secretsmanager/operations.h"

namespace paramsafe::adapters::secretsmanager {

inline constexpr std::string_view kDecrypt = "kms:Decrypt";
inline constexpr std::string_view kGenerateDataKey = "kms:GenerateDataKey";

// `operation` on the secret `secret_id` names; with key_action, that KMS
// action on the secret's key too.
std::optional<AwsError> AuthorizeSecret(Services& s, const CallContext& ctx,
                                        std::string_view operation, const std::string& secret_id,
                                        std::optional<std::string_view> key_action = std::nullopt,
                                        std::vector<core::Tag> request_tags = {},
                                        std::vector<std::string> tag_keys = {});

// `operation` on no particular resource (ListSecrets, GetRandomPassword).
std::optional<AwsError> AuthorizeAction(Services& s, const CallContext& ctx,
                                        std::string_view operation);

// `operation` on a new secret named `name` (CreateSecret).
std::optional<AwsError> AuthorizeNewSecret(Services& s, const CallContext& ctx,
                                           std::string_view operation, std::string_view name,
                                           std::vector<core::Tag> request_tags);

// A KMS action on the key a KmsKeyId names (absent: the default key).
std::optional<AwsError> AuthorizeSecretKey(Services& s, const CallContext& ctx,
                                           std::string_view kms_action,
                                           const std::optional<std::string>& key_id);

}  // namespace paramsafe::adapters::secretsmanager

#endif  // PARAMSAFE_ADAPTERS_SECRETSMANAGER_ACCESS_H_
