#include "abi/request_audit.h"

#include <algorithm>
#include <utility>

#include "auth/sigv4.h"
#include "common/audit_parameters.h"
#include "core/clock.h"

namespace paramsafe::abi {

namespace {

// Bounds on what an unauthenticated caller can make the audit table hold per
// request: enough for any real operation name and user agent.
constexpr std::size_t kMaxRefusedTargetChars = 256;
constexpr std::size_t kMaxRefusedUserAgentChars = 1024;

std::string Bounded(std::string_view s, std::size_t max) {
  return std::string(s.substr(0, std::min(s.size(), max)));
}

// IAM's AccessKeyId pattern ([\w]+, 16 to 128 characters, so never a secret
// access key's '/' or '+'). Anything else a client put in its Credential is
// left out.
bool LooksLikeAccessKeyId(std::string_view id) {
  if (id.size() < 16 || id.size() > 128) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

RequestAudit::RequestAudit(core::AuditLog& log, core::AuditRecord record)
    : log_(log), record_(std::move(record)), attachment_(record_) {}

RequestAudit::~RequestAudit() = default;

core::AuditRecord& RequestAudit::record() { return record_; }

core::Status RequestAudit::Finish(const std::optional<adapters::AwsError>& error) {
  if (attachment_.written()) return core::Status::Ok();
  if (error) {
    record_.error_code = error->type;
    record_.error_message = error->message;
  }
  return log_.Write(record_);
}

core::Status AuditRefusedAuthentication(core::AuditLog& log, const auth::HttpRequest& request,
                                        std::string_view source_ip, std::string_view request_id,
                                        const adapters::AwsError& error) {
  core::AuditRecord r;
  r.event_time = core::SystemClock().Now();
  r.request_id = std::string(request_id);
  r.source_ip = std::string(source_ip);
  std::string_view target = request.FirstHeader("x-amz-target").value_or("");
  target = target.substr(0, std::min(target.size(), kMaxRefusedTargetChars));
  auto dot = target.find('.');
  std::string_view prefix = target.substr(0, dot);
  r.event_source = prefix == "AmazonSSM"        ? "ssm.amazonaws.com"
                   : prefix == "secretsmanager" ? "secretsmanager.amazonaws.com"
                                                : "unknown";
  r.event_name = std::string(dot == std::string_view::npos ? target : target.substr(dot + 1));
  r.read_only = adapters::IsReadOnlyOperation(r.event_name);
  r.user_agent = Bounded(request.FirstHeader("user-agent").value_or(""), kMaxRefusedUserAgentChars);
  // What the signature claims, when it can be read at all: the key it names
  // and the region of its scope. Neither is proven, which is why the record
  // has no principal.
  if (auto claimed = auth::ParseAuthorization(request); claimed.ok()) {
    if (LooksLikeAccessKeyId(claimed->access_key_id)) r.access_key_id = claimed->access_key_id;
    r.region = Bounded(claimed->region, 64);
  }
  r.error_code = error.type;
  r.error_message = error.message;
  // The body of an unauthenticated request is never recorded.
  return log.Write(r);
}

}  // namespace paramsafe::abi
