// AWS Signature Version 4, header form (Authorization: AWS4-HMAC-SHA256 ...), as a
// server verifies it. Pure functions: no I/O, no clock, no key lookup (the
// Authenticator adds those). Thread-safe. Error texts are AWS's own, so clients
// print what they would print against AWS; none of them carries a secret.
//
// Verification order: ParseAuthorization -> CheckClockSkew -> (look up the key)
// -> DeriveSigningKey -> VerifySignature.
#ifndef PARAMSAFE_AUTH_SIGV4_H_
#define PARAMSAFE_AUTH_SIGV4_H_

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "auth/http_request.h"
#include "core/clock.h"
#include "core/secure_buffer.h"
#include "core/status.h"

namespace paramsafe::auth {

inline constexpr std::string_view kSigV4Algorithm = "AWS4-HMAC-SHA256";
inline constexpr std::string_view kScopeTerminator = "aws4_request";
// How far X-Amz-Date may be from the server's clock, either way (AWS JSON services).
inline constexpr std::chrono::minutes kMaxClockSkew{5};

// AWS's texts for the two failures every caller reports.
inline constexpr std::string_view kMissingAuthenticationMessage = "Missing Authentication Token";
inline constexpr std::string_view kSignatureMismatchMessage =
    "The request signature we calculated does not match the signature you provided. Check your "
    "AWS Secret Access Key and signing method. Consult the service documentation for details.";

// What a request's Authorization header (and its date header) claim. Owns its strings.
struct AuthorizationInfo {
  std::string access_key_id;
  std::string date;     // credential scope date, YYYYMMDD
  std::string region;   // credential scope region, e.g. "us-east-1" (not validated here)
  std::string service;  // credential scope service, e.g. "ssm" (not validated here)
  std::vector<std::string> signed_headers;  // lowercase, sorted
  std::string signature;                    // as sent (64 lowercase hex from real clients)
  std::string amz_date;                     // request time, "YYYYMMDD'T'HHMMSS'Z'"
  core::TimePoint request_time;             // amz_date as a time point

  // "<date>/<region>/<service>/aws4_request".
  std::string Scope() const;
};

// Parses and checks the Authorization header against the request:
//  - no (or an empty) Authorization header, or one in a non-AWS4 scheme:
//    kMissingAuthentication "Missing Authentication Token";
//  - an AWS4 algorithm other than AWS4-HMAC-SHA256, a part that is not key=value,
//    a missing Credential/Signature/SignedHeaders part, no X-Amz-Date or Date
//    header, a malformed date, a Credential without 5 non-empty elements:
//    kIncompleteSignature;
//  - host, or the date header used, not among the signed headers; a scope whose
//    date differs from the request date or whose terminator is not aws4_request:
//    kSignatureMismatch (AWS answers these with InvalidSignatureException).
// X-Amz-Date wins over Date; the first of repeated headers is used.
core::Result<AuthorizationInfo> ParseAuthorization(const HttpRequest& request);

// kSignatureMismatch, with AWS's "Signature expired: ..." or "Signature not yet
// current: ..." text, when request_time is more than kMaxClockSkew away from now
// (taken to the whole second). Exactly kMaxClockSkew is accepted.
core::Status CheckClockSkew(core::TimePoint request_time, core::TimePoint now);

// "AWS4-HMAC-SHA256\n<amz_date>\n<scope>\n<hex SHA-256(canonical_request)>".
std::string StringToSign(std::string_view amz_date, std::string_view scope,
                         std::string_view canonical_request);

// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
// Depends only on its four inputs, so callers may cache it per scope. The result
// and every intermediate live in wiped memory.
core::SecureBuffer DeriveSigningKey(std::string_view secret_access_key, std::string_view date,
                                    std::string_view region, std::string_view service);

// Lowercase hex HMAC-SHA256(signing_key, string_to_sign).
std::string ComputeSignature(const core::SecureBuffer& signing_key,
                             std::string_view string_to_sign);

// Recomputes the signature of `request` under `signing_key` and compares it with
// info.signature in constant time: OK, or kSignatureMismatch with AWS's text.
// normalize_path: see CanonicalUri; true for every service but S3.
// REQUIRES: info comes from ParseAuthorization(request); signing_key was derived
// for info's scope.
core::Status VerifySignature(const HttpRequest& request, const AuthorizationInfo& info,
                             const core::SecureBuffer& signing_key, bool normalize_path = true);

}  // namespace paramsafe::auth

#endif  // PARAMSAFE_AUTH_SIGV4_H_
