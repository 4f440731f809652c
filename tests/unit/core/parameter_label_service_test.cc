// ParameterLabelService over FakeLabelRepository: the label syntax, what
// reaches the repository, and the repository contract the fake keeps (moves,
// the 10-label limit, nothing written on refusal).
#include "core/parameter_label_service.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/parameter_names.h"
#include "label_tag_fakes.h"
#include "parameter_fakes.h"

namespace paramsafe::core::testing {
namespace {

using Labels = std::vector<std::string>;

ItemKey Key(const std::string& name) { return ParameterKey(kAccount, kRegion, name); }

// --- IsValidParameterLabel -------------------------------------------------

TEST(CoreParameterLabelSyntax, AcceptsLettersDigitsPeriodHyphenUnderscore) {
  EXPECT_TRUE(IsValidParameterLabel("prod"));
  EXPECT_TRUE(IsValidParameterLabel("Release-2024.04_rc1"));
  EXPECT_TRUE(IsValidParameterLabel("x"));
}

TEST(CoreParameterLabelSyntax, MayStartWithPeriodHyphenOrUnderscore) {
  EXPECT_TRUE(IsValidParameterLabel(".hidden"));
  EXPECT_TRUE(IsValidParameterLabel("-dash"));
  EXPECT_TRUE(IsValidParameterLabel("_under"));
}

TEST(CoreParameterLabelSyntax, RefusesALeadingDigit) {
  EXPECT_FALSE(IsValidParameterLabel("1prod"));
  EXPECT_FALSE(IsValidParameterLabel("9"));
  EXPECT_TRUE(IsValidParameterLabel("prod1"));
}

TEST(CoreParameterLabelSyntax, RefusesAwsAndSsmPrefixesInAnyCase) {
  for (const char* label :
       {"aws", "awsprod", "AWS-x", "Aws_y", "ssm", "ssmLabel", "SSM.z", "sSm"}) {
    EXPECT_FALSE(IsValidParameterLabel(label)) << label;
  }
}

TEST(CoreParameterLabelSyntax, AcceptsNamesThatOnlyResembleThePrefixes) {
  for (const char* label : {"aw", "awz", "ss", "ssx", "myaws", "prod-ssm", "a-ws"}) {
    EXPECT_TRUE(IsValidParameterLabel(label)) << label;
  }
}

TEST(CoreParameterLabelSyntax, RefusesOtherCharacters) {
  for (const char* label : {"a b", "a/b", "a:b", "a@b", "a+b", "a\tb", "a*", "a,b"}) {
    EXPECT_FALSE(IsValidParameterLabel(label)) << label;
  }
}

TEST(CoreParameterLabelSyntax, RefusesNonAsciiLetters) {
  EXPECT_FALSE(IsValidParameterLabel("caf\xC3\xA9"));               // café
  EXPECT_FALSE(IsValidParameterLabel("\xE6\x97\xA5\xE6\x9C\xAC"));  // 日本
}

TEST(CoreParameterLabelSyntax, LengthIsOneToAHundred) {
  EXPECT_FALSE(IsValidParameterLabel(""));
  EXPECT_TRUE(IsValidParameterLabel(std::string(100, 'a')));
  EXPECT_FALSE(IsValidParameterLabel(std::string(101, 'a')));
}

// --- Label -----------------------------------------------------------------

class CoreParameterLabelService : public ::testing::Test {
 protected:
  CoreParameterLabelService() : service_(repo_) { repo_.AddParameter(Key("/p"), 3); }

  FakeLabelRepository repo_;
  ParameterLabelService service_;
};

TEST_F(CoreParameterLabelService, LabelsTheLatestVersionWhenNoneIsGiven) {
  auto out = service_.Label(Key("/p"), std::nullopt, {"prod"});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->version, 3);
  EXPECT_TRUE(out->invalid_labels.empty());
  EXPECT_EQ(repo_.VersionOf(Key("/p"), "prod"), 3);
}

TEST_F(CoreParameterLabelService, LabelsTheGivenVersion) {
  auto out = service_.Label(Key("/p"), 1, {"prod", "blue"});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->version, 1);
  EXPECT_EQ(repo_.LabelsOn(Key("/p"), 1), (Labels{"blue", "prod"}));
}

TEST_F(CoreParameterLabelService, InvalidLabelsAreReportedInOrderAndNotAttached) {
  auto out = service_.Label(Key("/p"), 2, {"awsx", "good", "1bad", "SSM", "also_good"});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->invalid_labels, (Labels{"awsx", "1bad", "SSM"}));
  EXPECT_EQ(repo_.last_labels(), (Labels{"good", "also_good"}));
  EXPECT_EQ(repo_.LabelsOn(Key("/p"), 2), (Labels{"also_good", "good"}));
}

TEST_F(CoreParameterLabelService, OnlyInvalidLabelsStillAnswerTheVersion) {
  auto out = service_.Label(Key("/p"), std::nullopt, {"1x", "aws"});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->version, 3);
  EXPECT_EQ(out->invalid_labels, (Labels{"1x", "aws"}));
  EXPECT_EQ(repo_.attach_calls(), 1);
  EXPECT_TRUE(repo_.last_labels().empty());
}

TEST_F(CoreParameterLabelService, OnlyInvalidLabelsOnAMissingParameterIsNotFound) {
  auto out = service_.Label(Key("/missing"), std::nullopt, {"1x"});
  EXPECT_EQ(out.status().code(), Code::kNotFound);
}

TEST_F(CoreParameterLabelService, ALabelNamedTwiceIsAttachedOnce) {
  auto out = service_.Label(Key("/p"), 1, {"prod", "prod"});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(repo_.last_labels(), (Labels{"prod"}));
}

TEST_F(CoreParameterLabelService, AttachingMovesALabelFromAnotherVersion) {
  ASSERT_TRUE(service_.Label(Key("/p"), 1, {"prod"}).ok());
  ASSERT_TRUE(service_.Label(Key("/p"), 3, {"prod"}).ok());
  EXPECT_TRUE(repo_.LabelsOn(Key("/p"), 1).empty());
  EXPECT_EQ(repo_.VersionOf(Key("/p"), "prod"), 3);
}

TEST_F(CoreParameterLabelService, ReattachingALabelToItsVersionChangesNothing) {
  ASSERT_TRUE(service_.Label(Key("/p"), 2, {"prod"}).ok());
  auto again = service_.Label(Key("/p"), 2, {"prod"});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(repo_.LabelsOn(Key("/p"), 2), (Labels{"prod"}));
}

TEST_F(CoreParameterLabelService, SingleLevelNameWithOrWithoutSlashIsTheSameParameter) {
  repo_.AddParameter(Key("single"), 1);
  auto out = service_.Label(Key("/single"), std::nullopt, {"prod"});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(repo_.VersionOf(Key("single"), "prod"), 1);
}

TEST_F(CoreParameterLabelService, MissingParameterIsNotFound) {
  auto out = service_.Label(Key("/missing"), std::nullopt, {"prod"});
  EXPECT_EQ(out.status().code(), Code::kNotFound);
}

TEST_F(CoreParameterLabelService, MissingVersionIsVersionNotFound) {
  auto out = service_.Label(Key("/p"), 4, {"prod"});
  EXPECT_EQ(out.status().code(), Code::kVersionNotFound);
  EXPECT_EQ(out.status().reason(),
            "Systems Manager could not find version 4 of /p. Verify the version and try again.");
}

TEST_F(CoreParameterLabelService, VersionOutsideTheRetainedWindowIsVersionNotFound) {
  repo_.AddParameter(Key("/old"), 105, 6);
  EXPECT_EQ(service_.Label(Key("/old"), 5, {"prod"}).status().code(), Code::kVersionNotFound);
  EXPECT_EQ(service_.Label(Key("/old"), 0, {"prod"}).status().code(), Code::kVersionNotFound);
  EXPECT_TRUE(service_.Label(Key("/old"), 6, {"prod"}).ok());
}

TEST_F(CoreParameterLabelService, TenLabelsOnAVersionAreAllowed) {
  Labels ten;
  for (int i = 0; i < 10; ++i) ten.push_back("l" + std::to_string(i));
  auto out = service_.Label(Key("/p"), 1, ten);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(repo_.LabelsOn(Key("/p"), 1).size(), 10u);
}

TEST_F(CoreParameterLabelService, AnEleventhLabelIsRefusedAndNothingIsWritten) {
  for (int i = 0; i < 9; ++i) repo_.SetLabel(Key("/p"), "l" + std::to_string(i), 1);
  auto out = service_.Label(Key("/p"), 1, {"new1", "new2"});
  EXPECT_EQ(out.status().code(), Code::kLimitExceeded);
  EXPECT_EQ(out.status().detail(), Detail::kLabelLimit);
  EXPECT_EQ(out.status().reason(),
            "A parameter version can have maximum 10 labels.Move one or more labels to another "
            "version and try again.");
  EXPECT_EQ(repo_.LabelsOn(Key("/p"), 1).size(), 9u);
  EXPECT_FALSE(repo_.VersionOf(Key("/p"), "new1").has_value());
}

TEST_F(CoreParameterLabelService, LabelsAlreadyOnTheVersionDoNotCountTwice) {
  for (int i = 0; i < 10; ++i) repo_.SetLabel(Key("/p"), "l" + std::to_string(i), 1);
  auto out = service_.Label(Key("/p"), 1, {"l0", "l5"});
  EXPECT_TRUE(out.ok()) << out.status().ToString();
}

TEST_F(CoreParameterLabelService, AMovedLabelCountsOnItsNewVersion) {
  for (int i = 0; i < 10; ++i) repo_.SetLabel(Key("/p"), "l" + std::to_string(i), 1);
  repo_.SetLabel(Key("/p"), "elsewhere", 2);
  auto out = service_.Label(Key("/p"), 1, {"elsewhere"});
  EXPECT_EQ(out.status().detail(), Detail::kLabelLimit);
  EXPECT_EQ(repo_.VersionOf(Key("/p"), "elsewhere"), 2);
}

TEST_F(CoreParameterLabelService, RepositoryFailuresPassThrough) {
  repo_.FailNextCall(Status(Code::kConflict, "busy"));
  EXPECT_EQ(service_.Label(Key("/p"), 1, {"prod"}).status().code(), Code::kConflict);
  repo_.FailNextCall(Status(Code::kUnavailable, "down"));
  EXPECT_EQ(service_.Label(Key("/p"), 1, {"prod"}).status().code(), Code::kUnavailable);
}

// --- Unlabel ---------------------------------------------------------------

TEST_F(CoreParameterLabelService, UnlabelRemovesTheLabelsOnTheVersion) {
  repo_.SetLabel(Key("/p"), "prod", 2);
  repo_.SetLabel(Key("/p"), "blue", 2);
  auto out = service_.Unlabel(Key("/p"), 2, {"prod", "blue"});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->removed, (Labels{"prod", "blue"}));  // request order
  EXPECT_TRUE(out->invalid.empty());
  EXPECT_TRUE(repo_.LabelsOn(Key("/p"), 2).empty());
}

TEST_F(CoreParameterLabelService, UnlabelReportsLabelsNotOnThatVersionAsInvalid) {
  repo_.SetLabel(Key("/p"), "prod", 2);
  repo_.SetLabel(Key("/p"), "blue", 1);
  auto out = service_.Unlabel(Key("/p"), 2, {"blue", "prod", "nowhere", "1bad"});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->removed, (Labels{"prod"}));
  EXPECT_EQ(out->invalid, (Labels{"blue", "nowhere", "1bad"}));
  EXPECT_EQ(repo_.VersionOf(Key("/p"), "blue"), 1);  // untouched on its own version
}

TEST_F(CoreParameterLabelService, UnlabelListsALabelNamedTwiceOnce) {
  repo_.SetLabel(Key("/p"), "prod", 2);
  auto out = service_.Unlabel(Key("/p"), 2, {"prod", "prod", "x", "x"});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->removed, (Labels{"prod"}));
  EXPECT_EQ(out->invalid, (Labels{"x"}));
}

TEST_F(CoreParameterLabelService, UnlabelOfAMissingParameterIsNotFound) {
  EXPECT_EQ(service_.Unlabel(Key("/missing"), 1, {"prod"}).status().code(), Code::kNotFound);
}

TEST_F(CoreParameterLabelService, UnlabelOfAMissingVersionIsVersionNotFound) {
  EXPECT_EQ(service_.Unlabel(Key("/p"), 9, {"prod"}).status().code(), Code::kVersionNotFound);
}

}  // namespace
}  // namespace paramsafe::core::testing
