// Timestamps cross the libpq boundary as epoch microseconds (bigint), so no
// text date parsing is needed on either side.
#ifndef PARAMSAFE_STORE_PG_TIME_H_
#define PARAMSAFE_STORE_PG_TIME_H_

#include <chrono>
#include <cstdint>

#include "core/clock.h"

// SQL expression turning a timestamptz column into epoch microseconds.
#define PS_EPOCH_US(col) "(extract(epoch FROM " col ") * 1000000)::bigint"

namespace paramsafe::store {

inline core::TimePoint FromEpochMicros(std::int64_t us) {
  return core::TimePoint(std::chrono::duration_cast<core::TimePoint::duration>(
      std::chrono::microseconds(us)));
}

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_PG_TIME_H_
