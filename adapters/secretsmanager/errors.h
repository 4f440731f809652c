// The one translation from core::Status to the errors of the Secrets Manager
// face. Every Secrets Manager error shape declares "Message".
#ifndef PARAMSAFE_ADAPTERS_SECRETSMANAGER_ERRORS_H_
#define PARAMSAFE_ADAPTERS_SECRETSMANAGER_ERRORS_H_

#include <string>

#include "common/aws_error.h"
#include "core/status.h"

namespace paramsafe::adapters::secretsmanager {

inline AwsError SmError(int status, const char* type, std::string message) {
  AwsError e{status, type, std::move(message)};
  e.message_member = "Message";
  return e;
}

inline AwsError InvalidParameter(std::string message) {
  return SmError(400, "InvalidParameterException", std::move(message));
}

inline AwsError InvalidRequest(std::string message) {
  return SmError(400, "InvalidRequestException", std::move(message));
}

// A KMS key that cannot be used fails a write as EncryptionFailure and a read
// as DecryptionFailure, so the mapping needs to know which one it reports.
enum class Access { kRead, kWrite };

// kNotFound, kVersionNotFound -> ResourceNotFoundException
// kInvalidArgument            -> InvalidParameterException
// kFailedPrecondition         -> InvalidRequestException
// kAlreadyExists              -> ResourceExistsException
// kLimitExceeded              -> LimitExceededException
// kKeyNotFound                -> EncryptionFailure (write) / DecryptionFailure (read)
// kDecryptFailed              -> DecryptionFailure
// kPermissionDenied           -> AccessDeniedException
// anything else               -> InternalServiceError (500)
AwsError ErrorFromStatus(const core::Status& status, Access access);

// InvalidNextTokenException, for a NextToken this face did not issue for the
// same request.
AwsError InvalidNextToken();

}  // namespace paramsafe::adapters::secretsmanager

#endif  // PARAMSAFE_ADAPTERS_SECRETSMANAGER_ERRORS_H_
