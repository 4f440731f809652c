// PgJobQueue: JobQueue in PostgreSQL. Thread-safe (uses the pool).
#ifndef PARAMSAFE_STORE_PG_JOB_QUEUE_H_
#define PARAMSAFE_STORE_PG_JOB_QUEUE_H_

#include "core/job_queue.h"
#include "store/pool.h"

namespace paramsafe::store {

class PgJobQueue final : public core::JobQueue {
 public:
  explicit PgJobQueue(Pool& pool) : pool_(pool) {}

  core::Result<core::JobRunSummary> RunDue(core::TimePoint now, int max_jobs) override;

 private:
  Pool& pool_;
};

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_PG_JOB_QUEUE_H_
