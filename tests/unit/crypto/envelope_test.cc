#include "crypto/envelope.h"

#include <gtest/gtest.h>

#include <string>

#include "crypto/random.h"

namespace paramsafe::crypto {
namespace {

using core::Code;
using core::SecureBuffer;

SecureBuffer RandomKey() {
  SecureBuffer key(kAeadKeySize);
  RandomBytes(key.data(), key.size());
  return key;
}

std::vector<std::uint8_t> Seal(const SecureBuffer& key, std::string_view ad, std::string_view pt) {
  return AeadSeal(key, ad, reinterpret_cast<const std::uint8_t*>(pt.data()), pt.size());
}

TEST(CryptoEnvelopeTest, SealThenOpenGivesThePlaintext) {
  const SecureBuffer key = RandomKey();
  const auto blob = Seal(key, "ad", "correct horse battery staple");
  EXPECT_EQ(blob.size(), 28 + kAeadOverhead);
  const auto opened = AeadOpen(key, "ad", blob);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(core::AsStringView(*opened), "correct horse battery staple");
}

TEST(CryptoEnvelopeTest, EmptyPlaintextRoundTrips) {
  const SecureBuffer key = RandomKey();
  const auto blob = Seal(key, "", "");
  ASSERT_EQ(blob.size(), kAeadOverhead);
  const auto opened = AeadOpen(key, "", blob);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_TRUE(opened->empty());
}

TEST(CryptoEnvelopeTest, SealingTwiceUsesFreshNonces) {
  const SecureBuffer key = RandomKey();
  EXPECT_NE(Seal(key, "ad", "same"), Seal(key, "ad", "same"));
}

TEST(CryptoEnvelopeTest, AnyChangedByteFailsWithoutPlaintext) {
  const SecureBuffer key = RandomKey();
  const auto blob = Seal(key, "ad", "a secret value");
  for (std::size_t i = 0; i < blob.size(); ++i) {
    auto tampered = blob;
    tampered[i] ^= 0x01;
    const auto opened = AeadOpen(key, "ad", tampered);
    ASSERT_FALSE(opened.ok()) << "byte " << i;
    EXPECT_EQ(opened.status().code(), Code::kDecryptFailed);
    EXPECT_EQ(opened.status().reason().find("secret"), std::string::npos);
  }
}

TEST(CryptoEnvelopeTest, OtherAssociatedDataFails) {
  const SecureBuffer key = RandomKey();
  const auto opened = AeadOpen(key, "other", Seal(key, "ad", "value"));
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), Code::kDecryptFailed);
}

TEST(CryptoEnvelopeTest, OtherKeyFails) {
  const auto opened = AeadOpen(RandomKey(), "ad", Seal(RandomKey(), "ad", "value"));
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), Code::kDecryptFailed);
}

TEST(CryptoEnvelopeTest, ShortOrEmptyBlobFails) {
  const SecureBuffer key = RandomKey();
  for (std::size_t n : {0u, 1u, 12u, 27u}) {
    const auto opened = AeadOpen(key, "ad", std::vector<std::uint8_t>(n, 0));
    ASSERT_FALSE(opened.ok()) << n;
    EXPECT_EQ(opened.status().code(), Code::kDecryptFailed);
  }
}

TEST(CryptoEnvelopeTest, TruncatedBlobFails) {
  const SecureBuffer key = RandomKey();
  auto blob = Seal(key, "ad", "value");
  blob.pop_back();
  const auto opened = AeadOpen(key, "ad", blob);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), Code::kDecryptFailed);
}

TEST(CryptoEnvelopeTest, KeyOfWrongSizeFailsToOpen) {
  const SecureBuffer key = RandomKey();
  const auto blob = Seal(key, "ad", "value");
  const SecureBuffer short_key(key.begin(), key.begin() + 16);
  const auto opened = AeadOpen(short_key, "ad", blob);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), Code::kDecryptFailed);
}

TEST(CryptoEnvelopeTest, AssociatedDataHasCanonicalBytes) {
  const std::string got = EncodeAssociatedData({"parameter", "arn:x", 3}, "k", 12);
  const std::string want = std::string("paramsafe-ad-v1") + std::string("\0\0\0\x09parameter", 13) +
                           std::string(
                               "\0\0\0\x05"
                               "arn:x",
                               9) +
                           std::string(
                               "\0\0\0\x01"
                               "3",
                               5) +
                           std::string("\0\0\0\x01k", 5) +
                           std::string(
                               "\0\0\0\x02"
                               "12",
                               6);
  EXPECT_EQ(got, want);
}

TEST(CryptoEnvelopeTest, AssociatedDataKeepsFieldBoundaries) {
  EXPECT_NE(EncodeAssociatedData({"ab", "c", 1}, "k", 1),
            EncodeAssociatedData({"a", "bc", 1}, "k", 1));
  EXPECT_NE(EncodeAssociatedData({"a", "b", 12}, "k", 1),
            EncodeAssociatedData({"a", "b", 1}, "2k", 1));
}

}  // namespace
}  // namespace paramsafe::crypto
