#include "abi/job_worker.h"

#include <utility>

namespace paramsafe::abi {

JobWorker::JobWorker(core::JobQueue& queue, const core::Clock& clock, JobWorkerOptions options,
                     core::Metrics* metrics)
    : queue_(queue),
      clock_(clock),
      options_(options),
      metrics_(metrics),
      thread_([this] { Loop(); }) {}

JobWorker::~JobWorker() { Stop(); }

void JobWorker::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  // Stop() may race with itself (a test and the destructor): only one joins.
  std::lock_guard join_lock(join_mu_);
  if (thread_.joinable()) thread_.join();
}

std::uint64_t JobWorker::passes() const {
  std::lock_guard lock(mu_);
  return passes_;
}

core::Status JobWorker::last_status() const {
  std::lock_guard lock(mu_);
  return last_status_;
}

bool JobWorker::RunOnce() {
  core::Status status;
  bool full = false;
  // The thread has no caller to report to: an exception (a bug, or no memory)
  // counts as a failed pass, and the next period tries again. The reasons are
  // short enough to need no allocation.
  try {
    auto ran = queue_.RunDue(clock_.Now(), options_.batch);
    if (ran.ok()) {
      full = ran->done + ran->failed >= options_.batch;
      if (metrics_ != nullptr) {
        for (const core::JobRunSummary::Run& run : ran->runs) {
          metrics_->ObserveJob(run.kind, run.ok ? "success" : "failure");
        }
      }
    } else {
      status = ran.status();
    }
  } catch (...) {
    status = core::Status(core::Code::kInternal, "job pass threw");
  }
  if (metrics_ != nullptr) metrics_->ObserveJobPass(status.ok());
  std::lock_guard lock(mu_);
  ++passes_;
  last_status_ = std::move(status);
  return full && last_status_.ok();
}

void JobWorker::Loop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    lock.unlock();
    bool more = RunOnce();
    lock.lock();
    if (more) continue;
    wake_.wait_for(lock, options_.period, [this] { return stopping_; });
  }
}

}  // namespace paramsafe::abi
