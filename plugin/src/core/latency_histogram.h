// LatencyHistogram: how long something took, counted in fixed buckets from
// 0.5 ms to 5 s (Prometheus's "le" upper bounds), plus the sum. Observing is a
// few relaxed atomic adds; a snapshot is cumulative, as the text format wants.
//
// Thread-safe. A snapshot taken while others observe may lag a few
// observations behind; its count is always the sum of its buckets.
#ifndef PARAMSAFE_CORE_LATENCY_HISTOGRAM_H_
#define PARAMSAFE_CORE_LATENCY_HISTOGRAM_H_

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>

namespace paramsafe::core {

class LatencyHistogram {
 public:
  // Upper bounds in seconds. Requests served from the caches take well under a
  // millisecond; a request waiting on a busy pool can take seconds.
  static constexpr std::array<double, 13> kBoundsSeconds = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

  struct Snapshot {
    // cumulative[i]: observations <= kBoundsSeconds[i]; the last is +Inf.
    std::array<std::uint64_t, kBoundsSeconds.size() + 1> cumulative{};
    double sum_seconds = 0;
    std::uint64_t count() const { return cumulative.back(); }
  };

  LatencyHistogram() = default;
  LatencyHistogram(const LatencyHistogram&) = delete;
  LatencyHistogram& operator=(const LatencyHistogram&) = delete;

  // A negative duration (a clock that stepped back) counts as zero.
  void Observe(std::chrono::nanoseconds latency);
  Snapshot Take() const;

 private:
  std::array<std::atomic<std::uint64_t>, kBoundsSeconds.size() + 1> buckets_{};  // not cumulative
  std::atomic<std::uint64_t> sum_ns_{0};
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_LATENCY_HISTOGRAM_H_
