#include "secretsmanager/errors.h"

namespace paramsafe::adapters::secretsmanager {

using core::Code;

namespace {

// The core words its reasons for the caller; these stand in should one be
// empty, so no error ever reaches a client without a text.
std::string ReasonOr(const core::Status& s, const char* fallback) {
  return s.reason().empty() ? std::string(fallback) : s.reason();
}

AwsError Internal(std::string message, bool retryable) {
  AwsError e = SmError(500, "InternalServiceError", std::move(message));
  e.retryable = retryable;
  return e;
}

}  // namespace

AwsError ErrorFromStatus(const core::Status& s, Access access) {
  switch (s.code()) {
    case Code::kNotFound:
    case Code::kVersionNotFound:
      return SmError(400, "ResourceNotFoundException",
                     ReasonOr(s, "Secrets Manager can't find the specified secret."));
    case Code::kInvalidArgument:
      return InvalidParameter(ReasonOr(s, "A parameter value is not valid."));
    case Code::kFailedPrecondition:
      return InvalidRequest(ReasonOr(s, "The request is not valid for the secret's state."));
    case Code::kAlreadyExists:
      return SmError(400, "ResourceExistsException", ReasonOr(s, "The resource already exists."));
    case Code::kLimitExceeded:
      return SmError(400, "LimitExceededException", ReasonOr(s, "A quota would be exceeded."));
    case Code::kKeyNotFound:
      if (access == Access::kWrite) {
        return SmError(400, "EncryptionFailure",
                       ReasonOr(s, "Secrets Manager can't find the specified KMS key."));
      }
      return SmError(400, "DecryptionFailure",
                     ReasonOr(s, "Secrets Manager can't find the KMS key of the secret."));
    case Code::kDecryptFailed:
      // The stored value failed authentication (tampered, moved, or another
      // root key): the reason says so and never holds the value.
      return SmError(400, "DecryptionFailure",
                     ReasonOr(s, "Secrets Manager can't decrypt the protected secret text."));
    case Code::kPermissionDenied:
      return SmError(400, "AccessDeniedException", ReasonOr(s, "Access denied."));
    case Code::kConflict:
      // A concurrent change won a race the core could not settle: the SDKs
      // retry a 500 on their own.
      return Internal("There are concurrent updates for the secret. Please try again.", true);
    case Code::kUnavailable:
    case Code::kOutcomeUnknown:
      return Internal(ReasonOr(s, "The service is unavailable. Try again later."), true);
    default:
      // Internal details stay in the logs, not in the answer.
      return Internal("An internal error occurred. Try again later.", true);
  }
}

AwsError InvalidNextToken() {
  return SmError(400, "InvalidNextTokenException", "The NextToken value isn't valid.");
}

}  // namespace paramsafe::adapters::secretsmanager
