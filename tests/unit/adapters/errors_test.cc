// The two Status -> AWS error translations: ssm::ErrorFromStatus and
// AuthErrorFromStatus.
#include <gtest/gtest.h>

#include <string>

#include "common/auth_errors.h"
#include "ssm/errors.h"

namespace paramsafe::adapters {
namespace {

using core::Code;
using core::Detail;
using core::Status;

struct Mapping {
  std::string label;
  Code code;
  Detail detail;
  const char* type;
  int http_status;
  const char* message_member;
  bool retryable;
  bool keeps_reason;  // the Status reason becomes the message
};

void PrintTo(const Mapping& m, std::ostream* os) { *os << m.label; }

class AdaptersSsmErrorFromStatus : public ::testing::TestWithParam<Mapping> {};

TEST_P(AdaptersSsmErrorFromStatus, Maps) {
  const Mapping& m = GetParam();
  const AwsError e = ssm::ErrorFromStatus(Status(m.code, m.detail, "the reason"));
  EXPECT_EQ(e.type, m.type);
  EXPECT_EQ(e.http_status, m.http_status);
  EXPECT_STREQ(e.message_member, m.message_member);
  EXPECT_EQ(e.retryable, m.retryable);
  if (m.keeps_reason) {
    EXPECT_EQ(e.message, "the reason");
  } else {
    EXPECT_NE(e.message.find_first_not_of(' '), std::string::npos);  // some text, always
  }
}

constexpr const char* kLower = "message";
constexpr const char* kUpper = "Message";

INSTANTIATE_TEST_SUITE_P(
    Table, AdaptersSsmErrorFromStatus,
    ::testing::Values(
        Mapping{"not_found", Code::kNotFound, Detail::kNone, "ParameterNotFound", 400, kLower,
                false, true},
        Mapping{"version_not_found", Code::kVersionNotFound, Detail::kNone,
                "ParameterVersionNotFound", 400, kLower, false, true},
        Mapping{"already_exists", Code::kAlreadyExists, Detail::kNone, "ParameterAlreadyExists",
                400, kLower, false, true},
        Mapping{"invalid_argument", Code::kInvalidArgument, Detail::kNone, "ValidationException",
                400, kLower, false, true},
        Mapping{"pattern_mismatch", Code::kInvalidArgument, Detail::kPatternMismatch,
                "ParameterPatternMismatchException", 400, kLower, false, true},
        Mapping{"invalid_pattern", Code::kInvalidArgument, Detail::kInvalidPattern,
                "InvalidAllowedPatternException", 400, kLower, false, true},
        Mapping{"type_change", Code::kInvalidArgument, Detail::kTypeChange,
                "HierarchyTypeMismatchException", 400, kLower, false, true},
        Mapping{"hierarchy_too_deep", Code::kInvalidArgument, Detail::kHierarchyTooDeep,
                "HierarchyLevelLimitExceededException", 400, kLower, false, true},
        Mapping{"reserved_name", Code::kInvalidArgument, Detail::kReservedName,
                "AccessDeniedException", 400, kLower, false, true},
        Mapping{"unsupported_type", Code::kInvalidArgument, Detail::kUnsupportedType,
                "UnsupportedParameterType", 400, kLower, false, true},
        Mapping{"invalid_argument_other_detail", Code::kInvalidArgument, Detail::kLabelLimit,
                "ValidationException", 400, kLower, false, true},
        Mapping{"key_not_found", Code::kKeyNotFound, Detail::kNone, "InvalidKeyId", 400, kLower,
                false, true},
        Mapping{"permission_denied", Code::kPermissionDenied, Detail::kNone,
                "AccessDeniedException", 400, kLower, false, true},
        Mapping{"limit_exceeded", Code::kLimitExceeded, Detail::kNone, "ParameterLimitExceeded",
                400, kLower, false, true},
        Mapping{"oldest_version_labelled", Code::kLimitExceeded, Detail::kOldestVersionLabelled,
                "ParameterMaxVersionLimitExceeded", 400, kLower, false, true},
        Mapping{"label_limit", Code::kLimitExceeded, Detail::kLabelLimit,
                "ParameterVersionLabelLimitExceeded", 400, kLower, false, true},
        Mapping{"conflict", Code::kConflict, Detail::kNone, "TooManyUpdates", 400, kUpper, false,
                false},
        Mapping{"decrypt_failed", Code::kDecryptFailed, Detail::kNone, "InternalServerError",
                500, kUpper, false, true},
        Mapping{"unavailable", Code::kUnavailable, Detail::kNone, "InternalServerError", 500,
                kUpper, true, true},
        Mapping{"outcome_unknown", Code::kOutcomeUnknown, Detail::kNone, "InternalServerError",
                500, kUpper, true, true},
        Mapping{"internal", Code::kInternal, Detail::kNone, "InternalServerError", 500, kUpper,
                true, false},
        Mapping{"missing_authentication", Code::kMissingAuthentication, Detail::kNone,
                "InternalServerError", 500, kUpper, true, false},
        Mapping{"signature_mismatch", Code::kSignatureMismatch, Detail::kNone,
                "InternalServerError", 500, kUpper, true, false}),
    [](const auto& info) { return info.param.label; });

// Internal reasons may name internals; they never reach the client.
TEST(AdaptersSsmErrors, InternalReasonIsNotSentToTheClient) {
  const AwsError e = ssm::ErrorFromStatus(Status(Code::kInternal, "pg: relation missing"));
  EXPECT_EQ(e.message.find("pg:"), std::string::npos);
}

TEST(AdaptersSsmErrors, TooManyUpdatesHasAwsText) {
  EXPECT_EQ(ssm::ErrorFromStatus(Status(Code::kConflict, "serialization failure")).message,
            "There are concurrent updates for the resource that you're trying to update. Please "
            "try again.");
}

struct AuthMapping {
  std::string label;
  Code code;
  const char* type;
  int http_status;
  bool retryable;
};

void PrintTo(const AuthMapping& m, std::ostream* os) { *os << m.label; }

class AdaptersAuthErrorFromStatus : public ::testing::TestWithParam<AuthMapping> {};

TEST_P(AdaptersAuthErrorFromStatus, Maps) {
  const AuthMapping& m = GetParam();
  const AwsError e = AuthErrorFromStatus(Status(m.code, "why"));
  EXPECT_EQ(e.type, m.type);
  EXPECT_EQ(e.http_status, m.http_status);
  EXPECT_EQ(e.retryable, m.retryable);
}

INSTANTIATE_TEST_SUITE_P(
    Table, AdaptersAuthErrorFromStatus,
    ::testing::Values(
        AuthMapping{"missing", Code::kMissingAuthentication,
                    "MissingAuthenticationTokenException", 400, false},
        AuthMapping{"incomplete", Code::kIncompleteSignature, "IncompleteSignatureException", 400,
                    false},
        AuthMapping{"unrecognized", Code::kUnrecognizedClient, "UnrecognizedClientException", 400,
                    false},
        AuthMapping{"mismatch", Code::kSignatureMismatch, "InvalidSignatureException", 400,
                    false},
        AuthMapping{"unavailable", Code::kUnavailable, "ServiceUnavailable", 503, true},
        AuthMapping{"internal", Code::kInternal, "InternalFailure", 500, true},
        AuthMapping{"not_found", Code::kNotFound, "InternalFailure", 500, true}),
    [](const auto& info) { return info.param.label; });

TEST(AdaptersAuthErrors, ReasonBecomesTheMessage) {
  EXPECT_EQ(AuthErrorFromStatus(Status(Code::kUnrecognizedClient,
                                       "The security token included in the request is invalid."))
                .message,
            "The security token included in the request is invalid.");
}

}  // namespace
}  // namespace paramsafe::adapters
