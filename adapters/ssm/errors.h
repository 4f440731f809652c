// The one translation from core::Status to the errors of the SSM face.
#ifndef PARAMSAFE_ADAPTERS_SSM_ERRORS_H_
#define PARAMSAFE_ADAPTERS_SSM_ERRORS_H_

#include "common/aws_error.h"
#include "core/status.h"

namespace paramsafe::adapters::ssm {

AwsError ErrorFromStatus(const core::Status& status);

// InvalidNextToken, as SSM answers a NextToken it did not issue (the model
// declares "Message").
AwsError InvalidNextTokenError();

}  // namespace paramsafe::adapters::ssm

#endif  // PARAMSAFE_ADAPTERS_SSM_ERRORS_H_
