// AwsError: an error as an AWS JSON 1.1 service answers it.
#ifndef PARAMSAFE_ADAPTERS_COMMON_AWS_ERROR_H_
#define PARAMSAFE_ADAPTERS_COMMON_AWS_ERROR_H_

#include <string>

namespace paramsafe::adapters {

struct AwsError {
  int http_status = 400;
  std::string type;     // the "__type", e.g. "ParameterNotFound"
  std::string message;  // never holds a secret value
  bool retryable = false;
  // The member name the service model declares for the text: most SSM errors
  // use "message", Secrets Manager and a few SSM shapes "Message".
  const char* message_member = "message";
};

inline AwsError ValidationError(std::string message) {
  return AwsError{400, "ValidationException", std::move(message)};
}
inline AwsError SerializationError(std::string message) {
  return AwsError{400, "SerializationException", std::move(message)};
}
inline AwsError InternalError(const char* type) {
  return AwsError{500, type, "An internal error occurred. Try again later.", true};
}

}  // namespace paramsafe::adapters

#endif  // PARAMSAFE_ADAPTERS_COMMON_AWS_ERROR_H_
