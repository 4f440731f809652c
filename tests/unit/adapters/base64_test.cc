#include "common/base64.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace paramsafe::adapters {
namespace {

std::string Encode(std::string_view s) {
  return Base64Encode(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
}

struct Vector {
  const char* input;
  const char* expected;
};

void PrintTo(const Vector& v, std::ostream* os) { *os << '"' << v.input << '"'; }

class AdaptersBase64Rfc4648 : public ::testing::TestWithParam<Vector> {};

TEST_P(AdaptersBase64Rfc4648, Encodes) {
  EXPECT_EQ(Encode(GetParam().input), GetParam().expected) << "input: " << GetParam().input;
}

// RFC 4648, section 10.
INSTANTIATE_TEST_SUITE_P(Section10, AdaptersBase64Rfc4648,
                         ::testing::Values(Vector{"", ""}, Vector{"f", "Zg=="},
                                           Vector{"fo", "Zm8="}, Vector{"foo", "Zm9v"},
                                           Vector{"foob", "Zm9vYg=="}, Vector{"fooba", "Zm9vYmE="},
                                           Vector{"foobar", "Zm9vYmFy"}));

TEST(AdaptersBase64, UsesPlusAndSlash) {
  EXPECT_EQ(Base64Encode(std::vector<std::uint8_t>{0xFB, 0xFF}), "+/8=");
  EXPECT_EQ(Base64Encode(std::vector<std::uint8_t>{0xFF, 0xFE, 0xFD}), "//79");
}

TEST(AdaptersBase64, EncodesZeroBytes) {
  EXPECT_EQ(Base64Encode(std::vector<std::uint8_t>{0, 0, 0, 0}), "AAAAAA==");
}

TEST(AdaptersBase64, EncodesEveryByteValue) {
  std::vector<std::uint8_t> all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<std::uint8_t>(i));
  const std::string out = Base64Encode(all);
  EXPECT_EQ(out.size(), 344u);  // 4 * ceil(256 / 3)
  EXPECT_EQ(out.substr(0, 8), "AAECAwQF");
  EXPECT_EQ(out.substr(out.size() - 8), "/P3+/w==");
}

std::string Decoded(std::string_view text) {
  auto out = Base64Decode(text);
  return out ? std::string(core::AsStringView(*out)) : "<refused>";
}

TEST_P(AdaptersBase64Rfc4648, DecodesWhatItEncodes) {
  EXPECT_EQ(Decoded(GetParam().expected), GetParam().input) << "input: " << GetParam().expected;
}

TEST(AdaptersBase64, DecodesEveryByteValue) {
  std::vector<std::uint8_t> all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<std::uint8_t>(i));
  auto out = Base64Decode(Base64Encode(all));
  ASSERT_TRUE(out.has_value());
  EXPECT_TRUE(std::equal(out->begin(), out->end(), all.begin(), all.end()));
}

TEST(AdaptersBase64, DecodingRefusesWhatNoEncoderWrites) {
  for (const char* bad : {"Zg", "Zm8", "Zg=", "Z===", "====", "Zm9v\n", "Zm 9v", "Zm9-", "Zm9_",
                          "Z=9v", "Zm=v", "Zg==Zg==", "Zm9v=", "\303\251AA"}) {
    EXPECT_FALSE(Base64Decode(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace paramsafe::adapters
