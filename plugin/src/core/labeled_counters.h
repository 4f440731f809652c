// LabeledCounters: counters keyed by a fixed number of label values, with room
// for at most `capacity` distinct keys. The key set is bounded on purpose: a
// metrics series per distinct value would let whoever chooses the values grow
// the process and every scrape without limit. Once full, new keys count in one
// overflow entry whose values are all kOverflowValue; so does a key with a value
// longer than kMaxValueBytes.
//
// Counting a known key takes no lock and allocates nothing: a scan of the
// published keys (few, in practice) and one relaxed atomic add. A new key is
// added under a mutex and published with a release store, so readers see it
// whole or not at all.
//
// Thread-safe. Not copyable or movable (the entries hold atomics).
#ifndef PARAMSAFE_CORE_LABELED_COUNTERS_H_
#define PARAMSAFE_CORE_LABELED_COUNTERS_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace paramsafe::core {

class LabeledCounters {
 public:
  static constexpr std::string_view kOverflowValue = "other";
  static constexpr std::size_t kMaxValueBytes = 128;

  // REQUIRES: label_count >= 1, capacity >= 1.
  LabeledCounters(std::size_t label_count, std::size_t capacity);
  LabeledCounters(const LabeledCounters&) = delete;
  LabeledCounters& operator=(const LabeledCounters&) = delete;
  ~LabeledCounters();

  // Adds n to the counter of `values`; a call with the wrong number of values
  // is ignored. Never throws.
  void Add(std::span<const std::string_view> values, std::uint64_t n = 1) noexcept;

  // Calls visit(values, count) for every key counted so far, in the order they
  // first appeared, then the overflow entry when it counted anything.
  void ForEach(const std::function<void(std::span<const std::string>, std::uint64_t)>& visit) const;

 private:
  struct Entry {
    std::vector<std::string> values;
    std::atomic<std::uint64_t> count{0};
  };
  // Index of the published entry with these values, or capacity_ when none.
  std::size_t Find(std::span<const std::string_view> values, std::size_t published) const;

  const std::size_t label_count_;
  const std::size_t capacity_;
  std::unique_ptr<Entry[]> entries_;  // capacity_ entries, then the overflow entry
  std::atomic<std::size_t> published_{0};
  std::mutex add_mu_;  // serializes publishing a new entry
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_LABELED_COUNTERS_H_
