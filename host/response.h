// HTTP-agnostic response values and the helpers that build the AWS JSON 1.1 framing:
// the error shape, request ids and Date values. No Beast types here, so the pieces
// can be tested without a socket.
//
// Thread-safety: every function is safe to call from any thread.
#ifndef PARAMSAFE_HOST_RESPONSE_H_
#define PARAMSAFE_HOST_RESPONSE_H_

#include <chrono>
#include <string>
#include <string_view>
#include <utility>

namespace paramsafe::host {

// Host-level error types (errors answered by the host itself, never by the plugin).
// Names follow AWS's front-end errors where one exists (wire-protocol.md section 3).
inline constexpr std::string_view kUnknownOperation = "UnknownOperationException";  // 400
inline constexpr std::string_view kInternalFailure = "InternalFailure";             // 500
// 503 rather than ThrottlingException: a full worker queue is server overload, not a
// per-caller rate limit; every AWS SDK retries 503 with backoff, and load balancers
// and health checks understand it.
inline constexpr std::string_view kServiceUnavailable = "ServiceUnavailable";  // 503
// 413 / 431: AWS JSON services model no name for these; these are the HTTP reason
// phrases in AWS's bare CamelCase style, so clients print something self-explanatory.
inline constexpr std::string_view kRequestEntityTooLarge = "RequestEntityTooLarge";  // 413
inline constexpr std::string_view kRequestHeaderFieldsTooLarge =
    "RequestHeaderFieldsTooLarge";                                      // 431
inline constexpr std::string_view kBadRequest = "BadRequestException";  // 400
inline constexpr std::string_view kNotFound = "NotFoundException";      // 404

// Overwrites the string's whole allocation (not only size()) so no secret survives
// in freed memory, then empties it. The compiler may not elide the writes.
void WipeString(std::string& s);

// One answer, before HTTP framing. `body` may hold secret values (a GetParameter
// answer), so a Response wipes its body when destroyed or overwritten; moving the
// body out (std::move(r.body)) transfers that duty to the new owner. Move-only.
struct Response {
  Response() = default;
  Response(unsigned status_in, std::string error_type_in, std::string body_in)
      : status(status_in), error_type(std::move(error_type_in)), body(std::move(body_in)) {}
  Response(Response&&) noexcept = default;
  Response& operator=(Response&& other) noexcept {
    WipeString(body);
    status = other.status;
    error_type = std::move(other.error_type);
    body = std::move(other.body);
    return *this;
  }
  Response(const Response&) = delete;
  Response& operator=(const Response&) = delete;
  ~Response() { WipeString(body); }

  unsigned status = 200;
  std::string error_type;  // non-empty for errors: sent as X-Amzn-ErrorType
  std::string body;        // JSON
};

// An AWS error: {"__type":"<type>","message":"<message>"} serialized with Boost.JSON
// (so quotes, backslashes and control characters are escaped); invalid UTF-8 in
// `message` is replaced with U+FFFD so the body stays valid JSON. `type` is reduced
// to a safe token (see SafeErrorType) as it is also sent as a header.
Response ErrorResponse(unsigned status, std::string_view type, std::string_view message);

// GET /health.
Response HealthResponse();

// `type` when it is a plausible bare AWS error name (letters, digits, '.', '_', ':',
// '#', '-', at most 63 chars); otherwise "InternalFailure". Keeps header values free
// of CR/LF and other bytes a plugin bug could smuggle into the response head.
std::string SafeErrorType(std::string_view type);

// `text` with every invalid UTF-8 sequence (including one cut by truncation)
// replaced by U+FFFD.
std::string ToValidUtf8(std::string_view text);

// A random (version 4) UUID in lowercase 8-4-4-4-12 form.
std::string NewRequestId();

// An RFC 7231 IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
std::string HttpDate(std::chrono::system_clock::time_point when);

}  // namespace paramsafe::host

#endif  // PARAMSAFE_HOST_RESPONSE_H_
