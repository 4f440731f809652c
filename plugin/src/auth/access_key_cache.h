// AccessKeyCache: what the Authenticator remembers about access keys between
// requests, so that verifying a signature from a known key on a known scope costs
// no repository call and no decryption.
//
// Per access key id it keeps the key's status and owner, the secret still sealed
// (opening it is the expensive part, and a sealed value is not secret), and the
// SigV4 signing keys already derived, one per credential scope, in wiped memory.
// The plaintext secret is never kept.
//
// Entries live for `ttl` (0 disables the cache: every call misses and nothing is
// stored). Size is bounded: past kMaxEntries keys everything is dropped, past
// kMaxScopesPerKey scopes a key's signing keys are dropped; both are rare and
// cost only a reload.
//
// Coherence: Invalidate/InvalidateAll bump a generation number. A caller reads
// Generation() before it looks anything up and hands it to Store/AddSigningKey,
// which then ignore data read before an invalidation.
//
// Each Lookup() of an enabled cache counts as a hit or a miss of the
// "access_key" cache in the core::Metrics given, if any.
//
// Thread-safe: a std::shared_mutex; lookups share it, changes take it alone.
#ifndef PARAMSAFE_AUTH_ACCESS_KEY_CACHE_H_
#define PARAMSAFE_AUTH_ACCESS_KEY_CACHE_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/keys.h"
#include "core/metrics.h"
#include "core/secure_buffer.h"

namespace paramsafe::auth {

// The facts about one access key that authentication needs.
struct AccessKeyFacts {
  bool active = false;
  std::string user_name;
  std::string user_arn;
  core::SealedValue sealed_secret;
};

class AccessKeyCache {
 public:
  static constexpr std::size_t kMaxEntries = 10'000;
  static constexpr std::size_t kMaxScopesPerKey = 16;

  // A cached key as one lookup saw it. Owns copies: valid after the lock is gone.
  struct Hit {
    bool active = false;
    std::string user_name;
    std::string user_arn;
    std::optional<core::SecureBuffer> signing_key;   // for the scope asked, when known
    std::optional<core::SealedValue> sealed_secret;  // set when active and signing_key is not
  };

  // `metrics` may be null; it must outlive the cache.
  explicit AccessKeyCache(std::chrono::milliseconds ttl, core::Metrics* metrics = nullptr)
      : ttl_(ttl), metrics_(metrics) {}
  AccessKeyCache(const AccessKeyCache&) = delete;
  AccessKeyCache& operator=(const AccessKeyCache&) = delete;

  bool enabled() const { return ttl_.count() > 0; }

  // The current generation; read it before Lookup and the repository call.
  std::uint64_t Generation() const;

  // The unexpired entry for access_key_id, with the signing key of `scope` when
  // one was added; nullopt when absent, expired or the cache is disabled.
  std::optional<Hit> Lookup(std::string_view access_key_id, std::string_view scope,
                            core::TimePoint now) const;

  // Replaces the entry for access_key_id (dropping its signing keys); it expires at
  // now + ttl. Ignored when an invalidation happened since `generation`.
  void Store(std::string_view access_key_id, const AccessKeyFacts& facts, core::TimePoint now,
             std::uint64_t generation);

  // Remembers a signing key that just verified a signature, for the entry's life.
  // Ignored when the entry is gone or an invalidation happened since `generation`.
  void AddSigningKey(std::string_view access_key_id, std::string_view scope,
                     const core::SecureBuffer& signing_key, std::uint64_t generation);

  void Invalidate(std::string_view access_key_id);
  void InvalidateAll();

 private:
  struct Entry {
    core::TimePoint expires_at;
    AccessKeyFacts facts;
    std::vector<std::pair<std::string, core::SecureBuffer>> signing_keys;  // scope -> kSigning
  };
  // Lets find() take a string_view without building a std::string.
  struct TransparentHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  const std::chrono::milliseconds ttl_;
  core::Metrics* const metrics_;
  mutable std::shared_mutex mu_;
  std::uint64_t generation_ = 0;  // guarded by mu_
  std::unordered_map<std::string, Entry, TransparentHash, std::equal_to<>> entries_;  // mu_
};

}  // namespace paramsafe::auth

#endif  // PARAMSAFE_AUTH_ACCESS_KEY_CACHE_H_
