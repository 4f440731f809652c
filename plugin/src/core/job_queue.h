// JobQueue: background work kept in the database (parameter policies now,
// secret purges later), implemented by store/. Any number of hosts may run due
// jobs against one database at once; each job runs once. Thread-safe.
#ifndef PARAMSAFE_CORE_JOB_QUEUE_H_
#define PARAMSAFE_CORE_JOB_QUEUE_H_

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"

namespace paramsafe::core {

struct JobRunSummary {
  int done = 0;
  int failed = 0;
  // Each job run, in order: its kind and whether it succeeded (for metrics).
  struct Run {
    std::string kind;
    bool ok = false;
  };
  std::vector<Run> runs;
};

class JobQueue {
 public:
  virtual ~JobQueue() = default;

  // Runs up to max_jobs jobs whose run_at is at or before now, each in its own
  // transaction together with its effects, and reports how they ended. A job
  // that fails is marked failed with the reason (never a secret value).
  virtual Result<JobRunSummary> RunDue(TimePoint now, int max_jobs) = 0;
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_JOB_QUEUE_H_
