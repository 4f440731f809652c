#include "ssm/parameter_policies.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cctype>
#include <chrono>

#include "core/policy_schedule.h"

namespace paramsafe::adapters::ssm {

using core::Code;
using core::Detail;
using core::ParameterPolicy;
using core::PolicyType;
using core::Result;
using core::Status;

namespace {

// Message texts follow what AWS has been seen to answer where that is known.

Status TypeError(std::string reason) {
  return Status(Code::kInvalidArgument, Detail::kPolicyType, std::move(reason));
}
Status AttributeError(std::string reason) {
  return Status(Code::kInvalidArgument, Detail::kPolicyAttribute, std::move(reason));
}
Status ConflictError(std::string reason) {
  return Status(Code::kInvalidArgument, Detail::kPolicyConflict, std::move(reason));
}
Status MissingAttribute(std::string_view name) {
  return AttributeError("Mandatory policy attribute " + std::string(name) + " is missing.");
}

// Reads fixed-width decimal fields of a timestamp, left to right.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool Digits(int n, int& out) {
    if (pos_ + static_cast<std::size_t>(n) > s_.size()) return false;
    out = 0;
    for (int i = 0; i < n; ++i) {
      char c = s_[pos_++];
      if (c < '0' || c > '9') return false;
      out = out * 10 + (c - '0');
    }
    return true;
  }
  bool Take(char c) {
    if (pos_ < s_.size() && std::toupper(static_cast<unsigned char>(s_[pos_])) == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  // Up to 9 fraction digits, as nanoseconds; at least one digit.
  bool Fraction(long& nanos) {
    int n = 0;
    nanos = 0;
    while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') {
      if (++n > 9) return false;
      nanos = nanos * 10 + (s_[pos_++] - '0');
    }
    for (int i = n; i < 9; ++i) nanos *= 10;
    return n > 0;
  }
  bool AtEnd() const { return pos_ == s_.size(); }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

// The offset east of UTC: "Z", "+HH:MM" or "-HH:MM".
bool ReadOffset(Cursor& c, std::chrono::minutes& offset) {
  if (c.Take('Z')) {
    offset = std::chrono::minutes(0);
    return true;
  }
  int sign = c.Take('+') ? 1 : (c.Take('-') ? -1 : 0);
  int hh = 0;
  int mm = 0;
  if (sign == 0 || !c.Digits(2, hh) || !c.Take(':') || !c.Digits(2, mm)) return false;
  if (hh > 18 || mm > 59) return false;
  offset = std::chrono::minutes(sign * (hh * 60 + mm));
  return true;
}

// "15" or 15, at least 1; in seconds of `unit_seconds` each, capped at 100 years.
std::optional<std::chrono::seconds> ReadCount(const boost::json::value& v,
                                              std::int64_t unit_seconds, std::string_view name,
                                              Status& error) {
  std::int64_t n = 0;
  bool ok = false;
  if (v.is_string()) {
    std::string_view s = v.as_string();
    ok = !s.empty();
    for (char ch : s) {
      if (ch < '0' || ch > '9') {
        ok = false;
        break;
      }
      n = n > 1'000'000'000 ? n : n * 10 + (ch - '0');  // saturates: the cap refuses it
    }
  } else if (v.is_int64()) {
    n = v.as_int64();
    ok = true;
  } else if (v.is_uint64()) {
    n = 1'000'000'001;  // beyond int64: beyond the cap too
    ok = true;
  }
  if (!ok || n < 1) {
    error = AttributeError("Attribute " + std::string(name) + " must be a positive integer.");
    return std::nullopt;
  }
  const std::int64_t kMaxSeconds = kMaxPolicyDays * 86400;
  if (n > kMaxSeconds / unit_seconds) {
    error = AttributeError("Attribute " + std::string(name) + " must be at most " +
                           std::to_string(kMaxPolicyDays) + " days (" +
                           std::to_string(kMaxPolicyDays * 24) + " hours).");
    return std::nullopt;
  }
  return std::chrono::seconds(n * unit_seconds);
}

// Before/After with its Unit (Days or Hours, in any case) as a duration.
Result<std::chrono::seconds> ReadPeriod(const boost::json::object& attrs, std::string_view name) {
  const boost::json::value* count = attrs.if_contains(name);
  if (count == nullptr) return MissingAttribute(name);
  const boost::json::value* unit = attrs.if_contains("Unit");
  if (unit == nullptr) return MissingAttribute("Unit");
  std::int64_t unit_seconds = 0;
  if (unit->is_string()) {
    std::string u(unit->as_string());
    for (char& ch : u) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (u == "days") unit_seconds = 86400;
    if (u == "hours") unit_seconds = 3600;
  }
  if (unit_seconds == 0) return AttributeError("Supported time units: DAYS HOURS");
  Status error;
  auto seconds = ReadCount(*count, unit_seconds, name, error);
  if (!seconds) return error;
  return *seconds;
}

Result<core::TimePoint> ReadTimestamp(const boost::json::object& attrs) {
  const boost::json::value* ts = attrs.if_contains("Timestamp");
  if (ts == nullptr) {
    return AttributeError("A valid Expiration policy must have an attribute of Timestamp.");
  }
  std::optional<core::TimePoint> t;
  if (ts->is_string()) t = ParsePolicyTimestamp(ts->as_string());
  if (!t) {
    return AttributeError("Invalid timestamp format: " + boost::json::serialize(*ts) +
                          ". Use ISO-8601 with an offset, e.g. 2020-05-13T00:00:00.000Z.");
  }
  return *t;
}

Result<PolicyType> ReadType(const boost::json::object& policy) {
  const boost::json::value* type = policy.if_contains("Type");
  if (type == nullptr) return TypeError("Mandatory policy attribute Type is missing.");
  if (type->is_string()) {
    std::string_view t = type->as_string();
    if (t == "Expiration") return PolicyType::kExpiration;
    if (t == "ExpirationNotification") return PolicyType::kExpirationNotification;
    if (t == "NoChangeNotification") return PolicyType::kNoChangeNotification;
  }
  std::string shown = type->is_string() ? std::string(type->as_string())
                                        : boost::json::serialize(*type);
  return TypeError("Policy type " + shown +
                   " is not supported. Supported policy types: Expiration, "
                   "ExpirationNotification, NoChangeNotification.");
}

Result<ParameterPolicy> ReadPolicy(const boost::json::object& policy) {
  ParameterPolicy out;
  PS_ASSIGN_OR_RETURN(out.type, ReadType(policy));
  const boost::json::value* version = policy.if_contains("Version");
  if (version == nullptr) return MissingAttribute("Version");
  if (!version->is_string() || version->as_string() != "1.0") {
    return AttributeError("Unsupported policy version. The supported version is 1.0.");
  }
  const boost::json::value* attrs = policy.if_contains("Attributes");
  if (attrs == nullptr || !attrs->is_object()) return MissingAttribute("Attributes");
  switch (out.type) {
    case PolicyType::kExpiration: {
      PS_ASSIGN_OR_RETURN(out.expires_at, ReadTimestamp(attrs->as_object()));
      break;
    }
    case PolicyType::kExpirationNotification: {
      PS_ASSIGN_OR_RETURN(out.offset, ReadPeriod(attrs->as_object(), "Before"));
      break;
    }
    case PolicyType::kNoChangeNotification: {
      PS_ASSIGN_OR_RETURN(out.offset, ReadPeriod(attrs->as_object(), "After"));
      break;
    }
  }
  return out;
}

Status CheckCompatible(const std::vector<ParameterPolicy>& policies) {
  int expirations = 0;
  bool notifications = false;
  for (const ParameterPolicy& p : policies) {
    expirations += p.type == PolicyType::kExpiration;
    notifications = notifications || p.type == PolicyType::kExpirationNotification;
  }
  if (expirations > 1) return ConflictError("There can be only one expiration policy");
  if (notifications && expirations == 0) {
    return ConflictError("Expiration notification policies are missing expiration policy");
  }
  return Status::Ok();
}

}  // namespace

std::optional<core::TimePoint> ParsePolicyTimestamp(std::string_view text) {
  Cursor c(text);
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  long nanos = 0;
  if (!c.Digits(4, y) || !c.Take('-') || !c.Digits(2, mo) || !c.Take('-') || !c.Digits(2, d) ||
      !c.Take('T') || !c.Digits(2, h) || !c.Take(':') || !c.Digits(2, mi)) {
    return std::nullopt;
  }
  if (c.Take(':')) {
    if (!c.Digits(2, s)) return std::nullopt;
    if (c.Take('.') && !c.Fraction(nanos)) return std::nullopt;
  }
  std::chrono::minutes offset{0};
  if (!ReadOffset(c, offset) || !c.AtEnd()) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(y), std::chrono::month(mo),
                                         std::chrono::day(d)};
  if (!date.ok() || h > 23 || mi > 59 || s > 59) return std::nullopt;
  // core::TimePoint counts nanoseconds in 64 bits: 1677-09-21 to 2262-04-11.
  if (y < 1678 || y > 2261) return std::nullopt;
  const auto utc = std::chrono::sys_days(date) + std::chrono::hours(h) +
                   std::chrono::minutes(mi) + std::chrono::seconds(s) - offset;
  return std::chrono::time_point_cast<core::TimePoint::duration>(utc) +
         std::chrono::duration_cast<core::TimePoint::duration>(std::chrono::nanoseconds(nanos));
}

Result<ParsedPolicies> ParsePolicies(std::string_view json) {
  const Status not_a_list(Code::kInvalidArgument,
                          "Invalid policies input: " + std::string(json) + ".");
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(json, ec);
  if (ec || !parsed.is_array()) return not_a_list;

  boost::json::array kept;
  for (const boost::json::value& entry : parsed.as_array()) {
    if (!entry.is_object()) return not_a_list;
    if (!entry.as_object().empty()) kept.push_back(entry);
  }
  if (kept.size() > core::kMaxPoliciesPerParameter) {
    return Status(Code::kLimitExceeded, Detail::kPolicyLimit,
                  "Number of policies attached to a parameter cannot exceed " +
                      std::to_string(core::kMaxPoliciesPerParameter));
  }
  ParsedPolicies out;
  for (const boost::json::value& entry : kept) {
    PS_ASSIGN_OR_RETURN(ParameterPolicy p, ReadPolicy(entry.as_object()));
    out.policies.push_back(p);
  }
  PS_RETURN_IF_ERROR(CheckCompatible(out.policies));
  out.text = boost::json::serialize(kept);
  return out;
}

}  // namespace paramsafe::adapters::ssm
