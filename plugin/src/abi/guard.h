// The boundary guard: every exported slot runs its body inside Guard(), which
// turns every exception into a return code, so nothing C++ crosses into the host.
#ifndef PARAMSAFE_ABI_GUARD_H_
#define PARAMSAFE_ABI_GUARD_H_

#include <paramsafe/plugin.h>

#include <exception>
#include <new>
#include <string_view>

namespace paramsafe::abi {

// Fills a caller-owned error record; truncates, always NUL-terminates.
void SetError(paramsafe_error* err, int http_status, std::string_view type,
              std::string_view message, bool retryable);
void ClearError(paramsafe_error* err);

template <typename F>
int Guard(paramsafe_error* err, F&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    SetError(err, 500, "InternalFailure", "out of memory", true);
    return PARAMSAFE_E_NO_MEMORY;
  } catch (...) {
    // The exception text may describe internal state; it is not shown.
    SetError(err, 500, "InternalFailure", "internal error in the paramsafe plugin", false);
    return PARAMSAFE_E_INTERNAL;
  }
}

}  // namespace paramsafe::abi

#endif  // PARAMSAFE_ABI_GUARD_H_
