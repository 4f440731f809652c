// Unit tests of auth::Authenticator with an in-memory repository and keyring:
// the aws CLI requests, every refusal and its AWS text, and the cache (what it
// saves, when it forgets, that it never hides a deactivation after Invalidate).
#include "auth/authenticator.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "auth/amz_date.h"
#include "auth/canonical_request.h"
#include "auth/sigv4.h"
#include "cli_vectors.h"
#include "core/clock.h"
#include "core/metrics.h"
#include "fakes.h"
#include "http_message.h"

namespace paramsafe::auth {
namespace {

using core::Code;
using testing::HttpMessage;

constexpr char kKeyId[] = "TESTPARAMSAFEKEY0001";
// Distinctive, so a leak into any message is easy to spot.
constexpr char kSecret[] = "Zq8+SECRET/never-in-a-message/0123456789";
constexpr char kUserArn[] = "arn:aws:iam::210987654321:user/ops/alice";
constexpr char kNow[] = "20240101T001000Z";

core::TimePoint At(std::string_view amz_date) { return ParseAmzDate(amz_date).value(); }

// Signs m in place as botocore does: adds X-Amz-Date and signs the listed headers.
void Sign(HttpMessage& m, std::string_view key_id, std::string_view secret,
          std::string_view amz_date, std::string_view region = "us-east-1",
          std::string_view service = "ssm",
          std::vector<std::string> signed_headers = {"content-type", "host", "x-amz-date",
                                                     "x-amz-target"}) {
  m.AddHeader("X-Amz-Date", std::string(amz_date));
  const std::string date(amz_date.substr(0, 8));
  const std::string scope =
      date + "/" + std::string(region) + "/" + std::string(service) + "/aws4_request";
  const std::string canonical = CanonicalRequest(m.View(), signed_headers, true);
  const std::string signature = ComputeSignature(DeriveSigningKey(secret, date, region, service),
                                                 StringToSign(amz_date, scope, canonical));
  std::string list;
  for (const std::string& h : signed_headers) list += (list.empty() ? "" : ";") + h;
  m.AddHeader("Authorization", "AWS4-HMAC-SHA256 Credential=" + std::string(key_id) + "/" + scope +
                                   ", SignedHeaders=" + list + ", Signature=" + signature);
}

HttpMessage UnsignedRequest(std::string body = "{\"Name\": \"/x\"}") {
  HttpMessage m;
  m.method = "POST";
  m.path = "/";
  m.AddHeader("Host", "paramsafe.example:8443");
  m.AddHeader("X-Amz-Target", "AmazonSSM.GetParameter");
  m.AddHeader("Content-Type", "application/x-amz-json-1.1");
  m.body = std::move(body);
  return m;
}

class AuthAuthenticatorTest : public ::testing::Test {
 protected:
  AuthAuthenticatorTest() : clock_(At(kNow)) {
    AddKey(kKeyId, kSecret, /*active=*/true);
    AddKey(testing::kCliAccessKeyId, testing::kCliSecret, /*active=*/true);
  }

  void AddKey(std::string_view id, std::string_view secret, bool active) {
    core::AccessKeyRecord record;
    record.access_key_id = id;
    record.user_name = "alice";
    record.user_arn = kUserArn;
    record.active = active;
    record.sealed_secret = keyring_.SealAccessKeySecret(id, secret);
    repository_.PutAccessKey(record);
  }

  HttpMessage SignedRequest(std::string_view amz_date = kNow, std::string_view region = "us-east-1",
                            std::string_view secret = kSecret, std::string_view key_id = kKeyId) {
    HttpMessage m = UnsignedRequest();
    Sign(m, key_id, secret, amz_date, region);
    return m;
  }

  testing::FakeCredentialRepository repository_;
  testing::FakeKeyring keyring_;
  core::ManualClock clock_;
  Authenticator authenticator_{repository_, keyring_, clock_, std::chrono::minutes(1)};
};

TEST_F(AuthAuthenticatorTest, AcceptsTheAwsCliRequests) {
  for (const testing::CliVector* v : {&testing::kCliVectorA, &testing::kCliVectorB}) {
    SCOPED_TRACE(v->name);
    clock_.Set(At(v->amz_date));
    const HttpMessage m = testing::CliRequest(*v);
    const auto principal = authenticator_.Authenticate(m.View());
    ASSERT_TRUE(principal.ok()) << principal.status().ToString();
    EXPECT_EQ(principal->arn, kUserArn);
    EXPECT_EQ(principal->access_key_id, testing::kCliAccessKeyId);
    EXPECT_EQ(principal->user_name, "alice");
    EXPECT_EQ(principal->account_id, "210987654321");
    EXPECT_EQ(principal->region, "us-east-1");
    EXPECT_EQ(principal->service, "ssm");
  }
}

TEST_F(AuthAuthenticatorTest, ReturnsTheScopeServiceWithoutJudgingIt) {
  HttpMessage m = UnsignedRequest();
  Sign(m, kKeyId, kSecret, kNow, "eu-west-3", "secretsmanager");
  const auto principal = authenticator_.Authenticate(m.View());
  ASSERT_TRUE(principal.ok()) << principal.status().ToString();
  EXPECT_EQ(principal->service, "secretsmanager");
  EXPECT_EQ(principal->region, "eu-west-3");
}

TEST_F(AuthAuthenticatorTest, RefusesARequestTooOldWithAwsText) {
  const auto result = authenticator_.Authenticate(SignedRequest("20240101T000000Z").View());
  EXPECT_EQ(result.status().code(), Code::kSignatureMismatch);
  EXPECT_EQ(result.status().reason(),
            "Signature expired: 20240101T000000Z is now earlier than 20240101T000500Z "
            "(20240101T001000Z - 5 min.)");
  EXPECT_EQ(repository_.find_calls(), 0);
}

TEST_F(AuthAuthenticatorTest, RefusesARequestFromTheFutureWithAwsText) {
  const auto result = authenticator_.Authenticate(SignedRequest("20240101T002000Z").View());
  EXPECT_EQ(result.status().code(), Code::kSignatureMismatch);
  EXPECT_EQ(result.status().reason(),
            "Signature not yet current: 20240101T002000Z is still later than 20240101T001500Z "
            "(20240101T001000Z + 5 min.)");
}

TEST_F(AuthAuthenticatorTest, AcceptsSkewOfFiveMinutesEitherWay) {
  EXPECT_TRUE(authenticator_.Authenticate(SignedRequest("20240101T000500Z").View()).ok());
  EXPECT_TRUE(authenticator_.Authenticate(SignedRequest("20240101T001500Z").View()).ok());
}

TEST_F(AuthAuthenticatorTest, RefusesAWrongSecret) {
  const auto result =
      authenticator_.Authenticate(SignedRequest(kNow, "us-east-1", "not-the-secret").View());
  EXPECT_EQ(result.status().code(), Code::kSignatureMismatch);
  EXPECT_EQ(result.status().reason(), kSignatureMismatchMessage);
}

TEST_F(AuthAuthenticatorTest, RefusesAnUnknownKey) {
  const auto result = authenticator_.Authenticate(
      SignedRequest(kNow, "us-east-1", kSecret, "TESTUNKNOWNKEY000000").View());
  EXPECT_EQ(result.status().code(), Code::kUnrecognizedClient);
  EXPECT_EQ(result.status().reason(), "The security token included in the request is invalid.");
}

TEST_F(AuthAuthenticatorTest, RefusesAnInactiveKeyLikeAnUnknownOne) {
  AddKey(kKeyId, kSecret, /*active=*/false);
  const auto result = authenticator_.Authenticate(SignedRequest().View());
  EXPECT_EQ(result.status().code(), Code::kUnrecognizedClient);
  EXPECT_EQ(result.status().reason(), "The security token included in the request is invalid.");
  EXPECT_EQ(keyring_.open_calls(), 0);
}

TEST_F(AuthAuthenticatorTest, RefusesABodyChangedAfterSigning) {
  HttpMessage m = SignedRequest();
  m.body = "{\"Name\": \"/prod/db-password\"}";
  const auto result = authenticator_.Authenticate(m.View());
  EXPECT_EQ(result.status().code(), Code::kSignatureMismatch);
  EXPECT_EQ(result.status().reason(), kSignatureMismatchMessage);
}

TEST_F(AuthAuthenticatorTest, RefusesASignedHeaderChangedAfterSigning) {
  HttpMessage m = SignedRequest();
  m.headers[1].second = "AmazonSSM.DeleteParameter";
  EXPECT_EQ(authenticator_.Authenticate(m.View()).status().code(), Code::kSignatureMismatch);
}

TEST_F(AuthAuthenticatorTest, RefusesAMissingAuthorization) {
  HttpMessage m = UnsignedRequest();
  m.AddHeader("X-Amz-Date", kNow);
  const auto result = authenticator_.Authenticate(m.View());
  EXPECT_EQ(result.status().code(), Code::kMissingAuthentication);
  EXPECT_EQ(result.status().reason(), "Missing Authentication Token");
}

TEST_F(AuthAuthenticatorTest, RefusesAMissingSignaturePart) {
  HttpMessage m = UnsignedRequest();
  m.AddHeader("X-Amz-Date", kNow);
  const std::string header = std::string("AWS4-HMAC-SHA256 Credential=") + kKeyId +
                             "/20240101/us-east-1/ssm/aws4_request, "
                             "SignedHeaders=content-type;host;x-amz-date;x-amz-target";
  m.AddHeader("Authorization", header);
  const auto result = authenticator_.Authenticate(m.View());
  EXPECT_EQ(result.status().code(), Code::kIncompleteSignature);
  EXPECT_EQ(result.status().reason(),
            "Authorization header requires 'Signature' parameter. Authorization=" + header);
  EXPECT_EQ(repository_.find_calls(), 0);
}

TEST_F(AuthAuthenticatorTest, RefusesARequestWhoseHostIsNotSigned) {
  HttpMessage m = UnsignedRequest();
  Sign(m, kKeyId, kSecret, kNow, "us-east-1", "ssm", {"content-type", "x-amz-date"});
  const auto result = authenticator_.Authenticate(m.View());
  EXPECT_EQ(result.status().code(), Code::kSignatureMismatch);
  EXPECT_EQ(result.status().reason(),
            "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
}

TEST_F(AuthAuthenticatorTest, PassesRepositoryFailuresThrough) {
  repository_.FailWith(core::Status(Code::kUnavailable, "database unreachable"));
  EXPECT_EQ(authenticator_.Authenticate(SignedRequest().View()).status().code(),
            Code::kUnavailable);
}

TEST_F(AuthAuthenticatorTest, SecretThatCannotBeOpenedIsAnInternalError) {
  keyring_.set_fail_opens(true);
  const auto result = authenticator_.Authenticate(SignedRequest().View());
  EXPECT_EQ(result.status().code(), Code::kInternal);
}

TEST_F(AuthAuthenticatorTest, MalformedUserArnIsAnInternalError) {
  core::AccessKeyRecord record;
  record.access_key_id = kKeyId;
  record.user_name = "alice";
  record.user_arn = "not-an-arn";
  record.sealed_secret = keyring_.SealAccessKeySecret(kKeyId, kSecret);
  repository_.PutAccessKey(record);
  EXPECT_EQ(authenticator_.Authenticate(SignedRequest().View()).status().code(), Code::kInternal);
}

// --- The cache ------------------------------------------------------------------------

TEST_F(AuthAuthenticatorTest, CacheHitCallsNeitherRepositoryNorKeyring) {
  ASSERT_TRUE(authenticator_.Authenticate(SignedRequest().View()).ok());
  EXPECT_EQ(repository_.find_calls(), 1);
  EXPECT_EQ(keyring_.open_calls(), 1);
  for (int i = 0; i < 5; ++i) {
    clock_.Advance(std::chrono::seconds(1));
    const auto again =
        authenticator_.Authenticate(SignedRequest(FormatAmzDate(clock_.Now())).View());
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_EQ(again->arn, kUserArn);
  }
  EXPECT_EQ(repository_.find_calls(), 1);
  EXPECT_EQ(keyring_.open_calls(), 1);
}

TEST_F(AuthAuthenticatorTest, NewScopeOpensTheSecretButSkipsTheRepository) {
  ASSERT_TRUE(authenticator_.Authenticate(SignedRequest(kNow, "us-east-1").View()).ok());
  ASSERT_TRUE(authenticator_.Authenticate(SignedRequest(kNow, "eu-west-1").View()).ok());
  EXPECT_EQ(repository_.find_calls(), 1);
  EXPECT_EQ(keyring_.open_calls(), 2);
  ASSERT_TRUE(authenticator_.Authenticate(SignedRequest(kNow, "eu-west-1").View()).ok());
  EXPECT_EQ(keyring_.open_calls(), 2);
}

TEST_F(AuthAuthenticatorTest, OnlyASigningKeyThatVerifiedIsCached) {
  // A wrong signature on a new scope must not leave that scope's key behind.
  EXPECT_FALSE(authenticator_.Authenticate(SignedRequest(kNow, "ap-south-1", "wrong").View()).ok());
  ASSERT_TRUE(authenticator_.Authenticate(SignedRequest(kNow, "ap-south-1").View()).ok());
  ASSERT_TRUE(authenticator_.Authenticate(SignedRequest(kNow, "ap-south-1").View()).ok());
  EXPECT_EQ(keyring_.open_calls(), 2);
  EXPECT_EQ(repository_.find_calls(), 1);
}

TEST_F(AuthAuthenticatorTest, CachedKeyStillChecksEverySignature) {
  ASSERT_TRUE(authenticator_.Authenticate(SignedRequest().View()).ok());
  EXPECT_EQ(
      authenticator_.Authenticate(SignedRequest(kNow, "us-east-1", "wrong").View()).status().code(),
      Code::kSignatureMismatch);
}

TEST_F(AuthAuthenticatorTest, CacheEntriesExpireAfterTheTtl) {
  ASSERT_TRUE(authenticator_.Authenticate(SignedRequest().View()).ok());
  clock_.Advance(std::chrono::seconds(61));
  ASSERT_TRUE(authenticator_.Authenticate(SignedRequest(FormatAmzDate(clock_.Now())).View()).ok());
  EXPECT_EQ(repository_.find_calls(), 2);
}

TEST_F(AuthAuthenticatorTest, ZeroTtlDisablesTheCache) {
  Authenticator uncached(repository_, keyring_, clock_, std::chrono::milliseconds(0));
  ASSERT_TRUE(uncached.Authenticate(SignedRequest().View()).ok());
  ASSERT_TRUE(uncached.Authenticate(SignedRequest().View()).ok());
  EXPECT_EQ(repository_.find_calls(), 2);
  EXPECT_EQ(keyring_.open_calls(), 2);
  AddKey(kKeyId, kSecret, /*active=*/false);
  EXPECT_EQ(uncached.Authenticate(SignedRequest().View()).status().code(),
            Code::kUnrecognizedClient);
}

// The "access_key" series of the metrics text, e.g. {"result=\"miss\"} 1", ...}.
std::vector<std::string> AccessKeyCacheSamples(const core::Metrics& m) {
  std::vector<std::string> out;
  const std::string text = m.RenderPrometheus();
  const std::string prefix = "paramsafe_cache_requests_total{cache=\"access_key\",";
  for (std::size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at)) {
    at += prefix.size();
    out.push_back(text.substr(at, text.find('\n', at) - at));
  }
  return out;
}

TEST_F(AuthAuthenticatorTest, CacheLookupsCountAsHitsAndMissesInMetrics) {
  core::Metrics metrics;
  Authenticator counted(repository_, keyring_, clock_, std::chrono::minutes(1), &metrics);
  ASSERT_TRUE(counted.Authenticate(SignedRequest().View()).ok());
  ASSERT_TRUE(counted.Authenticate(SignedRequest().View()).ok());
  ASSERT_TRUE(counted.Authenticate(SignedRequest().View()).ok());
  EXPECT_EQ(AccessKeyCacheSamples(metrics),
            (std::vector<std::string>{R"(result="miss"} 1)", R"(result="hit"} 2)"}));
}

TEST_F(AuthAuthenticatorTest, DisabledCacheCountsNothingInMetrics) {
  core::Metrics metrics;
  Authenticator uncached(repository_, keyring_, clock_, std::chrono::milliseconds(0), &metrics);
  ASSERT_TRUE(uncached.Authenticate(SignedRequest().View()).ok());
  EXPECT_TRUE(AccessKeyCacheSamples(metrics).empty());
}

TEST_F(AuthAuthenticatorTest, DeactivationTakesEffectAfterInvalidate) {
  ASSERT_TRUE(authenticator_.Authenticate(SignedRequest().View()).ok());
  ASSERT_TRUE(repository_.SetAccessKeyActive("alice", kKeyId, false).ok());
  // Within the TTL the cache still answers: that is the price of the fast path.
  EXPECT_TRUE(authenticator_.Authenticate(SignedRequest().View()).ok());
  authenticator_.Invalidate(kKeyId);
  const auto result = authenticator_.Authenticate(SignedRequest().View());
  EXPECT_EQ(result.status().code(), Code::kUnrecognizedClient);
  EXPECT_EQ(result.status().reason(), "The security token included in the request is invalid.");
  // The refusal is cached as well: no repository call per refused request.
  const int calls = repository_.find_calls();
  EXPECT_FALSE(authenticator_.Authenticate(SignedRequest().View()).ok());
  EXPECT_EQ(repository_.find_calls(), calls);
}

TEST_F(AuthAuthenticatorTest, InvalidateAllForgetsEveryKey) {
  ASSERT_TRUE(authenticator_.Authenticate(SignedRequest().View()).ok());
  ASSERT_TRUE(repository_.DeleteAccessKey("alice", kKeyId).ok());
  EXPECT_TRUE(authenticator_.Authenticate(SignedRequest().View()).ok());
  authenticator_.InvalidateAll();
  EXPECT_EQ(authenticator_.Authenticate(SignedRequest().View()).status().code(),
            Code::kUnrecognizedClient);
}

TEST_F(AuthAuthenticatorTest, InvalidateOfOneKeyKeepsTheOthers) {
  ASSERT_TRUE(authenticator_.Authenticate(SignedRequest().View()).ok());
  authenticator_.Invalidate("TESTSOMEOTHERKEY0000");
  ASSERT_TRUE(authenticator_.Authenticate(SignedRequest().View()).ok());
  EXPECT_EQ(repository_.find_calls(), 1);
}

TEST_F(AuthAuthenticatorTest, NoErrorMessageContainsTheSecret) {
  std::vector<core::Status> failures;
  const auto collect = [&](const HttpMessage& m) {
    failures.push_back(authenticator_.Authenticate(m.View()).status());
  };
  collect(SignedRequest("20240101T000000Z"));
  collect(SignedRequest("20240101T002000Z"));
  collect(SignedRequest(kNow, "us-east-1", "wrong"));
  collect(SignedRequest(kNow, "us-east-1", kSecret, "TESTUNKNOWNKEY000000"));
  HttpMessage changed = SignedRequest();
  changed.body = kSecret;
  collect(changed);
  HttpMessage in_header = UnsignedRequest();
  in_header.AddHeader("X-Amz-Date", kNow);
  in_header.AddHeader("Authorization", std::string("AWS4-HMAC-SHA256 Credential=") + kKeyId +
                                           "/20240101/us-east-1/ssm/aws4_request");
  collect(in_header);
  keyring_.set_fail_opens(true);
  collect(SignedRequest(kNow, "sa-east-1"));
  keyring_.set_fail_opens(false);
  AddKey(kKeyId, kSecret, /*active=*/false);
  authenticator_.InvalidateAll();
  collect(SignedRequest());

  ASSERT_EQ(failures.size(), 8u);
  for (const core::Status& s : failures) {
    EXPECT_FALSE(s.ok());
    EXPECT_EQ(s.ToString().find(kSecret), std::string::npos) << s.ToString();
    EXPECT_EQ(s.ToString().find("Zq8+"), std::string::npos) << s.ToString();
  }
}

TEST_F(AuthAuthenticatorTest, ConcurrentRequestsAndInvalidationsAreSafe) {
  const HttpMessage good = SignedRequest();
  const HttpMessage bad = SignedRequest(kNow, "us-east-1", "wrong");
  std::atomic<int> unexpected{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        if (!authenticator_.Authenticate(good.View()).ok()) ++unexpected;
        if (authenticator_.Authenticate(bad.View()).ok()) ++unexpected;
      }
    });
  }
  threads.emplace_back([&] {
    for (int i = 0; i < 200; ++i) {
      authenticator_.Invalidate(kKeyId);
      if (i % 50 == 0) authenticator_.InvalidateAll();
    }
  });
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(unexpected.load(), 0);
}

// The hot path (cached key and scope) is meant to cost about 5 us. The bound here
// is loose so that a loaded machine does not fail it; it catches a hot path that
// went back to the repository or the keyring, not a few percent.
TEST_F(AuthAuthenticatorTest, HotPathIsFast) {
  const HttpMessage m = testing::CliRequest(testing::kCliVectorA);
  clock_.Set(At(testing::kCliVectorA.amz_date));
  const HttpRequest request = m.View();
  ASSERT_TRUE(authenticator_.Authenticate(request).ok());
  constexpr int kIterations = 20'000;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kIterations; ++i) {
    if (!authenticator_.Authenticate(request).ok()) FAIL();
  }
  const double micros =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() /
      kIterations;
  RecordProperty("microseconds_per_verification", std::to_string(micros));
  std::printf("SigV4 verification, cached: %.2f us\n", micros);
  EXPECT_EQ(repository_.find_calls(), 1);
  EXPECT_EQ(keyring_.open_calls(), 1);
#if !defined(__SANITIZE_ADDRESS__)
  EXPECT_LT(micros, 100.0);
#endif
}

}  // namespace
}  // namespace paramsafe::auth
