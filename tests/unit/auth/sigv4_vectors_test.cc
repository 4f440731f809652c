// Data-driven SigV4 tests over AWS's signing test suite, as re-packaged by
// awslabs/aws-c-auth (see ../shared/testdata/sigv4/SOURCE.md): for every case,
//  1. from the unsigned request.txt, signed as the case's context.json says, the
//     canonical request, string to sign and signature equal the expected files;
//  2. the signed request (header-signed-request.txt) verifies end to end, with a
//     clock set to the case's timestamp, through the pure functions and through
//     the Authenticator; a tampered copy is refused.
// Nothing is skipped silently: the query-* files are not read because presigned
// URLs are not supported (kNotUsedFiles), and the cases the Authenticator must
// refuse are listed with the reason (kAuthenticatorRefuses).
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <iterator>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "auth/amz_date.h"
#include "auth/authenticator.h"
#include "auth/canonical_request.h"
#include "auth/sigv4.h"
#include "core/clock.h"
#include "crypto/hash.h"
#include "fakes.h"
#include "http_message.h"

namespace paramsafe::auth {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using testing::HttpMessage;

const fs::path& SuiteDir() {
  static const fs::path dir = fs::path(PARAMSAFE_SHARED_DIR) / "testdata" / "sigv4" / "v4";
  return dir;
}

// SOURCE.md: 38 cases. A changed count means the suite changed: review the lists below.
constexpr std::size_t kExpectedCases = 38;

// Files of every case that these tests read, and those they deliberately do not.
constexpr std::string_view kUsedFiles[] = {"context.json",
                                           "request.txt",
                                           "header-canonical-request.txt",
                                           "header-string-to-sign.txt",
                                           "header-signature.txt",
                                           "header-signed-request.txt"};

struct Listed {
  std::string_view name;
  std::string_view reason;
};

constexpr Listed kNotUsedFiles[] = {
    {"query-canonical-request.txt", "presigned (query-string) SigV4 is not supported"},
    {"query-string-to-sign.txt", "presigned (query-string) SigV4 is not supported"},
    {"query-signature.txt", "presigned (query-string) SigV4 is not supported"},
    {"query-signed-request.txt", "presigned (query-string) SigV4 is not supported"}};

// Cases whose header-signed request the Authenticator refuses on purpose. Their
// clients signed the path without normalizing it (S3 style); the Authenticator
// serves ssm and secretsmanager, whose clients always normalize, so it does too.
// Steps 1 and 2 still run for them with normalize=false, and the test checks the
// refusal. (get-space-unnormalized is absent: normalizing does not change its path.)
constexpr Listed kAuthenticatorRefuses[] = {
    {"get-relative-relative-unnormalized", "path '/example1/example2/../..' signed unnormalized"},
    {"get-relative-unnormalized", "path '/example/..' signed unnormalized"},
    {"get-slash-dot-slash-unnormalized", "path '/./' signed unnormalized"},
    {"get-slash-pointless-dot-unnormalized", "path '/./example' signed unnormalized"},
    {"get-slash-unnormalized", "path '//' signed unnormalized"},
    {"get-slashes-unnormalized", "path '//example//' signed unnormalized"}};

// The entry of `list` named `name`, or nullptr.
template <std::size_t N>
const Listed* Find(const Listed (&list)[N], std::string_view name) {
  for (const Listed& entry : list) {
    if (entry.name == name) return &entry;
  }
  return nullptr;
}

bool IsUsedFile(std::string_view name) {
  return std::find(std::begin(kUsedFiles), std::end(kUsedFiles), name) != std::end(kUsedFiles);
}

std::vector<std::string> ListCases() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(SuiteDir(), ec)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The inputs of one case (context.json).
struct Context {
  std::string access_key_id;
  std::string secret_access_key;
  std::string token;  // "" when none
  std::string region;
  std::string service;
  std::string amz_date;  // from "timestamp", e.g. 2015-08-30T12:36:00Z -> 20150830T123600Z
  bool normalize = true;
  bool sign_body = false;
  bool omit_session_token = false;
};

Context ReadContext(const fs::path& dir) {
  const json::object root = json::parse(testing::ReadFileBytes(dir / "context.json")).as_object();
  const json::object& credentials = root.at("credentials").as_object();
  Context c;
  c.access_key_id = json::value_to<std::string>(credentials.at("access_key_id"));
  c.secret_access_key = json::value_to<std::string>(credentials.at("secret_access_key"));
  if (const json::value* token = credentials.if_contains("token")) {
    c.token = json::value_to<std::string>(*token);
  }
  c.region = json::value_to<std::string>(root.at("region"));
  c.service = json::value_to<std::string>(root.at("service"));
  for (char ch : json::value_to<std::string>(root.at("timestamp"))) {
    if (ch != '-' && ch != ':') c.amz_date.push_back(ch);
  }
  c.normalize = root.at("normalize").as_bool();
  c.sign_body = root.at("sign_body").as_bool();
  if (const json::value* omit = root.if_contains("omit_session_token")) {
    c.omit_session_token = omit->as_bool();
  }
  return c;
}

class AuthSigV4VectorTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = SuiteDir() / GetParam();
    context_ = ReadContext(dir_);
  }
  std::string Expected(const char* file) const { return testing::ReadFileBytes(dir_ / file); }
  std::string Scope() const {
    return context_.amz_date.substr(0, 8) + "/" + context_.region + "/" + context_.service +
           "/aws4_request";
  }
  core::SecureBuffer SigningKey() const {
    return DeriveSigningKey(context_.secret_access_key, context_.amz_date.substr(0, 8),
                            context_.region, context_.service);
  }

  fs::path dir_;
  Context context_;
};

// Step 1: sign request.txt the way the suite's signer did, header form.
TEST_P(AuthSigV4VectorTest, SigningTheUnsignedRequestGivesTheExpectedValues) {
  HttpMessage m = testing::ParseHttpMessage(Expected("request.txt"));
  m.AddHeader("X-Amz-Date", context_.amz_date);
  if (!context_.token.empty() && !context_.omit_session_token) {
    m.AddHeader("X-Amz-Security-Token", context_.token);
  }
  if (context_.sign_body) m.AddHeader("x-amz-content-sha256", crypto::Sha256Hex(m.body));
  std::set<std::string> names;  // the signer signs every header present
  for (const auto& [name, value] : m.headers) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    names.insert(lower);
  }
  const std::vector<std::string> signed_headers(names.begin(), names.end());

  const std::string canonical = CanonicalRequest(m.View(), signed_headers, context_.normalize);
  EXPECT_EQ(canonical, Expected("header-canonical-request.txt"));
  const std::string sts = StringToSign(context_.amz_date, Scope(), canonical);
  EXPECT_EQ(sts, Expected("header-string-to-sign.txt"));
  EXPECT_EQ(ComputeSignature(SigningKey(), sts), Expected("header-signature.txt"));
}

// Step 2: what a server receives.
TEST_P(AuthSigV4VectorTest, SignedRequestVerifiesEndToEnd) {
  const HttpMessage m = testing::ParseHttpMessage(Expected("header-signed-request.txt"));
  const auto info = ParseAuthorization(m.View());
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->signature, Expected("header-signature.txt"));
  EXPECT_EQ(info->Scope(), Scope());
  EXPECT_EQ(CanonicalRequest(m.View(), info->signed_headers, context_.normalize),
            Expected("header-canonical-request.txt"));

  const core::ManualClock clock(ParseAmzDate(context_.amz_date).value());
  EXPECT_TRUE(CheckClockSkew(info->request_time, clock.Now()).ok());
  const core::Status verified = VerifySignature(m.View(), *info, SigningKey(), context_.normalize);
  EXPECT_TRUE(verified.ok()) << verified.ToString();

  testing::FakeCredentialRepository repository;
  testing::FakeKeyring keyring;
  core::AccessKeyRecord record;
  record.access_key_id = context_.access_key_id;
  record.user_name = "suite";
  record.user_arn = "arn:aws:iam::123456789012:user/suite";
  record.sealed_secret =
      keyring.SealAccessKeySecret(context_.access_key_id, context_.secret_access_key);
  repository.PutAccessKey(record);
  Authenticator authenticator(repository, keyring, clock, std::chrono::minutes(1));

  const auto principal = authenticator.Authenticate(m.View());
  if (const Listed* refused = Find(kAuthenticatorRefuses, GetParam())) {
    EXPECT_EQ(principal.status().code(), core::Code::kSignatureMismatch) << refused->reason;
    return;
  }
  ASSERT_TRUE(principal.ok()) << principal.status().ToString();
  EXPECT_EQ(principal->access_key_id, context_.access_key_id);
  EXPECT_EQ(principal->arn, "arn:aws:iam::123456789012:user/suite");
  EXPECT_EQ(principal->region, context_.region);
  EXPECT_EQ(principal->service, context_.service);
}

TEST_P(AuthSigV4VectorTest, TamperedSignedRequestIsRefused) {
  HttpMessage m = testing::ParseHttpMessage(Expected("header-signed-request.txt"));
  m.body.append("x");
  const auto info = ParseAuthorization(m.View());
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(VerifySignature(m.View(), *info, SigningKey(), context_.normalize).code(),
            core::Code::kSignatureMismatch);
}

INSTANTIATE_TEST_SUITE_P(AwsSuite, AuthSigV4VectorTest, ::testing::ValuesIn(ListCases()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

// The suite is all there, every file is either used or listed as unused with a
// reason, and the exception list names only real cases.
TEST(AuthSigV4VectorSuiteTest, EveryCaseAndFileIsAccountedFor) {
  const std::vector<std::string> cases = ListCases();
  EXPECT_EQ(cases.size(), kExpectedCases) << "suite at " << SuiteDir();
  for (const std::string& name : cases) {
    for (const auto& entry : fs::directory_iterator(SuiteDir() / name)) {
      const std::string file = entry.path().filename().string();
      EXPECT_TRUE(IsUsedFile(file) != (Find(kNotUsedFiles, file) != nullptr))
          << name << "/" << file << " is neither used nor listed as unused";
    }
    for (const std::string_view file : kUsedFiles) {
      EXPECT_TRUE(fs::exists(SuiteDir() / name / file)) << name << "/" << file;
    }
  }
  for (const Listed& refused : kAuthenticatorRefuses) {
    EXPECT_EQ(std::count(cases.begin(), cases.end(), refused.name), 1)
        << refused.name << ": " << refused.reason;
  }
}

}  // namespace
}  // namespace paramsafe::auth
