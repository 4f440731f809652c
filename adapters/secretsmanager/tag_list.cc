#include "secretsmanager/tag_list.h"

#include "core/utf8.h"

namespace paramsafe::adapters::secretsmanager {

namespace {

constexpr std::size_t kMaxKeyChars = 128;
constexpr std::size_t kMaxValueChars = 256;

// Where a member of the n-th tag is, in AWS's messages ("tags.1.member.key",
// numbered from 1) and on the wire ("Tags[0].Key").
std::string PathOf(std::string_view list, std::size_t index, std::string_view member) {
  return CamelCase(list) + "." + std::to_string(index + 1) + ".member." + CamelCase(member);
}
std::string WireOf(std::string_view list, std::size_t index, std::string_view member) {
  return std::string(list) + "[" + std::to_string(index) + "]." + std::string(member);
}

// One string member of a tag: nullopt when absent (not recorded) or not a
// string (recorded); length violations recorded at its place.
std::optional<std::string> ReadTagText(ListReader& lists, const boost::json::object& tag,
                                       std::string_view list, std::size_t index,
                                       std::string_view member, std::size_t min, std::size_t max) {
  const boost::json::value* v = tag.if_contains(member);
  if (v == nullptr || v->is_null()) return std::nullopt;
  const boost::json::string* s = v->if_string();
  if (s == nullptr) {
    lists.TypeError("Member " + WireOf(list, index, member) + " must be a JSON string.");
    return std::nullopt;
  }
  std::string text(s->data(), s->size());
  const std::size_t n = core::CountUtf8Chars(text);
  const std::string path = PathOf(list, index, member);
  if (n < min) {
    lists.reader().Violation(
        path, text, "Member must have length greater than or equal to " + std::to_string(min));
  }
  if (n > max) {
    lists.reader().Violation(
        path, text, "Member must have length less than or equal to " + std::to_string(max));
  }
  return text;
}

}  // namespace

std::optional<std::vector<core::Tag>> ReadTags(ListReader& lists, std::string_view member,
                                               bool required) {
  const boost::json::array* array = lists.Array(member, {}, required);
  if (array == nullptr) return std::nullopt;
  std::vector<core::Tag> out;
  bool complete = true;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const boost::json::object* tag = (*array)[i].if_object();
    if (tag == nullptr) {
      lists.TypeError("Member " + std::string(member) + " must be a JSON array of Tag objects.");
      return std::nullopt;
    }
    auto key = ReadTagText(lists, *tag, member, i, "Key", 1, kMaxKeyChars);
    auto value = ReadTagText(lists, *tag, member, i, "Value", 0, kMaxValueChars);
    if (!key) {
      const boost::json::value* k = tag->if_contains("Key");
      if (k == nullptr || k->is_null()) lists.Missing(PathOf(member, i, "Key"));
      complete = false;
      continue;
    }
    out.push_back(core::Tag{std::move(*key), value.value_or("")});
  }
  if (!complete) return std::nullopt;
  return out;
}

std::optional<std::vector<std::string>> ReadTagKeys(ListReader& lists, std::string_view member,
                                                    bool required) {
  return lists.Strings(member, {}, {.min = 1, .max = kMaxKeyChars}, required);
}

}  // namespace paramsafe::adapters::secretsmanager
