#include "auth/sigv4.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "auth/amz_date.h"
#include "auth/canonical_request.h"
#include "crypto/hash.h"

namespace paramsafe::auth {
namespace {

using core::Code;
using core::Status;

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

std::string Lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = s.find(sep, start);
    parts.push_back(s.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

// The three parts of the header after the algorithm, as sent.
struct AuthorizationParts {
  std::optional<std::string_view> credential;
  std::optional<std::string_view> signed_headers;
  std::optional<std::string_view> signature;
};

// AWS splits the parameters on commas and on whitespace, which is why a stray space
// inside "Credential= AKID/..." is reported as a part without '='. A repeated
// key keeps its last value, as AWS does.
core::Result<AuthorizationParts> SplitParameters(std::string_view params,
                                                 std::string_view whole_header) {
  AuthorizationParts parts;
  std::size_t i = 0;
  while (i < params.size()) {
    if (params[i] == ',' || IsBlank(params[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < params.size() && params[end] != ',' && !IsBlank(params[end])) ++end;
    const std::string_view token = params.substr(i, end - i);
    i = end;
    const std::size_t eq = token.find('=');
    if (eq == std::string_view::npos) {
      return Status(Code::kIncompleteSignature,
                    "'" + std::string(token) +
                        "' not a valid key=value pair (missing equal-sign) in Authorization "
                        "header: '" +
                        std::string(whole_header) + "'.");
    }
    const std::string_view key = token.substr(0, eq);
    const std::string_view value = token.substr(eq + 1);
    if (key == "Credential") parts.credential = value;
    if (key == "SignedHeaders") parts.signed_headers = value;
    if (key == "Signature") parts.signature = value;
  }
  return parts;
}

// The request date and the name of the header it came from.
struct RequestDate {
  std::string_view header;  // "x-amz-date" or "date"
  std::string_view value;
};

std::optional<RequestDate> FindRequestDate(const HttpRequest& request) {
  if (auto v = request.FirstHeader("x-amz-date")) return RequestDate{"x-amz-date", *v};
  if (auto v = request.FirstHeader("date")) return RequestDate{"date", *v};
  return std::nullopt;
}

// All missing parts are reported in one message, in AWS's order and words.
Status CheckComplete(const AuthorizationParts& parts, bool has_date,
                     std::string_view whole_header) {
  std::string message;
  const auto require = [&message](std::string_view text) { message.append(text).push_back(' '); };
  if (!parts.credential || parts.credential->empty()) {
    require("Authorization header requires 'Credential' parameter.");
  }
  if (!parts.signature || parts.signature->empty()) {
    require("Authorization header requires 'Signature' parameter.");
  }
  // An empty SignedHeaders is syntactically present; the host check rejects it.
  if (!parts.signed_headers) require("Authorization header requires 'SignedHeaders' parameter.");
  if (!has_date) {
    require("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  if (message.empty()) return Status::Ok();
  message.append("Authorization=").append(whole_header);
  return Status(Code::kIncompleteSignature, std::move(message));
}

std::vector<std::string> ParseSignedHeaders(std::string_view list) {
  std::vector<std::string> names;
  if (list.empty()) return names;
  for (const std::string_view name : Split(list, ';')) names.push_back(Lowercase(name));
  std::sort(names.begin(), names.end());
  return names;
}

bool Contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

Status CheckSignedHeaders(const std::vector<std::string>& names, std::string_view date_header) {
  if (!Contains(names, "host")) {
    return Status(Code::kSignatureMismatch,
                  "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  // Not an AWS rule, but ours: the time the skew check trusts must be signed.
  if (!Contains(names, date_header)) {
    return Status(Code::kSignatureMismatch,
                  "'X-Amz-Date' or 'Date' must be a 'SignedHeader' in the AWS Authorization.");
  }
  return Status::Ok();
}

// Fills the scope fields of info from "AKID/YYYYMMDD/region/service/aws4_request".
Status ParseCredential(std::string_view credential, AuthorizationInfo& info) {
  const std::vector<std::string_view> parts = Split(credential, '/');
  const bool all_present =
      std::none_of(parts.begin(), parts.end(), [](std::string_view p) { return p.empty(); });
  if (parts.size() != 5 || !all_present) {
    return Status(Code::kIncompleteSignature,
                  "Credential must have exactly 5 slash-delimited elements, e.g. "
                  "keyid/date/region/service/term, got '" +
                      std::string(credential) + "'");
  }
  info.access_key_id = parts[0];
  info.date = parts[1];
  info.region = parts[2];
  info.service = parts[3];
  std::string message;
  if (parts[4] != kScopeTerminator) {
    message += "Credential should be scoped with a valid terminator: 'aws4_request', not '" +
               std::string(parts[4]) + "'. ";
  }
  const std::string_view request_day = std::string_view(info.amz_date).substr(0, 8);
  if (info.date != request_day) {
    message +=
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date "
        "from HTTP: '" +
        info.date + "' != '" + std::string(request_day) + "', from '" + info.amz_date + "'.";
  }
  if (message.empty()) return Status::Ok();
  if (message.back() == ' ') message.pop_back();
  return Status(Code::kSignatureMismatch, std::move(message));
}

std::string SkewMessage(std::string_view head, core::TimePoint request_time,
                        std::string_view relation, core::TimePoint bound, core::TimePoint now,
                        char sign) {
  return std::string(head) + FormatAmzDate(request_time) + std::string(relation) +
         FormatAmzDate(bound) + " (" + FormatAmzDate(now) + " " + sign + " 5 min.)";
}

}  // namespace

std::string AuthorizationInfo::Scope() const {
  std::string scope;
  scope.reserve(date.size() + region.size() + service.size() + kScopeTerminator.size() + 3);
  scope.append(date).append("/").append(region).append("/").append(service).append("/");
  scope.append(kScopeTerminator);
  return scope;
}

core::Result<AuthorizationInfo> ParseAuthorization(const HttpRequest& request) {
  const std::optional<std::string_view> raw = request.FirstHeader("authorization");
  const std::string_view header = raw ? Trim(*raw) : std::string_view();
  const std::size_t blank = header.find_first_of(" \t");
  const std::string_view algorithm = header.substr(0, blank);
  // A header in some other scheme carries no AWS token at all; answering as AWS
  // does for a missing one also keeps foreign credentials out of our messages.
  if (algorithm.substr(0, 5) != "AWS4-") {
    return Status(Code::kMissingAuthentication, std::string(kMissingAuthenticationMessage));
  }
  if (algorithm != kSigV4Algorithm) {
    return Status(Code::kIncompleteSignature, "Unsupported AWS 'algorithm': '" +
                                                  std::string(algorithm) +
                                                  "' (only AWS4-HMAC-SHA256 for now).");
  }
  const std::string_view params =
      blank == std::string_view::npos ? std::string_view() : header.substr(blank);
  PS_ASSIGN_OR_RETURN(const AuthorizationParts parts, SplitParameters(params, header));
  const std::optional<RequestDate> date = FindRequestDate(request);
  PS_RETURN_IF_ERROR(CheckComplete(parts, date.has_value(), header));

  AuthorizationInfo info;
  const std::optional<core::TimePoint> time = date->header == "x-amz-date"
                                                  ? ParseAmzDate(Trim(date->value))
                                                  : ParseHttpDate(Trim(date->value));
  if (!time) {
    return Status(Code::kIncompleteSignature, "Date must be in ISO-8601 'basic format'. Got '" +
                                                  std::string(date->value) +
                                                  "'. See http://en.wikipedia.org/wiki/ISO_8601");
  }
  info.request_time = *time;
  info.amz_date = FormatAmzDate(*time);
  info.signed_headers = ParseSignedHeaders(*parts.signed_headers);
  PS_RETURN_IF_ERROR(CheckSignedHeaders(info.signed_headers, date->header));
  PS_RETURN_IF_ERROR(ParseCredential(*parts.credential, info));
  info.signature = *parts.signature;
  return info;
}

core::Status CheckClockSkew(core::TimePoint request_time, core::TimePoint now) {
  const core::TimePoint server = std::chrono::floor<std::chrono::seconds>(now);
  if (request_time < server - kMaxClockSkew) {
    return Status(Code::kSignatureMismatch,
                  SkewMessage("Signature expired: ", request_time, " is now earlier than ",
                              server - kMaxClockSkew, server, '-'));
  }
  if (request_time > server + kMaxClockSkew) {
    return Status(Code::kSignatureMismatch,
                  SkewMessage("Signature not yet current: ", request_time, " is still later than ",
                              server + kMaxClockSkew, server, '+'));
  }
  return Status::Ok();
}

std::string StringToSign(std::string_view amz_date, std::string_view scope,
                         std::string_view canonical_request) {
  std::string out;
  out.reserve(kSigV4Algorithm.size() + amz_date.size() + scope.size() + 67);
  out.append(kSigV4Algorithm).push_back('\n');
  out.append(amz_date).push_back('\n');
  out.append(scope).push_back('\n');
  out.append(crypto::Sha256Hex(canonical_request));
  return out;
}

core::SecureBuffer DeriveSigningKey(std::string_view secret_access_key, std::string_view date,
                                    std::string_view region, std::string_view service) {
  core::SecureString seed("AWS4");
  seed.append(secret_access_key);
  const core::SecureBuffer k_date = crypto::HmacSha256(std::string_view(seed), date);
  const core::SecureBuffer k_region = crypto::HmacSha256(k_date, region);
  const core::SecureBuffer k_service = crypto::HmacSha256(k_region, service);
  return crypto::HmacSha256(k_service, kScopeTerminator);
}

std::string ComputeSignature(const core::SecureBuffer& signing_key,
                             std::string_view string_to_sign) {
  return crypto::HexEncode(crypto::HmacSha256(signing_key, string_to_sign));
}

core::Status VerifySignature(const HttpRequest& request, const AuthorizationInfo& info,
                             const core::SecureBuffer& signing_key, bool normalize_path) {
  const std::string canonical = CanonicalRequest(request, info.signed_headers, normalize_path);
  const std::string expected =
      ComputeSignature(signing_key, StringToSign(info.amz_date, info.Scope(), canonical));
  if (!crypto::ConstantTimeEqual(expected, info.signature)) {
    return Status(Code::kSignatureMismatch, std::string(kSignatureMismatchMessage));
  }
  return Status::Ok();
}

}  // namespace paramsafe::auth
