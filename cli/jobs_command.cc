// paramsafe jobs run-due: runs the background jobs that are due (parameter
// policies, secret purges) as if the time were --now. The servers run due jobs
// by themselves; this lets an operator (or a test) move past a recovery window
// or an expiry without waiting for it.
#include <boost/json/object.hpp>
#include <chrono>
#include <iostream>
#include <optional>
#include <string_view>

#include "cli/commands.h"
#include "cli/environment.h"
#include "cli/json_print.h"
#include "cli/options.h"
#include "core/job_queue.h"

namespace paramsafe::cli {

namespace po = boost::program_options;

namespace {

// Enough for any backlog an operator means to clear by hand, and a bound on a
// job that keeps making itself due again when --now is far ahead.
constexpr int kDefaultMaxJobs = 1000;

// Reads exactly `width` digits at `pos`.
std::optional<int> Digits(std::string_view s, std::size_t pos, std::size_t width) {
  if (pos + width > s.size()) return std::nullopt;
  int value = 0;
  for (char c : s.substr(pos, width)) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// YYYY-MM-DDTHH:MM:SS[.fraction](Z|+00:00): a UTC instant, nothing else, so
// that a local time cannot be taken for UTC.
std::optional<core::TimePoint> ParseUtc(std::string_view s) {
  using namespace std::chrono;
  auto y = Digits(s, 0, 4), mo = Digits(s, 5, 2), d = Digits(s, 8, 2);
  auto h = Digits(s, 11, 2), mi = Digits(s, 14, 2), sec = Digits(s, 17, 2);
  if (!y || !mo || !d || !h || !mi || !sec || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
      s[13] != ':' || s[16] != ':') {
    return std::nullopt;
  }
  year_month_day date{year(*y), month(static_cast<unsigned>(*mo)), day(static_cast<unsigned>(*d))};
  if (!date.ok() || *h > 23 || *mi > 59 || *sec > 59) return std::nullopt;
  std::string_view rest = s.substr(19);
  nanoseconds fraction{0};
  if (rest.starts_with('.')) {
    std::size_t n = 1;
    while (n < rest.size() && rest[n] >= '0' && rest[n] <= '9') ++n;
    if (n == 1 || n > 10) return std::nullopt;  // 1 to 9 digits
    auto f = Digits(rest, 1, n - 1);
    if (!f) return std::nullopt;
    long long scaled = *f;
    for (std::size_t i = n - 1; i < 9; ++i) scaled *= 10;
    fraction = nanoseconds(scaled);
    rest.remove_prefix(n);
  }
  if (rest != "Z" && rest != "+00:00") return std::nullopt;
  auto t = sys_days(date) + hours(*h) + minutes(*mi) + seconds(*sec) + fraction;
  return time_point_cast<core::TimePoint::duration>(t);
}

int RunDue(const Args& args) {
  std::string now_text;
  int max_jobs = kDefaultMaxJobs;
  po::options_description d("paramsafe jobs run-due");
  d.add_options()("help", "")(
      "now", po::value(&now_text),
      "run the jobs due at this instant, ISO 8601 in UTC, e.g. 2030-01-31T12:00:00Z "
      "(default: the real now)")("max", po::value(&max_jobs)->default_value(kDefaultMaxJobs),
                                 "run at most this many jobs");
  po::variables_map vm;
  if (auto rc = ParseOptions(args, d, vm)) return *rc;
  if (max_jobs < 1) return ReportUsage("--max must be at least 1");
  core::TimePoint now = std::chrono::system_clock::now();
  if (vm.count("now")) {
    auto parsed = ParseUtc(now_text);
    if (!parsed) {
      return ReportUsage("--now '" + now_text +
                         "' is not an ISO 8601 UTC time such as 2030-01-31T12:00:00Z");
    }
    now = *parsed;
  }

  auto rt = OpenRuntime();
  if (!rt.ok()) return ReportError("RunDueJobs", rt.status());
  auto summary = (*rt)->jobs().RunDue(now, max_jobs);
  if (!summary.ok()) return ReportError("RunDueJobs", summary.status());
  PrintJson(std::cout, boost::json::object{{"Done", summary->done}, {"Failed", summary->failed}});
  return 0;
}

}  // namespace

int RunJobs(const std::string& command, const Args& args) {
  if (command == "run-due") return RunDue(args);
  return ReportUsage("unknown jobs command '" + command + "'");
}

}  // namespace paramsafe::cli
