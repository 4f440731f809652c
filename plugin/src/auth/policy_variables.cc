#include "auth/policy_variables.h"

namespace paramsafe::auth {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

void Append(Pattern* out, std::string_view text, bool literal) {
  out->text.append(text);
  out->literal.insert(out->literal.end(), text.size(), literal);
}

// The value of one "${...}" body, or nullopt when it cannot be resolved.
std::optional<std::string> Resolve(std::string_view body, const ConditionKeys& keys) {
  body = Trim(body);
  if (body == "*" || body == "?" || body == "$") return std::string(body);
  std::optional<std::string> fallback;
  if (const std::size_t comma = body.find(','); comma != std::string_view::npos) {
    const std::string_view quoted = Trim(body.substr(comma + 1));
    if (quoted.size() < 2 || quoted.front() != '\'' || quoted.back() != '\'') return std::nullopt;
    fallback = std::string(quoted.substr(1, quoted.size() - 2));
    body = Trim(body.substr(0, comma));
  }
  const std::vector<std::string>* values = keys.Find(body);
  if (values != nullptr && values->size() == 1) return values->front();
  return fallback;
}

}  // namespace

std::optional<Pattern> ResolveVariables(std::string_view text, const ConditionKeys& keys,
                                        bool variables) {
  if (!variables || text.find("${") == std::string_view::npos) return Pattern::Of(text);
  Pattern out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t open = text.find("${", pos);
    const std::size_t close = open == std::string_view::npos ? open : text.find('}', open + 2);
    if (close == std::string_view::npos) {
      // No (complete) variable left: the rest is plain text.
      Append(&out, text.substr(pos), false);
      break;
    }
    Append(&out, text.substr(pos, open - pos), false);
    const std::optional<std::string> value = Resolve(text.substr(open + 2, close - open - 2), keys);
    if (!value) return std::nullopt;
    Append(&out, *value, true);
    pos = close + 1;
  }
  return out;
}

}  // namespace paramsafe::auth
