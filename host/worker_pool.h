// A fixed set of threads draining a bounded FIFO of tasks. The host runs the
// plugin's blocking calls (authenticate, invoke) here so I/O threads never wait on
// the database.
//
// Ownership: the pool owns its threads and the queued tasks.
// Thread-safety: TrySubmit(), WaitIdle() and the accessors may be called from any
// thread. The destructor stops accepting work, runs what is queued, and joins.
#ifndef PARAMSAFE_HOST_WORKER_POOL_H_
#define PARAMSAFE_HOST_WORKER_POOL_H_

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace paramsafe::host {

class WorkerPool {
 public:
  // REQUIRES: threads >= 1, queue_capacity >= 1.
  WorkerPool(size_t threads, size_t queue_capacity);
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;
  ~WorkerPool();

  // Queues `task` unless queue_capacity tasks are already waiting (running tasks do
  // not count) or the pool is stopping. Returns false, without running or keeping
  // the task, in that case. Tasks must not throw.
  bool TrySubmit(std::function<void()> task);

  // Waits until no task is queued or running, at most `timeout`. Returns whether it
  // got idle.
  bool WaitIdle(std::chrono::milliseconds timeout);

  size_t threads() const { return threads_.size(); }
  size_t queue_capacity() const { return capacity_; }

 private:
  void Run();

  const size_t capacity_;
  std::mutex mu_;
  std::condition_variable work_cv_;          // a task was queued, or stopping_
  std::condition_variable idle_cv_;          // queue_ empty and busy_ == 0
  std::deque<std::function<void()>> queue_;  // guarded by mu_
  size_t busy_ = 0;                          // running tasks; guarded by mu_
  bool stopping_ = false;                    // guarded by mu_
  std::vector<std::thread> threads_;         // last: started after the rest exists
};

}  // namespace paramsafe::host

#endif  // PARAMSAFE_HOST_WORKER_POOL_H_
