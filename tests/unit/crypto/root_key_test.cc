#include "crypto/root_key.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "crypto/random.h"

namespace paramsafe::crypto {
namespace {

using core::Code;

constexpr std::string_view kHex =
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
// HMAC-SHA256(key 00..1f, "paramsafe root key id"), first 16 hex characters
// (computed independently with Python's hmac module).
constexpr std::string_view kHexId = "404f66714e9baed0";

class CryptoRootKeyFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "ps_root_key_XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    path_ = (dir_ / "root.key").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void WriteKeyFile(std::string_view content, mode_t mode) {
    std::ofstream(path_) << content;
    ASSERT_EQ(::chmod(path_.c_str(), mode), 0);
  }
  mode_t Mode() const {
    struct stat st;
    EXPECT_EQ(::stat(path_.c_str(), &st), 0);
    return st.st_mode & 07777;
  }

  std::filesystem::path dir_;
  std::string path_;
};

TEST(CryptoRootKeyTest, FromHexAcceptsLowerAndUpperCase) {
  const auto lower = RootKey::FromHex(kHex);
  ASSERT_TRUE(lower.ok()) << lower.status().ToString();
  std::string upper(kHex);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const auto upper_key = RootKey::FromHex(upper);
  ASSERT_TRUE(upper_key.ok()) << upper_key.status().ToString();
  EXPECT_EQ(lower->Id(), upper_key->Id());
}

TEST(CryptoRootKeyTest, FromHexRejectsBadInputWithoutEchoingIt) {
  const std::string good(kHex);
  const std::string inputs[] = {
      "",
      good.substr(0, 63),
      good + "0",
      good.substr(0, 62) + "zz",
      good.substr(0, 63) + " ",
      " " + good.substr(1),
      "0x" + good.substr(2),
      good.substr(0, 31) + "g" + good.substr(32),
      std::string(64, '\0'),
  };
  for (const std::string& input : inputs) {
    const auto key = RootKey::FromHex(input);
    ASSERT_FALSE(key.ok()) << "accepted input #" << (&input - inputs);
    EXPECT_EQ(key.status().code(), Code::kInvalidArgument);
    const std::string& reason = key.status().reason();
    if (input.size() >= 8) {
      // No 8-character piece of the input may appear in the message.
      for (std::size_t i = 0; i + 8 <= input.size(); ++i) {
        EXPECT_EQ(reason.find(input.substr(i, 8)), std::string::npos) << reason;
      }
    }
  }
}

TEST(CryptoRootKeyTest, IdIsThePublicFingerprint) {
  const auto key = RootKey::FromHex(kHex);
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->Id(), kHexId);
}

TEST(CryptoRootKeyTest, DifferentKeysHaveDifferentIds) {
  const auto a = RootKey::FromHex(kHex);
  const auto b = RootKey::FromHex(RandomString(64, "0123456789abcdef"));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->Id(), b->Id());
}

TEST(CryptoRootKeyTest, WrapThenUnwrapNeedsTheSameAssociatedData) {
  const auto key = RootKey::FromHex(kHex);
  ASSERT_TRUE(key.ok());
  const std::uint8_t material[4] = {1, 2, 3, 4};
  const auto blob = key->Wrap("ad", material, sizeof(material));
  const auto opened = key->Unwrap("ad", blob);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, core::SecureBuffer(material, material + 4));
  EXPECT_EQ(key->Unwrap("other", blob).status().code(), Code::kDecryptFailed);
}

TEST_F(CryptoRootKeyFileTest, CreatesFileWithMode0600AndLoadsTheSameKeyBack) {
  const mode_t old_umask = ::umask(022);
  const auto created = RootKey::LoadOrCreateFile(path_);
  ::umask(old_umask);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(Mode(), 0600u);

  std::ifstream in(path_);
  const std::string content((std::istreambuf_iterator<char>(in)), {});
  ASSERT_EQ(content.size(), 65u);
  EXPECT_EQ(content.find_first_not_of("0123456789abcdef"), 64u);
  EXPECT_EQ(content.back(), '\n');

  const auto loaded = RootKey::LoadOrCreateFile(path_);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->Id(), created->Id());
  const auto from_hex = RootKey::FromHex(std::string_view(content).substr(0, 64));
  ASSERT_TRUE(from_hex.ok());
  EXPECT_EQ(from_hex->Id(), created->Id());
}

TEST_F(CryptoRootKeyFileTest, CreatedFileIs0600EvenUnderARestrictiveUmask) {
  const mode_t old_umask = ::umask(0377);
  const auto created = RootKey::LoadOrCreateFile(path_);
  ::umask(old_umask);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(Mode(), 0600u);
  EXPECT_TRUE(RootKey::LoadOrCreateFile(path_).ok());
}

TEST_F(CryptoRootKeyFileTest, Refuses0644File) {
  WriteKeyFile(std::string(kHex) + "\n", 0644);
  const auto key = RootKey::LoadOrCreateFile(path_);
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(key.status().reason(),
            "root key file " + path_ + " must not be readable by group or others (chmod 600)");
}

TEST_F(CryptoRootKeyFileTest, RefusesFileWithAnyGroupOrOtherBit) {
  for (mode_t mode : {0640, 0620, 0610, 0604, 0602, 0601}) {
    WriteKeyFile(std::string(kHex) + "\n", mode);
    const auto key = RootKey::LoadOrCreateFile(path_);
    ASSERT_FALSE(key.ok()) << std::oct << mode;
    EXPECT_EQ(key.status().code(), Code::kInvalidArgument);
  }
}

TEST_F(CryptoRootKeyFileTest, AcceptsOwnerOnlyFileWithTrailingWhitespace) {
  WriteKeyFile(std::string(kHex) + " \r\n\n\t", 0400);
  const auto key = RootKey::LoadOrCreateFile(path_);
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(key->Id(), kHexId);
}

TEST_F(CryptoRootKeyFileTest, RefusesMalformedContentWithoutEchoingIt) {
  const std::string content = "this-is-not-a-key-but-it-might-be-a-password-0123456789abcdef";
  WriteKeyFile(content, 0600);
  const auto key = RootKey::LoadOrCreateFile(path_);
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(key.status().reason().find("password"), std::string::npos);
  EXPECT_NE(key.status().reason().find(path_), std::string::npos);
}

TEST_F(CryptoRootKeyFileTest, ReportsAMissingDirectory) {
  const auto key = RootKey::LoadOrCreateFile((dir_ / "missing" / "root.key").string());
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.status().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace paramsafe::crypto
