// GeneratePassword: GetRandomPassword's classes, exclusions and requirements.
#include "core/password_generator.h"

#include <gtest/gtest.h>

#include <string>

#include "random_fakes.h"

namespace paramsafe::core {
namespace {

using testing::SequenceRandom;

std::string Generate(const PasswordOptions& o, std::uint64_t seed = 1) {
  SequenceRandom random(seed);
  auto p = GeneratePassword(o, random);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return p.ok() ? std::string(AsStringView(*p)) : std::string();
}

bool Has(const std::string& s, std::string_view chars) {
  return s.find_first_of(chars) != std::string::npos;
}

constexpr std::string_view kUpper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr std::string_view kLower = "abcdefghijklmnopqrstuvwxyz";
constexpr std::string_view kDigits = "0123456789";

TEST(CorePasswordGenerator, DefaultIs32CharactersWithEveryClass) {
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    std::string p = Generate({}, seed);
    ASSERT_EQ(p.size(), 32u);
    EXPECT_TRUE(Has(p, kUpper) && Has(p, kLower) && Has(p, kDigits) &&
                Has(p, kPasswordPunctuation))
        << "seed " << seed;
    EXPECT_FALSE(Has(p, " "));
  }
}

TEST(CorePasswordGenerator, ShortestPasswordStillHoldsEveryRequiredClass) {
  PasswordOptions o;
  o.length = 4;
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    std::string p = Generate(o, seed);
    EXPECT_TRUE(Has(p, kUpper) && Has(p, kLower) && Has(p, kDigits) &&
                Has(p, kPasswordPunctuation))
        << p;
  }
}

TEST(CorePasswordGenerator, RequiredCharactersLandAnywhere) {
  // The shuffle must move the required characters: over many seeds, the first
  // position holds characters of every class, not always an uppercase one.
  PasswordOptions o;
  o.length = 4;
  bool lower_first = false, digit_first = false;
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    std::string p = Generate(o, seed);
    lower_first = lower_first || kLower.find(p[0]) != std::string_view::npos;
    digit_first = digit_first || kDigits.find(p[0]) != std::string_view::npos;
  }
  EXPECT_TRUE(lower_first && digit_first);
}

TEST(CorePasswordGenerator, ExcludedClassesNeverAppear) {
  PasswordOptions o;
  o.length = 200;
  o.exclude_numbers = true;
  o.exclude_punctuation = true;
  o.exclude_uppercase = true;
  std::string p = Generate(o);
  EXPECT_EQ(p.find_first_not_of(kLower), std::string::npos) << p;
}

TEST(CorePasswordGenerator, ExcludedCharactersNeverAppear) {
  PasswordOptions o;
  o.length = 500;
  o.exclude_characters = "aeiouAEIOU0O1l\"'\\`";
  std::string p = Generate(o);
  EXPECT_EQ(p.find_first_of(o.exclude_characters), std::string::npos) << p;
}

TEST(CorePasswordGenerator, IncludeSpaceRequiresASpace) {
  PasswordOptions o;
  o.length = 5;
  o.include_space = true;
  for (std::uint64_t seed = 1; seed <= 50; ++seed) EXPECT_TRUE(Has(Generate(o, seed), " "));
}

TEST(CorePasswordGenerator, WithoutRequirementAnyClassMayBeMissing) {
  PasswordOptions o;
  o.length = 1;
  o.require_each_included_type = false;
  EXPECT_EQ(Generate(o).size(), 1u);
}

TEST(CorePasswordGenerator, AClassEmptiedByExclusionsIsNotRequired) {
  PasswordOptions o;
  o.length = 3;
  o.exclude_characters = std::string(kDigits);
  std::string p = Generate(o);
  EXPECT_EQ(p.size(), 3u);
  EXPECT_FALSE(Has(p, kDigits));
}

TEST(CorePasswordGenerator, TooShortForTheRequiredClassesIsRefused) {
  PasswordOptions o;
  o.length = 3;
  SequenceRandom random;
  auto p = GeneratePassword(o, random);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(p.status().reason(), "Password length is too short based on the required types.");
}

TEST(CorePasswordGenerator, NothingLeftToDrawFromIsRefused) {
  PasswordOptions o;
  o.exclude_numbers = o.exclude_punctuation = o.exclude_uppercase = true;
  o.exclude_characters = std::string(kLower);
  SequenceRandom random;
  auto p = GeneratePassword(o, random);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(random.calls, 0);
}

}  // namespace
}  // namespace paramsafe::core
