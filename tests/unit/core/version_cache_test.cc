#include "core/version_cache.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "core/metrics.h"
#include "core/parameter_names.h"
#include "parameter_fakes.h"

namespace paramsafe::core {
namespace {

using namespace std::chrono_literals;
using testing::kAccount;
using testing::kRegion;

ItemKey Key(const std::string& name, const std::string& region = kRegion) {
  return ParameterKey(kAccount, region, name);
}

ParameterVersion Version(const std::string& name, std::int64_t version) {
  ParameterVersion v;
  v.name = name;
  v.arn = ParameterArn(kRegion, kAccount, name);
  v.version = version;
  v.attributes.type = kTypeString;
  return v;
}

TEST(CoreVersionCache, EmptyCacheMisses) {
  VersionCache cache(60s, 10);
  EXPECT_FALSE(cache.Find(Key("/a")).has_value());
  EXPECT_EQ(cache.misses(), 1u);
  EXPECT_EQ(cache.hits(), 0u);
}

TEST(CoreVersionCache, StoredVersionIsFound) {
  VersionCache cache(60s, 10);
  cache.Store(Key("/a"), Version("/a", 3), cache.Generation());
  auto found = cache.Find(Key("/a"));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->version, 3);
  EXPECT_EQ(found->name, "/a");
  EXPECT_EQ(cache.hits(), 1u);
}

TEST(CoreVersionCache, LookupsCountAsParameterCacheHitsAndMissesInMetrics) {
  Metrics metrics;
  VersionCache cache(60s, 10, &metrics);
  (void)cache.Find(Key("/a"));
  cache.Store(Key("/a"), Version("/a", 1), cache.Generation());
  (void)cache.Find(Key("/a"));
  (void)cache.Find(Key("/a"));
  const std::string text = metrics.RenderPrometheus();
  EXPECT_NE(text.find("paramsafe_cache_requests_total{cache=\"parameter\",result=\"miss\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("paramsafe_cache_requests_total{cache=\"parameter\",result=\"hit\"} 2\n"),
            std::string::npos)
      << text;
}

TEST(CoreVersionCache, StoreReplacesTheEntry) {
  VersionCache cache(60s, 10);
  cache.Store(Key("/a"), Version("/a", 1), cache.Generation());
  cache.Store(Key("/a"), Version("/a", 2), cache.Generation());
  EXPECT_EQ(cache.Find(Key("/a"))->version, 2);
}

TEST(CoreVersionCache, EraseRemovesTheEntry) {
  VersionCache cache(60s, 10);
  cache.Store(Key("/a"), Version("/a", 1), cache.Generation());
  cache.Erase(Key("/a"));
  EXPECT_FALSE(cache.Find(Key("/a")).has_value());
}

TEST(CoreVersionCache, EraseAdvancesTheGeneration) {
  VersionCache cache(60s, 10);
  const std::uint64_t before = cache.Generation();
  cache.Erase(Key("/a"));
  EXPECT_NE(cache.Generation(), before);
}

// A reader fetched a row, then a writer erased the entry, then the reader tries
// to store its (possibly stale) row: it must be dropped.
TEST(CoreVersionCache, StoreWithAGenerationOlderThanAnEraseIsDropped) {
  VersionCache cache(60s, 10);
  const std::uint64_t generation = cache.Generation();
  cache.Erase(Key("/a"));
  cache.Store(Key("/a"), Version("/a", 1), generation);
  EXPECT_FALSE(cache.Find(Key("/a")).has_value());
}

TEST(CoreVersionCache, StoreWithTheCurrentGenerationAfterAnEraseIsKept) {
  VersionCache cache(60s, 10);
  cache.Erase(Key("/a"));
  cache.Store(Key("/a"), Version("/a", 2), cache.Generation());
  ASSERT_TRUE(cache.Find(Key("/a")).has_value());
}

// Generations are global: an erase of any item drops every store in flight.
TEST(CoreVersionCache, EraseOfAnotherItemAlsoDropsAStaleStore) {
  VersionCache cache(60s, 10);
  const std::uint64_t generation = cache.Generation();
  cache.Erase(Key("/b"));
  cache.Store(Key("/a"), Version("/a", 1), generation);
  EXPECT_FALSE(cache.Find(Key("/a")).has_value());
}

TEST(CoreVersionCache, EntryExpiresAfterTheTtl) {
  VersionCache cache(1ms, 10);
  cache.Store(Key("/a"), Version("/a", 1), cache.Generation());
  std::this_thread::sleep_for(20ms);
  EXPECT_FALSE(cache.Find(Key("/a")).has_value());
  EXPECT_EQ(cache.misses(), 1u);
}

TEST(CoreVersionCache, BothSpellingsOfASingleLevelNameShareAnEntry) {
  VersionCache cache(60s, 10);
  cache.Store(Key("/p"), Version("/p", 1), cache.Generation());
  EXPECT_TRUE(cache.Find(Key("p")).has_value());
  cache.Erase(Key("p"));
  EXPECT_FALSE(cache.Find(Key("/p")).has_value());
}

TEST(CoreVersionCache, RegionsDoNotShareEntries) {
  VersionCache cache(60s, 10);
  cache.Store(Key("/a", "us-east-1"), Version("/a", 1), cache.Generation());
  EXPECT_FALSE(cache.Find(Key("/a", "eu-west-1")).has_value());
}

TEST(CoreVersionCache, AccountsDoNotShareEntries) {
  VersionCache cache(60s, 10);
  cache.Store(ParameterKey("111111111111", kRegion, "/a"), Version("/a", 1), cache.Generation());
  EXPECT_FALSE(cache.Find(ParameterKey("222222222222", kRegion, "/a")).has_value());
}

TEST(CoreVersionCache, KindsDoNotShareEntries) {
  VersionCache cache(60s, 10);
  ItemKey parameter = Key("/a");
  ItemKey secret = parameter;
  secret.kind = ItemKind::kSecret;
  cache.Store(parameter, Version("/a", 1), cache.Generation());
  EXPECT_FALSE(cache.Find(secret).has_value());
}

// When full, the cache is cleared before the new entry goes in.
TEST(CoreVersionCache, FullCacheIsClearedBeforeStoring) {
  VersionCache cache(60s, 2);
  cache.Store(Key("/a"), Version("/a", 1), cache.Generation());
  cache.Store(Key("/b"), Version("/b", 1), cache.Generation());
  cache.Store(Key("/c"), Version("/c", 1), cache.Generation());
  EXPECT_FALSE(cache.Find(Key("/a")).has_value());
  EXPECT_FALSE(cache.Find(Key("/b")).has_value());
  EXPECT_TRUE(cache.Find(Key("/c")).has_value());
}

TEST(CoreVersionCache, NeverHoldsMoreThanItsCapacity) {
  constexpr std::size_t kCapacity = 5;
  VersionCache cache(60s, kCapacity);
  for (int i = 0; i < 23; ++i) {
    const std::string name = "/p" + std::to_string(i);
    cache.Store(Key(name), Version(name, 1), cache.Generation());
  }
  std::size_t held = 0;
  for (int i = 0; i < 23; ++i) held += cache.Find(Key("/p" + std::to_string(i))).has_value();
  EXPECT_GE(held, 1u);
  EXPECT_LE(held, kCapacity);
}

TEST(CoreVersionCache, ConcurrentUseIsSafe) {
  VersionCache cache(60s, 16);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&cache, t] {
      for (int i = 0; i < 2000; ++i) {
        const std::string name = "/p" + std::to_string((i + t) % 24);
        switch (i % 3) {
          case 0: cache.Store(Key(name), Version(name, i), cache.Generation()); break;
          case 1: (void)cache.Find(Key(name)); break;
          default: cache.Erase(Key(name)); break;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_GT(cache.hits() + cache.misses(), 0u);
}

}  // namespace
}  // namespace paramsafe::core
