// Wildcard patterns of the policy language: '*' matches any run of
// characters (including ':' and '/'), '?' any one character. A pattern may
// carry characters that must match literally although they are '*' or '?':
// those a policy variable put there (${*}, ${?}, or a substituted value).
// Plain values; pure functions; thread-safe.
#ifndef PARAMSAFE_AUTH_WILDCARD_H_
#define PARAMSAFE_AUTH_WILDCARD_H_

#include <string>
#include <string_view>
#include <vector>

namespace paramsafe::auth {

struct Pattern {
  std::string text;
  std::vector<bool> literal;  // empty, or one flag per character of text

  static Pattern Of(std::string_view text) { return Pattern{std::string(text), {}}; }
  bool IsLiteral(std::size_t i) const { return !literal.empty() && literal[i]; }
};

enum class CaseRule { kSensitive, kInsensitive };

// Whether the whole of `text` matches `pattern`.
bool WildcardMatch(const Pattern& pattern, std::string_view text, CaseRule rule);

// ArnLike / ArnEquals: both ARNs are split into their six fields (the last
// keeps any further ':'), and each field is matched on its own, so a
// wildcard in the region never reaches into the account. An ARN with fewer
// than six fields matches nothing.
bool ArnMatch(const Pattern& pattern, std::string_view arn);

}  // namespace paramsafe::auth

#endif  // PARAMSAFE_AUTH_WILDCARD_H_
