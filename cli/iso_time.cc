#include "cli/iso_time.h"

#include <chrono>
#include <cstdio>

namespace paramsafe::cli {

namespace {

// A reader over the text that consumes what matches and fails otherwise.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}

  // Exactly `width` digits.
  std::optional<int> Number(std::size_t width) {
    if (s_.size() < width) return std::nullopt;
    int value = 0;
    for (std::size_t i = 0; i < width; ++i) {
      char c = s_[i];
      if (c < '0' || c > '9') return std::nullopt;
      value = value * 10 + (c - '0');
    }
    s_.remove_prefix(width);
    return value;
  }
  bool Take(char c) {
    if (s_.empty() || s_.front() != c) return false;
    s_.remove_prefix(1);
    return true;
  }
  bool AtEnd() const { return s_.empty(); }
  char Peek() const { return s_.empty() ? '\0' : s_.front(); }

 private:
  std::string_view s_;
};

// ".digits" (1 to 9 of them) as nanoseconds, or 0 when absent.
std::optional<std::chrono::nanoseconds> Fraction(Cursor& c) {
  if (!c.Take('.') && !c.Take(',')) return std::chrono::nanoseconds(0);
  long long ns = 0;
  int digits = 0;
  while (c.Peek() >= '0' && c.Peek() <= '9') {
    if (++digits > 9) return std::nullopt;
    ns = ns * 10 + *c.Number(1);
  }
  if (digits == 0) return std::nullopt;
  for (int i = digits; i < 9; ++i) ns *= 10;
  return std::chrono::nanoseconds(ns);
}

// "Z" or "+HH:MM" / "-HH:MM" / "+HHMM": the offset east of UTC.
std::optional<std::chrono::minutes> Offset(Cursor& c) {
  if (c.Take('Z') || c.Take('z')) return std::chrono::minutes(0);
  int sign = c.Take('+') ? 1 : (c.Take('-') ? -1 : 0);
  if (sign == 0) return std::nullopt;
  auto h = c.Number(2);
  c.Take(':');
  auto m = c.Number(2);
  if (!h || !m || *h > 23 || *m > 59) return std::nullopt;
  return std::chrono::minutes(sign * (*h * 60 + *m));
}

}  // namespace

std::optional<core::TimePoint> ParseIsoInstant(std::string_view s) {
  using namespace std::chrono;
  Cursor c(s);
  auto y = c.Number(4);
  if (!y || !c.Take('-')) return std::nullopt;
  auto mo = c.Number(2);
  if (!mo || !c.Take('-')) return std::nullopt;
  auto d = c.Number(2);
  if (!d) return std::nullopt;
  year_month_day date{year(*y), month(static_cast<unsigned>(*mo)), day(static_cast<unsigned>(*d))};
  if (!date.ok()) return std::nullopt;
  sys_time<nanoseconds> t = sys_days(date);
  if (c.AtEnd()) return time_point_cast<core::TimePoint::duration>(t);
  if (!c.Take('T') && !c.Take('t') && !c.Take(' ')) return std::nullopt;
  auto h = c.Number(2);
  if (!h || !c.Take(':')) return std::nullopt;
  auto mi = c.Number(2);
  if (!mi) return std::nullopt;
  int sec = 0;
  nanoseconds fraction{0};
  if (c.Take(':')) {
    auto sv = c.Number(2);
    auto f = sv ? Fraction(c) : std::nullopt;
    if (!sv || !f) return std::nullopt;
    sec = *sv;
    fraction = *f;
  }
  if (*h > 23 || *mi > 59 || sec > 59) return std::nullopt;
  auto offset = Offset(c);
  if (!offset || !c.AtEnd()) return std::nullopt;
  t += hours(*h) + minutes(*mi) + seconds(sec) + fraction;
  return time_point_cast<core::TimePoint::duration>(t - *offset);
}

std::string CloudTrailTime(core::TimePoint t) {
  using namespace std::chrono;
  auto secs = floor<seconds>(t);
  auto days = floor<std::chrono::days>(secs);
  year_month_day ymd{days};
  hh_mm_ss hms{secs - days};
  char buf[32];
  std::snprintf(
      buf, sizeof(buf), "%04d-%02u-%02uT%02lld:%02lld:%02lldZ", int(ymd.year()),
      unsigned(ymd.month()), unsigned(ymd.day()), static_cast<long long>(hms.hours().count()),
      static_cast<long long>(hms.minutes().count()), static_cast<long long>(hms.seconds().count()));
  return buf;
}

}  // namespace paramsafe::cli
