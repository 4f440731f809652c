// Small ASCII text helpers of the policy language: IAM compares action names
// and condition keys case-insensitively, and only in ASCII. Pure functions.
#ifndef PARAMSAFE_AUTH_POLICY_TEXT_H_
#define PARAMSAFE_AUTH_POLICY_TEXT_H_

#include <string>
#include <string_view>

namespace paramsafe::auth {

inline char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

inline std::string AsciiLowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

inline bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

inline bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

}  // namespace paramsafe::auth

#endif  // PARAMSAFE_AUTH_POLICY_TEXT_H_
