#include "ssm/parameter_filters.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "common/next_token.h"
#include "ssm/errors.h"
#include "ssm/parameter_name.h"

namespace paramsafe::adapters::ssm {

namespace {

constexpr std::string_view kTagPrefix = "tag:";

constexpr const char* kDescribeLabelKey =
    "The following filter key is not valid: Label. Valid filter keys include: [Path, Name, "
    "Type, KeyId, Tier].";
constexpr const char* kPathFilterReserved =
    "Filters for common parameters can't be prefixed with \"aws\" or \"ssm\" "
    "(case-insensitive). When using global parameters, please specify within a global "
    "namespace.";
constexpr const char* kPathReserved =
    "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive).";
constexpr const char* kPathShape =
    "The parameter doesn't meet the parameter name requirements. The parameter name must begin "
    "with a forward slash \"/\". It can't be prefixed with \"aws\" or \"ssm\" "
    "(case-insensitive). It must use only letters, numbers, or the following symbols: . "
    "(period), - (hyphen), _ (underscore). Special characters are not allowed. All sub-paths, "
    "if specified, must use the forward slash symbol \"/\". Valid example: "
    "/get/parameters2-/by1./path0_.";

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool IsTagKey(std::string_view key) { return StartsWith(key, kTagPrefix); }

// The model declares no member for InvalidFilterKey and "message" for
// InvalidFilterOption; InvalidFilterValue alone has "Message".
AwsError InvalidFilterKey(std::string message) {
  return AwsError{400, "InvalidFilterKey", std::move(message)};
}
AwsError InvalidFilterOption(std::string message) {
  return AwsError{400, "InvalidFilterOption", std::move(message)};
}
AwsError InvalidFilterValue(std::string message) {
  AwsError e{400, "InvalidFilterValue", std::move(message)};
  e.message_member = "Message";
  return e;
}

AwsError MissingValues(const std::string& key) {
  return InvalidFilterValue("The following filter values are missing : null for filter key " +
                            key + ".");
}
AwsError DuplicateKey(const std::string& key) {
  return InvalidFilterKey("The following filter is duplicated in the request: " + key +
                          ". A request can contain only one occurrence of a specific filter.");
}
AwsError BadOption(const std::string& option, std::string_view valid) {
  return InvalidFilterOption("The following filter option is not valid: " + option +
                             ". Valid options include: " + std::string(valid) + ".");
}

std::optional<AwsError> CheckPath(std::string_view path, const char* reserved_message) {
  std::string lower(path.substr(0, 4));
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (lower == "/aws" || lower == "/ssm") return ValidationError(reserved_message);
  if (path.empty() || path.front() != '/' || path.find("//") != std::string_view::npos ||
      !ValidateNameForRead(path).ok()) {  // a name's characters
    return ValidationError(kPathShape);
  }
  return std::nullopt;
}

// "/a/b/" -> "/a/b"; "/" stays the root.
std::string NormalizePath(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  return std::string(path);
}

// One level below path reads items.parent_path; everything below it is a
// range of lookup names. Recursive from the root is the whole store.
void ApplyPath(QueryScope& scope, const std::string& path, bool recursive) {
  if (!recursive) {
    scope.parent = path;
  } else if (path != "/") {
    scope.prefix = path + "/";
  }
}

std::string StripLeadingSlashes(std::string_view v) {
  while (!v.empty() && v.front() == '/') v.remove_prefix(1);
  return std::string(v);
}

// The lookup name a Name value means: "/foo" and "foo" are the same
// single-level parameter, whose lookup name has no slash.
std::string NameLookup(std::string_view v) {
  std::string s = StripLeadingSlashes(v);
  return s.find('/') == std::string::npos ? s : "/" + s;
}

// Name filters compare names as if every name began with one "/" (so "/foo"
// and "foo" are one name, as AWS treats them), while lookup names of
// single-level parameters have none: a value may need two terms, one for each
// spelling. Returns the prefix the filter implies, if one range holds it.
std::optional<std::string> AddNameTerms(QueryScope& scope, const std::string& option,
                                        const std::vector<std::string>& values) {
  std::vector<core::FilterTerm> terms;
  bool matches_all = false;
  for (const std::string& v : values) {
    if (option == "Equals") {
      terms.push_back({"Name", option, NameLookup(v)});
    } else if (option == "BeginsWith") {
      std::string slashed = "/" + StripLeadingSlashes(v);
      if (slashed == "/") matches_all = true;
      terms.push_back({"Name", option, slashed});
      std::string bare = slashed.substr(1);
      if (bare.find('/') == std::string::npos) terms.push_back({"Name", option, bare});
    } else {  // Contains
      if (v == "/") matches_all = true;
      terms.push_back({"Name", option, v});
      // "/"+name contains "/x" exactly when a single-level name begins with "x".
      if (v.size() > 1 && v[0] == '/' && v[1] != '/' && v.find('/', 1) == std::string::npos) {
        terms.push_back({"Name", "BeginsWith", v.substr(1)});
      }
    }
  }
  if (matches_all) return std::nullopt;  // the filter selects every name
  scope.terms.insert(scope.terms.end(), terms.begin(), terms.end());
  if (values.size() != 1) return std::nullopt;
  if (option == "Equals" && !terms.front().value.empty()) return terms.front().value;
  if (option == "BeginsWith" && terms.size() == 1) return terms.front().value;
  return std::nullopt;
}

std::optional<AwsError> CheckEnumValues(const std::string& option,
                                        const std::vector<std::string>& values,
                                        std::initializer_list<std::string_view> allowed,
                                        std::string_view shown) {
  // Only an Equals value outside the enum can never match; a BeginsWith value
  // is a prefix ("Secure") and legitimately partial. moto answers
  // InvalidFilterOption with this text; the model documents this case as
  // InvalidFilterValue ("The filter value isn't valid"), which is what we send.
  if (option != "Equals") return std::nullopt;
  for (const std::string& v : values) {
    if (std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
      return InvalidFilterValue("The following filter value is not valid: " + v +
                                ". Valid values include: " + std::string(shown) + ".");
    }
  }
  return std::nullopt;
}

void AppendField(std::string& out, std::string_view s) {
  out += std::to_string(s.size());
  out += ':';
  out.append(s);
}

// Sorted by key (keys are unique once duplicates are refused), values sorted
// and deduplicated: the same selection always gives the same text.
std::string Canonical(std::vector<RequestFilter> filters) {
  std::sort(filters.begin(), filters.end(),
            [](const RequestFilter& a, const RequestFilter& b) { return a.key < b.key; });
  std::string out;
  for (RequestFilter& f : filters) {
    AppendField(out, f.key);
    AppendField(out, f.option.value_or(""));
    if (!f.values) {
      out += "-;";
      continue;
    }
    std::set<std::string> values(f.values->begin(), f.values->end());
    out += std::to_string(values.size());
    out += '[';
    for (const std::string& v : values) AppendField(out, v);
    out += "];";
  }
  return out;
}

// Path filter and Name filter may each imply a range; the narrower one wins
// when they nest. When they do not, the terms select nothing, whichever range
// is read.
void MergePrefix(QueryScope& scope, const std::optional<std::string>& name_prefix) {
  if (!name_prefix) return;
  if (!scope.prefix || StartsWith(*name_prefix, *scope.prefix)) scope.prefix = name_prefix;
}

}  // namespace

Parsed<QueryScope> DescribeScope(const std::vector<RequestFilter>& filters) {
  QueryScope scope;
  std::set<std::string> seen;
  std::optional<std::string> name_prefix;
  std::vector<RequestFilter> resolved;
  for (const RequestFilter& f : filters) {
    const std::string& key = f.key;
    if (key == "Label") return InvalidFilterKey(kDescribeLabelKey);
    if (!f.values && !IsTagKey(key)) return MissingValues(key);
    if (!seen.insert(key).second) return DuplicateKey(key);
    RequestFilter r = f;

    if (key == "Path") {
      r.option = f.option.value_or("OneLevel");
      if (*r.option != "OneLevel" && *r.option != "Recursive") {
        return BadOption(*r.option, "[Recursive, OneLevel]");
      }
      for (const std::string& v : *f.values) {
        if (auto e = CheckPath(v, kPathFilterReserved)) return *e;
      }
      // One Path value is one index range (or one level). Several would be a
      // union of ranges that a single keyset page cannot walk; refuse rather
      // than scan the whole store.
      if (f.values->size() > 1) {
        return InvalidFilterValue(
            "The Path filter accepts a single value in this service; send one request per "
            "path.");
      }
      ApplyPath(scope, NormalizePath(f.values->front()), *r.option == "Recursive");
      resolved.push_back(std::move(r));
      continue;
    }

    r.option = f.option.value_or("Equals");
    const std::string& option = *r.option;
    if (f.values) {
      std::optional<AwsError> bad;
      if (key == "Type") {
        bad = CheckEnumValues(option, *f.values, {"String", "StringList", "SecureString"},
                              "[String, StringList, SecureString]");
      } else if (key == "Tier") {
        bad = CheckEnumValues(option, *f.values,
                              {"Standard", "Advanced", "Intelligent-Tiering"},
                              "[Standard, Advanced, Intelligent-Tiering]");
      }
      if (bad) return *bad;
    }
    bool allowed = option == "Equals" || option == "BeginsWith" ||
                   (key == "Name" && option == "Contains");
    if (!allowed) return BadOption(option, "[BeginsWith, Equals]");

    if (key == "Name") {
      name_prefix = AddNameTerms(scope, option, *f.values);
    } else if (!f.values) {
      scope.terms.push_back({key, "Exists", ""});  // tag:<key> without values
    } else {
      for (const std::string& v : *f.values) scope.terms.push_back({key, option, v});
    }
    resolved.push_back(std::move(r));
  }
  MergePrefix(scope, name_prefix);
  scope.canonical = Canonical(std::move(resolved));
  return scope;
}

Parsed<QueryScope> ByPathScope(std::string_view path, bool recursive,
                               const std::vector<RequestFilter>& filters) {
  if (auto e = CheckPath(path, kPathReserved)) return *e;
  QueryScope scope;
  const std::string normalized = NormalizePath(path);
  ApplyPath(scope, normalized, recursive);

  std::set<std::string> seen;
  std::vector<RequestFilter> resolved;
  for (const RequestFilter& f : filters) {
    const std::string& key = f.key;
    if (key != "Type" && key != "KeyId" && key != "Label") {
      return InvalidFilterKey("The following filter key is not valid: " + key +
                              ". Valid filter keys include: [Type, KeyId].");
    }
    if (!f.values) return MissingValues(key);
    if (!seen.insert(key).second) return DuplicateKey(key);
    RequestFilter r = f;
    r.option = f.option.value_or("Equals");
    const std::string& option = *r.option;
    if (key == "Type") {
      if (auto bad = CheckEnumValues(option, *f.values,
                                     {"String", "StringList", "SecureString"},
                                     "[String, StringList, SecureString]")) {
        return *bad;
      }
    }
    if (key == "Label") {
      if (option != "Equals") return BadOption(option, "[Equals]");
      scope.labels = *f.values;
    } else {
      if (option != "Equals" && option != "BeginsWith") {
        return BadOption(option, "[BeginsWith, Equals]");
      }
      for (const std::string& v : *f.values) scope.terms.push_back({key, option, v});
    }
    resolved.push_back(std::move(r));
  }
  scope.canonical = "path=";
  AppendField(scope.canonical, normalized);
  scope.canonical += recursive ? "recursive;" : "one-level;";
  scope.canonical += Canonical(std::move(resolved));
  return scope;
}

int ScanLimit(int page_size) { return std::max(50, 10 * page_size); }

core::ParameterQuery MakeQuery(const QueryScope& scope, const CallContext& ctx, int page_size) {
  core::ParameterQuery q;
  q.account_id = ctx.account_id;
  q.region = ctx.region;
  q.prefix = scope.prefix;
  q.parent = scope.parent;
  q.terms = scope.terms;
  q.labels = scope.labels;
  q.page_size = page_size;
  q.scan_limit = ScanLimit(page_size);
  return q;
}

Parsed<core::ParameterQuery> PageQuery(const QueryScope& scope, const CallContext& ctx,
                                       int page_size, std::string_view operation,
                                       const std::optional<std::string>& next_token) {
  core::ParameterQuery query = MakeQuery(scope, ctx, page_size);
  if (next_token && !next_token->empty()) {
    auto position = DecodeNextToken(*next_token, operation, scope.canonical);
    if (!position) return InvalidNextTokenError();
    query.after = std::move(*position);
  }
  return query;
}

}  // namespace paramsafe::adapters::ssm
