#include "auth/access_key_cache.h"

#include <mutex>

namespace paramsafe::auth {

std::uint64_t AccessKeyCache::Generation() const {
  std::shared_lock lock(mu_);
  return generation_;
}

std::optional<AccessKeyCache::Hit> AccessKeyCache::Lookup(std::string_view access_key_id,
                                                          std::string_view scope,
                                                          core::TimePoint now) const {
  if (!enabled()) return std::nullopt;
  std::shared_lock lock(mu_);
  const auto it = entries_.find(access_key_id);
  const bool fresh = it != entries_.end() && now < it->second.expires_at;
  if (metrics_ != nullptr) metrics_->ObserveCache("access_key", fresh);
  if (!fresh) return std::nullopt;
  const Entry& entry = it->second;
  Hit hit;
  hit.active = entry.facts.active;
  hit.user_name = entry.facts.user_name;
  hit.user_arn = entry.facts.user_arn;
  for (const auto& [cached_scope, key] : entry.signing_keys) {
    if (cached_scope == scope) {
      hit.signing_key = key;
      break;
    }
  }
  // The sealed secret is copied only when the caller will have to open it.
  if (hit.active && !hit.signing_key) hit.sealed_secret = entry.facts.sealed_secret;
  return hit;
}

void AccessKeyCache::Store(std::string_view access_key_id, const AccessKeyFacts& facts,
                           core::TimePoint now, std::uint64_t generation) {
  if (!enabled()) return;
  std::unique_lock lock(mu_);
  if (generation != generation_) return;
  auto it = entries_.find(access_key_id);
  if (it == entries_.end()) {
    // Dropping everything is crude but bounded, and only a flood of distinct
    // valid keys can get here: unknown keys are never stored.
    if (entries_.size() >= kMaxEntries) entries_.clear();
    it = entries_.emplace(std::string(access_key_id), Entry{}).first;
  }
  it->second.expires_at = now + ttl_;
  it->second.facts = facts;
  it->second.signing_keys.clear();
}

void AccessKeyCache::AddSigningKey(std::string_view access_key_id, std::string_view scope,
                                   const core::SecureBuffer& signing_key,
                                   std::uint64_t generation) {
  if (!enabled()) return;
  std::unique_lock lock(mu_);
  if (generation != generation_) return;
  const auto it = entries_.find(access_key_id);
  if (it == entries_.end()) return;
  auto& keys = it->second.signing_keys;
  for (const auto& [cached_scope, key] : keys) {
    if (cached_scope == scope) return;  // a concurrent request got here first
  }
  if (keys.size() >= kMaxScopesPerKey) keys.clear();
  keys.emplace_back(std::string(scope), signing_key);
}

void AccessKeyCache::Invalidate(std::string_view access_key_id) {
  std::unique_lock lock(mu_);
  ++generation_;
  const auto it = entries_.find(access_key_id);
  if (it != entries_.end()) entries_.erase(it);
}

void AccessKeyCache::InvalidateAll() {
  std::unique_lock lock(mu_);
  ++generation_;
  entries_.clear();
}

}  // namespace paramsafe::auth
