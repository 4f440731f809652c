// Test helper: parses the plain-text HTTP requests of the SigV4 test suite
// (request line, "Name:value" header lines with indented continuation lines,
// blank line, body) into an owning message that hands out an auth::HttpRequest view.
#ifndef PARAMSAFE_TESTS_UNIT_AUTH_HTTP_MESSAGE_H_
#define PARAMSAFE_TESTS_UNIT_AUTH_HTTP_MESSAGE_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/http_request.h"

namespace paramsafe::auth::testing {

struct HttpMessage {
  std::string method;
  std::string path;                                          // raw, as on the request line
  std::string query;                                         // raw, without '?'
  std::vector<std::pair<std::string, std::string>> headers;  // values untrimmed
  std::string body;

  // A view into this message; valid while the message lives and is unchanged.
  HttpRequest View() const;
  void AddHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

// Parses the text byte for byte (no trimming, no line-ending changes). A header
// line starting with a space or tab continues the previous value, joined with '\n'.
HttpMessage ParseHttpMessage(std::string_view text);

// The whole file, as bytes. Fails the current test (and returns "") when unreadable.
std::string ReadFileBytes(const std::filesystem::path& path);

}  // namespace paramsafe::auth::testing

#endif  // PARAMSAFE_TESTS_UNIT_AUTH_HTTP_MESSAGE_H_
