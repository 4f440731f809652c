// JobWorker: one background thread that runs the database's due jobs
// (parameter policies) every period: JobQueue::RunDue(clock.Now(), batch). A
// full batch is followed at once by another pass, so a backlog drains without
// waiting a period per batch. A failing pass (database down) is retried on the
// next period; nothing escapes the thread. Several workers, in one process or
// many, may share one database: the queue hands each job to one of them.
//
// Each job run counts in core::Metrics by kind and outcome, and each pass by
// whether it could run at all, when a Metrics is given.
//
// Thread-safe. The queue, the clock and the metrics must outlive the worker; the destructor
// stops and joins the thread, waiting at most for the pass in progress.
#ifndef PARAMSAFE_ABI_JOB_WORKER_H_
#define PARAMSAFE_ABI_JOB_WORKER_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "core/clock.h"
#include "core/job_queue.h"
#include "core/metrics.h"
#include "core/status.h"

namespace paramsafe::abi {

struct JobWorkerOptions {
  std::chrono::milliseconds period{1000};  // REQUIRES: > 0
  int batch = 100;                         // jobs per RunDue call; REQUIRES: > 0
};

class JobWorker {
 public:
  // Starts the thread; its first pass runs at once. `metrics` may be null.
  JobWorker(core::JobQueue& queue, const core::Clock& clock, JobWorkerOptions options,
            core::Metrics* metrics = nullptr);
  JobWorker(const JobWorker&) = delete;
  JobWorker& operator=(const JobWorker&) = delete;
  ~JobWorker();

  // Stops the thread and joins it; later calls do nothing.
  void Stop();

  // RunDue calls made so far, and the outcome of the last one: for tests and
  // diagnostics (the failure reason never holds a secret value).
  std::uint64_t passes() const;
  core::Status last_status() const;

 private:
  void Loop();
  // One RunDue call; true when it ran a full batch (more may be due).
  bool RunOnce();

  core::JobQueue& queue_;
  const core::Clock& clock_;
  const JobWorkerOptions options_;
  core::Metrics* const metrics_;
  std::mutex join_mu_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::uint64_t passes_ = 0;
  core::Status last_status_;
  std::thread thread_;  // last: started once everything above is ready
};

}  // namespace paramsafe::abi

#endif  // PARAMSAFE_ABI_JOB_WORKER_H_
