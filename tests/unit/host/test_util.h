// Small checks shared by the host's tests. (No std::regex: GCC 12 warns inside
// <regex> under the sanitizer build.)
#ifndef PARAMSAFE_TESTS_UNIT_HOST_TEST_UTIL_H_
#define PARAMSAFE_TESTS_UNIT_HOST_TEST_UTIL_H_

#include <string_view>

namespace paramsafe::host::testing {

// True for a lowercase 8-4-4-4-12 UUID of version 4 and the RFC 4122 variant.
inline bool IsUuid4(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (c == '-')) return false;
    if (!dash && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return s[14] == '4' && std::string_view("89ab").find(s[19]) != std::string_view::npos;
}

}  // namespace paramsafe::host::testing

#endif  // PARAMSAFE_TESTS_UNIT_HOST_TEST_UTIL_H_
