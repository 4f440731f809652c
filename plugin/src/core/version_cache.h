// VersionCache: latest parameter versions by item, sealed (never plaintext),
// each entry fresh for a TTL. Writes through this process invalidate at once;
// the TTL bounds how long a write made by another host can stay unseen.
// Bounded: when full, it is cleared. Each Find() counts as a hit or a miss of
// the "parameter" cache in `metrics`, when given. Thread-safe.
#ifndef PARAMSAFE_CORE_VERSION_CACHE_H_
#define PARAMSAFE_CORE_VERSION_CACHE_H_

#include <atomic>
#include <chrono>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "core/item_key.h"
#include "core/parameter.h"

namespace paramsafe::core {

class Metrics;

class VersionCache {
 public:
  // `metrics` may be null; it must outlive the cache.
  VersionCache(std::chrono::milliseconds ttl, std::size_t capacity, Metrics* metrics = nullptr)
      : ttl_(ttl), capacity_(capacity), metrics_(metrics) {}

  std::optional<ParameterVersion> Find(const ItemKey& key);
  // Read Generation() before fetching from the database and pass it to Store():
  // if any Erase() ran in between, the fetched row may predate that write and
  // is not stored.
  std::uint64_t Generation() const { return generation_; }
  void Store(const ItemKey& key, const ParameterVersion& version, std::uint64_t generation);
  void Erase(const ItemKey& key);

  std::uint64_t hits() const { return hits_; }
  std::uint64_t misses() const { return misses_; }

 private:
  static std::string MapKey(const ItemKey& key);
  struct Entry {
    ParameterVersion version;
    std::chrono::steady_clock::time_point expires;
  };

  const std::chrono::milliseconds ttl_;
  const std::size_t capacity_;
  Metrics* const metrics_;
  std::shared_mutex mu_;
  std::unordered_map<std::string, Entry> map_;
  std::atomic<std::uint64_t> hits_{0}, misses_{0};
  std::atomic<std::uint64_t> generation_{0};
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_VERSION_CACHE_H_
