#include "store/pg_job_queue.h"

namespace paramsafe::store {

// SKELETON
core::Result<core::JobRunSummary> PgJobQueue::RunDue(core::TimePoint, int) {
  return core::Status(core::Code::kInternal, "SKELETON: not built yet");
}

}  // namespace paramsafe::store
