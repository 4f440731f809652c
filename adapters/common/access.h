// Authorization as the operations ask for it: builds the core::Caller from the
// CallContext, asks the AccessControl, notes the resource in the audit record
// and returns the denial (or the failure to decide) as the face's error.
#ifndef PARAMSAFE_ADAPTERS_COMMON_ACCESS_H_
#define PARAMSAFE_ADAPTERS_COMMON_ACCESS_H_

#include <optional>
#include <string>
#include <string_view>

#include "common/aws_error.h"
#include "common/call_context.h"
#include "core/access_control.h"

namespace paramsafe::adapters {

core::Caller CallerOf(const CallContext& ctx);

// The ARN of a parameter named `name` (with or without its leading slash):
// arn:aws:ssm:<region>:<account>:parameter/<name without the leading slash>.
std::string ParameterArn(const CallContext& ctx, std::string_view name);

// The ARN evaluated for a secret named `name` whose random suffix is not
// known yet (CreateSecret): see core::kUnknownSecretSuffix.
std::string SecretArnForName(const CallContext& ctx, std::string_view name);

// kPermissionDenied -> AccessDeniedException (400) with the access control's
// message; any other failure -> the face's own mapping (to_error).
using StatusToError = AwsError (*)(const core::Status&);

std::optional<AwsError> Authorize(core::AccessControl& access, const CallContext& ctx,
                                  const core::AccessRequest& request, StatusToError to_error);

std::optional<AwsError> AuthorizeKey(core::AccessControl& access, const CallContext& ctx,
                                     std::string_view kms_action, std::string_view key_ref,
                                     StatusToError to_error);

}  // namespace paramsafe::adapters

#endif  // PARAMSAFE_ADAPTERS_COMMON_ACCESS_H_
