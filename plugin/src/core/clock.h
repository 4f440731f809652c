// Clock: the one source of "now" for the core, injectable so tests can move time
// (SigV4 skew, recovery windows) without sleeping.
#ifndef PARAMSAFE_CORE_CLOCK_H_
#define PARAMSAFE_CORE_CLOCK_H_

#include <atomic>
#include <chrono>

namespace paramsafe::core {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

// A clock tests set by hand. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint t) : now_(t.time_since_epoch().count()) {}
  TimePoint Now() const override { return TimePoint(TimePoint::duration(now_.load())); }
  void Set(TimePoint t) { now_ = t.time_since_epoch().count(); }
  void Advance(TimePoint::duration d) { now_ += d.count(); }

 private:
  std::atomic<TimePoint::rep> now_;
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_CLOCK_H_
