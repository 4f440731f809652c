#include "auth/condition_values.h"

#include <charconv>
#include <cmath>
#include <vector>

#include "auth/policy_text.h"

namespace paramsafe::auth {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Exactly `n` digits at s[pos...], or nullopt.
std::optional<int> Digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return std::nullopt;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!IsDigit(s[i])) return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

std::optional<std::int64_t> EpochSeconds(std::string_view s) {
  if (s.empty() || s.size() > 12) return std::nullopt;
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v * 1000;
}

// "Z", "+hh:mm", "+hhmm", "-hh:mm", ... at s[pos...] (to the end): the
// offset in minutes east of UTC.
std::optional<int> ZoneOffset(std::string_view s, std::size_t pos) {
  const std::string_view zone = s.substr(pos);
  if (zone == "Z" || zone == "z") return 0;
  if (zone.size() != 6 && zone.size() != 5) return std::nullopt;
  if (zone[0] != '+' && zone[0] != '-') return std::nullopt;
  const auto hours = Digits(zone, 1, 2);
  const std::size_t minute_pos = zone.size() == 6 ? 4 : 3;
  if (zone.size() == 6 && zone[3] != ':') return std::nullopt;
  const auto minutes = Digits(zone, minute_pos, 2);
  if (!hours || !minutes || *hours > 23 || *minutes > 59) return std::nullopt;
  const int offset = *hours * 60 + *minutes;
  return zone[0] == '-' ? -offset : offset;
}

std::optional<std::int64_t> IsoDate(std::string_view s) {
  const auto year = Digits(s, 0, 4);
  const auto month = Digits(s, 5, 2);
  const auto day = Digits(s, 8, 2);
  if (!year || !month || !day || s[4] != '-' || s[7] != '-') return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year(*year),
                                        std::chrono::month(static_cast<unsigned>(*month)),
                                        std::chrono::day(static_cast<unsigned>(*day))};
  if (!ymd.ok()) return std::nullopt;
  std::int64_t ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::sys_days(ymd).time_since_epoch())
                        .count();
  if (s.size() == 10) return ms;
  if (s[10] != 'T' && s[10] != 't') return std::nullopt;
  const auto hour = Digits(s, 11, 2);
  const auto minute = Digits(s, 14, 2);
  if (!hour || !minute || s.size() < 16 || s[13] != ':' || *hour > 23 || *minute > 59) {
    return std::nullopt;
  }
  ms += (static_cast<std::int64_t>(*hour) * 3600 + *minute * 60) * 1000;
  std::size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    const auto second = Digits(s, pos + 1, 2);
    if (!second || *second > 60) return std::nullopt;  // 60: a leap second
    ms += static_cast<std::int64_t>(*second) * 1000;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      const std::size_t start = pos;
      int fraction_ms = 0;
      int scale = 100;
      while (pos < s.size() && IsDigit(s[pos])) {
        fraction_ms += (s[pos] - '0') * scale;
        scale /= 10;
        ++pos;
      }
      if (pos == start) return std::nullopt;
      ms += fraction_ms;
    }
  }
  // AWS reads a time without a zone as UTC.
  if (pos == s.size()) return ms;
  const auto offset = ZoneOffset(s, pos);
  if (!offset) return std::nullopt;
  return ms - static_cast<std::int64_t>(*offset) * 60 * 1000;
}

std::optional<std::array<std::uint8_t, 4>> ParseIpv4(std::string_view s) {
  std::array<std::uint8_t, 4> out{};
  std::size_t pos = 0;
  for (int i = 0; i < 4; ++i) {
    if (i > 0) {
      if (pos >= s.size() || s[pos] != '.') return std::nullopt;
      ++pos;
    }
    const std::size_t start = pos;
    int v = 0;
    while (pos < s.size() && IsDigit(s[pos]) && pos - start < 3) v = v * 10 + (s[pos++] - '0');
    if (pos == start || v > 255) return std::nullopt;
    out[i] = static_cast<std::uint8_t>(v);
  }
  if (pos != s.size()) return std::nullopt;
  return out;
}

int HexDigit(char c) {
  if (IsDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Groups of up to four hex digits separated by ':', at most one "::", an
// optional dotted IPv4 tail. Zone ids ("%eth0") are refused.
std::optional<std::array<std::uint8_t, 16>> ParseIpv6(std::string_view s) {
  std::vector<std::uint16_t> head;
  std::vector<std::uint16_t> tail;
  bool compressed = false;
  std::size_t pos = 0;
  if (s.substr(0, 2) == "::") {
    compressed = true;
    pos = 2;
  }
  while (pos < s.size()) {
    std::vector<std::uint16_t>& groups = compressed ? tail : head;
    const std::size_t next = s.find(':', pos);
    const std::string_view group =
        s.substr(pos, next == std::string_view::npos ? s.npos : next - pos);
    if (group.find('.') != std::string_view::npos) {
      // The dotted IPv4 tail must be last.
      if (next != std::string_view::npos) return std::nullopt;
      const auto v4 = ParseIpv4(group);
      if (!v4) return std::nullopt;
      groups.push_back(static_cast<std::uint16_t>((*v4)[0] << 8 | (*v4)[1]));
      groups.push_back(static_cast<std::uint16_t>((*v4)[2] << 8 | (*v4)[3]));
      pos = s.size();
      break;
    }
    if (group.empty() || group.size() > 4) return std::nullopt;
    int v = 0;
    for (const char c : group) {
      const int d = HexDigit(c);
      if (d < 0) return std::nullopt;
      v = v * 16 + d;
    }
    groups.push_back(static_cast<std::uint16_t>(v));
    if (next == std::string_view::npos) {
      pos = s.size();
    } else if (s.substr(next, 2) == "::") {
      if (compressed) return std::nullopt;
      compressed = true;
      pos = next + 2;
    } else {
      pos = next + 1;
      if (pos == s.size()) return std::nullopt;  // a trailing single ':'
    }
  }
  const std::size_t total = head.size() + tail.size();
  if (compressed ? total > 7 : total != 8) return std::nullopt;
  std::array<std::uint8_t, 16> out{};
  std::size_t i = 0;
  for (const std::uint16_t g : head) {
    out[i++] = static_cast<std::uint8_t>(g >> 8);
    out[i++] = static_cast<std::uint8_t>(g & 0xff);
  }
  i = 16 - tail.size() * 2;
  for (const std::uint16_t g : tail) {
    out[i++] = static_cast<std::uint8_t>(g >> 8);
    out[i++] = static_cast<std::uint8_t>(g & 0xff);
  }
  return out;
}

bool IsV4Mapped(const std::array<std::uint8_t, 16>& b) {
  for (int i = 0; i < 10; ++i) {
    if (b[i] != 0) return false;
  }
  return b[10] == 0xff && b[11] == 0xff;
}

}  // namespace

std::optional<std::int64_t> ParseConditionDate(std::string_view text) {
  if (text.empty()) return std::nullopt;
  bool all_digits = true;
  for (const char c : text) all_digits = all_digits && IsDigit(c);
  if (all_digits) return EpochSeconds(text);
  if (text.size() < 10) return std::nullopt;
  return IsoDate(text);
}

std::optional<double> ParseConditionNumber(std::string_view text) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}

std::optional<bool> ParseConditionBool(std::string_view text) {
  if (EqualsIgnoreCase(text, "true")) return true;
  if (EqualsIgnoreCase(text, "false")) return false;
  return std::nullopt;
}

std::optional<IpBlock> ParseIpBlock(std::string_view text) {
  std::string_view address = text;
  std::optional<int> prefix;
  if (const std::size_t slash = text.find('/'); slash != std::string_view::npos) {
    address = text.substr(0, slash);
    const std::string_view bits = text.substr(slash + 1);
    if (bits.empty() || bits.size() > 3) return std::nullopt;
    int v = 0;
    for (const char c : bits) {
      if (!IsDigit(c)) return std::nullopt;
      v = v * 10 + (c - '0');
    }
    prefix = v;
  }
  IpBlock block;
  if (const auto v4 = ParseIpv4(address)) {
    std::copy(v4->begin(), v4->end(), block.bytes.begin());
    block.prefix = prefix.value_or(32);
    if (block.prefix > 32) return std::nullopt;
    return block;
  }
  const auto v6 = ParseIpv6(address);
  if (!v6) return std::nullopt;
  block.prefix = prefix.value_or(128);
  if (block.prefix > 128) return std::nullopt;
  // An IPv4 client reached over a dual-stack socket shows up as ::ffff:a.b.c.d;
  // it must match the IPv4 blocks a policy names.
  if (IsV4Mapped(*v6) && block.prefix >= 96) {
    std::copy(v6->begin() + 12, v6->end(), block.bytes.begin());
    block.prefix -= 96;
    return block;
  }
  block.v6 = true;
  block.bytes = *v6;
  return block;
}

bool IpInBlock(const IpBlock& address, const IpBlock& block) {
  if (address.v6 != block.v6) return false;
  int bits = block.prefix;
  for (std::size_t i = 0; bits > 0; ++i, bits -= 8) {
    const std::uint8_t mask = bits >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits));
    if ((address.bytes[i] & mask) != (block.bytes[i] & mask)) return false;
  }
  return true;
}

bool IsValidConditionValue(ValueKind kind, std::string_view value, bool variables) {
  if (variables && value.find("${") != std::string_view::npos) return true;
  switch (kind) {
    case ValueKind::kBool:
    case ValueKind::kNull:
      return ParseConditionBool(value).has_value();
    case ValueKind::kDate:
      return ParseConditionDate(value).has_value();
    case ValueKind::kNumeric:
      return ParseConditionNumber(value).has_value();
    case ValueKind::kIpAddress:
      return ParseIpBlock(value).has_value();
    case ValueKind::kString:
    case ValueKind::kStringIgnoreCase:
    case ValueKind::kStringLike:
    case ValueKind::kArn:
      return true;
  }
  return false;
}

}  // namespace paramsafe::auth
