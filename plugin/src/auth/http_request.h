// HttpRequest: a borrowed view of one HTTP request, as much of it as SigV4 needs.
//
// Ownership: nothing is owned. Every string_view points into buffers the caller
// keeps alive (and unchanged) for as long as the view is used; the usual caller is
// the ABI layer, whose inputs are valid for the duration of one call.
// Thread-safety: a plain value; safe to read from many threads, like its buffers.
#ifndef PARAMSAFE_AUTH_HTTP_REQUEST_H_
#define PARAMSAFE_AUTH_HTTP_REQUEST_H_

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace paramsafe::auth {

// One header field as it arrived: name in any case, value untrimmed.
using HttpHeader = std::pair<std::string_view, std::string_view>;

struct HttpRequest {
  std::string_view method;          // "POST", "GET", ... as sent (case is significant in SigV4)
  std::string_view path;            // raw request-target path, still percent-encoded, no query
  std::string_view query;           // raw query string without the '?', "" when absent
  std::vector<HttpHeader> headers;  // in arrival order; repeated names allowed
  std::string_view body;            // the complete body bytes, "" when none

  // The value of the first header whose name equals `lower_name` ignoring ASCII
  // case, or nullopt. REQUIRES: lower_name is lowercase.
  std::optional<std::string_view> FirstHeader(std::string_view lower_name) const {
    for (const auto& [name, value] : headers) {
      if (EqualsLowercase(name, lower_name)) return value;
    }
    return std::nullopt;
  }

  // True when `name` equals `lower_name` ignoring ASCII case.
  // REQUIRES: lower_name is lowercase.
  static bool EqualsLowercase(std::string_view name, std::string_view lower_name) {
    if (name.size() != lower_name.size()) return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
      char c = name[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != lower_name[i]) return false;
    }
    return true;
  }
};

}  // namespace paramsafe::auth

#endif  // PARAMSAFE_AUTH_HTTP_REQUEST_H_
