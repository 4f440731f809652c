#include "abi/guard.h"

#include <algorithm>
#include <cstring>

namespace paramsafe::abi {

namespace {
template <std::size_t N>
void Copy(char (&dst)[N], std::string_view src) {
  std::size_t n = std::min(src.size(), N - 1);
  // Cut at a character boundary: never leave half a UTF-8 sequence at the end.
  if (n < src.size()) {
    while (n > 0 && (static_cast<unsigned char>(src[n]) & 0xC0) == 0x80) --n;
  }
  std::memcpy(dst, src.data(), n);
  dst[n] = '\0';
}
}  // namespace

void SetError(paramsafe_error* err, int http_status, std::string_view type,
              std::string_view message, bool retryable) {
  if (err == nullptr) return;
  err->http_status = http_status;
  err->retryable = retryable ? 1 : 0;
  Copy(err->type, type);
  Copy(err->message, message);
}

void ClearError(paramsafe_error* err) {
  if (err == nullptr) return;
  err->http_status = 0;
  err->retryable = 0;
  err->type[0] = '\0';
  err->message[0] = '\0';
}

}  // namespace paramsafe::abi
