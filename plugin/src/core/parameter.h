// Parameters: the Parameter Store face of items. Plain data, no behaviour.
#ifndef PARAMSAFE_CORE_PARAMETER_H_
#define PARAMSAFE_CORE_PARAMETER_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/item_key.h"
#include "core/keys.h"

namespace paramsafe::core {

inline constexpr const char* kTypeString = "String";
inline constexpr const char* kTypeStringList = "StringList";
inline constexpr const char* kTypeSecureString = "SecureString";
inline constexpr const char* kDefaultParameterKey = "alias/aws/ssm";

// The attributes Parameter Store keeps with each version.
struct ParameterAttributes {
  std::string type;       // String | StringList | SecureString
  std::string data_type;  // "text" unless set
  std::optional<std::string> description;
  std::optional<std::string> allowed_pattern;
  std::string tier = "Standard";
  std::optional<std::string> policies;
  // The KeyId as reported in metadata (SecureString only), e.g. "alias/aws/ssm".
  std::optional<std::string> key_ref;
};

struct Tag {
  std::string key;
  std::string value;
  bool operator==(const Tag&) const = default;
};

// A parameter policy as the core schedules it. The adapter parses and checks the
// policy JSON; the JSON text itself is kept in ParameterAttributes::policies.
enum class PolicyType { kExpiration, kExpirationNotification, kNoChangeNotification };

struct ParameterPolicy {
  PolicyType type = PolicyType::kExpiration;
  TimePoint expires_at{};            // Expiration: when the parameter is deleted
  std::chrono::seconds offset{0};    // ExpirationNotification: Before; NoChangeNotification: After
};

// A job that carries out one policy of the item's current set.
struct PolicyJob {
  std::string kind;  // parameter-expiration | parameter-expiration-notification |
                     // parameter-no-change-notification (the jobs table's kinds)
  int policy_index = 0;
  TimePoint run_at{};
  // NoChangeNotification: run again this long after every later write.
  std::optional<std::chrono::seconds> period;
};

// One stored version, as read back.
struct ParameterVersion {
  std::string name;  // as spelled at creation
  std::string arn;
  std::int64_t version = 0;
  ParameterAttributes attributes;
  SealedValue sealed;
  TimePoint last_modified;
  std::string last_modified_user;  // principal ARN of the writer
  // Filled by the reads that report them (history; describe), empty otherwise.
  std::vector<std::string> labels;
  // PolicyStatus of each policy of attributes.policies, in order
  // (Pending | InProgress | Finished | Failed).
  std::vector<std::string> policy_statuses;
};

// A version about to be written.
struct NewParameterVersion {
  ParameterAttributes attributes;
  SealedValue sealed;
  std::string created_by;
  // Tags of a new parameter (ignored when the write adds a version).
  std::vector<Tag> tags;
  // The jobs of a new policy set, replacing the item's jobs; absent when the
  // write keeps the set (its NoChangeNotification jobs are then rescheduled).
  std::optional<std::vector<PolicyJob>> policy_jobs;
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_PARAMETER_H_
