#include "core/latency_histogram.h"

#include <algorithm>
#include <cmath>

namespace paramsafe::core {

namespace {

// The bounds in whole nanoseconds, so that placing an observation compares
// integers (0.0005 s is not exact in binary; 500000 ns is).
constexpr std::array<std::int64_t, LatencyHistogram::kBoundsSeconds.size()> kBoundsNs = [] {
  std::array<std::int64_t, LatencyHistogram::kBoundsSeconds.size()> ns{};
  for (std::size_t i = 0; i < ns.size(); ++i) {
    // Round to nearest: every bound is a whole number of microseconds.
    ns[i] = static_cast<std::int64_t>(LatencyHistogram::kBoundsSeconds[i] * 1e9 + 0.5);
  }
  return ns;
}();

}  // namespace

void LatencyHistogram::Observe(std::chrono::nanoseconds latency) {
  const std::int64_t ns = std::max<std::int64_t>(0, latency.count());
  // The first bound >= ns: "le" means less than or equal.
  const auto* it = std::lower_bound(kBoundsNs.begin(), kBoundsNs.end(), ns);
  buckets_[static_cast<std::size_t>(it - kBoundsNs.begin())].fetch_add(1,
                                                                       std::memory_order_relaxed);
  sum_ns_.fetch_add(static_cast<std::uint64_t>(ns), std::memory_order_relaxed);
}

LatencyHistogram::Snapshot LatencyHistogram::Take() const {
  Snapshot s;
  std::uint64_t running = 0;
  for (std::size_t i = 0; i < buckets_.size(); ++i) {
    running += buckets_[i].load(std::memory_order_relaxed);
    s.cumulative[i] = running;
  }
  s.sum_seconds = static_cast<double>(sum_ns_.load(std::memory_order_relaxed)) / 1e9;
  return s;
}

}  // namespace paramsafe::core
