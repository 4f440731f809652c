// Step 1 of reading filters (see parameter_filters.h): the JSON shape and the
// model's constraints of Filters and ParameterFilters.
#include "ssm/parameter_filters.h"

#include <algorithm>
#include <regex>

#include "core/utf8.h"

namespace paramsafe::adapters::ssm {

namespace {

constexpr std::size_t kMaxKeyChars = 132;
constexpr std::size_t kMaxOptionChars = 10;
constexpr std::size_t kMaxValues = 50;
constexpr std::size_t kMaxValueChars = 1024;
constexpr const char* kKeyPattern = "tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType";

// Java's List.toString(), which AWS uses to show a list in a violation.
std::string ShowList(const std::vector<std::string>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ", ";
    out += values[i];
  }
  return out + "]";
}

void CheckLength(RequestReader& r, const std::string& at, std::string_view v, std::size_t max) {
  std::size_t len = core::CountUtf8Chars(v);
  if (len < 1) r.Violation(at, v, "Member must have length greater than or equal to 1");
  if (len > max) {
    r.Violation(at, v, "Member must have length less than or equal to " + std::to_string(max));
  }
}

void CheckKey(RequestReader& r, const std::string& at, std::string_view key, bool legacy) {
  if (legacy) {
    if (key != "Name" && key != "Type" && key != "KeyId") {
      r.Violation(at, key, "Member must satisfy enum value set: [Name, Type, KeyId]");
    }
    return;
  }
  CheckLength(r, at, key, kMaxKeyChars);
  std::size_t len = core::CountUtf8Chars(key);
  if (len < 1 || len > kMaxKeyChars) return;  // no regex over an over-long member
  static const std::regex kKey(kKeyPattern);
  if (!std::regex_match(key.begin(), key.end(), kKey)) {
    r.Violation(at, key, std::string("Member must satisfy regular expression pattern: ") +
                             kKeyPattern);
  }
}

void CheckValues(RequestReader& r, const std::string& at, const std::vector<std::string>& values) {
  const std::string shown = ShowList(values);
  if (values.empty()) r.Violation(at, shown, "Member must have length greater than or equal to 1");
  if (values.size() > kMaxValues) {
    r.Violation(at, shown,
                "Member must have length less than or equal to " + std::to_string(kMaxValues));
  }
  bool bad_member = std::any_of(values.begin(), values.end(), [](const std::string& v) {
    std::size_t len = core::CountUtf8Chars(v);
    return len < 1 || len > kMaxValueChars;
  });
  if (bad_member) {
    r.Violation(at, shown,
                "Member must satisfy constraint: [Member must have length less than or equal to "
                "1024, Member must have length greater than or equal to 1]");
  }
}

// A string member of a filter object: absent and null are nullopt.
Parsed<std::optional<std::string>> StringMember(const boost::json::object& o,
                                                std::string_view name, const std::string& at) {
  const boost::json::value* v = o.if_contains(name);
  if (v == nullptr || v->is_null()) return std::optional<std::string>();
  if (!v->is_string()) return SerializationError("Member " + at + " must be a JSON string.");
  return std::optional<std::string>(std::string(v->as_string()));
}

Parsed<std::optional<std::vector<std::string>>> ValuesMember(const boost::json::object& o,
                                                             const std::string& at) {
  using Values = std::optional<std::vector<std::string>>;
  const boost::json::value* v = o.if_contains("Values");
  if (v == nullptr || v->is_null()) return Values();
  if (!v->is_array()) return SerializationError("Member " + at + " must be a JSON array.");
  std::vector<std::string> out;
  for (const boost::json::value& e : v->as_array()) {
    if (!e.is_string()) {
      return SerializationError("Member " + at + " must be a list of JSON strings.");
    }
    out.emplace_back(e.as_string());
  }
  return Values(std::move(out));
}

Parsed<std::vector<RequestFilter>> ReadFilterList(RequestReader& r,
                                                  const boost::json::object& request,
                                                  std::string_view member, bool legacy) {
  std::vector<RequestFilter> out;
  const boost::json::value* list = request.if_contains(member);
  if (list == nullptr || list->is_null()) return out;
  if (!list->is_array()) {
    return SerializationError("Member " + std::string(member) + " must be a JSON array.");
  }
  std::size_t index = 0;
  for (const boost::json::value& element : list->as_array()) {
    const std::string at = std::string(member) + "." + std::to_string(++index) + ".member";
    const boost::json::object* o = element.if_object();
    if (o == nullptr) return SerializationError("Member " + at + " must be a JSON object.");

    RequestFilter f;
    auto key = StringMember(*o, "Key", at + ".key");
    if (auto* e = std::get_if<AwsError>(&key)) return *e;
    auto option = StringMember(*o, "Option", at + ".option");
    if (auto* e = std::get_if<AwsError>(&option)) return *e;
    auto values = ValuesMember(*o, at + ".values");
    if (auto* e = std::get_if<AwsError>(&values)) return *e;

    if (auto& k = std::get<0>(key)) {
      f.key = *k;
      CheckKey(r, at + ".key", f.key, legacy);
    } else {
      r.NullViolation(at + ".key");
    }
    if (!legacy) {
      f.option = std::get<0>(option);
      if (f.option) CheckLength(r, at + ".option", *f.option, kMaxOptionChars);
    } else {
      // The legacy shape has no Option: each key implies one.
      f.option = f.key == "Name" ? "BeginsWith" : "Equals";
    }
    f.values = std::get<0>(std::move(values));
    if (f.values) {
      CheckValues(r, at + ".values", *f.values);
    } else if (legacy) {
      r.NullViolation(at + ".values");
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

Parsed<std::vector<RequestFilter>> ReadParameterFilters(RequestReader& reader,
                                                        const boost::json::object& request) {
  return ReadFilterList(reader, request, "ParameterFilters", /*legacy=*/false);
}

Parsed<std::vector<RequestFilter>> ReadLegacyFilters(RequestReader& reader,
                                                     const boost::json::object& request) {
  return ReadFilterList(reader, request, "Filters", /*legacy=*/true);
}

}  // namespace paramsafe::adapters::ssm
