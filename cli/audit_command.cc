// paramsafe audit: prints the audit trail as JSON lines shaped like CloudTrail
// records, newest first (the order of CloudTrail's LookupEvents), one record
// per line, so that `head`, `grep` and `jq -c` work on it. Reads a page at a
// time, so any number of records streams in bounded memory.
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <iostream>
#include <limits>
#include <optional>
#include <string>

#include "cli/commands.h"
#include "cli/environment.h"
#include "cli/iso_time.h"
#include "cli/options.h"
#include "store/pg_audit_query.h"

namespace paramsafe::cli {

namespace po = boost::program_options;

namespace {

constexpr int kPageSize = 500;

// userIdentity: an IAM user when the request was authenticated; "Unknown"
// (with only the access key id it claimed) when it was refused.
boost::json::object UserIdentity(const core::AuditRecord& r) {
  boost::json::object id;
  if (r.principal_arn.empty()) {
    id["type"] = "Unknown";
  } else {
    id["type"] = "IAMUser";
    id["arn"] = r.principal_arn;
    if (!r.account_id.empty()) id["accountId"] = r.account_id;
    auto slash = r.principal_arn.rfind('/');
    if (slash != std::string::npos) id["userName"] = r.principal_arn.substr(slash + 1);
  }
  if (!r.access_key_id.empty()) id["accessKeyId"] = r.access_key_id;
  return id;
}

boost::json::value Nullable(const std::string& s) {
  return s.empty() ? boost::json::value(nullptr) : boost::json::value(s);
}

boost::json::object CloudTrailRecord(const store::StoredAuditEvent& e) {
  const core::AuditRecord& r = e.record;
  boost::json::object o;
  o["eventVersion"] = "1.08";
  o["eventTime"] = CloudTrailTime(r.event_time);
  o["eventSource"] = r.event_source;
  o["eventName"] = r.event_name;
  o["awsRegion"] = Nullable(r.region);
  o["userIdentity"] = UserIdentity(r);
  o["sourceIPAddress"] = Nullable(r.source_ip);
  o["userAgent"] = Nullable(r.user_agent);
  if (r.error_code) o["errorCode"] = *r.error_code;
  if (r.error_message) o["errorMessage"] = *r.error_message;
  boost::json::value params = nullptr;
  if (r.request_parameters) {
    boost::system::error_code ec;
    params = boost::json::parse(*r.request_parameters, ec);
    if (ec) params = nullptr;  // the column is jsonb: cannot happen
  }
  o["requestParameters"] = std::move(params);
  o["responseElements"] = nullptr;
  o["requestID"] = r.request_id;
  o["eventID"] = std::to_string(e.event_id);
  o["readOnly"] = r.read_only;
  boost::json::array resources;
  for (const auto& arn : r.resources) resources.push_back(boost::json::object{{"ARN", arn}});
  o["resources"] = std::move(resources);
  o["eventType"] = "AwsApiCall";
  o["recipientAccountId"] = Nullable(r.account_id);
  return o;
}

// Sets `out` from option `name` when given; false (after reporting) when it
// is not an instant.
bool TimeOption(const po::variables_map& vm, const char* name, std::optional<core::TimePoint>& out,
                int& rc) {
  if (!vm.count(name)) return true;
  const auto& text = vm[name].as<std::string>();
  out = ParseIsoInstant(text);
  if (out) return true;
  rc = ReportUsage(std::string("--") + name + " '" + text +
                   "' is not an ISO 8601 time with a zone, such as 2030-01-31T12:00:00Z or "
                   "2030-01-31");
  return false;
}

void OptionalString(const po::variables_map& vm, const char* name,
                    std::optional<std::string>& out) {
  if (vm.count(name)) out = vm[name].as<std::string>();
}

}  // namespace

int RunAudit(const Args& args) {
  long long max_items = 0;
  po::options_description d(
      "paramsafe audit: the audit trail as JSON lines (CloudTrail record shape), newest first");
  auto add = d.add_options();
  add("help", "");
  add("start-time", po::value<std::string>(),
      "only records at or after this time (ISO 8601 with a zone)");
  add("end-time", po::value<std::string>(), "only records at or before this time");
  add("principal", po::value<std::string>(), "only requests of this principal ARN");
  add("action", po::value<std::string>(), "only this operation, e.g. GetSecretValue");
  add("resource", po::value<std::string>(), "only requests about this resource ARN");
  add("error-code", po::value<std::string>(), "only requests that failed with this error code");
  add("errors-only", "only requests that failed");
  add("max-items", po::value(&max_items), "print at most this many records (default: all)");
  po::variables_map vm;
  if (auto rc = ParseOptions(args, d, vm)) return *rc;

  store::AuditFilter filter;
  int rc = 0;
  if (!TimeOption(vm, "start-time", filter.start_time, rc) ||
      !TimeOption(vm, "end-time", filter.end_time, rc)) {
    return rc;
  }
  OptionalString(vm, "principal", filter.principal_arn);
  OptionalString(vm, "action", filter.event_name);
  OptionalString(vm, "resource", filter.resource);
  OptionalString(vm, "error-code", filter.error_code);
  filter.errors_only = vm.count("errors-only") > 0;
  if (filter.error_code && filter.errors_only) {
    return ReportUsage("--error-code and --errors-only cannot be used together");
  }
  if (vm.count("max-items") && max_items < 1) return ReportUsage("--max-items must be at least 1");
  long long remaining = vm.count("max-items") ? max_items : std::numeric_limits<long long>::max();

  auto rt = OpenRuntime();
  if (!rt.ok()) return ReportError("LookupEvents", rt.status());
  store::PgAuditQuery query((*rt)->pool());
  std::optional<store::AuditCursor> after;
  while (remaining > 0) {
    int want = static_cast<int>(std::min<long long>(remaining, kPageSize));
    auto page = query.Page(filter, after, want);
    if (!page.ok()) return ReportError("LookupEvents", page.status());
    for (const auto& e : *page) std::cout << boost::json::serialize(CloudTrailRecord(e)) << '\n';
    remaining -= static_cast<long long>(page->size());
    if (static_cast<int>(page->size()) < want) break;
    after = store::AuditCursor{page->back().record.event_time, page->back().event_id};
  }
  std::cout.flush();
  return std::cout ? 0 : 1;
}

}  // namespace paramsafe::cli
