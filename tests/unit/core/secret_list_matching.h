// ListSecrets' filters and sort order as the in-memory secret repository
// (secret_fakes.h) applies them; the store does the same in SQL.
//   name, tag-key, tag-value, primary-region  prefix, case-sensitive
//   description, owning-service               prefix, case-insensitive
//   all      every word of the value is a case-insensitive prefix of some word
//            of the name, the description, a tag key or a tag value
// A leading '!' negates a value; the values of one filter OR, filters AND.
#ifndef PARAMSAFE_TESTS_UNIT_CORE_SECRET_LIST_MATCHING_H_
#define PARAMSAFE_TESTS_UNIT_CORE_SECRET_LIST_MATCHING_H_

#include <cctype>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "core/secret.h"
#include "core/secret_repository.h"

namespace paramsafe::core::testing {

inline std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

inline bool HasPrefix(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Words break at anything not a letter or digit, between a lower-case and an
// upper-case letter ("myDb") and between letters and digits ("db2"). Lower-cased.
inline std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) words.push_back(LowerAscii(word));
    word.clear();
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (!std::isalnum(c)) {
      flush();
      continue;
    }
    if (!word.empty()) {
      const unsigned char prev = static_cast<unsigned char>(word.back());
      const bool case_change = std::islower(prev) && std::isupper(c);
      const bool digit_change = (std::isdigit(prev) != 0) != (std::isdigit(c) != 0);
      if (case_change || digit_change) flush();
    }
    word.push_back(static_cast<char>(c));
  }
  flush();
  return words;
}

inline bool MatchesAllWords(const Secret& s, std::string_view value) {
  std::vector<std::string> fields{s.name, s.description.value_or("")};
  for (const Tag& t : s.tags) {
    fields.push_back(t.key);
    fields.push_back(t.value);
  }
  std::vector<std::string> haystack;
  for (const std::string& f : fields) {
    for (std::string& w : SplitWords(f)) haystack.push_back(std::move(w));
  }
  for (const std::string& wanted : SplitWords(value)) {
    bool found = false;
    for (const std::string& w : haystack) found = found || HasPrefix(w, wanted);
    if (!found) return false;
  }
  return true;
}

// The positive match of one (un-negated) value.
inline bool MatchesValue(const Secret& s, const std::string& key, std::string_view value) {
  if (key == "name") return HasPrefix(s.name, value);
  if (key == "primary-region") return HasPrefix(s.primary_region, value);
  if (key == "description") {
    return HasPrefix(LowerAscii(s.description.value_or("")), LowerAscii(value));
  }
  if (key == "owning-service") {
    return s.owning_service && HasPrefix(LowerAscii(*s.owning_service), LowerAscii(value));
  }
  if (key == "tag-key" || key == "tag-value") {
    for (const Tag& t : s.tags) {
      if (HasPrefix(key == "tag-key" ? t.key : t.value, value)) return true;
    }
    return false;
  }
  if (key == "all") return MatchesAllWords(s, value);
  return false;
}

inline bool MatchesFilters(const Secret& s, const std::vector<SecretFilter>& filters) {
  for (const SecretFilter& f : filters) {
    bool any = false;
    for (const std::string& v : f.values) {
      const bool negated = !v.empty() && v.front() == '!';
      const std::string_view bare = negated ? std::string_view(v).substr(1) : std::string_view(v);
      any = any || (MatchesValue(s, f.key, bare) != negated);
    }
    if (!any) return false;
  }
  return true;
}

// The sort key of a secret as a string that orders like the key itself; an
// absent LastAccessedDate sorts before every date.
inline std::string SortKeyOf(const Secret& s, SecretSortKey by) {
  auto stamp = [](TimePoint t) {
    char buf[32];
    std::snprintf(
        buf, sizeof buf, "%020lld",
        static_cast<long long>(
            std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count()));
    return std::string("1") + buf;
  };
  switch (by) {
    case SecretSortKey::kCreatedDate:
      return stamp(s.created);
    case SecretSortKey::kLastChangedDate:
      return stamp(s.last_changed);
    case SecretSortKey::kLastAccessedDate:
      return s.last_accessed ? stamp(*s.last_accessed) : std::string("0");
    case SecretSortKey::kName:
      return s.name;
  }
  return {};
}

}  // namespace paramsafe::core::testing

#endif  // PARAMSAFE_TESTS_UNIT_CORE_SECRET_LIST_MATCHING_H_
