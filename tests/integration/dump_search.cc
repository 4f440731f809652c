#include "dump_search.h"

#include <cctype>
#include <random>

namespace paramsafe::integration {

namespace {

std::string Hex(std::string_view s, bool upper) {
  const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

std::string Base64(std::string_view s) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < s.size(); i += 3) {
    unsigned v = static_cast<unsigned char>(s[i]) << 16 |
                 static_cast<unsigned char>(s[i + 1]) << 8 | static_cast<unsigned char>(s[i + 2]);
    for (int shift : {18, 12, 6, 0}) out.push_back(kAlphabet[(v >> shift) & 63]);
  }
  // The unpadded full groups are enough to recognise the value anywhere.
  return out;
}

}  // namespace

bool DumpContainsSecret(std::string_view dump, std::string_view secret) {
  for (const std::string& needle :
       {std::string(secret), Hex(secret, false), Hex(secret, true), Base64(secret)}) {
    if (!needle.empty() && dump.find(needle) != std::string_view::npos) return true;
  }
  return false;
}

std::string RandomCanary(std::string_view prefix) {
  std::random_device rd;
  std::uniform_int_distribution<int> nibble(0, 15);
  std::string out(prefix);
  for (int i = 0; i < 32; ++i) out.push_back("0123456789abcdef"[nibble(rd)]);
  return out;
}

}  // namespace paramsafe::integration
