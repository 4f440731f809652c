// LabeledCounters: counting by label values, the bound on distinct keys, and
// concurrent counting.
#include "core/labeled_counters.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <thread>
#include <vector>

namespace paramsafe::core {
namespace {

// key "a|b" -> count, in ForEach order kept separately.
struct Seen {
  std::vector<std::string> order;
  std::map<std::string, std::uint64_t> counts;
};

Seen Collect(const LabeledCounters& c) {
  Seen s;
  c.ForEach([&](std::span<const std::string> values, std::uint64_t n) {
    std::string key;
    for (const auto& v : values) key += (key.empty() ? "" : "|") + v;
    s.order.push_back(key);
    s.counts[key] = n;
  });
  return s;
}

void Add(LabeledCounters& c, std::string_view a, std::string_view b, std::uint64_t n = 1) {
  const std::string_view key[] = {a, b};
  c.Add(key, n);
}

TEST(CoreLabeledCounters, NothingCountedShowsNothing) {
  LabeledCounters c(2, 4);
  EXPECT_TRUE(Collect(c).order.empty());
}

TEST(CoreLabeledCounters, CountsPerDistinctKeyInFirstSeenOrder) {
  LabeledCounters c(2, 4);
  Add(c, "parameter", "miss");
  Add(c, "parameter", "hit");
  Add(c, "parameter", "hit", 5);
  Add(c, "access_key", "hit");
  Seen s = Collect(c);
  EXPECT_EQ(s.order,
            (std::vector<std::string>{"parameter|miss", "parameter|hit", "access_key|hit"}));
  EXPECT_EQ(s.counts["parameter|hit"], 6u);
  EXPECT_EQ(s.counts["parameter|miss"], 1u);
  EXPECT_EQ(s.counts["access_key|hit"], 1u);
}

TEST(CoreLabeledCounters, KeysDifferingInOneValueAreDistinct) {
  LabeledCounters c(2, 4);
  Add(c, "a", "b");
  Add(c, "b", "a");
  EXPECT_EQ(Collect(c).order.size(), 2u);
}

TEST(CoreLabeledCounters, PastCapacityNewKeysCountAsOther) {
  LabeledCounters c(2, 2);
  Add(c, "k1", "x");
  Add(c, "k2", "x");
  Add(c, "k3", "x");
  Add(c, "k4", "x", 2);
  Add(c, "k1", "x");  // a known key still counts under its own name
  Seen s = Collect(c);
  EXPECT_EQ(s.order, (std::vector<std::string>{"k1|x", "k2|x", "other|other"}));
  EXPECT_EQ(s.counts["other|other"], 3u);
  EXPECT_EQ(s.counts["k1|x"], 2u);
}

TEST(CoreLabeledCounters, OverlongValueCountsAsOther) {
  LabeledCounters c(2, 8);
  std::string long_value(LabeledCounters::kMaxValueBytes + 1, 'x');
  Add(c, long_value, "y");
  Seen s = Collect(c);
  EXPECT_EQ(s.order, (std::vector<std::string>{"other|other"}));
}

TEST(CoreLabeledCounters, WrongNumberOfValuesIsIgnored) {
  LabeledCounters c(2, 8);
  const std::string_view one[] = {"only"};
  c.Add(one);
  EXPECT_TRUE(Collect(c).order.empty());
}

TEST(CoreLabeledCounters, ConcurrentCountingLosesNothingAndNeverDuplicatesAKey) {
  LabeledCounters c(1, 64);
  constexpr int kThreads = 8, kPerThread = 20000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&c, t] {
      for (int i = 0; i < kPerThread; ++i) {
        // Every thread races to publish the same few keys.
        std::string v = "k" + std::to_string((i + t) % 10);
        const std::string_view key[] = {v};
        c.Add(key);
      }
    });
  }
  for (auto& th : threads) th.join();
  Seen s = Collect(c);
  EXPECT_EQ(s.order.size(), 10u);
  std::uint64_t total = 0;
  for (const auto& [k, n] : s.counts) total += n;
  EXPECT_EQ(total, std::uint64_t{kThreads} * kPerThread);
}

}  // namespace
}  // namespace paramsafe::core
