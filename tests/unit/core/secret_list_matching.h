// ListSecrets' filters and sort order as the in-memory secret repository
// (secret_fakes.h) applies them. The store does the same in SQL
// (plugin/src/store/pg_secret_listing_sql.h, and the secret_search_* functions
// of migrations/0003_secrets_manager.sql); this file mirrors it step by step:
//   name, tag-key, tag-value, primary-region  prefix, case-sensitive
//   owning-service  prefix, case-insensitive
//   description     case-insensitive prefix of the whole description, or every
//                   word of the value starts a word of it
//   all             every word of the value starts a word of ONE attribute:
//                   the name, the description, one tag key or one tag value
// An absent description or owning service matches no value. A leading '!'
// negates a value: it selects exactly the secrets the rest does not. The
// values of one filter OR, filters AND.
#ifndef PARAMSAFE_TESTS_UNIT_CORE_SECRET_LIST_MATCHING_H_
#define PARAMSAFE_TESTS_UNIT_CORE_SECRET_LIST_MATCHING_H_

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "core/secret.h"
#include "core/secret_repository.h"

namespace paramsafe::core::testing {

// ASCII classes and folding, as the SQL (COLLATE "C", translate): the same in
// every locale, and bytes of other characters are none of these.
inline bool IsUpperAscii(char c) { return c >= 'A' && c <= 'Z'; }
inline bool IsLowerAscii(char c) { return c >= 'a' && c <= 'z'; }
inline bool IsDigitAscii(char c) { return c >= '0' && c <= '9'; }
inline bool IsLetterAscii(char c) { return IsUpperAscii(c) || IsLowerAscii(c); }

// paramsafe.secret_search_fold.
inline std::string FoldAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (IsUpperAscii(c)) c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// paramsafe.secret_search_words: folded words, breaking at ASCII characters
// other than letters and digits, between a lower and an upper case letter
// (myValue), before the last capital of a run followed by a lower case letter
// (HTTPServer), and between letters and digits (db2). Other characters (UTF-8
// bytes) stay inside words.
inline std::vector<std::string> SearchWords(std::string_view s) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) words.push_back(FoldAscii(word));
    word.clear();
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool ascii = static_cast<unsigned char>(c) < 0x80;
    if (ascii && !IsLetterAscii(c) && !IsDigitAscii(c)) {
      flush();
      continue;
    }
    if (!word.empty()) {  // so s[i - 1] is the word's last character
      const char prev = s[i - 1];
      const char next = i + 1 < s.size() ? s[i + 1] : '\0';
      if ((IsLowerAscii(prev) && IsUpperAscii(c)) ||
          (IsUpperAscii(prev) && IsUpperAscii(c) && IsLowerAscii(next)) ||
          (IsLetterAscii(prev) && IsDigitAscii(c)) || (IsDigitAscii(prev) && IsLetterAscii(c))) {
        flush();
      }
    }
    word.push_back(c);
  }
  flush();
  return words;
}

// paramsafe.secret_search_match: every one of pattern (already folded) starts
// a word of subject; a pattern without words matches nothing.
inline bool WordsMatch(const std::vector<std::string>& pattern, std::string_view subject) {
  if (pattern.empty()) return false;
  const std::vector<std::string> words = SearchWords(subject);
  return std::all_of(pattern.begin(), pattern.end(), [&](const std::string& p) {
    return std::any_of(words.begin(), words.end(),
                       [&](const std::string& w) { return w.starts_with(p); });
  });
}

// The positive match of one (un-negated) value. It must answer false where
// the SQL's CASE does (never NULL there), so that negation is its complement.
inline bool MatchesValue(const Secret& s, const std::string& key, std::string_view value) {
  const std::vector<std::string> words = SearchWords(value);
  auto any_tag = [&](auto&& pred) { return std::any_of(s.tags.begin(), s.tags.end(), pred); };
  if (key == "name") return s.name.starts_with(value);
  if (key == "primary-region") return s.primary_region.starts_with(value);
  if (key == "description") {
    return s.description && (FoldAscii(*s.description).starts_with(FoldAscii(value)) ||
                             WordsMatch(words, *s.description));
  }
  if (key == "owning-service") {
    return s.owning_service && FoldAscii(*s.owning_service).starts_with(FoldAscii(value));
  }
  if (key == "tag-key") return any_tag([&](const Tag& t) { return t.key.starts_with(value); });
  if (key == "tag-value") return any_tag([&](const Tag& t) { return t.value.starts_with(value); });
  if (key == "all") {
    return WordsMatch(words, s.name) || (s.description && WordsMatch(words, *s.description)) ||
           any_tag([&](const Tag& t) {
             return WordsMatch(words, t.key) || WordsMatch(words, t.value);
           });
  }
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
