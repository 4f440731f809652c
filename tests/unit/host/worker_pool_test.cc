// The bounded worker pool.
#include "worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

namespace paramsafe::host {
namespace {

using std::chrono::milliseconds;

TEST(HostWorkerPoolTest, RunsTasksOnItsThreads) {
  WorkerPool pool(2, 8);
  std::atomic<int> ran{0};
  const auto caller = std::this_thread::get_id();
  std::atomic<bool> other_thread{true};
  for (int i = 0; i < 8; ++i) {
    ASSERT_TRUE(pool.TrySubmit([&] {
      if (std::this_thread::get_id() == caller) other_thread = false;
      ++ran;
    }));
  }
  EXPECT_TRUE(pool.WaitIdle(milliseconds(5000)));
  EXPECT_EQ(ran.load(), 8);
  EXPECT_TRUE(other_thread.load());
}

TEST(HostWorkerPoolTest, RefusesWhenTheQueueIsFull) {
  WorkerPool pool(1, 1);
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  std::promise<void> started;
  ASSERT_TRUE(pool.TrySubmit([&] {
    started.set_value();
    gate.wait();
  }));
  started.get_future().wait();                           // the worker is busy
  EXPECT_TRUE(pool.TrySubmit([gate] { gate.wait(); }));  // fills the queue
  EXPECT_FALSE(pool.TrySubmit([] {}));
  EXPECT_FALSE(pool.WaitIdle(milliseconds(10)));
  release.set_value();
  EXPECT_TRUE(pool.WaitIdle(milliseconds(5000)));
  EXPECT_TRUE(pool.TrySubmit([] {}));
}

TEST(HostWorkerPoolTest, DestructorRunsQueuedTasks) {
  std::atomic<int> ran{0};
  {
    WorkerPool pool(1, 16);
    for (int i = 0; i < 16; ++i) ASSERT_TRUE(pool.TrySubmit([&] { ++ran; }));
  }
  EXPECT_EQ(ran.load(), 16);
}

}  // namespace
}  // namespace paramsafe::host
