// Unit tests of auth/sigv4.h: Authorization parsing and AWS's error texts, clock
// skew, and the signature chain on the aws CLI requests of wire-protocol.md 5.7.
#include "auth/sigv4.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "auth/amz_date.h"
#include "auth/canonical_request.h"
#include "cli_vectors.h"
#include "crypto/hash.h"
#include "http_message.h"

namespace paramsafe::auth {
namespace {

using core::Code;
using testing::CliRequest;
using testing::HttpMessage;

constexpr char kAuthorization[] =
    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/ssm/aws4_request, "
    "SignedHeaders=host;x-amz-date, Signature=00ff";

HttpMessage RequestWithAuthorization(std::string authorization,
                                     std::string amz_date = "20240101T000000Z") {
  HttpMessage m;
  m.method = "POST";
  m.path = "/";
  m.AddHeader("Host", "localhost");
  if (!amz_date.empty()) m.AddHeader("X-Amz-Date", amz_date);
  if (!authorization.empty()) m.AddHeader("Authorization", std::move(authorization));
  return m;
}

core::TimePoint At(std::string_view amz_date) { return ParseAmzDate(amz_date).value(); }

// --- ParseAuthorization ------------------------------------------------------------

TEST(AuthSigV4Test, ParsesTheFieldsOfAnAuthorizationHeader) {
  const HttpMessage m = RequestWithAuthorization(kAuthorization);
  const auto info = ParseAuthorization(m.View());
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->access_key_id, "AKIDEXAMPLE");
  EXPECT_EQ(info->date, "20240101");
  EXPECT_EQ(info->region, "us-east-1");
  EXPECT_EQ(info->service, "ssm");
  EXPECT_EQ(info->signed_headers, (std::vector<std::string>{"host", "x-amz-date"}));
  EXPECT_EQ(info->signature, "00ff");
  EXPECT_EQ(info->amz_date, "20240101T000000Z");
  EXPECT_EQ(info->request_time, At("20240101T000000Z"));
  EXPECT_EQ(info->Scope(), "20240101/us-east-1/ssm/aws4_request");
}

TEST(AuthSigV4Test, ToleratesAnySpacingBetweenParts) {
  for (const char* header :
       {"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/ssm/aws4_request,"
        "SignedHeaders=host;x-amz-date,Signature=00ff",
        "  AWS4-HMAC-SHA256   Credential=AKIDEXAMPLE/20240101/us-east-1/ssm/aws4_request ,  "
        "SignedHeaders=host;x-amz-date,\tSignature=00ff  "}) {
    const auto info = ParseAuthorization(RequestWithAuthorization(header).View());
    ASSERT_TRUE(info.ok()) << header << ": " << info.status().ToString();
    EXPECT_EQ(info->signature, "00ff");
    EXPECT_EQ(info->region, "us-east-1");
  }
}

TEST(AuthSigV4Test, SignedHeadersAreLowercasedAndSorted) {
  const auto info = ParseAuthorization(
      RequestWithAuthorization("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/ssm/"
                               "aws4_request, SignedHeaders=X-Amz-Date;Host;Content-Type, "
                               "Signature=00ff")
          .View());
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->signed_headers, (std::vector<std::string>{"content-type", "host", "x-amz-date"}));
}

TEST(AuthSigV4Test, NoAuthorizationHeaderIsMissingAuthentication) {
  const auto info = ParseAuthorization(RequestWithAuthorization("").View());
  EXPECT_EQ(info.status().code(), Code::kMissingAuthentication);
  EXPECT_EQ(info.status().reason(), "Missing Authentication Token");
}

TEST(AuthSigV4Test, ForeignSchemeIsMissingAuthenticationAndNotEchoed) {
  const auto info =
      ParseAuthorization(RequestWithAuthorization("Bearer sometoken-do-not-echo").View());
  EXPECT_EQ(info.status().code(), Code::kMissingAuthentication);
  EXPECT_EQ(info.status().reason().find("sometoken"), std::string::npos);
}

TEST(AuthSigV4Test, OtherAws4AlgorithmIsUnsupported) {
  const auto info = ParseAuthorization(
      RequestWithAuthorization("AWS4-HMAC-SHA512 Credential=AKIDEXAMPLE/20240101/us-east-1/ssm/"
                               "aws4_request, SignedHeaders=host;x-amz-date, Signature=00ff")
          .View());
  EXPECT_EQ(info.status().code(), Code::kIncompleteSignature);
  EXPECT_EQ(info.status().reason(),
            "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now).");
}

TEST(AuthSigV4Test, MissingSignatureNamesThePartAndEchoesTheHeader) {
  const std::string header =
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/ssm/aws4_request, "
      "SignedHeaders=host;x-amz-date";
  const auto info = ParseAuthorization(RequestWithAuthorization(header).View());
  EXPECT_EQ(info.status().code(), Code::kIncompleteSignature);
  EXPECT_EQ(info.status().reason(),
            "Authorization header requires 'Signature' parameter. Authorization=" + header);
}

TEST(AuthSigV4Test, EveryMissingPartIsReportedInAwsOrder) {
  const auto info =
      ParseAuthorization(RequestWithAuthorization("AWS4-HMAC-SHA256", /*amz_date=*/"").View());
  EXPECT_EQ(info.status().code(), Code::kIncompleteSignature);
  EXPECT_EQ(info.status().reason(),
            "Authorization header requires 'Credential' parameter. "
            "Authorization header requires 'Signature' parameter. "
            "Authorization header requires 'SignedHeaders' parameter. "
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' "
            "header. Authorization=AWS4-HMAC-SHA256");
}

TEST(AuthSigV4Test, PartWithoutEqualSignIsRejected) {
  const std::string header =
      "AWS4-HMAC-SHA256 Credential= AKIDEXAMPLE/20240101/us-east-1/ssm/aws4_request, "
      "SignedHeaders=host;x-amz-date, Signature=00ff";
  const auto info = ParseAuthorization(RequestWithAuthorization(header).View());
  EXPECT_EQ(info.status().code(), Code::kIncompleteSignature);
  EXPECT_EQ(info.status().reason(),
            "'AKIDEXAMPLE/20240101/us-east-1/ssm/aws4_request' not a valid key=value pair "
            "(missing equal-sign) in Authorization header: '" +
                header + "'.");
}

TEST(AuthSigV4Test, HostMustBeSigned) {
  const auto info = ParseAuthorization(
      RequestWithAuthorization("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/ssm/"
                               "aws4_request, SignedHeaders=x-amz-date, Signature=00ff")
          .View());
  EXPECT_EQ(info.status().code(), Code::kSignatureMismatch);
  EXPECT_EQ(info.status().reason(),
            "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
}

TEST(AuthSigV4Test, EmptySignedHeadersFailsTheHostRule) {
  const auto info = ParseAuthorization(
      RequestWithAuthorization("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/ssm/"
                               "aws4_request, SignedHeaders=, Signature=00ff")
          .View());
  EXPECT_EQ(info.status().code(), Code::kSignatureMismatch);
}

TEST(AuthSigV4Test, DateHeaderMustBeSigned) {
  const auto info = ParseAuthorization(
      RequestWithAuthorization("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/ssm/"
                               "aws4_request, SignedHeaders=host, Signature=00ff")
          .View());
  EXPECT_EQ(info.status().code(), Code::kSignatureMismatch);
  EXPECT_EQ(info.status().reason(),
            "'X-Amz-Date' or 'Date' must be a 'SignedHeader' in the AWS Authorization.");
}

TEST(AuthSigV4Test, CredentialNeedsFiveElements) {
  const auto info = ParseAuthorization(
      RequestWithAuthorization("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/ssm, "
                               "SignedHeaders=host;x-amz-date, Signature=00ff")
          .View());
  EXPECT_EQ(info.status().code(), Code::kIncompleteSignature);
  EXPECT_EQ(info.status().reason(),
            "Credential must have exactly 5 slash-delimited elements, e.g. "
            "keyid/date/region/service/term, got 'AKIDEXAMPLE/20240101/us-east-1/ssm'");
}

TEST(AuthSigV4Test, ScopeDateMustMatchTheRequestDate) {
  const auto info = ParseAuthorization(
      RequestWithAuthorization("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20231231/us-east-1/ssm/"
                               "aws4_request, SignedHeaders=host;x-amz-date, Signature=00ff")
          .View());
  EXPECT_EQ(info.status().code(), Code::kSignatureMismatch);
  EXPECT_EQ(info.status().reason(),
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date "
            "from HTTP: '20231231' != '20240101', from '20240101T000000Z'.");
}

TEST(AuthSigV4Test, ScopeTerminatorMustBeAws4Request) {
  const auto info = ParseAuthorization(
      RequestWithAuthorization("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/ssm/"
                               "aws5_request, SignedHeaders=host;x-amz-date, Signature=00ff")
          .View());
  EXPECT_EQ(info.status().code(), Code::kSignatureMismatch);
  EXPECT_EQ(info.status().reason(),
            "Credential should be scoped with a valid terminator: 'aws4_request', not "
            "'aws5_request'.");
}

TEST(AuthSigV4Test, MalformedAmzDateIsIncomplete) {
  const auto info =
      ParseAuthorization(RequestWithAuthorization(kAuthorization, "2024-01-01T00:00:00Z").View());
  EXPECT_EQ(info.status().code(), Code::kIncompleteSignature);
  EXPECT_EQ(info.status().reason(),
            "Date must be in ISO-8601 'basic format'. Got '2024-01-01T00:00:00Z'. See "
            "http://en.wikipedia.org/wiki/ISO_8601");
}

TEST(AuthSigV4Test, DateHeaderIsTheFallbackInEitherFormat) {
  for (const char* date : {"Mon, 01 Jan 2024 00:00:00 GMT", "20240101T000000Z"}) {
    HttpMessage m = RequestWithAuthorization(
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/ssm/aws4_request, "
        "SignedHeaders=date;host, Signature=00ff",
        /*amz_date=*/"");
    m.AddHeader("Date", date);
    const auto info = ParseAuthorization(m.View());
    ASSERT_TRUE(info.ok()) << date << ": " << info.status().ToString();
    EXPECT_EQ(info->amz_date, "20240101T000000Z");
  }
}

TEST(AuthSigV4Test, AmzDateWinsOverDate) {
  HttpMessage m = RequestWithAuthorization(kAuthorization, "20240101T000000Z");
  m.AddHeader("Date", "Tue, 02 Jan 2024 00:00:00 GMT");
  const auto info = ParseAuthorization(m.View());
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->amz_date, "20240101T000000Z");
}

// --- Clock skew ---------------------------------------------------------------------

TEST(AuthSigV4Test, RequestMoreThanFiveMinutesOldHasExpired) {
  const core::Status s = CheckClockSkew(At("20240101T000000Z"), At("20240101T001000Z"));
  EXPECT_EQ(s.code(), Code::kSignatureMismatch);
  EXPECT_EQ(s.reason(),
            "Signature expired: 20240101T000000Z is now earlier than 20240101T000500Z "
            "(20240101T001000Z - 5 min.)");
}

TEST(AuthSigV4Test, RequestMoreThanFiveMinutesAheadIsNotYetCurrent) {
  const core::Status s = CheckClockSkew(At("20240101T002000Z"), At("20240101T001000Z"));
  EXPECT_EQ(s.code(), Code::kSignatureMismatch);
  EXPECT_EQ(s.reason(),
            "Signature not yet current: 20240101T002000Z is still later than 20240101T001500Z "
            "(20240101T001000Z + 5 min.)");
}

TEST(AuthSigV4Test, SkewOfExactlyFiveMinutesIsAccepted) {
  const core::TimePoint now = At("20240101T001000Z");
  EXPECT_TRUE(CheckClockSkew(At("20240101T000500Z"), now).ok());
  EXPECT_TRUE(CheckClockSkew(At("20240101T001500Z"), now).ok());
  // Sub-second server time does not turn the boundary into a failure.
  EXPECT_TRUE(CheckClockSkew(At("20240101T000500Z"), now + std::chrono::milliseconds(999)).ok());
  EXPECT_FALSE(CheckClockSkew(At("20240101T000459Z"), now).ok());
  EXPECT_FALSE(CheckClockSkew(At("20240101T001501Z"), now).ok());
}

// --- Signature chain on the aws CLI requests (wire-protocol.md 5.7) -------------------

TEST(AuthSigV4Test, CliVectorACanonicalRequestIsByteForByte) {
  const HttpMessage m = CliRequest(testing::kCliVectorA);
  const auto info = ParseAuthorization(m.View());
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  const std::string canonical = CanonicalRequest(m.View(), info->signed_headers, true);
  EXPECT_EQ(canonical, testing::kCliVectorACanonicalRequest);
  EXPECT_EQ(crypto::Sha256Hex(testing::kCliBody), testing::kCliBodySha256);
}

TEST(AuthSigV4Test, CliVectorsSignatureChain) {
  for (const testing::CliVector* v : {&testing::kCliVectorA, &testing::kCliVectorB}) {
    SCOPED_TRACE(v->name);
    const HttpMessage m = CliRequest(*v);
    const auto info = ParseAuthorization(m.View());
    ASSERT_TRUE(info.ok()) << info.status().ToString();
    EXPECT_EQ(info->access_key_id, testing::kCliAccessKeyId);
    const std::string canonical = CanonicalRequest(m.View(), info->signed_headers, true);
    EXPECT_EQ(crypto::Sha256Hex(canonical), v->canonical_request_sha256);
    const std::string sts = StringToSign(info->amz_date, info->Scope(), canonical);
    EXPECT_EQ(sts, std::string("AWS4-HMAC-SHA256\n") + v->amz_date +
                       "\n20261128/us-east-1/ssm/aws4_request\n" + v->canonical_request_sha256);
    const core::SecureBuffer key =
        DeriveSigningKey(testing::kCliSecret, "20261128", "us-east-1", "ssm");
    EXPECT_EQ(crypto::HexEncode(key), testing::kCliSigningKey20261128);
    EXPECT_EQ(ComputeSignature(key, sts), v->signature);
    EXPECT_TRUE(VerifySignature(m.View(), *info, key).ok());
  }
}

TEST(AuthSigV4Test, VerifySignatureRejectsAnyChangeWithAwsText) {
  HttpMessage m = CliRequest(testing::kCliVectorA);
  m.body = "{\"Name\": \"/y\"}";
  const auto info = ParseAuthorization(m.View());
  ASSERT_TRUE(info.ok());
  const core::SecureBuffer key =
      DeriveSigningKey(testing::kCliSecret, "20261128", "us-east-1", "ssm");
  const core::Status s = VerifySignature(m.View(), *info, key);
  EXPECT_EQ(s.code(), Code::kSignatureMismatch);
  EXPECT_EQ(s.reason(),
            "The request signature we calculated does not match the signature you provided. "
            "Check your AWS Secret Access Key and signing method. Consult the service "
            "documentation for details.");
}

TEST(AuthSigV4Test, UnsignedHeadersMayChange) {
  HttpMessage m = CliRequest(testing::kCliVectorA);
  m.AddHeader("amz-sdk-request", "attempt=2");
  m.headers[4].second = "some other user agent";
  const auto info = ParseAuthorization(m.View());
  ASSERT_TRUE(info.ok());
  const core::SecureBuffer key =
      DeriveSigningKey(testing::kCliSecret, "20261128", "us-east-1", "ssm");
  EXPECT_TRUE(VerifySignature(m.View(), *info, key).ok());
}

// --- Dates ---------------------------------------------------------------------------

TEST(AuthSigV4Test, AmzDateParsesAndFormats) {
  const auto t = ParseAmzDate("20150830T123600Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::seconds>(t->time_since_epoch()).count(),
            1440938160);
  EXPECT_EQ(FormatAmzDate(*t), "20150830T123600Z");
  EXPECT_EQ(FormatAmzDate(*t + std::chrono::milliseconds(999)), "20150830T123600Z");
}

TEST(AuthSigV4Test, AmzDateRejectsImpossibleOrMalformedStamps) {
  for (const char* bad :
       {"20150230T123600Z", "20151330T123600Z", "20150830T243600Z", "20150830T126000Z",
        "20150830T123600", "20150830 123600Z", "2015083OT123600Z", "", "20150830T123600Z "}) {
    EXPECT_FALSE(ParseAmzDate(bad).has_value()) << bad;
  }
  EXPECT_TRUE(ParseAmzDate("20240229T000000Z").has_value());
  EXPECT_FALSE(ParseAmzDate("20230229T000000Z").has_value());
}

TEST(AuthSigV4Test, HttpDateAcceptsImfFixdate) {
  const auto t = ParseHttpDate("Sun, 30 Aug 2015 12:36:00 GMT");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(FormatAmzDate(*t), "20150830T123600Z");
  EXPECT_FALSE(ParseHttpDate("Sun, 30 Aug 2015 12:36:00 UTC").has_value());
  EXPECT_FALSE(ParseHttpDate("Sunday, 30-Aug-15 12:36:00 GMT").has_value());
}

}  // namespace
}  // namespace paramsafe::auth
