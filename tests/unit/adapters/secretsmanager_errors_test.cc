// The Secrets Manager face's error mapping (secretsmanager/errors.h), the
// operations it does not serve yet, and its ClientRequestToken generator.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

#include "random_fakes.h"
#include "secretsmanager/errors.h"
#include "secretsmanager/members.h"
#include "secretsmanager_fixture.h"

namespace paramsafe::adapters::secretsmanager {
namespace {

using core::Code;
using core::Status;

struct Mapping {
  Code code;
  Access access;
  const char* type;
  int http_status;
};

void PrintTo(const Mapping& m, std::ostream* os) {
  *os << core::CodeName(m.code) << (m.access == Access::kRead ? " read" : " write");
}

class AdaptersSmErrorFromStatus : public ::testing::TestWithParam<Mapping> {};

TEST_P(AdaptersSmErrorFromStatus, MapsTheCodeToTheModelsError) {
  const Mapping& m = GetParam();
  AwsError e = ErrorFromStatus(Status(m.code, "the reason"), m.access);
  EXPECT_EQ(e.type, m.type);
  EXPECT_EQ(e.http_status, m.http_status);
  EXPECT_STREQ(e.message_member, "Message");
  EXPECT_FALSE(e.message.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Codes, AdaptersSmErrorFromStatus,
    ::testing::Values(
        Mapping{Code::kNotFound, Access::kRead, "ResourceNotFoundException", 400},
        Mapping{Code::kVersionNotFound, Access::kRead, "ResourceNotFoundException", 400},
        Mapping{Code::kInvalidArgument, Access::kWrite, "InvalidParameterException", 400},
        Mapping{Code::kFailedPrecondition, Access::kRead, "InvalidRequestException", 400},
        Mapping{Code::kAlreadyExists, Access::kWrite, "ResourceExistsException", 400},
        Mapping{Code::kLimitExceeded, Access::kWrite, "LimitExceededException", 400},
        Mapping{Code::kKeyNotFound, Access::kWrite, "EncryptionFailure", 400},
        Mapping{Code::kKeyNotFound, Access::kRead, "DecryptionFailure", 400},
        Mapping{Code::kDecryptFailed, Access::kRead, "DecryptionFailure", 400},
        Mapping{Code::kPermissionDenied, Access::kWrite, "AccessDeniedException", 400},
        Mapping{Code::kConflict, Access::kWrite, "InternalServiceError", 500},
        Mapping{Code::kUnavailable, Access::kRead, "InternalServiceError", 500},
        Mapping{Code::kOutcomeUnknown, Access::kWrite, "InternalServiceError", 500},
        Mapping{Code::kInternal, Access::kRead, "InternalServiceError", 500}));

TEST(AdaptersSmErrors, ClientErrorsCarryTheCoresReason) {
  EXPECT_EQ(ErrorFromStatus(Status(Code::kNotFound, "gone"), Access::kRead).message, "gone");
  EXPECT_EQ(ErrorFromStatus(Status(Code::kNotFound, ""), Access::kRead).message,
            "Secrets Manager can't find the specified secret.");
}

TEST(AdaptersSmErrors, InternalErrorsHideTheirDetailsAndAreRetryable) {
  AwsError e =
      ErrorFromStatus(Status(Code::kInternal, "pq: relation does not exist"), Access::kRead);
  EXPECT_EQ(e.message.find("relation"), std::string::npos) << e.message;
  EXPECT_TRUE(e.retryable);
  EXPECT_TRUE(ErrorFromStatus(Status(Code::kUnavailable, "down"), Access::kRead).retryable);
  EXPECT_FALSE(ErrorFromStatus(Status(Code::kNotFound, "x"), Access::kRead).retryable);
}

TEST(AdaptersSmErrors, InvalidNextTokenHasTheModelsName) {
  AwsError e = InvalidNextToken();
  EXPECT_EQ(e.type, "InvalidNextTokenException");
  EXPECT_EQ(e.http_status, 400);
  EXPECT_STREQ(e.message_member, "Message");
}

TEST(AdaptersSmClientRequestToken, IsAVersionFourUuid) {
  core::testing::SequenceRandom random(7);
  std::set<std::string> seen;
  const std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  for (int i = 0; i < 100; ++i) {
    std::string t = NewClientRequestToken(random);
    EXPECT_TRUE(std::regex_match(t, uuid)) << t;
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 100u);
}

}  // namespace
}  // namespace paramsafe::adapters::secretsmanager

namespace paramsafe::adapters::testing {
namespace {

class AdaptersSmNotYetServed : public SmTest {};

TEST_F(AdaptersSmNotYetServed, RotationAndReplicationSaySo) {
  for (const char* op : {"RotateSecret", "CancelRotateSecret", "ReplicateSecretToRegions",
                         "RemoveRegionsFromReplication", "StopReplicationToReplica"}) {
    std::string text = ErrorText(Sm(op, {{"SecretId", "db"}}), "UnknownOperationException");
    EXPECT_EQ(text, "Operation secretsmanager." + std::string(op) +
                        " is not supported by this paramsafe server yet.");
  }
}

TEST_F(AdaptersSmNotYetServed, EveryOperationOfTheIssueIsRouted) {
  for (const char* op :
       {"CreateSecret", "GetSecretValue", "BatchGetSecretValue", "PutSecretValue", "UpdateSecret",
        "DescribeSecret", "ListSecrets", "ListSecretVersionIds", "UpdateSecretVersionStage",
        "DeleteSecret", "RestoreSecret", "TagResource", "UntagResource", "GetRandomPassword",
        "PutResourcePolicy", "GetResourcePolicy", "DeleteResourcePolicy",
        "ValidateResourcePolicy"}) {
    Response r = Sm(op, "{}");
    if (r.error) {
      EXPECT_NE(r.error->type, "UnknownOperationException") << op;
    }
  }
}

}  // namespace
}  // namespace paramsafe::adapters::testing
