#include "secretsmanager/resource_policy.h"

#include "secretsmanager/errors.h"

namespace paramsafe::adapters::secretsmanager {

AwsError PolicyParseError(const core::Status& status) {
  if (status.code() != core::Code::kInvalidArgument) {
    return ErrorFromStatus(status, Access::kWrite);
  }
  return SmError(400, "MalformedPolicyDocumentException",
                 status.reason().empty() ? "Syntax errors in policy." : status.reason());
}

AwsError PublicPolicy() {
  return SmError(400, "PublicPolicyException",
                 "This resource policy contains a statement that grants public access.");
}

}  // namespace paramsafe::adapters::secretsmanager
