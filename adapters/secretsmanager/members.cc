#include "secretsmanager/members.h"

#include <cstdint>

#include "core/secret_names.h"

namespace paramsafe::adapters::secretsmanager {

std::optional<std::string> ReadSecretId(RequestReader& r) {
  return r.String("SecretId", kSecretIdRule, /*required=*/true);
}

core::SecretLookup LookupOf(const CallContext& ctx, const std::string& secret_id) {
  return core::ParseSecretId(ctx.account_id, ctx.region, secret_id);
}

std::optional<std::vector<std::string>> ReadVersionStages(ListReader& lists,
                                                          std::string_view member) {
  return lists.Strings(member, {.min = 1, .max = 20}, {.min = 1, .max = 256});
}

std::string NewClientRequestToken(core::RandomSource& random) {
  std::uint8_t b[16];
  for (std::uint8_t& byte : b) byte = static_cast<std::uint8_t>(random.Below(256));
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x40);  // version 4
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[b[i] >> 4];
    out += kHex[b[i] & 15];
  }
  return out;
}

}  // namespace paramsafe::adapters::secretsmanager
