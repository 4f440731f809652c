// secretsmanager.DeleteSecret and RestoreSecret through the Router.
#include <gtest/gtest.h>

#include <string>

#include "secretsmanager_fixture.h"

namespace paramsafe::adapters::testing {
namespace {

constexpr double kDay = 86400;

class AdaptersSmDeleteRestore : public SmTest {
 protected:
  void SetUp() override { arn_ = CreateArn("db", "v"); }
  Response Delete(boost::json::object body) {
    body["SecretId"] = "db";
    return Sm("DeleteSecret", body);
  }
  std::string arn_;
};

TEST_F(AdaptersSmDeleteRestore, DeleteSchedulesThirtyDaysAhead) {
  boost::json::object body = ExpectOk(Delete({}));
  EXPECT_EQ(body.size(), 3u) << boost::json::serialize(body);
  EXPECT_EQ(Str(body.at("ARN")), arn_);
  EXPECT_EQ(Str(body.at("Name")), "db");
  EXPECT_DOUBLE_EQ(body.at("DeletionDate").to_number<double>(), kNowSeconds + 30 * kDay);
  EXPECT_DOUBLE_EQ(Describe("db").at("DeletedDate").to_number<double>(), kNowSeconds + 30 * kDay);
}

TEST_F(AdaptersSmDeleteRestore, TheRecoveryWindowIsSevenToThirtyDays) {
  boost::json::object body = ExpectOk(Delete({{"RecoveryWindowInDays", 7}}));
  EXPECT_DOUBLE_EQ(body.at("DeletionDate").to_number<double>(), kNowSeconds + 7 * kDay);
  Ok("RestoreSecret", {{"SecretId", "db"}});
  for (std::int64_t days : {std::int64_t{6}, std::int64_t{31}, std::int64_t{0}, std::int64_t{-7},
                            std::int64_t{1} << 40}) {
    ErrorText(Delete({{"RecoveryWindowInDays", days}}), "InvalidParameterException");
  }
  EXPECT_FALSE(Describe("db").contains("DeletedDate"));
}

TEST_F(AdaptersSmDeleteRestore, ForceDeletesNowAndCannotBeCombinedWithAWindow) {
  ErrorText(Delete({{"ForceDeleteWithoutRecovery", true}, {"RecoveryWindowInDays", 7}}),
            "InvalidParameterException");
  EXPECT_TRUE(Stored(arn_).has_value());
  boost::json::object body = ExpectOk(Delete({{"ForceDeleteWithoutRecovery", true}}));
  EXPECT_DOUBLE_EQ(body.at("DeletionDate").to_number<double>(), kNowSeconds);
  EXPECT_FALSE(Stored(arn_).has_value());
  ErrorText(Sm("DescribeSecret", {{"SecretId", "db"}}), "ResourceNotFoundException");
}

TEST_F(AdaptersSmDeleteRestore, ASecondScheduleIsInvalidRequest) {
  ExpectOk(Delete({}));
  ErrorText(Delete({}), "InvalidRequestException");
}

TEST_F(AdaptersSmDeleteRestore, RestoreBringsTheSecretBack) {
  ExpectOk(Delete({}));
  boost::json::object body = Ok("RestoreSecret", {{"SecretId", "db"}});
  EXPECT_EQ(body.size(), 2u) << boost::json::serialize(body);
  EXPECT_EQ(Str(body.at("ARN")), arn_);
  EXPECT_EQ(Str(body.at("Name")), "db");
  EXPECT_FALSE(Describe("db").contains("DeletedDate"));
  EXPECT_EQ(CurrentValue("db"), "v");
  // Restoring a secret that is not scheduled changes nothing.
  Ok("RestoreSecret", {{"SecretId", arn_}});
}

TEST_F(AdaptersSmDeleteRestore, Errors) {
  ErrorText(Sm("DeleteSecret", {{"SecretId", "nope"}}), "ResourceNotFoundException");
  ErrorText(Sm("RestoreSecret", {{"SecretId", "nope"}}), "ResourceNotFoundException");
  ErrorText(Sm("DeleteSecret", "{}"), "ValidationException");
  ErrorText(Sm("RestoreSecret", "{}"), "ValidationException");
  ErrorText(Delete({{"RecoveryWindowInDays", "7"}}), "SerializationException");
  ErrorText(Delete({{"ForceDeleteWithoutRecovery", "true"}}), "SerializationException");
  EXPECT_FALSE(Describe("db").contains("DeletedDate"));
}

}  // namespace
}  // namespace paramsafe::adapters::testing
