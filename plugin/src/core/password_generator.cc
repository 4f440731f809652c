#include "core/password_generator.h"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

namespace paramsafe::core {

namespace {

std::string Without(std::string_view chars, std::string_view excluded) {
  std::string out;
  for (char c : chars) {
    if (excluded.find(c) == std::string_view::npos) out.push_back(c);
  }
  return out;
}

char Pick(const std::string& alphabet, RandomSource& random) {
  return alphabet[random.Below(static_cast<std::uint32_t>(alphabet.size()))];
}

}  // namespace

Result<SecureBuffer> GeneratePassword(const PasswordOptions& o, RandomSource& random) {
  std::vector<std::string> classes;
  auto include = [&](bool wanted, std::string_view chars) {
    if (!wanted) return;
    std::string left = Without(chars, o.exclude_characters);
    if (!left.empty()) classes.push_back(std::move(left));
  };
  include(!o.exclude_uppercase, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
  include(!o.exclude_lowercase, "abcdefghijklmnopqrstuvwxyz");
  include(!o.exclude_numbers, "0123456789");
  include(!o.exclude_punctuation, kPasswordPunctuation);
  include(o.include_space, " ");
  if (classes.empty()) {
    return Status(Code::kInvalidArgument,
                  "No characters are left to generate a password from: every character type "
                  "is excluded.");
  }
  if (o.require_each_included_type && o.length < classes.size()) {
    return Status(Code::kInvalidArgument,
                  "Password length is too short based on the required types.");
  }
  std::string alphabet;
  for (const std::string& c : classes) alphabet += c;

  SecureBuffer out;
  out.reserve(o.length);
  if (o.require_each_included_type) {
    for (const std::string& c : classes) out.push_back(static_cast<std::uint8_t>(Pick(c, random)));
  }
  while (out.size() < o.length) out.push_back(static_cast<std::uint8_t>(Pick(alphabet, random)));
  // The required characters were drawn first; a Fisher-Yates shuffle puts them
  // anywhere, uniformly.
  for (std::size_t i = out.size(); i > 1; --i) {
    std::swap(out[i - 1], out[random.Below(static_cast<std::uint32_t>(i))]);
  }
  return out;
}

}  // namespace paramsafe::core
