#include "core/parameter_names.h"

#include <gtest/gtest.h>

#include <string>

namespace paramsafe::core {
namespace {

struct NameCase {
  const char* name;
  const char* expected;
};

void PrintTo(const NameCase& c, std::ostream* os) { *os << '"' << c.name << '"'; }

class CoreParameterLookupName : public ::testing::TestWithParam<NameCase> {};

TEST_P(CoreParameterLookupName, Normalises) {
  EXPECT_EQ(ParameterLookupName(GetParam().name), GetParam().expected) << GetParam().name;
}

// Single-level names are the same with or without the leading slash; names in a
// hierarchy compare as written.
INSTANTIATE_TEST_SUITE_P(Table, CoreParameterLookupName,
                         ::testing::Values(NameCase{"/a", "a"},                //
                                           NameCase{"a", "a"},                 //
                                           NameCase{"/TestParam1", "TestParam1"},
                                           NameCase{"TestParam1", "TestParam1"},
                                           NameCase{"/a/b", "/a/b"},           //
                                           NameCase{"/a/b/c", "/a/b/c"},       //
                                           NameCase{"/", "/"},                 //
                                           NameCase{"", ""}));

class CoreParameterArn : public ::testing::TestWithParam<NameCase> {};

TEST_P(CoreParameterArn, DropsOnlyTheLeadingSlash) {
  EXPECT_EQ(ParameterArn("us-east-1", "123456789012", GetParam().name), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, CoreParameterArn,
    ::testing::Values(NameCase{"/a/b", "arn:aws:ssm:us-east-1:123456789012:parameter/a/b"},
                      NameCase{"x", "arn:aws:ssm:us-east-1:123456789012:parameter/x"},
                      NameCase{"/x", "arn:aws:ssm:us-east-1:123456789012:parameter/x"},
                      NameCase{"/Dev/DB/pw", "arn:aws:ssm:us-east-1:123456789012:parameter/Dev/DB/pw"}));

TEST(CoreParameterArnRegion, UsesRegionAndAccount) {
  EXPECT_EQ(ParameterArn("eu-west-3", "000000000000", "/a"),
            "arn:aws:ssm:eu-west-3:000000000000:parameter/a");
}

TEST(CoreParameterKey, FillsEveryField) {
  ItemKey k = ParameterKey("123456789012", "us-east-1", "/TestParam1");
  EXPECT_EQ(k.account_id, "123456789012");
  EXPECT_EQ(k.region, "us-east-1");
  EXPECT_EQ(k.kind, ItemKind::kParameter);
  EXPECT_EQ(k.name, "/TestParam1");
  EXPECT_EQ(k.lookup_name, "TestParam1");
}

TEST(CoreParameterKey, BothSpellingsOfASingleLevelNameShareALookupName) {
  EXPECT_EQ(ParameterKey("1", "r", "/p").lookup_name, ParameterKey("1", "r", "p").lookup_name);
}

}  // namespace
}  // namespace paramsafe::core
