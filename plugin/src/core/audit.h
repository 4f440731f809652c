// The audit trail: one record per API request, refused ones included, shaped
// after CloudTrail. Records never hold a secret value: request_parameters is
// the request with every secret member removed (the adapters build it).
#ifndef PARAMSAFE_CORE_AUDIT_H_
#define PARAMSAFE_CORE_AUDIT_H_

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"

namespace paramsafe::core {

struct AuditRecord {
  TimePoint event_time{};
  std::string request_id;
  std::string event_source;  // "ssm.amazonaws.com", "secretsmanager.amazonaws.com"
  std::string event_name;    // the operation, e.g. "GetSecretValue"
  std::string region;
  std::string account_id;
  std::string principal_arn;  // empty when authentication failed
  std::string access_key_id;
  std::string source_ip;
  std::string user_agent;
  std::vector<std::string> resources;  // ARNs the request named
  bool read_only = true;
  std::optional<std::string> error_code;  // the AWS error type; absent on success
  std::optional<std::string> error_message;
  std::optional<std::string> request_parameters;  // JSON object text, secrets removed
};

// Where records go. Implemented by store/. Thread-safe.
class AuditLog {
 public:
  virtual ~AuditLog() = default;

  // Makes the record durable, committed together with the records of other
  // requests arriving at the same time (one commit for many), and returns
  // once it is. An error (e.g. kUnavailable) means the record may not have
  // been kept; the caller must not answer as if it had (fail closed).
  virtual Status Write(const AuditRecord& record) = 0;
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_AUDIT_H_
