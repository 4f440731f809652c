#include "auth/amz_date.h"

#include <array>
#include <chrono>
#include <cstdio>

namespace paramsafe::auth {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

// Reads `width` decimal digits at `pos`; nullopt if any is not a digit.
std::optional<int> Digits(std::string_view s, std::size_t pos, std::size_t width) {
  if (pos + width > s.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    value = value * 10 + (s[i] - '0');
  }
  return value;
}

// Builds a time point from broken-down UTC fields, rejecting impossible dates
// (2015-02-30) and times, so a malformed stamp can never alias a valid one.
std::optional<core::TimePoint> FromFields(int year, int month, int day, int hour, int minute,
                                          int second) {
  const std::chrono::year_month_day ymd{std::chrono::year(year),
                                        std::chrono::month(static_cast<unsigned>(month)),
                                        std::chrono::day(static_cast<unsigned>(day))};
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  const auto t = std::chrono::sys_days(ymd) + hours(hour) + minutes(minute) + seconds(second);
  return std::chrono::time_point_cast<core::TimePoint::duration>(t);
}

std::optional<int> MonthFromName(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (kMonths[i] == name) return static_cast<int>(i) + 1;
  }
  return std::nullopt;
}

// "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110 IMF-fixdate, the only form HTTP/1.1
// senders may generate). The day name is not cross-checked: it adds nothing.
std::optional<core::TimePoint> ParseImfFixdate(std::string_view s) {
  if (s.size() != 29 || s.substr(3, 2) != ", " || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' ||
      s[19] != ':' || s[22] != ':' || s.substr(25) != " GMT") {
    return std::nullopt;
  }
  const auto day = Digits(s, 5, 2);
  const auto month = MonthFromName(s.substr(8, 3));
  const auto year = Digits(s, 12, 4);
  const auto hour = Digits(s, 17, 2);
  const auto minute = Digits(s, 20, 2);
  const auto second = Digits(s, 23, 2);
  if (!day || !month || !year || !hour || !minute || !second) return std::nullopt;
  return FromFields(*year, *month, *day, *hour, *minute, *second);
}

}  // namespace

std::optional<core::TimePoint> ParseAmzDate(std::string_view s) {
  if (s.size() != 16 || s[8] != 'T' || s[15] != 'Z') return std::nullopt;
  const auto year = Digits(s, 0, 4);
  const auto month = Digits(s, 4, 2);
  const auto day = Digits(s, 6, 2);
  const auto hour = Digits(s, 9, 2);
  const auto minute = Digits(s, 11, 2);
  const auto second = Digits(s, 13, 2);
  if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
  return FromFields(*year, *month, *day, *hour, *minute, *second);
}

std::optional<core::TimePoint> ParseHttpDate(std::string_view text) {
  if (auto t = ParseAmzDate(text)) return t;
  return ParseImfFixdate(text);
}

std::string FormatAmzDate(core::TimePoint t) {
  const auto secs = std::chrono::floor<seconds>(t);
  const auto day_start = std::chrono::floor<days>(secs);
  const std::chrono::year_month_day ymd{day_start};
  const std::chrono::hh_mm_ss<seconds> hms{secs - day_start};
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

}  // namespace paramsafe::auth
