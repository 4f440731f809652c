// Timestamps sent to PostgreSQL as epoch microseconds (a bigint $n), the
// direction pg_time.h does not cover: exact, and no date text to format.
#ifndef PARAMSAFE_STORE_PG_TIME_PARAM_H_
#define PARAMSAFE_STORE_PG_TIME_PARAM_H_

#include <chrono>
#include <cstdint>

#include "core/clock.h"

// SQL expression turning a bigint parameter of epoch microseconds into a timestamptz.
#define PS_TIMESTAMP_FROM_US(param) \
  "('epoch'::timestamptz + (" param ")::bigint * interval '1 microsecond')"

namespace paramsafe::store {

inline std::int64_t ToEpochMicros(core::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_PG_TIME_PARAM_H_
