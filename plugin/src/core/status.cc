#include "core/status.h"

namespace paramsafe::core {

const char* CodeName(Code code) {
  switch (code) {
    case Code::kOk: return "OK";
    case Code::kNotFound: return "NOT_FOUND";
    case Code::kVersionNotFound: return "VERSION_NOT_FOUND";
    case Code::kAlreadyExists: return "ALREADY_EXISTS";
    case Code::kInvalidArgument: return "INVALID_ARGUMENT";
    case Code::kKeyNotFound: return "KEY_NOT_FOUND";
    case Code::kDecryptFailed: return "DECRYPT_FAILED";
    case Code::kMissingAuthentication: return "MISSING_AUTHENTICATION";
    case Code::kIncompleteSignature: return "INCOMPLETE_SIGNATURE";
    case Code::kUnrecognizedClient: return "UNRECOGNIZED_CLIENT";
    case Code::kSignatureMismatch: return "SIGNATURE_MISMATCH";
    case Code::kPermissionDenied: return "PERMISSION_DENIED";
    case Code::kConflict: return "CONFLICT";
    case Code::kLimitExceeded: return "LIMIT_EXCEEDED";
    case Code::kUnavailable: return "UNAVAILABLE";
    case Code::kFailedPrecondition: return "FAILED_PRECONDITION";
    case Code::kOutcomeUnknown: return "OUTCOME_UNKNOWN";
    case Code::kInternal: return "INTERNAL";
  }
  return "UNKNOWN";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return std::string(CodeName(code_)) + ": " + reason_;
}

}  // namespace paramsafe::core
