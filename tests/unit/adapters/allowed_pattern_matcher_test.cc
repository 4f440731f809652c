// AllowedPatternMatcher: whole-value matching, invalid patterns, and bounded
// effort on hostile patterns.
#include "ssm/allowed_pattern_matcher.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace paramsafe::adapters::ssm {
namespace {

using core::Code;
using core::Detail;

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST(AdaptersAllowedPattern, AcceptsAMatchingValue) {
  EXPECT_TRUE(AllowedPatternMatcher().Check("^\\d+$", "12345").ok());
}

TEST(AdaptersAllowedPattern, MustMatchTheWholeValue) {
  EXPECT_EQ(AllowedPatternMatcher().Check("[a-z]+", "abc123").detail(), Detail::kPatternMismatch);
}

TEST(AdaptersAllowedPattern, InvalidRegexIsInvalidPattern) {
  auto s = AllowedPatternMatcher().Check("([a-z", "v");
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_EQ(s.detail(), Detail::kInvalidPattern);
}

TEST(AdaptersAllowedPattern, MismatchDoesNotRevealTheValue) {
  auto s = AllowedPatternMatcher().Check("^\\d+$", "secret-value-xyz");
  EXPECT_EQ(s.reason().find("secret-value-xyz"), std::string::npos);
}

// std::regex recursed once per byte: this value overflowed an 8 MB stack.
TEST(AdaptersAllowedPattern, LongValueUnderARepeatedGroupDoesNotCrash) {
  std::string value = Repeat("\xF0\x9F\x94\x91", 8192);  // U+1F511, 32768 bytes
  auto s = AllowedPatternMatcher().Check("^(.|x)*$", value);
  EXPECT_TRUE(s.ok() || s.detail() == Detail::kPatternMismatch) << s.ToString();
}

// Exponential backtracking is cut off by the state budget and reported as not
// validated. The bound is checked by outcome, not by timing.
TEST(AdaptersAllowedPattern, CatastrophicBacktrackingIsRefusedNotRun) {
  auto s = AllowedPatternMatcher().Check("(a|a)*b", Repeat("a", 64));
  EXPECT_EQ(s.detail(), Detail::kPatternMismatch);
}

}  // namespace
}  // namespace paramsafe::adapters::ssm
