#include "core/secret_names.h"

#include <cstddef>
#include <utility>

namespace paramsafe::core {

namespace {

constexpr std::string_view kSuffixAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr std::size_t kSuffixLength = 6;
constexpr std::size_t kMaxSecretNameLength = 512;

bool IsNameChar(char c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("/_+=.@-").find(c) != std::string_view::npos;
}

// The next ':'-separated field of an ARN, consumed from `rest`.
std::string_view NextField(std::string_view& rest) {
  const std::size_t colon = rest.find(':');
  std::string_view field = rest.substr(0, colon);
  rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
  return field;
}

}  // namespace

bool IsValidSecretName(std::string_view name) {
  if (name.empty() || name.size() > kMaxSecretNameLength) return false;
  for (char c : name) {
    if (!IsNameChar(c)) return false;
  }
  return true;
}

std::string RandomSecretSuffix(RandomSource& random) {
  std::string suffix;
  suffix.reserve(kSuffixLength);
  for (std::size_t i = 0; i < kSuffixLength; ++i) {
    suffix.push_back(
        kSuffixAlphabet[random.Below(static_cast<std::uint32_t>(kSuffixAlphabet.size()))]);
  }
  return suffix;
}

std::string SecretArn(std::string_view region, std::string_view account_id, std::string_view name,
                      std::string_view suffix) {
  std::string arn = "arn:aws:secretsmanager:";
  arn.append(region).append(":").append(account_id).append(":secret:");
  arn.append(name).append("-").append(suffix);
  return arn;
}

SecretLookup ParseSecretId(std::string account_id, std::string region, std::string_view id) {
  SecretLookup lookup;
  lookup.account_id = std::move(account_id);
  lookup.region = std::move(region);
  if (id.substr(0, 4) != "arn:") {
    lookup.name = std::string(id);
    return lookup;
  }
  lookup.arn = std::string(id);
  // arn:<partition>:secretsmanager:<region>:<account>:secret:<name>[-<suffix>]
  std::string_view rest = id.substr(4);
  const std::string_view partition = NextField(rest);
  const std::string_view service = NextField(rest);
  const std::string_view arn_region = NextField(rest);
  const std::string_view arn_account = NextField(rest);
  const std::string_view resource_type = NextField(rest);
  // Only an ARN of the caller's account and region may name a secret by its
  // resource part: anything else finds at most the secret of that exact ARN.
  if (!partition.empty() && service == "secretsmanager" && arn_region == lookup.region &&
      arn_account == lookup.account_id && resource_type == "secret" && !rest.empty()) {
    lookup.name = std::string(rest);
  }
  return lookup;
}

ItemKey SecretKey(std::string account_id, std::string region, std::string name) {
  ItemKey key;
  key.account_id = std::move(account_id);
  key.region = std::move(region);
  key.kind = ItemKind::kSecret;
  key.lookup_name = name;
  key.name = std::move(name);
  return key;
}

}  // namespace paramsafe::core
