#include "common/auth_errors.h"

namespace paramsafe::adapters {

using core::Code;

AwsError AuthErrorFromStatus(const core::Status& s) {
  switch (s.code()) {
    case Code::kMissingAuthentication:
      return AwsError{400, "MissingAuthenticationTokenException", s.reason()};
    case Code::kIncompleteSignature:
      return AwsError{400, "IncompleteSignatureException", s.reason()};
    case Code::kUnrecognizedClient:
      return AwsError{400, "UnrecognizedClientException", s.reason()};
    case Code::kSignatureMismatch:
      return AwsError{400, "InvalidSignatureException", s.reason()};
    case Code::kUnavailable:
      return AwsError{503, "ServiceUnavailable", "The service is unavailable. Try again later.",
                      true};
    default:
      return InternalError("InternalFailure");
  }
}

}  // namespace paramsafe::adapters
