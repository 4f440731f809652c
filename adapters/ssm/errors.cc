#include "ssm/errors.h"

namespace paramsafe::adapters::ssm {

using core::Code;
using core::Detail;

namespace {
AwsError Client(const char* type, const core::Status& s) { return AwsError{400, type, s.reason()}; }

// SSM's model declares "Message" (capital M) for these shapes.
AwsError Capitalised(int status, const char* type, std::string message, bool retryable) {
  AwsError e{status, type, std::move(message), retryable};
  e.message_member = "Message";
  return e;
}
}  // namespace

AwsError ErrorFromStatus(const core::Status& s) {
  switch (s.code()) {
    case Code::kNotFound:
      return Client("ParameterNotFound", s);
    case Code::kVersionNotFound:
      return Client("ParameterVersionNotFound", s);
    case Code::kAlreadyExists:
      return Client("ParameterAlreadyExists", s);
    case Code::kInvalidArgument:
      switch (s.detail()) {
        case Detail::kPatternMismatch: return Client("ParameterPatternMismatchException", s);
        case Detail::kInvalidPattern: return Client("InvalidAllowedPatternException", s);
        case Detail::kUnsupportedType: return Client("UnsupportedParameterType", s);
        case Detail::kHierarchyTooDeep: return Client("HierarchyLevelLimitExceededException", s);
        case Detail::kTypeChange: return Client("HierarchyTypeMismatchException", s);
        case Detail::kReservedName: return Client("AccessDeniedException", s);
        case Detail::kPolicyType: return Client("InvalidPolicyTypeException", s);
        case Detail::kPolicyAttribute: return Client("InvalidPolicyAttributeException", s);
        case Detail::kPolicyConflict: return Client("IncompatiblePolicyException", s);
        default: return Client("ValidationException", s);
      }
    case Code::kKeyNotFound:
      return Client("InvalidKeyId", s);
    case Code::kPermissionDenied:
      return Client("AccessDeniedException", s);
    case Code::kLimitExceeded:
      switch (s.detail()) {
        case Detail::kOldestVersionLabelled: return Client("ParameterMaxVersionLimitExceeded", s);
        case Detail::kLabelLimit: return Client("ParameterVersionLabelLimitExceeded", s);
        case Detail::kTagLimit: return Client("TooManyTagsError", s);
        case Detail::kPolicyLimit: return Client("PoliciesLimitExceededException", s);
        default: return Client("ParameterLimitExceeded", s);
      }
    case Code::kConflict:
      return Capitalised(400, "TooManyUpdates",
                         "There are concurrent updates for the resource that you're trying to "
                         "update. Please try again.",
                         false);
    case Code::kDecryptFailed:
      // The stored value failed authentication: tampered, moved, or the process
      // holds another root key. Not the caller's fault, and not retryable.
      return Capitalised(500, "InternalServerError", s.reason(), false);
    case Code::kUnavailable:
    case Code::kOutcomeUnknown:
      return Capitalised(500, "InternalServerError", s.reason(), true);
    default:
      return Capitalised(500, "InternalServerError", "An internal error occurred.", true);
  }
}

AwsError InvalidNextTokenError() {
  return Capitalised(400, "InvalidNextToken", "The specified token isn't valid.", false);
}

}  // namespace paramsafe::adapters::ssm
