// AmazonSSM.GetParameter on /aws/reference/secretsmanager/<secret-id>: every row
// of parameter-store.md §3 through the Router, over the SecretService on fakes.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "common/base64.h"
#include "reference_fixture.h"

namespace paramsafe::adapters::testing {
namespace {

using std::chrono::hours;

class AdaptersReferenceGetParameter : public ReferenceTest {};

TEST_F(AdaptersReferenceGetParameter, AnswersTheSecretAsASecureStringParameter) {
  const std::string arn = Create("db-password", "hunter2");
  boost::json::object p = Parameter(Get(Ref("db-password")));
  EXPECT_EQ(Members(p), (std::set<std::string>{"Name", "Type", "Value", "Version", "SourceResult",
                                               "LastModifiedDate", "ARN"}));
  EXPECT_EQ(Str(p.at("Name")), "/aws/reference/secretsmanager/db-password");
  EXPECT_EQ(Str(p.at("Type")), "SecureString");
  EXPECT_EQ(Str(p.at("Value")), "hunter2");
  EXPECT_EQ(p.at("Version").as_int64(), 0);
  EXPECT_EQ(Str(p.at("ARN")), arn);
  EXPECT_TRUE(
      Str(p.at("ARN"))
          .starts_with("arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password-"));
}

TEST_F(AdaptersReferenceGetParameter, SecretIdMayContainSlashes) {
  Create("team/app/db", "v");
  boost::json::object p = Parameter(Get(Ref("team/app/db")));
  EXPECT_EQ(Str(p.at("Name")), "/aws/reference/secretsmanager/team/app/db");
  EXPECT_EQ(Str(p.at("Value")), "v");
}

TEST_F(AdaptersReferenceGetParameter, SecretIdMayUseEverySecretNameCharacter) {
  // '+', '=', '@' are not allowed in parameter names, but are in secret names.
  Create("a+b=c@d", "v");
  EXPECT_EQ(Value(Get(Ref("a+b=c@d"))), "v");
}

TEST_F(AdaptersReferenceGetParameter, LastModifiedDateIsTheSelectedVersionsCreatedDate) {
  Create("s", "old", 1);
  clock_.Advance(hours(5));
  Put("s", "new", 2);
  EXPECT_DOUBLE_EQ(Parameter(Get(Ref("s"))).at("LastModifiedDate").as_double(),
                   1800000000.0 + 5 * 3600);
  EXPECT_DOUBLE_EQ(Parameter(Get(Ref("s:AWSPREVIOUS"))).at("LastModifiedDate").as_double(),
                   1800000000.0);
}

TEST_F(AdaptersReferenceGetParameter, SourceResultIsGetSecretValuesAnswerAsJsonText) {
  const std::string arn = Create("s", "hunter2", 7);
  boost::json::object p = Parameter(Get(Ref("s")));
  ASSERT_TRUE(p.at("SourceResult").is_string());
  boost::json::value parsed = boost::json::parse(p.at("SourceResult").as_string());
  ASSERT_TRUE(parsed.is_object());
  const boost::json::object& source = parsed.as_object();
  EXPECT_EQ(Members(source), (std::set<std::string>{"ARN", "Name", "VersionId", "SecretString",
                                                    "VersionStages", "CreatedDate"}));
  EXPECT_EQ(Str(source.at("ARN")), arn);
  EXPECT_EQ(Str(source.at("Name")), "s");
  EXPECT_EQ(Str(source.at("VersionId")), Token(7));
  EXPECT_EQ(Str(source.at("SecretString")), "hunter2");
  EXPECT_EQ(source.at("VersionStages"), (boost::json::array{"AWSCURRENT"}));
  EXPECT_DOUBLE_EQ(source.at("CreatedDate").as_double(), 1800000000.0);
}

TEST_F(AdaptersReferenceGetParameter, WithoutSelectorReadsAwsCurrentAndEchoesNoSelector) {
  Create("s", "old", 1);
  Put("s", "new", 2);
  boost::json::object p = Parameter(Get(Ref("s")));
  EXPECT_EQ(Str(p.at("Value")), "new");
  EXPECT_FALSE(p.contains("Selector"));
}

TEST_F(AdaptersReferenceGetParameter, StageSelectorReadsThatStage) {
  Create("s", "old", 1);
  Put("s", "new", 2);
  boost::json::object p = Parameter(Get(Ref("s:AWSPREVIOUS")));
  EXPECT_EQ(Str(p.at("Name")), "/aws/reference/secretsmanager/s");
  EXPECT_EQ(Str(p.at("Selector")), ":AWSPREVIOUS");
  EXPECT_EQ(Str(p.at("Value")), "old");
  boost::json::value source = boost::json::parse(p.at("SourceResult").as_string());
  EXPECT_EQ(source.at("VersionStages"), (boost::json::array{"AWSPREVIOUS"}));
  EXPECT_EQ(Value(Get(Ref("s:AWSCURRENT"))), "new");
}

TEST_F(AdaptersReferenceGetParameter, CustomStageSelectorReadsThatStage) {
  Create("s", "first", 1);
  Put("s", "second", 2);
  Put("s", "third", 3);
  Stage("s", "release-1.0_b", 1);
  EXPECT_EQ(Value(Get(Ref("s:release-1.0_b"))), "first");
}

TEST_F(AdaptersReferenceGetParameter, VersionIdSelectorReadsThatVersion) {
  Create("s", "first", 1);
  Put("s", "second", 2);
  Put("s", "third", 3);  // version 1 now carries no label at all
  boost::json::object p = Parameter(Get(Ref("s:" + Token(1))));
  EXPECT_EQ(Str(p.at("Value")), "first");
  EXPECT_EQ(Str(p.at("Selector")), ":" + Token(1));
  EXPECT_EQ(boost::json::parse(p.at("SourceResult").as_string()).at("VersionId"),
            boost::json::value(Token(1)));
}

TEST_F(AdaptersReferenceGetParameter, LabelAsLongAsAVersionIdIsFoundAsALabel) {
  const std::string label(40, 'L');
  Create("s", "first", 1);
  Put("s", "second", 2);
  Stage("s", label, 1);
  EXPECT_EQ(Value(Get(Ref("s:" + label))), "first");
}

TEST_F(AdaptersReferenceGetParameter, BinarySecretHasNoValueAndItsBase64InSourceResult) {
  Create("bin", std::string("\x01\x02\xff", 3), 1, core::SecretValueType::kBinary);
  boost::json::object p = Parameter(Get(Ref("bin")));
  EXPECT_FALSE(p.contains("Value"));
  EXPECT_EQ(Str(p.at("Type")), "SecureString");
  boost::json::value source = boost::json::parse(p.at("SourceResult").as_string());
  EXPECT_FALSE(source.as_object().contains("SecretString"));
  EXPECT_EQ(source.at("SecretBinary"), boost::json::value("AQL/"));
}

TEST_F(AdaptersReferenceGetParameter, WithoutDecryptionIsRefused) {
  Create("s", "v");
  ExpectErrorText(Get(Ref("s"), false), "ValidationException", kNeedsDecryption);
  ExpectErrorText(Get(Ref("s"), std::nullopt), "ValidationException", kNeedsDecryption);
}

TEST_F(AdaptersReferenceGetParameter, WithoutDecryptionIsRefusedBeforeTheSecretIsLookedUp) {
  const int reads = secret_repo_.read_calls();
  ExpectErrorText(Get(Ref("no-such-secret"), false), "ValidationException", kNeedsDecryption);
  EXPECT_EQ(secret_repo_.read_calls(), reads);
}

TEST_F(AdaptersReferenceGetParameter, MalformedReferencesAreRefusedBeforeTheDecryptionCheck) {
  Create("s", "v");
  for (const std::string& ref :
       {Ref("s:AWSCURRENT:extra"), Ref("s:"), Ref("s::AWSCURRENT"),
        Ref("arn:aws:secretsmanager:us-east-1:123456789012:secret:s"), Ref("arn:x")}) {
    SCOPED_TRACE(ref);
    ExpectErrorText(Get(ref, false), "ValidationException", kBadSyntax);
    ExpectErrorText(Get(ref, true), "ValidationException", kBadSyntax);
  }
}

TEST_F(AdaptersReferenceGetParameter, SelectorThatCanBeNeitherVersionIdNorLabelIsMalformed) {
  Create("s", "v");
  ExpectErrorText(Get(Ref("s:AWS CURRENT")), "ValidationException", kBadSyntax);
  ExpectErrorText(Get(Ref("s:" + std::string(300, 'L'))), "ValidationException", kBadSyntax);
}

TEST_F(AdaptersReferenceGetParameter, MissingSecretIsParameterNotFoundInAwsWords) {
  // AWS drops the leading slash and prints "null" for the absent selector.
  ExpectErrorText(Get(Ref("nope")), "ParameterNotFound",
                  "An error occurred (ParameterNotFound) when referencing Secrets Manager: "
                  "Secret aws/reference/secretsmanager/nopenull not found.");
}

TEST_F(AdaptersReferenceGetParameter, MissingStageIsParameterNotFound) {
  Create("s", "v");
  ExpectErrorText(Get(Ref("s:NOSUCHSTAGE")), "ParameterNotFound",
                  "An error occurred (ParameterNotFound) when referencing Secrets Manager: "
                  "Secret aws/reference/secretsmanager/s:NOSUCHSTAGE not found.");
}

TEST_F(AdaptersReferenceGetParameter, AwsPreviousOfASecretWithOneVersionIsParameterNotFound) {
  Create("s", "v");
  ExpectError(Get(Ref("s:AWSPREVIOUS")), "ParameterNotFound");
}

TEST_F(AdaptersReferenceGetParameter, MissingVersionIdIsParameterNotFound) {
  Create("s", "v", 1);
  ExpectErrorText(Get(Ref("s:" + Token(9))), "ParameterNotFound",
                  "An error occurred (ParameterNotFound) when referencing Secrets Manager: "
                  "Secret aws/reference/secretsmanager/s:" +
                      Token(9) + " not found.");
}

TEST_F(AdaptersReferenceGetParameter, SecretWithoutAValueIsParameterNotFound) {
  Create("empty", std::nullopt);
  ExpectError(Get(Ref("empty")), "ParameterNotFound");
}

TEST_F(AdaptersReferenceGetParameter, SecretIdNoSecretCanHaveIsParameterNotFound) {
  ExpectError(Get(Ref("")), "ParameterNotFound");
  ExpectError(Get(Ref("has space")), "ParameterNotFound");
  ExpectError(Get(Ref(std::string(513, 'a'))), "ParameterNotFound");
}

TEST_F(AdaptersReferenceGetParameter, SecretOfAnotherRegionIsNotReached) {
  Create("s", "v", 1, core::SecretValueType::kString, "eu-west-1");
  ExpectError(Get(Ref("s")), "ParameterNotFound");
}

TEST_F(AdaptersReferenceGetParameter, SecretScheduledForDeletionIsAnInvalidRequest) {
  const std::string arn = Create("s", "v");
  ScheduleDeletion("s");
  ExpectErrorText(Get(Ref("s")), "ValidationException", "Invalid Request to Secrets Manager");
}

TEST_F(AdaptersReferenceGetParameter, ReadOfASecretScheduledForDeletionIsRecordedOnce) {
  const std::string arn = Create("s", "v", 1);
  ScheduleDeletion("s");
  // A selector shaped like a version id would be looked up twice if the first
  // answer were not final.
  ExpectError(Get(Ref("s:" + Token(1))), "ValidationException");
  auto reads = secret_repo_.scheduled_reads();
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0].arn, arn);
  EXPECT_EQ(reads[0].operation, "GetParameter");
  EXPECT_EQ(reads[0].principal_arn, TestContext().principal_arn);
}

TEST_F(AdaptersReferenceGetParameter, ValueThatFailsToOpenIsAnInternalErrorWithoutTheValue) {
  Create("s", "hunter2");
  keyring_.set_fail_opens(true);
  Response r = Get(Ref("s"));
  ExpectError(r, "InternalServerError", 500);
  EXPECT_EQ(std::string_view(r.body).find("hunter2"), std::string_view::npos);
}

TEST_F(AdaptersReferenceGetParameter, OtherReservedReferencePathsStayParameterLookups) {
  Create("s", "v");
  ExpectErrorText(Get("/aws/reference/other/s"), "ParameterNotFound",
                  "Parameter /aws/reference/other/s not found.");
  ExpectError(Get("/aws/reference/secretsmanager"), "ParameterNotFound");
  ExpectError(Get("/AWS/reference/secretsmanager/s"), "ParameterNotFound");
}

TEST_F(AdaptersReferenceGetParameter, WritesToAReferenceNameAreRefusedAndLeaveTheSecret) {
  const std::string arn = Create("s", "v");
  boost::json::object put{{"Name", Ref("s")}, {"Value", "x"}, {"Type", "String"}};
  ExpectError(Ssm("PutParameter", put), "AccessDeniedException");
  ExpectError(Ssm("DeleteParameter", boost::json::object{{"Name", Ref("s")}}), "ParameterNotFound");
  EXPECT_EQ(Value(Get(Ref("s"))), "v");
}

TEST_F(AdaptersReferenceGetParameter, HistoryOfAReferenceNameIsNotServed) {
  Create("s", "v");
  ExpectError(Ssm("GetParameterHistory", boost::json::object{{"Name", Ref("s")}}),
              "ParameterNotFound");
}

}  // namespace
}  // namespace paramsafe::adapters::testing
