#include "common/list_reader.h"

#include <boost/json/serialize.hpp>

#include "core/utf8.h"

namespace paramsafe::adapters {

namespace {

// AWS reports every constraint of the element type at once, whichever failed.
std::string ItemConstraints(const ListItemRule& item) {
  std::string c = "Member must satisfy constraint: [";
  bool first = true;
  auto add = [&](const std::string& s) {
    c.append(first ? "" : ", ").append(s);
    first = false;
  };
  if (item.max != 0) {
    add("Member must have length less than or equal to " + std::to_string(item.max));
  }
  if (item.min != 0) {
    add("Member must have length greater than or equal to " + std::to_string(item.min));
  }
  if (item.pattern != nullptr) {
    add(std::string("Member must satisfy regular expression pattern: ") + item.pattern);
  }
  c.append("]");
  return c;
}

bool Satisfies(std::string_view s, const ListItemRule& item) {
  const std::size_t n = core::CountUtf8Chars(s);
  if (n < item.min || (item.max != 0 && n > item.max)) return false;
  return item.matches == nullptr || item.matches(s);
}

}  // namespace

std::string ShowList(const boost::json::array& list) {
  std::string out = "[";
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i) out.append(", ");
    if (const boost::json::string* s = list[i].if_string()) {
      out.append(s->data(), s->size());
    } else {
      out.append(boost::json::serialize(list[i]));
    }
  }
  out.append("]");
  return out;
}

const boost::json::array* ListReader::Array(std::string_view member, const ListRule& list,
                                            bool required) {
  auto it = request_.find(member);
  if (it == request_.end() || it->value().is_null()) {
    // RequestReader words an absent required member as AWS does.
    if (required) (void)reader_.String(member, {}, /*required=*/true);
    return nullptr;
  }
  return CheckedArray(it->value(), member, member, list);
}

const boost::json::array* ListReader::CheckedArray(const boost::json::value& value,
                                                   std::string_view path, std::string_view wire,
                                                   const ListRule& list) {
  const boost::json::array* array = value.if_array();
  if (array == nullptr) {
    TypeError("Member " + std::string(wire) + " must be a JSON array.");
    return nullptr;
  }
  if (array->size() < list.min) {
    reader_.Violation(
        path, ShowList(*array),
        "Member must have length greater than or equal to " + std::to_string(list.min));
  }
  if (list.max != 0 && array->size() > list.max) {
    reader_.Violation(path, ShowList(*array),
                      "Member must have length less than or equal to " + std::to_string(list.max));
  }
  return array;
}

std::optional<std::vector<std::string>> ListReader::StringsOf(const boost::json::array& array,
                                                              std::string_view path,
                                                              std::string_view wire,
                                                              const ListItemRule& item) {
  std::vector<std::string> out;
  bool all_satisfy = true;
  for (const boost::json::value& v : array) {
    const boost::json::string* s = v.if_string();
    if (s == nullptr) {
      TypeError("Member " + std::string(wire) + " must be a JSON array of strings.");
      return std::nullopt;
    }
    out.emplace_back(s->data(), s->size());
    all_satisfy = all_satisfy && Satisfies(out.back(), item);
  }
  if (!all_satisfy) reader_.Violation(path, ShowList(array), ItemConstraints(item));
  return out;
}

std::optional<std::vector<std::string>> ListReader::Strings(std::string_view member,
                                                            const ListRule& list,
                                                            const ListItemRule& item,
                                                            bool required) {
  const boost::json::array* array = Array(member, list, required);
  if (array == nullptr) return std::nullopt;
  return StringsOf(*array, member, member, item);
}

std::optional<std::vector<std::string>> ListReader::NestedStrings(const boost::json::value& value,
                                                                  std::string_view path,
                                                                  std::string_view wire,
                                                                  const ListRule& list,
                                                                  const ListItemRule& item) {
  const boost::json::array* array = CheckedArray(value, path, wire, list);
  if (array == nullptr) return std::nullopt;
  return StringsOf(*array, path, wire, item);
}

void ListReader::Missing(std::string_view path) { reader_.NullViolation(path); }

void ListReader::TypeError(std::string message) {
  if (!type_error_) type_error_ = SerializationError(std::move(message));
}

std::optional<AwsError> ListReader::Error() const {
  if (type_error_) return type_error_;
  return reader_.Error();
}

}  // namespace paramsafe::adapters
