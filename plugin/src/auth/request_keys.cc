#include "auth/request_keys.h"

#include <chrono>
#include <cstdio>
#include <set>
#include <string>

#include "auth/policy_text.h"

namespace paramsafe::auth {
namespace {

std::string IsoTime(core::TimePoint t) {
  using std::chrono::seconds;
  const auto secs = std::chrono::floor<seconds>(t);
  const auto day_start = std::chrono::floor<std::chrono::days>(secs);
  const std::chrono::year_month_day ymd{day_start};
  const std::chrono::hh_mm_ss<seconds> hms{secs - day_start};
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

bool MentionsResourceTag(std::string_view text) {
  return AsciiLowercase(text).find("resourcetag/") != std::string::npos;
}

}  // namespace

void AddCallerKeys(const core::Caller& caller, core::TimePoint now, ConditionKeys* keys) {
  keys->Set("aws:username", caller.user_name);
  keys->Set("aws:PrincipalArn", caller.principal_arn);
  keys->Set("aws:PrincipalAccount", caller.account_id);
  keys->Set("aws:PrincipalType", "User");
  if (!caller.source_ip.empty()) keys->Set("aws:SourceIp", caller.source_ip);
  keys->Set("aws:SecureTransport", caller.secure_transport ? "true" : "false");
  if (!caller.region.empty()) keys->Set("aws:RequestedRegion", caller.region);
  keys->Set("aws:CurrentTime", IsoTime(now));
  keys->Set(
      "aws:EpochTime",
      std::to_string(std::chrono::floor<std::chrono::seconds>(now).time_since_epoch().count()));
}

void AddRequestTagKeys(const core::AccessRequest& request, ConditionKeys* keys) {
  std::set<std::string> tag_keys(request.tag_keys.begin(), request.tag_keys.end());
  for (const core::Tag& tag : request.request_tags) {
    keys->Set("aws:RequestTag/" + tag.key, tag.value);
    tag_keys.insert(tag.key);
  }
  for (const std::string& key : tag_keys) keys->Add("aws:TagKeys", key);
}

void AddResourceTagKeys(const std::vector<core::Tag>& tags, std::string_view service_prefix,
                        ConditionKeys* keys) {
  for (const core::Tag& tag : tags) {
    keys->Set("aws:ResourceTag/" + tag.key, tag.value);
    keys->Set(std::string(service_prefix) + tag.key, tag.value);
  }
}

bool UsesResourceTags(const core::Policy& policy) {
  for (const core::PolicyStatement& statement : policy.statements) {
    for (const std::string& resource : statement.resources) {
      if (MentionsResourceTag(resource)) return true;
    }
    for (const core::PolicyCondition& condition : statement.conditions) {
      if (MentionsResourceTag(condition.key)) return true;
      for (const std::string& value : condition.values) {
        if (MentionsResourceTag(value)) return true;
      }
    }
  }
  return false;
}

}  // namespace paramsafe::auth
