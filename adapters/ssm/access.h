// The access checks of the Parameter Store operations: the action is
// "ssm:<operation>", the resource the parameter's ARN (a path's, for
// GetParametersByPath) or "*"; a SecureString's plaintext also needs
// kms:Decrypt on its key, and writing one kms:Encrypt.
#ifndef PARAMSAFE_ADAPTERS_SSM_ACCESS_H_
#define PARAMSAFE_ADAPTERS_SSM_ACCESS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/aws_error.h"
#include "common/call_context.h"
#include "core/parameter.h"
#include "ssm/operations.h"

namespace paramsafe::adapters::ssm {

// `operation` on the parameter (or path) `name`, spelled without a selector.
std::optional<AwsError> AuthorizeParameter(Services& s, const CallContext& ctx,
                                           std::string_view operation, const std::string& name,
                                           std::vector<core::Tag> request_tags = {},
                                           std::vector<std::string> tag_keys = {});

// A read of /aws/reference/secretsmanager/<secret>: `operation` on the
// reference's parameter ARN, then secretsmanager:GetSecretValue (and
// kms:Decrypt on its key) on the secret it names, as on AWS. A malformed
// reference is left to the bridge to report.
std::optional<AwsError> AuthorizeReference(Services& s, const CallContext& ctx,
                                           std::string_view operation, const std::string& name);

// `operation` on no particular resource (DescribeParameters).
std::optional<AwsError> AuthorizeAction(Services& s, const CallContext& ctx,
                                        std::string_view operation);

// kms:Decrypt on the key of a SecureString version whose plaintext is about
// to be returned; nothing for other types.
std::optional<AwsError> AuthorizeDecrypt(Services& s, const CallContext& ctx,
                                         const core::ParameterVersion& version);

// kms:Encrypt on the key a SecureString write names (absent: alias/aws/ssm).
std::optional<AwsError> AuthorizeEncrypt(Services& s, const CallContext& ctx,
                                         const std::optional<std::string>& key_ref);

}  // namespace paramsafe::adapters::ssm

#endif  // PARAMSAFE_ADAPTERS_SSM_ACCESS_H_
