// ParameterService: the Parameter Store operations over the core model. It
// applies the model's rules (types, patterns, tiers, policies, tags, keys),
// seals and opens values through the Keyring, turns a new policy set into the
// jobs that carry it out, and keeps a cache of latest versions (sealed, never
// plaintext). Thread-safe; the repository, keyring, matcher and clock must
// outlive it.
#ifndef PARAMSAFE_CORE_PARAMETER_SERVICE_H_
#define PARAMSAFE_CORE_PARAMETER_SERVICE_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/keys.h"
#include "core/parameter.h"
#include "core/parameter_repository.h"
#include "core/pattern_matcher.h"
#include "core/secure_buffer.h"
#include "core/status.h"
#include "core/version_cache.h"

namespace paramsafe::core {

struct PutParameterInput {
  ItemKey key;
  SecureBuffer value;
  std::optional<std::string> type;
  bool overwrite = false;
  std::optional<std::string> description;
  std::optional<std::string> key_id;
  std::optional<std::string> allowed_pattern;
  std::optional<std::string> tier;
  std::optional<std::string> data_type;
  // Policies: the JSON array text to store and the policies it holds, in the
  // same order, both set or both absent (absent keeps the current set and its
  // text; an empty list clears it).
  std::optional<std::string> policies_text;
  std::vector<ParameterPolicy> policies;
  // Tags of a new parameter: at most 50, no "aws:" keys, a key given twice
  // keeps its last value (PrepareNewItemTags). Ignored when the write adds a
  // version (the adapter refuses Tags with Overwrite).
  std::vector<Tag> tags;
  std::string principal_arn;
};

struct PutParameterOutput {
  std::int64_t version = 0;
  std::string tier;
};

struct GetParameterInput {
  ItemKey key;
  std::optional<std::int64_t> version;  // name:<version>
  std::optional<std::string> label;     // name:<label>
  bool with_decryption = false;
};

struct ParameterValue {
  ParameterVersion version;  // metadata and the sealed value
  // The plaintext when the type is not SecureString or decryption was asked for.
  std::optional<SecureBuffer> plaintext;
};

// Opens a version's value when the type is not SecureString or decryption was
// asked for; otherwise leaves plaintext empty.
Result<ParameterValue> OpenParameterValue(Keyring& keyring, ParameterVersion version,
                                          bool with_decryption);

struct ParameterServiceOptions {
  bool cache_enabled = true;
  std::chrono::milliseconds cache_ttl{2000};
  std::size_t cache_capacity = 100000;
};

class ParameterService {
 public:
  // Uses the system clock.
  ParameterService(ParameterRepository& repo, Keyring& keyring, const PatternMatcher& patterns,
                   ParameterServiceOptions options);
  // `clock` gives "now" for policy schedules (NoChangeNotification counts from
  // the write, an Expiration must lie in the future). `metrics`, when given,
  // counts the cache's hits and misses; it must outlive the service.
  ParameterService(ParameterRepository& repo, Keyring& keyring, const PatternMatcher& patterns,
                   ParameterServiceOptions options, const Clock& clock,
                   Metrics* metrics = nullptr);

  Result<PutParameterOutput> Put(const PutParameterInput& input);
  Result<ParameterValue> Get(const GetParameterInput& input);
  Status Delete(const ItemKey& key);

 private:
  Result<NewParameterVersion> BuildVersion(const PutParameterInput& input,
                                           const std::optional<ParameterVersion>& previous,
                                           std::int64_t version, const std::string& arn);
  Result<ParameterVersion> Lookup(const GetParameterInput& input);

  ParameterRepository& repo_;
  Keyring& keyring_;
  const PatternMatcher& patterns_;
  const Clock& clock_;
  ParameterServiceOptions options_;
  VersionCache cache_;
};

// Value size limit of a tier, in characters (AWS counts characters).
std::size_t MaxValueChars(std::string_view tier);

// The ValidationException text for policies on a Standard parameter.
inline constexpr const char* kPoliciesNeedAdvancedTier =
    "Parameter policies are supported only for advanced-tier parameters. To attach policies, "
    "set the tier to Advanced or Intelligent-Tiering.";

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_PARAMETER_SERVICE_H_
