// The one translation of authentication failures to the front-end errors AWS
// JSON services send (the same for both faces).
#ifndef PARAMSAFE_ADAPTERS_COMMON_AUTH_ERRORS_H_
#define PARAMSAFE_ADAPTERS_COMMON_AUTH_ERRORS_H_

#include "common/aws_error.h"
#include "core/status.h"

namespace paramsafe::adapters {

AwsError AuthErrorFromStatus(const core::Status& status);

}  // namespace paramsafe::adapters

#endif  // PARAMSAFE_ADAPTERS_COMMON_AUTH_ERRORS_H_
