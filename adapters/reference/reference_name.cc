#include "reference/reference_name.h"

#include <algorithm>
#include <cctype>

namespace paramsafe::adapters::reference {

namespace {

constexpr std::size_t kMinVersionId = 32;
constexpr std::size_t kMaxVersionId = 64;
constexpr std::size_t kMaxStage = 256;

core::Status BadSyntax() { return core::Status(core::Code::kInvalidArgument, kBadReferenceSyntax); }

}  // namespace

bool IsSecretsManagerReference(std::string_view name) {
  return name.starts_with(kSecretsManagerPrefix);
}

core::Result<ReferenceName> ParseReferenceName(std::string_view name) {
  std::string_view rest = name.substr(kSecretsManagerPrefix.size());
  // An ARN always holds colons, but "arn:x" would otherwise read as the secret
  // "arn" with the label "x": AWS refuses every ARN here.
  if (rest.starts_with("arn:")) return BadSyntax();
  ReferenceName out;
  const std::size_t colon = rest.find(':');
  if (colon != std::string_view::npos) {
    std::string_view selector = rest.substr(colon + 1);
    if (selector.empty() || selector.find(':') != std::string_view::npos) return BadSyntax();
    out.selector = std::string(selector);
    rest = rest.substr(0, colon);
  }
  out.secret_id = std::string(rest);
  out.path = std::string(kSecretsManagerPrefix) + out.secret_id;
  return out;
}

bool HasVersionIdShape(std::string_view selector) {
  return selector.size() >= kMinVersionId && selector.size() <= kMaxVersionId;
}

bool HasStageShape(std::string_view selector) {
  return !selector.empty() && selector.size() <= kMaxStage &&
         std::all_of(selector.begin(), selector.end(), [](unsigned char c) {
           return std::isalnum(c) || c == '.' || c == '-' || c == '_';
         });
}

}  // namespace paramsafe::adapters::reference
