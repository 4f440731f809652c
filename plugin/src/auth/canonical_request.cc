#include "auth/canonical_request.h"

#include <algorithm>
#include <utility>

#include "crypto/hash.h"

namespace paramsafe::auth {
namespace {

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

// Whitespace as clients' canonicalizers see it (botocore uses Python's
// str.split()), so folded multi-line values collapse the same way.
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes %XX escapes; a '%' not followed by two hex digits stays literal (and is
// then re-encoded as %25), and '+' stays '+': RFC 3986, not form encoding.
std::string PercentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int hi = HexValue(s[i + 1]);
      const int lo = HexValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

// RFC 3986 section 5.2.4 dot-segment removal plus the collapsing of empty
// segments that AWS services apply; the same algorithm botocore signs with, so a
// trailing '/' survives only when something is left before it.
std::string NormalizePath(std::string_view path) {
  if (path.empty()) return "/";
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view segment = path.substr(start, end - start);
    if (segment == "..") {
      if (!out.empty()) out.pop_back();
    } else if (!segment.empty() && segment != ".") {
      out.push_back(segment);
    }
    start = end + 1;
  }
  std::string result = path.front() == '/' ? "/" : "";
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (i > 0) result.push_back('/');
    result.append(out[i]);
  }
  if (path.back() == '/' && !out.empty()) result.push_back('/');
  return result;
}

}  // namespace

std::string UriEncode(std::string_view bytes, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size());
  for (const char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (IsUnreserved(c) || (keep_slash && c == '/')) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0F]);
    }
  }
  return out;
}

std::string CanonicalUri(std::string_view raw_path, bool normalize) {
  if (raw_path.empty()) return "/";
  if (!normalize) return UriEncode(raw_path, /*keep_slash=*/true);
  return UriEncode(NormalizePath(raw_path), /*keep_slash=*/true);
}

std::string CanonicalQueryString(std::string_view raw_query) {
  std::vector<std::pair<std::string, std::string>> params;
  std::size_t start = 0;
  while (start <= raw_query.size()) {
    std::size_t end = raw_query.find('&', start);
    if (end == std::string_view::npos) end = raw_query.size();
    const std::string_view pair = raw_query.substr(start, end - start);
    if (!pair.empty()) {
      const std::size_t eq = pair.find('=');
      const std::string_view name = pair.substr(0, eq);
      const std::string_view value =
          eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
      params.emplace_back(UriEncode(PercentDecode(name), false),
                          UriEncode(PercentDecode(value), false));
    }
    start = end + 1;
  }
  // Sorting the encoded (name, value) pairs, not "name=value" strings: "Param"
  // must sort before "Param-3", although '-' sorts before '='.
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out.push_back('&');
    out.append(name).append("=").append(value);
  }
  return out;
}

std::string CanonicalHeaderValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  bool pending_space = false;
  for (const char c : value) {
    if (IsSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

std::string CanonicalHeaders(const HttpRequest& request,
                             const std::vector<std::string>& signed_headers) {
  std::string out;
  for (const std::string& signed_name : signed_headers) {
    out.append(signed_name).push_back(':');
    bool first = true;
    for (const auto& [name, value] : request.headers) {
      if (!HttpRequest::EqualsLowercase(name, signed_name)) continue;
      if (!first) out.push_back(',');
      out.append(CanonicalHeaderValue(value));
      first = false;
    }
    out.push_back('\n');
  }
  return out;
}

std::string CanonicalRequest(const HttpRequest& request,
                             const std::vector<std::string>& signed_headers, bool normalize_path) {
  std::string out;
  out.reserve(256 + request.path.size() + request.query.size());
  out.append(request.method).push_back('\n');
  out.append(CanonicalUri(request.path, normalize_path)).push_back('\n');
  out.append(CanonicalQueryString(request.query)).push_back('\n');
  out.append(CanonicalHeaders(request, signed_headers)).push_back('\n');
  for (std::size_t i = 0; i < signed_headers.size(); ++i) {
    if (i > 0) out.push_back(';');
    out.append(signed_headers[i]);
  }
  out.push_back('\n');
  out.append(crypto::Sha256Hex(request.body));
  return out;
}

}  // namespace paramsafe::auth
