// Wycheproof AES-GCM vectors (testdata/wycheproof, see its SOURCE.md) run through
// AeadOpen: every AES-256 / 96-bit IV / 128-bit tag case, the only shape the
// envelope produces. A valid case must decrypt to its message; an invalid one
// (a modified tag) must fail with kDecryptFailed and yield nothing.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "crypto/envelope.h"

namespace paramsafe::crypto {
namespace {

constexpr char kVectors[] =
    PARAMSAFE_SHARED_DIR "/testdata/wycheproof/testvectors_v1/aes_gcm_test.json";

std::vector<std::uint8_t> Unhex(std::string_view hex) {
  EXPECT_EQ(hex.size() % 2, 0u);
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<std::uint8_t>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

struct Vector {
  int id;
  std::vector<std::uint8_t> key, iv, aad, msg, ct, tag;
  bool valid;
};

// The AES-256 / 96-bit IV / 128-bit tag cases of the file.
std::vector<Vector> LoadVectors() {
  std::ifstream in(kVectors);
  EXPECT_TRUE(in) << "cannot read " << kVectors;
  std::stringstream text;
  text << in.rdbuf();
  const boost::json::value root = boost::json::parse(text.str());
  std::vector<Vector> vectors;
  for (const boost::json::value& group : root.at("testGroups").as_array()) {
    if (group.at("keySize").to_number<int>() != 256 || group.at("ivSize").to_number<int>() != 96 ||
        group.at("tagSize").to_number<int>() != 128) {
      continue;
    }
    for (const boost::json::value& test : group.at("tests").as_array()) {
      auto field = [&](const char* name) {
        return Unhex(std::string_view(test.at(name).as_string()));
      };
      const std::string_view result(test.at("result").as_string());
      EXPECT_TRUE(result == "valid" || result == "invalid") << result;
      vectors.push_back({static_cast<int>(test.at("tcId").to_number<int>()), field("key"),
                         field("iv"), field("aad"), field("msg"), field("ct"), field("tag"),
                         result == "valid"});
    }
  }
  return vectors;
}

core::Result<core::SecureBuffer> OpenVector(const Vector& v) {
  std::vector<std::uint8_t> blob = v.iv;
  blob.insert(blob.end(), v.ct.begin(), v.ct.end());
  blob.insert(blob.end(), v.tag.begin(), v.tag.end());
  const core::SecureBuffer key(v.key.begin(), v.key.end());
  return AeadOpen(key, std::string_view(reinterpret_cast<const char*>(v.aad.data()), v.aad.size()),
                  blob);
}

TEST(CryptoWycheproofAesGcmTest, FileHoldsTheExpectedAes256Cases) {
  // 66 cases per SOURCE.md: a wrong filter or a changed file must not pass
  // silently with nothing checked.
  const std::vector<Vector> vectors = LoadVectors();
  int valid = 0;
  for (const Vector& v : vectors) valid += v.valid ? 1 : 0;
  EXPECT_EQ(vectors.size(), 66u);
  EXPECT_EQ(valid, 39);
}

TEST(CryptoWycheproofAesGcmTest, ValidVectorsDecryptToTheMessage) {
  int checked = 0;
  for (const Vector& v : LoadVectors()) {
    if (!v.valid) continue;
    const auto opened = OpenVector(v);
    ASSERT_TRUE(opened.ok()) << "tcId " << v.id << ": " << opened.status().ToString();
    EXPECT_EQ(std::vector<std::uint8_t>(opened->begin(), opened->end()), v.msg) << "tcId " << v.id;
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

TEST(CryptoWycheproofAesGcmTest, InvalidVectorsAreRejected) {
  int checked = 0;
  for (const Vector& v : LoadVectors()) {
    if (v.valid) continue;
    const auto opened = OpenVector(v);
    EXPECT_FALSE(opened.ok()) << "tcId " << v.id << " was accepted";
    EXPECT_EQ(opened.status().code(), core::Code::kDecryptFailed) << "tcId " << v.id;
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

}  // namespace
}  // namespace paramsafe::crypto
