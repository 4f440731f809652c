// UTF-8 as the APIs count and check it: AWS limits lengths in characters, and
// PostgreSQL text holds only valid UTF-8 without NUL.
#ifndef PARAMSAFE_CORE_UTF8_H_
#define PARAMSAFE_CORE_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace paramsafe::core {

inline constexpr char32_t kMaxCodePoint = 0x10FFFF;
inline constexpr char32_t kSurrogateFirst = 0xD800;
inline constexpr char32_t kSurrogateLast = 0xDFFF;

// Characters (code points) of UTF-8 text; for invalid text, its lead bytes.
std::size_t CountUtf8Chars(std::string_view s);

// Strict decoding: no overlong forms, surrogates, code points past U+10FFFF or
// NUL. False (out unspecified) when s is not such text.
bool DecodeUtf8(std::string_view s, std::u32string* out);

// Appends the UTF-8 form of a code point. REQUIRES: cp <= kMaxCodePoint.
void AppendUtf8(char32_t cp, std::string* out);

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_UTF8_H_
