// Typed readings of condition values and request values: dates (ISO 8601 or
// epoch seconds), numbers, booleans and IP addresses / CIDR blocks, as IAM
// accepts them. Pure functions; thread-safe.
#ifndef PARAMSAFE_AUTH_CONDITION_VALUES_H_
#define PARAMSAFE_AUTH_CONDITION_VALUES_H_

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include "auth/condition_operators.h"

namespace paramsafe::auth {

// Milliseconds since the epoch (UTC). Accepts "2024-05-01",
// "2024-05-01T12:00:00Z", with fractions of a second ("...:00.123Z"), with an
// offset ("...+02:00") or without seconds ("2024-05-01T12:00Z"), and epoch
// seconds ("1714564800").
std::optional<std::int64_t> ParseConditionDate(std::string_view text);

// A decimal number ("42", "-1.5", "1e3").
std::optional<double> ParseConditionNumber(std::string_view text);

// "true" / "false", case-insensitively.
std::optional<bool> ParseConditionBool(std::string_view text);

// An IPv4 or IPv6 address with an optional "/prefix"; a plain address is a
// block of one. IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are read as IPv4.
struct IpBlock {
  bool v6 = false;
  std::array<std::uint8_t, 16> bytes{};  // IPv4 in the first four
  int prefix = 0;                        // bits that must match
};
std::optional<IpBlock> ParseIpBlock(std::string_view text);

// Whether `address` (a plain address, as aws:SourceIp holds) lies in `block`.
bool IpInBlock(const IpBlock& address, const IpBlock& block);

// Whether a policy's value suits the operator kind (so a document with
// "DateLessThan": "tomorrow" is refused when it is written, not silently
// never matching later). Values holding a policy variable ("${...}", 2012
// grammar only) are taken as they are: they are checked once resolved.
bool IsValidConditionValue(ValueKind kind, std::string_view value, bool variables);

}  // namespace paramsafe::auth

#endif  // PARAMSAFE_AUTH_CONDITION_VALUES_H_
