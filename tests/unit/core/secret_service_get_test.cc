// SecretService::GetValue and Describe: which version a read answers, the
// failures and their texts, LastAccessedDate at day granularity, reads of a
// secret scheduled for deletion.
#include <gtest/gtest.h>

#include <string>

#include "core/metrics.h"
#include "secret_service_fixture.h"

namespace paramsafe::core::testing {
namespace {

using CoreSecretGet = SecretServiceTest;

// SecretTestStart() is 08:00 UTC; its day began 8 hours earlier.
const TimePoint kToday = SecretTestStart() - std::chrono::hours(8);

TEST_F(CoreSecretGet, AnswersTheCurrentVersionByDefault) {
  const std::string arn = Create("db", "v1");
  clock_.Advance(std::chrono::minutes(1));
  MustPut("db", "v2", Token(2));
  auto out = Get("db");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->arn, arn);
  EXPECT_EQ(out->name, "db");
  EXPECT_EQ(out->version.version_id, Token(2));
  EXPECT_EQ(out->version.stages, Stages({kStageCurrent}));
  EXPECT_EQ(out->version.created, SecretTestStart() + std::chrono::minutes(1));
  EXPECT_EQ(out->type, SecretValueType::kString);
  EXPECT_EQ(std::string(AsStringView(out->plaintext)), "v2");
  EXPECT_TRUE(SameAd(fake_keyring_.open_calls().back(), SecretAssociatedData(arn, 2)));
}

TEST_F(CoreSecretGet, AnswersAVersionByIdOrByStage) {
  Create("db", "v1");
  MustPut("db", "v2", Token(2));
  auto by_id = Get("db", Token(1));
  ASSERT_TRUE(by_id.ok());
  EXPECT_EQ(std::string(AsStringView(by_id->plaintext)), "v1");
  EXPECT_EQ(ValueOf("db", kStagePrevious), "v1");
  auto both = Get("db", Token(1), std::string(kStagePrevious));
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(std::string(AsStringView(both->plaintext)), "v1");
}

TEST_F(CoreSecretGet, AnIdAndAStageOfAnotherVersionDisagree) {
  Create("db", "v1");
  MustPut("db", "v2", Token(2));
  auto out = Get("db", Token(1), std::string(kStageCurrent));
  ASSERT_EQ(out.status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(out.status().detail(), Detail::kNone);
  EXPECT_EQ(out.status().reason(),
            "You provided a VersionStage that is not associated to the provided VersionId.");
}

TEST_F(CoreSecretGet, UnknownVersionOrStageIsNotFoundWithAwsText) {
  Create("db", "v1");
  auto by_id = Get("db", Token(7));
  ASSERT_EQ(by_id.status().code(), Code::kNotFound);
  EXPECT_EQ(by_id.status().reason(),
            "Secrets Manager can't find the specified secret value for VersionId: " + Token(7));
  auto by_stage = Get("db", std::nullopt, std::string("blue"));
  ASSERT_EQ(by_stage.status().code(), Code::kNotFound);
  EXPECT_EQ(by_stage.status().reason(),
            "Secrets Manager can't find the specified secret value for staging label: blue");
}

TEST_F(CoreSecretGet, AMissingSecretIsNotFoundWithAwsText) {
  auto out = Get("nope");
  ASSERT_EQ(out.status().code(), Code::kNotFound);
  EXPECT_EQ(out.status().reason(), "Secrets Manager can't find the specified secret.");
}

TEST_F(CoreSecretGet, FindsBySecretIdInEveryForm) {
  const std::string arn = Create("prod/db", "v1");
  EXPECT_EQ(ValueOf(arn), "v1");
  EXPECT_EQ(ValueOf("arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db"), "v1");
  EXPECT_EQ(ValueOf("arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db"), "NOT_FOUND");
  EXPECT_EQ(ValueOf(arn + "x"), "NOT_FOUND");
}

TEST_F(CoreSecretGet, KeepsTheBinaryType) {
  CreateSecretInput in = CreateInput("db", std::nullopt, Token(1));
  in.value = BinaryValue(std::string_view("\x00\xff", 2));
  ASSERT_TRUE(service_.Create(in).ok());
  auto out = Get("db");
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->type, SecretValueType::kBinary);
  EXPECT_EQ(out->plaintext, ToSecureBuffer(std::string_view("\x00\xff", 2)));
}

TEST_F(CoreSecretGet, AValueThatFailsToOpenIsADecryptionFailureWithoutDetail) {
  Create("db", "hunter2");
  fake_keyring_.set_fail_opens(true);
  auto out = Get("db");
  ASSERT_EQ(out.status().code(), Code::kDecryptFailed);
  EXPECT_EQ(out.status().reason(),
            "Secrets Manager can't decrypt the protected secret text using the provided KMS key.");
  EXPECT_EQ(repo_.record_read_calls(), 0);
}

TEST_F(CoreSecretGet, RecordsTheDayOfTheFirstReadOnTheSecretAndTheVersion) {
  const std::string arn = Create("db", "v1");
  ASSERT_TRUE(Get("db").ok());
  EXPECT_EQ(repo_.record_read_calls(), 1);
  auto stored = repo_.Snapshot(arn);
  EXPECT_EQ(stored->last_accessed, kToday);
  EXPECT_EQ(stored->versions[0].last_accessed, kToday);
}

TEST_F(CoreSecretGet, ASecondReadOnTheSameDayWritesNothing) {
  Create("db", "v1");
  ASSERT_TRUE(Get("db").ok());
  clock_.Advance(std::chrono::hours(15));  // 23:00 the same day
  auto again = Get("db");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->version.last_accessed, kToday);
  EXPECT_EQ(repo_.record_read_calls(), 1);
}

TEST_F(CoreSecretGet, TheNextDayIsRecordedAgain) {
  const std::string arn = Create("db", "v1");
  ASSERT_TRUE(Get("db").ok());
  clock_.Advance(std::chrono::hours(16));  // 00:00 the next day
  auto next = Get("db");
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(repo_.record_read_calls(), 2);
  EXPECT_EQ(next->version.last_accessed, kToday + std::chrono::days(1));
  EXPECT_EQ(repo_.Snapshot(arn)->last_accessed, kToday + std::chrono::days(1));
}

TEST_F(CoreSecretGet, AnotherVersionReadTheSameDayIsRecorded) {
  const std::string arn = Create("db", "v1");
  MustPut("db", "v2", Token(2));
  ASSERT_TRUE(Get("db").ok());
  ASSERT_TRUE(Get("db", Token(1)).ok());
  EXPECT_EQ(repo_.record_read_calls(), 2);
  EXPECT_EQ(repo_.Snapshot(arn)->versions[1].last_accessed, kToday);
}

TEST_F(CoreSecretGet, AFailedRecordDoesNotFailTheRead) {
  Create("db", "v1");
  repo_.set_fail_record_read(true);
  auto out = Get("db");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(std::string(AsStringView(out->plaintext)), "v1");
  EXPECT_EQ(repo_.record_read_calls(), 1);
}

TEST_F(CoreSecretGet, AReadOfASecretScheduledForDeletionIsRecordedAndRefused) {
  const std::string arn = Create("db", "v1");
  ASSERT_TRUE(Delete("db").ok());
  GetSecretValueInput in;
  in.id = Id("db");
  in.principal_arn = kPrincipal;
  in.operation = "BatchGetSecretValue";
  auto out = service_.GetValue(in);
  ASSERT_EQ(out.status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(out.status().detail(), Detail::kMarkedForDeletion);
  EXPECT_EQ(out.status().reason(),
            "You can't perform this operation on the secret because it was marked for deletion.");
  ASSERT_TRUE(Get("db").status().code() == Code::kFailedPrecondition);
  auto records = repo_.scheduled_reads();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].arn, arn);
  EXPECT_EQ(records[0].operation, "BatchGetSecretValue");
  EXPECT_EQ(records[0].principal_arn, kPrincipal);
  EXPECT_EQ(records[1].operation, "GetSecretValue");
  EXPECT_EQ(repo_.Snapshot(arn)->reads_while_scheduled, 2);
  EXPECT_TRUE(fake_keyring_.open_calls().empty());
  EXPECT_EQ(repo_.record_read_calls(), 0);
}

TEST_F(CoreSecretGet, AReadOfASecretScheduledForDeletionCountsInMetricsByOperation) {
  Metrics metrics;
  service_.set_metrics(&metrics);
  Create("db", "v1");
  ASSERT_EQ(Get("db").status().code(), Code::kOk);  // not scheduled: not counted
  ASSERT_TRUE(Delete("db").ok());
  ASSERT_EQ(Get("db").status().code(), Code::kFailedPrecondition);
  const std::string text = metrics.RenderPrometheus();
  EXPECT_NE(
      text.find("paramsafe_secret_reads_while_scheduled_total{operation=\"GetSecretValue\"} 1\n"),
      std::string::npos)
      << text;
  service_.set_metrics(nullptr);
}

TEST_F(CoreSecretGet, AFailedRecordOfAScheduledReadIsTheAnswer) {
  Create("db", "v1");
  ASSERT_TRUE(Delete("db").ok());
  repo_.set_fail_record_scheduled_read(true);
  EXPECT_EQ(Get("db").status().code(), Code::kUnavailable);
}

TEST_F(CoreSecretGet, DescribeWorksOnASecretScheduledForDeletion) {
  const std::string arn = Create("db", "v1");
  ASSERT_TRUE(Delete("db", 7).ok());
  auto out = service_.Describe(Id("db"));
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->arn, arn);
  EXPECT_EQ(out->deletion_date, SecretTestStart() + std::chrono::days(7));
  EXPECT_EQ(service_.Describe(Id("nope")).status().reason(),
            "Secrets Manager can't find the specified secret.");
}

TEST_F(CoreSecretGet, ListHidesSecretsScheduledForDeletionUnlessAsked) {
  Create("a", "v");
  Create("b", "v");
  ASSERT_TRUE(Delete("b").ok());
  SecretQuery q;
  q.account_id = kAccount;
  q.region = kRegion;
  auto page = service_.List(q);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->secrets.size(), 1u);
  EXPECT_EQ(page->secrets[0].name, "a");
  q.include_planned_deletion = true;
  EXPECT_EQ(service_.List(q)->secrets.size(), 2u);
}

}  // namespace
}  // namespace paramsafe::core::testing
