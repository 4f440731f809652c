#include "common/next_token.h"

#include <cstdint>

namespace paramsafe::adapters {

namespace {

constexpr std::string_view kVersion = "1";

// FNV-1a, 64 bits: stable across builds and hosts, which std::hash is not.
std::uint64_t Fnv1a(std::string_view a, std::uint64_t h = 0xcbf29ce484222325ULL) {
  for (unsigned char c : a) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

std::optional<std::string> Unhex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int hi = digit(hex[i]), lo = digit(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi << 4 | lo);
  }
  return out;
}

std::string Checksum(std::string_view operation, std::string_view fingerprint,
                     std::string_view position) {
  std::uint64_t h = Fnv1a(kVersion);
  h = Fnv1a(operation, Fnv1a("|", h));
  h = Fnv1a(fingerprint, Fnv1a("|", h));
  h = Fnv1a(position, Fnv1a("|", h));
  std::string bytes(8, '\0');
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>(h >> (56 - 8 * i));
  return Hex(bytes);
}

}  // namespace

std::string EncodeNextToken(std::string_view operation, std::string_view fingerprint,
                            std::string_view position) {
  std::string token(kVersion);
  token += Checksum(operation, fingerprint, position);
  token += Hex(position);
  return token;
}

std::optional<std::string> DecodeNextToken(std::string_view token, std::string_view operation,
                                           std::string_view fingerprint) {
  constexpr std::size_t kHeader = 1 + 16;
  if (token.size() < kHeader || token.substr(0, 1) != kVersion) return std::nullopt;
  auto position = Unhex(token.substr(kHeader));
  if (!position) return std::nullopt;
  if (token.substr(1, 16) != Checksum(operation, fingerprint, *position)) return std::nullopt;
  return position;
}

}  // namespace paramsafe::adapters
