#include "auth/wildcard.h"

#include <array>
#include <optional>

#include "auth/policy_text.h"

namespace paramsafe::auth {
namespace {

bool SameChar(char a, char b, CaseRule rule) {
  return rule == CaseRule::kSensitive ? a == b : AsciiLower(a) == AsciiLower(b);
}

// [begin, end) of each of the six fields of an ARN (the sixth runs to the end).
using Fields = std::array<std::pair<std::size_t, std::size_t>, 6>;
std::optional<Fields> SplitArn(std::string_view arn) {
  Fields fields;
  std::size_t start = 0;
  for (std::size_t i = 0; i < 5; ++i) {
    const std::size_t colon = arn.find(':', start);
    if (colon == std::string_view::npos) return std::nullopt;
    fields[i] = {start, colon};
    start = colon + 1;
  }
  fields[5] = {start, arn.size()};
  return fields;
}

Pattern Slice(const Pattern& p, std::size_t begin, std::size_t end) {
  Pattern out{p.text.substr(begin, end - begin), {}};
  if (!p.literal.empty()) out.literal.assign(p.literal.begin() + begin, p.literal.begin() + end);
  return out;
}

}  // namespace

// Iterative matching with one backtrack point (the last '*' seen): linear in
// practice and never recursive, so a hostile pattern cannot blow the stack.
bool WildcardMatch(const Pattern& pattern, std::string_view text, CaseRule rule) {
  const std::string& p = pattern.text;
  std::size_t pi = 0;
  std::size_t ti = 0;
  std::size_t star = std::string::npos;
  std::size_t star_text = 0;
  while (ti < text.size()) {
    if (pi < p.size() && !pattern.IsLiteral(pi) && p[pi] == '*') {
      star = pi++;
      star_text = ti;
    } else if (pi < p.size() &&
               ((!pattern.IsLiteral(pi) && p[pi] == '?') || SameChar(p[pi], text[ti], rule))) {
      ++pi;
      ++ti;
    } else if (star != std::string::npos) {
      pi = star + 1;
      ti = ++star_text;
    } else {
      return false;
    }
  }
  while (pi < p.size() && !pattern.IsLiteral(pi) && p[pi] == '*') ++pi;
  return pi == p.size();
}

bool ArnMatch(const Pattern& pattern, std::string_view arn) {
  const auto pattern_fields = SplitArn(pattern.text);
  const auto arn_fields = SplitArn(arn);
  if (!pattern_fields || !arn_fields) return false;
  for (std::size_t i = 0; i < 6; ++i) {
    const auto [pb, pe] = (*pattern_fields)[i];
    const auto [ab, ae] = (*arn_fields)[i];
    if (!WildcardMatch(Slice(pattern, pb, pe), arn.substr(ab, ae - ab), CaseRule::kSensitive)) {
      return false;
    }
  }
  return true;
}

}  // namespace paramsafe::auth
