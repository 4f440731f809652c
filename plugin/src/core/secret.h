// Secrets: the Secrets Manager face of items. Plain data, no behaviour.
//
// A secret is an item of kind "secret" with immutable versions. Each version
// has an internal number (the order of creation, which also binds its sealed
// value) and the version id the caller chose (ClientRequestToken). Staging
// labels (AWSCURRENT, AWSPREVIOUS, AWSPENDING, custom) each name one version.
#ifndef PARAMSAFE_CORE_SECRET_H_
#define PARAMSAFE_CORE_SECRET_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/keys.h"
#include "core/parameter.h"
#include "core/secure_buffer.h"

namespace paramsafe::core {

inline constexpr const char* kDefaultSecretKey = "alias/aws/secretsmanager";
inline constexpr const char* kStageCurrent = "AWSCURRENT";
inline constexpr const char* kStagePrevious = "AWSPREVIOUS";
inline constexpr const char* kStagePending = "AWSPENDING";

// Staging labels on one secret, over all its versions, and on one version.
inline constexpr std::size_t kMaxStagesPerSecret = 20;
inline constexpr std::size_t kMaxStagesPerVersion = 20;
// Versions without a label are deprecated. A write removes the deprecated
// versions beyond the newest kKeptSecretVersions that are older than
// kDeprecatedVersionMinAge, as AWS does; younger ones stay, so a burst of writes
// keeps every version. kMaxSecretVersions bounds what a burst can pile up.
inline constexpr std::size_t kKeptSecretVersions = 100;
inline constexpr std::chrono::hours kDeprecatedVersionMinAge{24};
inline constexpr std::size_t kMaxSecretVersions = 10000;
// SecretString (characters) and SecretBinary (bytes).
inline constexpr std::size_t kMaxSecretValueSize = 65536;
inline constexpr int kMinRecoveryWindowDays = 7;
inline constexpr int kMaxRecoveryWindowDays = 30;
inline constexpr int kDefaultRecoveryWindowDays = 30;
// A resource policy document, in characters (NonEmptyResourcePolicyType).
inline constexpr std::size_t kMaxResourcePolicySize = 20480;

enum class SecretValueType { kString, kBinary };

// "SecretString" | "SecretBinary", the versions table's value_type.
const char* SecretValueTypeName(SecretValueType t);

// One version's metadata (never its value).
struct SecretVersion {
  std::int64_t number = 0;  // internal: creation order; binds the sealed value
  std::string version_id;   // the ClientRequestToken that created it
  std::vector<std::string> stages;  // its staging labels, sorted
  TimePoint created{};
  std::optional<TimePoint> last_accessed;  // UTC midnight of the last read
  std::string kms_key_arn;                 // the key that sealed it
};

// A secret's metadata with all its versions (newest first) and tags.
struct Secret {
  std::string account_id;
  std::string region;
  std::string name;
  std::string arn;
  std::optional<std::string> description;
  std::optional<std::string> kms_key_id;  // as given; absent = kDefaultSecretKey
  TimePoint created{};
  TimePoint last_changed{};
  std::optional<TimePoint> last_accessed;  // UTC midnight of the last read
  std::optional<TimePoint> deletion_date;  // set while scheduled for deletion
  std::string primary_region;
  std::optional<std::string> owning_service;
  std::vector<Tag> tags;                   // ordered by key
  std::int64_t latest_number = 0;          // highest version number used so far
  std::vector<SecretVersion> versions;     // newest first
  std::int64_t reads_while_scheduled = 0;
  // The resource policy document exactly as PutResourcePolicy received it.
  // Loaded with a secret's whole state (Find, Update and what they return);
  // listings and the value read (Read) leave it empty, since none of their
  // answers show it and a document may be 20 KB.
  std::optional<std::string> resource_policy;

  bool scheduled_for_deletion() const { return deletion_date.has_value(); }
  // The version carrying a stage, or nullptr.
  const SecretVersion* WithStage(const std::string& stage) const;
  // The version with this id, or nullptr.
  const SecretVersion* WithId(const std::string& version_id) const;
};

// One version's sealed value, as read back.
struct SecretSealedValue {
  SecretVersion version;
  SecretValueType type = SecretValueType::kString;
  SealedValue sealed;
};

// What the associated data of a secret version binds: kind "secret", the
// secret's ARN, the version number.
AssociatedData SecretAssociatedData(const std::string& arn, std::int64_t number);

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_SECRET_H_
