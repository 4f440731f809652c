#include "common/request_reader.h"

#include <regex>

#include "core/utf8.h"

namespace paramsafe::adapters {

std::string CamelCase(std::string_view member) {
  std::string s(member);
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

namespace {

// Compiled patterns are reused: the same few model patterns are checked on
// every request.
const std::regex& CachedRegex(const char* pattern) {
  thread_local std::vector<std::pair<const char*, std::regex>> cache;
  for (auto& [p, re] : cache) {
    if (p == pattern) return re;
  }
  cache.emplace_back(pattern, std::regex(pattern, std::regex::ECMAScript));
  return cache.back().second;
}

// AWS's wording of one violation. shown is how the value appears: "'abc' " for a
// value (even an empty one), "null " for a missing member, "" for a sensitive one.
std::string FormatViolation(std::string_view member, std::string_view shown,
                            std::string_view constraint) {
  std::string v = "Value ";
  v.append(shown).append("at '").append(CamelCase(member));
  v.append("' failed to satisfy constraint: ").append(constraint);
  return v;
}

std::string Quoted(std::string_view value) {
  std::string q = "'";
  q.append(value).append("' ");
  return q;
}

constexpr std::string_view kNull = "null ";
constexpr std::string_view kHidden = "";

}  // namespace

const boost::json::value* RequestReader::Find(std::string_view member, const char* expected) {
  auto it = request_.find(member);
  if (it == request_.end() || it->value().is_null()) return nullptr;
  const boost::json::value& v = it->value();
  bool ok = (std::string_view(expected) == "string" && v.is_string()) ||
            (std::string_view(expected) == "boolean" && v.is_bool()) ||
            (std::string_view(expected) == "integer" && (v.is_int64() || v.is_uint64()));
  if (!ok) {
    if (!type_error_) {
      type_error_ = SerializationError("Member " + std::string(member) + " must be a JSON " +
                                       expected + ".");
    }
    return nullptr;
  }
  return &v;
}

void RequestReader::Violation(std::string_view member, std::string_view shown_value,
                              std::string_view constraint) {
  const std::string shown = shown_value.empty() ? std::string(kHidden) : Quoted(shown_value);
  violations_.push_back(FormatViolation(member, shown, constraint));
}

void RequestReader::NullViolation(std::string_view member) {
  violations_.push_back(FormatViolation(member, kNull, "Member must not be null"));
}

void RequestReader::CheckString(std::string_view member, std::string_view v,
                                const StringRule& rule) {
  const std::string shown = rule.sensitive ? std::string(kHidden) : Quoted(v);
  std::size_t len = core::CountUtf8Chars(v);
  auto add = [&](const std::string& constraint) {
    violations_.push_back(FormatViolation(member, shown, constraint));
  };
  if (len < rule.min) {
    add("Member must have length greater than or equal to " + std::to_string(rule.min));
  }
  const bool too_long = rule.max != 0 && len > rule.max;
  if (too_long) {
    add("Member must have length less than or equal to " + std::to_string(rule.max));
  }
  if (rule.allowed.size() != 0) {
    bool found = false;
    std::string list;
    for (const char* a : rule.allowed) {
      found = found || v == a;
      list.append(list.empty() ? "" : ", ").append(a);
    }
    if (!found) add("Member must satisfy enum value set: [" + list + "]");
  }
  // Not on an over-long value: libstdc++'s regex matcher recurses once per
  // character, and a megabyte-long member would overflow the stack.
  if (rule.pattern != nullptr && len >= rule.min && !too_long) {
    // Matched in place: a copy of a sensitive value would outlive the request.
    if (!std::regex_match(v.begin(), v.end(), CachedRegex(rule.pattern))) {
      add(std::string("Member must satisfy regular expression pattern: ") + rule.pattern);
    }
  }
}

const boost::json::value* RequestReader::FindRequired(std::string_view member,
                                                     const char* expected, bool required) {
  const boost::json::value* v = Find(member, expected);
  if (v == nullptr && required && !type_error_) {
    NullViolation(member);
  }
  return v;
}

std::optional<std::string> RequestReader::String(std::string_view member, const StringRule& rule,
                                                 bool required) {
  const boost::json::value* v = FindRequired(member, "string", required);
  if (v == nullptr) return std::nullopt;
  std::string s(v->as_string());
  CheckString(member, s, rule);
  return s;
}

std::optional<core::SecureBuffer> RequestReader::SecretString(std::string_view member,
                                                              const StringRule& rule,
                                                              bool required) {
  const boost::json::value* v = FindRequired(member, "string", required);
  if (v == nullptr) return std::nullopt;
  const boost::json::string& s = v->as_string();
  StringRule quiet = rule;
  quiet.sensitive = true;
  CheckString(member, std::string_view(s.data(), s.size()), quiet);
  return core::SecureBuffer(s.begin(), s.end());
}

std::optional<bool> RequestReader::Bool(std::string_view member) {
  const boost::json::value* v = Find(member, "boolean");
  if (v == nullptr) return std::nullopt;
  return v->as_bool();
}

std::optional<std::int64_t> RequestReader::Int(std::string_view member, std::int64_t min,
                                               std::int64_t max, bool required) {
  const boost::json::value* v = FindRequired(member, "integer", required);
  if (v == nullptr) return std::nullopt;
  if (v->is_uint64() && v->as_uint64() > static_cast<std::uint64_t>(INT64_MAX)) {
    Violation(member, std::to_string(v->as_uint64()),
              "Member must have value less than or equal to " + std::to_string(max));
    return std::nullopt;
  }
  std::int64_t i = v->is_int64() ? v->as_int64() : static_cast<std::int64_t>(v->as_uint64());
  if (i < min) {
    Violation(member, std::to_string(i),
              "Member must have value greater than or equal to " + std::to_string(min));
  }
  if (i > max) {
    Violation(member, std::to_string(i),
              "Member must have value less than or equal to " + std::to_string(max));
  }
  return i;
}

std::optional<AwsError> RequestReader::Error() const {
  if (type_error_) return type_error_;
  if (violations_.empty()) return std::nullopt;
  std::string msg = std::to_string(violations_.size()) +
                    (violations_.size() == 1 ? " validation error detected: "
                                             : " validation errors detected: ");
  for (std::size_t i = 0; i < violations_.size(); ++i) {
    if (i) msg += "; ";
    msg += violations_[i];
  }
  return ValidationError(std::move(msg));
}

}  // namespace paramsafe::adapters
