// What the four resource-policy operations share: the ResourcePolicy member's
// rule and the errors that are theirs alone.
#ifndef PARAMSAFE_ADAPTERS_SECRETSMANAGER_RESOURCE_POLICY_H_
#define PARAMSAFE_ADAPTERS_SECRETSMANAGER_RESOURCE_POLICY_H_

#include <string>

#include "common/aws_error.h"
#include "common/request_reader.h"
#include "core/secret.h"
#include "core/status.h"

namespace paramsafe::adapters::secretsmanager {

// NonEmptyResourcePolicyType. Marked sensitive so that a violation does not
// echo a document of up to 20 KB into the error and the logs.
inline const StringRule kResourcePolicyRule{
    .min = 1, .max = core::kMaxResourcePolicySize, .sensitive = true};

// The CheckName ValidateResourcePolicy reports a document that is JSON but
// breaks the policy grammar under (broad access has auth's kBroadAccessCheck).
inline constexpr const char* kSyntaxCheck = "SYNTAX_VALIDATION";

// PolicyChecker::Parse's kInvalidArgument -> MalformedPolicyDocumentException
// with its message; any other failure as ErrorFromStatus maps it.
AwsError PolicyParseError(const core::Status& status);

// PutResourcePolicy with BlockPublicPolicy and a policy granting broad access.
AwsError PublicPolicy();

}  // namespace paramsafe::adapters::secretsmanager

#endif  // PARAMSAFE_ADAPTERS_SECRETSMANAGER_RESOURCE_POLICY_H_
