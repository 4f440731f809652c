#include "ssm/tag_list.h"

#include <cstdint>

#include "core/utf8.h"

namespace paramsafe::adapters::ssm {

namespace {

constexpr std::size_t kMaxTagsInRequest = 1000;  // TagList's model maximum
constexpr std::size_t kMaxTagKeyChars = 128;
constexpr std::size_t kMaxTagValueChars = 256;

bool IsAllowedAscii(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case ' ':
    case '_':
    case '.':
    case ':':
    case '/':
    case '=':
    case '+':
    case '-':
    case '@':
      return true;
    default:
      return false;
  }
}

// \p{L}, \p{Z} and \p{N} beyond ASCII would need the Unicode tables (ICU), which
// we do not link. Instead every non-ASCII code point is accepted except the
// ones that are certainly none of those: C1 controls, Latin-1 punctuation and
// symbols, the General Punctuation block apart from its spaces, invisible
// format characters, specials and private use. Some symbols of other blocks
// (emoji, math signs) therefore pass where AWS would refuse them; no letter,
// separator or number of any script is refused.
bool IsAllowedNonAscii(std::uint32_t cp) {
  if (cp <= 0x9F) return false;  // C1 controls
  if (cp <= 0xBF) {
    // Latin-1's letters, numbers and space among its punctuation and symbols:
    // no-break space (Zs), ordinal indicators (Lo), superscript digits and
    // vulgar fractions (No), micro sign (Ll).
    switch (cp) {
      case 0xA0:
      case 0xAA:
      case 0xBA:
      case 0xB2:
      case 0xB3:
      case 0xB9:
      case 0xBC:
      case 0xBD:
      case 0xBE:
      case 0xB5:
        return true;
      default:
        return false;
    }
  }
  if (cp == 0xD7 || cp == 0xF7) return false;  // multiplication and division signs
  if (cp >= 0x2000 && cp <= 0x206F) {
    return cp <= 0x200A || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F;
  }
  if (cp >= 0xE000 && cp <= 0xF8FF) return false;                    // private use
  if (cp == 0xFEFF || (cp >= 0xFFF0 && cp <= 0xFFFF)) return false;  // BOM, specials
  if (cp >= 0xF0000) return false;                                   // private use planes
  return true;
}

// Where a member of the n-th tag of a list is, in AWS's messages
// ("tags.1.member.key", members numbered from 1) and on the wire ("Tags[0].Key").
struct TagMemberPlace {
  std::string path;
  std::string wire;
};

TagMemberPlace PlaceOf(std::string_view list, std::size_t index, std::string_view member) {
  return {CamelCase(list) + "." + std::to_string(index + 1) + ".member." + CamelCase(member),
          std::string(list) + "[" + std::to_string(index) + "]." + std::string(member)};
}

// Reads one string member of a tag; records its violations at its place.
std::optional<std::string> ReadTagText(ListReader& lists, const boost::json::object& tag,
                                       std::string_view member, const TagMemberPlace& place,
                                       std::size_t min, std::size_t max) {
  const std::string& path = place.path;
  const boost::json::value* v = tag.if_contains(member);
  if (v == nullptr || v->is_null()) {
    lists.Missing(path);
    return std::nullopt;
  }
  const boost::json::string* s = v->if_string();
  if (s == nullptr) {
    lists.TypeError("Member " + place.wire + " must be a JSON string.");
    return std::nullopt;
  }
  std::string text(s->data(), s->size());
  const std::size_t n = core::CountUtf8Chars(text);
  RequestReader& r = lists.reader();
  if (n < min) {
    r.Violation(path, text,
                "Member must have length greater than or equal to " + std::to_string(min));
  }
  if (n > max) {
    r.Violation(path, text, "Member must have length less than or equal to " + std::to_string(max));
  }
  if (n >= min && n <= max && !MatchesTagPattern(text)) {
    r.Violation(path, text,
                std::string("Member must satisfy regular expression pattern: ") + kTagPattern);
  }
  return text;
}

}  // namespace

bool MatchesTagPattern(std::string_view text) {
  std::u32string cps;
  if (!core::DecodeUtf8(text, &cps)) return false;
  for (char32_t cp : cps) {
    if (cp < 0x80 ? !IsAllowedAscii(static_cast<unsigned char>(cp)) : !IsAllowedNonAscii(cp)) {
      return false;
    }
  }
  return true;
}

std::optional<std::vector<core::Tag>> ReadTagList(ListReader& lists, std::string_view member,
                                                  bool required) {
  const boost::json::array* array = lists.Array(member, {.max = kMaxTagsInRequest}, required);
  if (array == nullptr) return std::nullopt;
  std::vector<core::Tag> out;
  bool complete = true;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const boost::json::object* tag = (*array)[i].if_object();
    if (tag == nullptr) {
      lists.TypeError("Member " + std::string(member) + " must be a JSON array of Tag objects.");
      return std::nullopt;
    }
    auto key = ReadTagText(lists, *tag, "Key", PlaceOf(member, i, "Key"), 1, kMaxTagKeyChars);
    auto value =
        ReadTagText(lists, *tag, "Value", PlaceOf(member, i, "Value"), 0, kMaxTagValueChars);
    if (!key || !value) {
      complete = false;
      continue;
    }
    out.push_back(core::Tag{std::move(*key), std::move(*value)});
  }
  if (!complete) return std::nullopt;
  return out;
}

std::optional<std::vector<std::string>> ReadTagKeyList(ListReader& lists, std::string_view member,
                                                       bool required) {
  return lists.Strings(
      member, {},
      {.min = 1, .max = kMaxTagKeyChars, .matches = &MatchesTagPattern, .pattern = kTagPattern},
      required);
}

}  // namespace paramsafe::adapters::ssm
