#include "secretsmanager/secret_filters.h"

#include "secretsmanager/errors.h"

namespace paramsafe::adapters::secretsmanager {

namespace {

constexpr std::size_t kMaxFilters = 10;
constexpr std::size_t kMaxValues = 10;
constexpr std::size_t kMaxValueChars = 512;
constexpr std::string_view kKeys[] = {
    "description", "name", "tag-key", "tag-value", "primary-region", "owning-service", "all",
};

// kFilterValuePattern: its optional leading '!' is also in the class.
bool MatchesFilterValue(std::string_view v) {
  for (char c : v) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && std::string_view(" :_@/+=.-!").find(c) == std::string_view::npos) return false;
  }
  return true;
}

bool IsKnownKey(std::string_view key) {
  for (std::string_view k : kKeys) {
    if (k == key) return true;
  }
  return false;
}

std::string KeyEnumConstraint() {
  std::string c = "Member must satisfy enum value set: [";
  bool first = true;
  for (std::string_view k : kKeys) {
    c.append(first ? "" : ", ").append(k);
    first = false;
  }
  return c + "]";
}

std::string Place(std::string_view member, std::size_t i, std::string_view field) {
  return CamelCase(member) + "." + std::to_string(i + 1) + ".member." + std::string(field);
}
std::string Wire(std::string_view member, std::size_t i, std::string_view field) {
  return std::string(member) + "[" + std::to_string(i) + "]." + std::string(field);
}

void AppendField(std::string& out, std::string_view s) {
  out.append(std::to_string(s.size())).append(":").append(s);
}

}  // namespace

std::optional<SecretFilters> ReadSecretFilters(ListReader& lists, std::string_view member) {
  const boost::json::array* array = lists.Array(member, {.max = kMaxFilters});
  if (array == nullptr) return std::nullopt;
  SecretFilters out;
  auto invalid = [&out](std::string message) {
    if (!out.invalid) out.invalid = InvalidParameter(std::move(message));
  };
  for (std::size_t i = 0; i < array->size(); ++i) {
    const boost::json::object* f = (*array)[i].if_object();
    if (f == nullptr) {
      lists.TypeError("Member " + std::string(member) + " must be a JSON array of Filter objects.");
      return std::nullopt;
    }
    core::SecretFilter filter;
    const boost::json::value* key = f->if_contains("Key");
    if (key == nullptr || key->is_null()) {
      invalid("Invalid filter key");
    } else if (const boost::json::string* k = key->if_string()) {
      filter.key.assign(k->data(), k->size());
      if (!IsKnownKey(filter.key)) {
        lists.reader().Violation(Place(member, i, "key"), filter.key, KeyEnumConstraint());
      }
    } else {
      lists.TypeError("Member " + Wire(member, i, "Key") + " must be a JSON string.");
      return std::nullopt;
    }
    const boost::json::value* values = f->if_contains("Values");
    if (values == nullptr || values->is_null()) {
      invalid("Invalid filter values for key: " + filter.key);
      out.filters.push_back(std::move(filter));
      continue;
    }
    auto read = lists.NestedStrings(
        *values, Place(member, i, "values"), Wire(member, i, "Values"),
        {.min = 1, .max = kMaxValues},
        {.max = kMaxValueChars, .matches = &MatchesFilterValue, .pattern = kFilterValuePattern});
    if (!read) return std::nullopt;
    for (const std::string& v : *read) {
      // A lone "!" negates nothing: refused rather than read as "not ''",
      // which would match no secret at all.
      if (v == "!") {
        invalid("Invalid filter value '!' for key: " + filter.key +
                ". A '!' must be followed by the value it negates.");
      }
    }
    filter.values = std::move(*read);
    out.filters.push_back(std::move(filter));
  }
  return out;
}

std::string FiltersFingerprint(const std::vector<core::SecretFilter>& filters) {
  std::string out;
  for (const core::SecretFilter& f : filters) {
    AppendField(out, f.key);
    out.append(std::to_string(f.values.size())).append("[");
    for (const std::string& v : f.values) AppendField(out, v);
    out.append("]");
  }
  return out;
}

}  // namespace paramsafe::adapters::secretsmanager
