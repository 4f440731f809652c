#include "crypto/random.h"

#include <gtest/gtest.h>

#include <array>
#include <map>
#include <set>
#include <string>

namespace paramsafe::crypto {
namespace {

constexpr std::string_view kAlphanumeric =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

TEST(CryptoRandomTest, RandomStringHasRequestedLengthAndOnlyAlphabetCharacters) {
  for (std::size_t n : {0u, 1u, 32u, 4096u}) {
    const std::string s = RandomString(n, kAlphanumeric);
    ASSERT_EQ(s.size(), n);
    EXPECT_EQ(s.find_first_not_of(kAlphanumeric), std::string::npos);
  }
}

TEST(CryptoRandomTest, RandomStringWithEmptyAlphabetIsEmpty) {
  EXPECT_EQ(RandomString(10, ""), "");
}

TEST(CryptoRandomTest, RandomStringIsRoughlyUniform) {
  // Three symbols: a biased modulo would favour some of them. With 30000 draws
  // each count is 10000 +- 82 (one standard deviation); the bound is 6 of them.
  std::map<char, int> counts;
  for (char c : RandomString(30000, "abc")) ++counts[c];
  ASSERT_EQ(counts.size(), 3u);
  for (const auto& [c, count] : counts) {
    EXPECT_NEAR(count, 10000, 500) << c;
  }
}

TEST(CryptoRandomTest, RandomStringReachesEveryCharacter) {
  const std::string s = RandomString(20000, kAlphanumeric);
  EXPECT_EQ(std::set<char>(s.begin(), s.end()).size(), kAlphanumeric.size());
}

// xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx with lowercase hex digits.
// (std::regex is avoided: g++ 12 warns inside <regex> under sanitizers.)
bool IsLowercaseUuidV4(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    const char c = s[i];
    if (dash ? c != '-' : std::string_view("0123456789abcdef").find(c) == std::string_view::npos) {
      return false;
    }
  }
  return s[14] == '4' && std::string_view("89ab").find(s[19]) != std::string_view::npos;
}

TEST(CryptoRandomTest, RandomUuidIsLowercaseVersion4) {
  for (int i = 0; i < 100; ++i) {
    const std::string uuid = RandomUuid();
    EXPECT_TRUE(IsLowercaseUuidV4(uuid)) << uuid;
  }
}

TEST(CryptoRandomTest, RandomUuidsAreDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(RandomUuid());
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(CryptoRandomTest, RandomBytesFillTheBuffer) {
  std::array<std::uint8_t, 64> a{};
  std::array<std::uint8_t, 64> b{};
  RandomBytes(a.data(), a.size());
  RandomBytes(b.data(), b.size());
  EXPECT_NE(a, b);
  EXPECT_NE(a, (std::array<std::uint8_t, 64>{}));
}

}  // namespace
}  // namespace paramsafe::crypto
