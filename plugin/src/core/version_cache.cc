#include "core/version_cache.h"

#include <mutex>

#include "core/metrics.h"

namespace paramsafe::core {

std::string VersionCache::MapKey(const ItemKey& key) {
  // '\n' cannot appear in any of the parts, so the join is unambiguous.
  std::string k;
  k.reserve(key.account_id.size() + key.region.size() + key.lookup_name.size() + 12);
  k.append(key.account_id).append("\n").append(key.region).append("\n");
  k.append(ItemKindName(key.kind)).append("\n").append(key.lookup_name);
  return k;
}

std::optional<ParameterVersion> VersionCache::Find(const ItemKey& key) {
  std::string k = MapKey(key);
  std::shared_lock lock(mu_);
  auto it = map_.find(k);
  if (it == map_.end() || it->second.expires < std::chrono::steady_clock::now()) {
    ++misses_;
    if (metrics_ != nullptr) metrics_->ObserveCache("parameter", false);
    return std::nullopt;
  }
  ++hits_;
  if (metrics_ != nullptr) metrics_->ObserveCache("parameter", true);
  return it->second.version;
}

void VersionCache::Store(const ItemKey& key, const ParameterVersion& version,
                         std::uint64_t generation) {
  std::string k = MapKey(key);
  std::unique_lock lock(mu_);
  if (generation != generation_) return;
  if (map_.size() >= capacity_) map_.clear();
  map_[std::move(k)] = Entry{version, std::chrono::steady_clock::now() + ttl_};
}

void VersionCache::Erase(const ItemKey& key) {
  std::string k = MapKey(key);
  std::unique_lock lock(mu_);
  ++generation_;
  map_.erase(k);
}

}  // namespace paramsafe::core
