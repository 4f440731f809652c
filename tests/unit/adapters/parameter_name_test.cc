#include "ssm/parameter_name.h"

#include <gtest/gtest.h>

#include <string>

#include "ssm/errors.h"

namespace paramsafe::adapters::ssm {
namespace {

using core::Code;
using core::Detail;

constexpr char kRegion[] = "us-east-1";
constexpr char kAccount[] = "123456789012";
// "arn:aws:ssm:us-east-1:123456789012:parameter/" is 45 characters, which leaves
// 1011 - 45 = 966 characters of name (without its leading slash).
constexpr std::size_t kNameRoom = 966;

std::string Levels(int n) {
  std::string s;
  for (int i = 1; i <= n; ++i) s += "/l" + std::to_string(i);
  return s;
}

// What AWS answers for a name on PutParameter.
enum class Expect { kOk, kValidation, kAccessDenied, kTooDeep };

struct NameCase {
  std::string label;
  std::string name;
  Expect expect;
};

void PrintTo(const NameCase& c, std::ostream* os) { *os << c.label; }

class AdaptersSsmNameForWrite : public ::testing::TestWithParam<NameCase> {};

TEST_P(AdaptersSsmNameForWrite, IsJudgedAsAwsDoes) {
  const NameCase& c = GetParam();
  core::Status s = ValidateNameForWrite(c.name, kRegion, kAccount);
  const AwsError e = ErrorFromStatus(s);
  switch (c.expect) {
    case Expect::kOk:
      EXPECT_TRUE(s.ok()) << s.ToString();
      break;
    case Expect::kValidation:
      EXPECT_EQ(s.code(), Code::kInvalidArgument);
      EXPECT_EQ(e.type, "ValidationException") << s.ToString();
      break;
    case Expect::kAccessDenied:
      EXPECT_EQ(s.detail(), Detail::kReservedName) << s.ToString();
      EXPECT_EQ(e.type, "AccessDeniedException");
      break;
    case Expect::kTooDeep:
      EXPECT_EQ(s.detail(), Detail::kHierarchyTooDeep) << s.ToString();
      EXPECT_EQ(e.type, "HierarchyLevelLimitExceededException");
      break;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, AdaptersSsmNameForWrite,
    ::testing::Values(
        // Valid names.
        NameCase{"single_level", "MyParameter", Expect::kOk},
        NameCase{"single_level_with_slash", "/MyParameter", Expect::kOk},
        NameCase{"one_char", "a", Expect::kOk},
        NameCase{"hierarchy", "/Dev/DBServer/MySQL/db-string13", Expect::kOk},
        NameCase{"all_symbols", "/a.b-c_d/E.F-G_H9", Expect::kOk},
        NameCase{"digits_first", "/1/2/3", Expect::kOk},
        NameCase{"aws_not_first_level", "/prod/aws/x", Expect::kOk},
        NameCase{"ssm_not_first_level", "/prod/ssm", Expect::kOk},
        NameCase{"aws_inside_first_level", "/myaws/x", Expect::kOk},
        NameCase{"near_aws", "awx", Expect::kOk},
        NameCase{"near_ssm", "/sm/x", Expect::kOk},
        NameCase{"fifteen_levels", Levels(15), Expect::kOk},
        // Characters.
        NameCase{"inner_space", "my param", Expect::kValidation},
        NameCase{"space_in_hierarchy", "/a/my param", Expect::kValidation},
        NameCase{"leading_space", " a", Expect::kValidation},
        NameCase{"trailing_space", "a ", Expect::kValidation},
        NameCase{"colon", "a:b", Expect::kValidation},
        NameCase{"dollar", "a$b", Expect::kValidation},
        NameCase{"star", "/a/*", Expect::kValidation},
        NameCase{"backslash", "a\\b", Expect::kValidation},
        NameCase{"non_ascii", "caf\xC3\xA9", Expect::kValidation},
        NameCase{"empty", "", Expect::kValidation},
        // Shape of the hierarchy.
        NameCase{"double_slash", "/a//b", Expect::kValidation},
        NameCase{"leading_double_slash", "//a", Expect::kValidation},
        NameCase{"trailing_slash", "/a/b/", Expect::kValidation},
        NameCase{"single_level_trailing_slash", "a/", Expect::kValidation},
        NameCase{"root_only", "/", Expect::kValidation},
        NameCase{"hierarchy_without_leading_slash", "MyParameter3/L1", Expect::kValidation},
        // Reserved prefixes: single level is a validation error.
        NameCase{"aws", "aws", Expect::kValidation},
        NameCase{"aws_prefix", "awsTest", Expect::kValidation},
        NameCase{"AWS_upper", "AWS-x", Expect::kValidation},
        NameCase{"ssm", "ssm", Expect::kValidation},
        NameCase{"Ssm_mixed", "Ssm1", Expect::kValidation},
        NameCase{"slash_aws", "/aws", Expect::kValidation},
        NameCase{"slash_SSM", "/SSMx", Expect::kValidation},
        // In a hierarchy, /aws... is reserved (access denied), /ssm... is invalid.
        NameCase{"aws_path", "/aws/x/y", Expect::kAccessDenied},
        NameCase{"aws_two_levels", "/aws/x", Expect::kAccessDenied},
        NameCase{"AWS_path_upper", "/AWS/x", Expect::kAccessDenied},
        NameCase{"awssec_path", "/awssec/lab01/vpc_id", Expect::kAccessDenied},
        NameCase{"ssm_path", "/ssm/x/y", Expect::kValidation},
        NameCase{"SSM_path_upper", "/SSM/x", Expect::kValidation},
        // Depth.
        NameCase{"sixteen_levels", Levels(16), Expect::kTooDeep},
        NameCase{"thirty_levels", Levels(30), Expect::kTooDeep},
        // Length, with the ARN prefix.
        NameCase{"longest_single_level", std::string(kNameRoom, 'n'), Expect::kOk},
        NameCase{"longest_with_slash", "/" + std::string(kNameRoom, 'n'), Expect::kOk},
        NameCase{"one_too_long", std::string(kNameRoom + 1, 'n'), Expect::kValidation},
        NameCase{"one_too_long_with_slash", "/" + std::string(kNameRoom + 1, 'n'),
                 Expect::kValidation},
        NameCase{"longest_hierarchy", "/a/" + std::string(kNameRoom - 2, 'n'), Expect::kOk},
        NameCase{"hierarchy_too_long", "/a/" + std::string(kNameRoom - 1, 'n'),
                 Expect::kValidation}),
    [](const auto& info) { return info.param.label; });

TEST(AdaptersSsmName, ReservedSingleLevelPrefixHasAwsText) {
  core::Status s = ValidateNameForWrite("awsTest", kRegion, kAccount);
  EXPECT_EQ(s.reason(),
            "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive).");
}

TEST(AdaptersSsmName, ReservedAwsPathHasAwsText) {
  core::Status s = ValidateNameForWrite("/aws/x/y", kRegion, kAccount);
  EXPECT_EQ(s.reason(), "No access to reserved parameter name: /aws/x/y.");
}

TEST(AdaptersSsmName, SsmPathHasAwsText) {
  core::Status s = ValidateNameForWrite("/ssm/x/y", kRegion, kAccount);
  EXPECT_EQ(s.reason(),
            "Parameter name: can't be prefixed with \"ssm\" (case-insensitive). If formed as a "
            "path, it can consist of sub-paths divided by slash symbol; each sub-path can be "
            "formed as a mix of letters, numbers and the following 3 symbols .-_");
}

TEST(AdaptersSsmName, FullyQualifiedRuleHasAwsText) {
  core::Status s = ValidateNameForWrite("MyParameter3/L1", kRegion, kAccount);
  EXPECT_NE(s.reason().find("fully qualified"), std::string::npos) << s.reason();
}

// The ARN prefix depends on region and account, so the room for the name does too.
TEST(AdaptersSsmName, LengthLimitCountsTheRegion) {
  const std::string name(kNameRoom, 'n');
  EXPECT_TRUE(ValidateNameForWrite(name, "us-east-1", kAccount).ok());
  EXPECT_FALSE(ValidateNameForWrite(name, "ap-southeast-2", kAccount).ok());
}

struct ReadCase {
  std::string label;
  std::string name;
  bool ok;
};

void PrintTo(const ReadCase& c, std::ostream* os) { *os << c.label; }

class AdaptersSsmNameForRead : public ::testing::TestWithParam<ReadCase> {};

TEST_P(AdaptersSsmNameForRead, ChecksOnlyCharacters) {
  core::Status s = ValidateNameForRead(GetParam().name);
  EXPECT_EQ(s.ok(), GetParam().ok) << s.ToString();
  if (!s.ok()) {
    EXPECT_EQ(s.code(), Code::kInvalidArgument);
  }
}

INSTANTIATE_TEST_SUITE_P(Table, AdaptersSsmNameForRead,
                         ::testing::Values(ReadCase{"plain", "/a/b", true},
                                           ReadCase{"reserved_is_readable", "/aws/x/y", true},
                                           ReadCase{"space", "/a b", false},
                                           ReadCase{"colon", "/a:1", false},
                                           ReadCase{"non_ascii", "\xC3\xA9", false}),
                         [](const auto& info) { return info.param.label; });

// --- selectors ------------------------------------------------------------------

TEST(AdaptersSsmSelector, NoSelectorKeepsTheName) {
  auto s = ParseSelector("/a/b");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->name, "/a/b");
  EXPECT_FALSE(s->version.has_value());
  EXPECT_FALSE(s->label.has_value());
  EXPECT_EQ(s->text, "");
}

TEST(AdaptersSsmSelector, DigitsSelectAVersion) {
  auto s = ParseSelector("/a/b:3");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->name, "/a/b");
  EXPECT_EQ(s->version, 3);
  EXPECT_FALSE(s->label.has_value());
  EXPECT_EQ(s->text, ":3");
}

TEST(AdaptersSsmSelector, TextSelectsALabel) {
  auto s = ParseSelector("/a/b:prod");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->name, "/a/b");
  EXPECT_EQ(s->label, "prod");
  EXPECT_FALSE(s->version.has_value());
  EXPECT_EQ(s->text, ":prod");
}

TEST(AdaptersSsmSelector, MixedDigitsAndLettersIsALabel) {
  auto s = ParseSelector("p:1a");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->label, "1a");
}

TEST(AdaptersSsmSelector, EmptySelectorIsRefused) {
  auto s = ParseSelector("/a:");
  EXPECT_EQ(s.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(s.status().reason(),
            "Invalid parameter name. Please use correct syntax for referencing a version/label  "
            "<name>:<version/label>");
}

TEST(AdaptersSsmSelector, TwoColonsAreRefused) {
  EXPECT_EQ(ParseSelector("/a:1:2").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(ParseSelector("/a::1").status().code(), Code::kInvalidArgument);
}

TEST(AdaptersSsmSelector, LargestAcceptedVersionParses) {
  auto s = ParseSelector("/a:999999999999999999");  // 18 digits
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->version, 999999999999999999);
}

TEST(AdaptersSsmSelector, HugeVersionIsRefusedWithoutOverflow) {
  auto s = ParseSelector("/a:99999999999999999999999999999");
  EXPECT_EQ(s.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(ErrorFromStatus(s.status()).type, "ValidationException");
}

TEST(AdaptersSsmArn, HierarchicalArnNamesTheSlashedName) {
  auto s = ParseNameOrArn("arn:aws:ssm:us-east-1:123456789012:parameter/a/b", "us-east-1",
                          "123456789012");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->name, "/a/b");
  EXPECT_EQ(s->text, "");
}

TEST(AdaptersSsmArn, SingleLevelArnNamesThePlainName) {
  auto s = ParseNameOrArn("arn:aws:ssm:us-east-1:123456789012:parameter/x", "us-east-1",
                          "123456789012");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->name, "x");
}

TEST(AdaptersSsmArn, SelectorAfterTheArnIsParsed) {
  auto v = ParseNameOrArn("arn:aws:ssm:us-east-1:123456789012:parameter/a/b:7", "us-east-1",
                          "123456789012");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->name, "/a/b");
  EXPECT_EQ(v->version, 7);
  EXPECT_EQ(v->text, ":7");
  auto l = ParseNameOrArn("arn:aws:ssm:us-east-1:123456789012:parameter/a:prod", "us-east-1",
                          "123456789012");
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_EQ(l->label, "prod");
}

TEST(AdaptersSsmArn, OtherAccountOrRegionIsNotFound) {
  EXPECT_EQ(ParseNameOrArn("arn:aws:ssm:eu-west-1:123456789012:parameter/a", "us-east-1",
                           "123456789012")
                .status()
                .code(),
            Code::kNotFound);
  EXPECT_EQ(ParseNameOrArn("arn:aws:ssm:us-east-1:111111111111:parameter/a", "us-east-1",
                           "123456789012")
                .status()
                .code(),
            Code::kNotFound);
}

TEST(AdaptersSsmArn, MalformedArnsAreValidationErrors) {
  for (const char* bad : {"arn:aws:ssm:us-east-1", "arn:aws:secretsmanager:us-east-1:123456789012:parameter/a",
                          "arn:aws:ssm:us-east-1:123456789012:document/a",
                          "arn:aws:ssm:us-east-1:123456789012:parameter/",
                          "arn::ssm:us-east-1:123456789012:parameter/a"}) {
    auto s = ParseNameOrArn(bad, "us-east-1", "123456789012");
    EXPECT_EQ(s.status().code(), Code::kInvalidArgument) << bad;
  }
}

TEST(AdaptersSsmArn, PlainNamesParseAsSelectors) {
  auto s = ParseNameOrArn("/a/b:3", "us-east-1", "123456789012");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->name, "/a/b");
  EXPECT_EQ(s->version, 3);
}

}  // namespace
}  // namespace paramsafe::adapters::ssm
