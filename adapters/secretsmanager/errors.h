// Secrets Manager's error shapes: every one declares "Message".
#ifndef PARAMSAFE_ADAPTERS_SECRETSMANAGER_ERRORS_H_
#define PARAMSAFE_ADAPTERS_SECRETSMANAGER_ERRORS_H_

#include <string>

#include "common/aws_error.h"

namespace paramsafe::adapters::secretsmanager {

inline AwsError SmError(int status, const char* type, std::string message) {
  AwsError e{status, type, std::move(message)};
  e.message_member = "Message";
  return e;
}

inline AwsError InvalidParameter(std::string message) {
  return SmError(400, "InvalidParameterException", std::move(message));
}

}  // namespace paramsafe::adapters::secretsmanager

#endif  // PARAMSAFE_ADAPTERS_SECRETSMANAGER_ERRORS_H_
