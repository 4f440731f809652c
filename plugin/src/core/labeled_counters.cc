#include "core/labeled_counters.h"

#include <new>

namespace paramsafe::core {

LabeledCounters::LabeledCounters(std::size_t label_count, std::size_t capacity)
    : label_count_(label_count < 1 ? 1 : label_count),
      capacity_(capacity < 1 ? 1 : capacity),
      entries_(std::make_unique<Entry[]>(capacity_ + 1)) {
  entries_[capacity_].values.assign(label_count_, std::string(kOverflowValue));
}

LabeledCounters::~LabeledCounters() = default;

std::size_t LabeledCounters::Find(std::span<const std::string_view> values,
                                  std::size_t published) const {
  for (std::size_t i = 0; i < published; ++i) {
    const std::vector<std::string>& have = entries_[i].values;
    bool same = true;
    for (std::size_t j = 0; j < label_count_ && same; ++j) same = have[j] == values[j];
    if (same) return i;
  }
  return capacity_;
}

void LabeledCounters::Add(std::span<const std::string_view> values, std::uint64_t n) noexcept {
  if (values.size() != label_count_) return;  // a caller bug; never index past the key
  std::size_t published = published_.load(std::memory_order_acquire);
  std::size_t i = Find(values, published);
  if (i == capacity_) {
    bool too_long = false;
    for (std::string_view v : values) too_long = too_long || v.size() > kMaxValueBytes;
    std::lock_guard lock(add_mu_);
    // Another thread may have published this key since the scan above.
    std::size_t now_published = published_.load(std::memory_order_relaxed);
    i = now_published == published ? capacity_ : Find(values, now_published);
    if (i == capacity_ && !too_long && now_published < capacity_) {
      Entry& e = entries_[now_published];
      try {
        e.values.assign(values.begin(), values.end());
        e.count.store(n, std::memory_order_relaxed);
        published_.store(now_published + 1, std::memory_order_release);
        return;
      } catch (const std::bad_alloc&) {
        // Counting must never fail its caller (a worker thread, a request):
        // without memory for the key, the count goes to the overflow entry.
        e.values.clear();
      }
    }
  }
  entries_[i].count.fetch_add(n, std::memory_order_relaxed);
}

void LabeledCounters::ForEach(
    const std::function<void(std::span<const std::string>, std::uint64_t)>& visit) const {
  std::size_t published = published_.load(std::memory_order_acquire);
  for (std::size_t i = 0; i < published; ++i) {
    visit(entries_[i].values, entries_[i].count.load(std::memory_order_relaxed));
  }
  std::uint64_t overflow = entries_[capacity_].count.load(std::memory_order_relaxed);
  if (overflow > 0) visit(entries_[capacity_].values, overflow);
}

}  // namespace paramsafe::core
