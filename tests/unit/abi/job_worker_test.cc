// abi::JobWorker over a fake JobQueue that counts its calls. Waits are
// condition waits with a generous timeout; no test asserts wall-clock limits.
#include "abi/job_worker.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/metrics.h"

namespace paramsafe::abi {
namespace {

using namespace std::chrono_literals;

// A JobQueue whose RunDue answers from a script (then an empty pass), records
// each call and wakes waiters.
class FakeJobQueue final : public core::JobQueue {
 public:
  struct Call {
    core::TimePoint now;
    int max_jobs;
  };
  enum class Kind { kRan, kFail, kThrow };
  struct Answer {
    Kind kind = Kind::kRan;
    core::JobRunSummary summary{};
  };

  core::Result<core::JobRunSummary> RunDue(core::TimePoint now, int max_jobs) override {
    Answer a;
    {
      std::lock_guard lock(mu_);
      calls_.push_back({now, max_jobs});
      if (!script_.empty()) {
        a = script_.front();
        script_.pop_front();
      }
    }
    cv_.notify_all();
    if (a.kind == Kind::kThrow) throw std::runtime_error("boom");
    if (a.kind == Kind::kFail) {
      return core::Status(core::Code::kUnavailable, "database unreachable");
    }
    return a.summary;
  }

  void Script(std::vector<Answer> answers) {
    std::lock_guard lock(mu_);
    script_.assign(answers.begin(), answers.end());
  }
  // True once at least n calls were made; false after a 10 s timeout.
  bool WaitForCalls(std::size_t n) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, 10s, [&] { return calls_.size() >= n; });
  }
  std::vector<Call> calls() const {
    std::lock_guard lock(mu_);
    return calls_;
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Answer> script_;
  std::vector<Call> calls_;
};

using Answer = FakeJobQueue::Answer;
using Kind = FakeJobQueue::Kind;

const core::TimePoint kT0 = core::TimePoint(std::chrono::seconds(1712345678));

// Waits until the worker has finished n passes (RunDue returned and was
// recorded), not just started them.
bool WaitForPasses(const JobWorker& w, std::uint64_t n) {
  for (int i = 0; i < 10000; ++i) {
    if (w.passes() >= n) return true;
    std::this_thread::sleep_for(1ms);
  }
  return false;
}

TEST(AbiJobWorker, RunsAPassAtOnceWithTheClocksTimeAndTheBatch) {
  FakeJobQueue queue;
  core::ManualClock clock(kT0);
  JobWorker worker(queue, clock, {.period = 1h, .batch = 25});
  ASSERT_TRUE(queue.WaitForCalls(1));
  auto calls = queue.calls();
  EXPECT_EQ(calls[0].now, kT0);
  EXPECT_EQ(calls[0].max_jobs, 25);
}

TEST(AbiJobWorker, RunsAgainEveryPeriodWithTheTimeOfThatPass) {
  FakeJobQueue queue;
  core::ManualClock clock(kT0);
  JobWorker worker(queue, clock, {.period = 1ms, .batch = 10});
  ASSERT_TRUE(queue.WaitForCalls(1));
  clock.Advance(1h);
  // The call after the next one began after the Advance, whatever the timing.
  const std::size_t seen = queue.calls().size();
  ASSERT_TRUE(queue.WaitForCalls(seen + 2));
  worker.Stop();
  EXPECT_EQ(queue.calls().at(seen + 1).now, kT0 + 1h);
}

// The first pass waits no period and the period is an hour: only the full
// batches can bring the second and third calls.
TEST(AbiJobWorker, AFullBatchIsFollowedByAnotherPassAtOnce) {
  FakeJobQueue queue;
  queue.Script({{Kind::kRan, {10, 0, {}}}, {Kind::kRan, {4, 6, {}}}, {Kind::kRan, {3, 0, {}}}});
  core::ManualClock clock(kT0);
  JobWorker worker(queue, clock, {.period = 1h, .batch = 10});
  ASSERT_TRUE(queue.WaitForCalls(3));
  ASSERT_TRUE(WaitForPasses(worker, 3));
  worker.Stop();
  EXPECT_EQ(queue.calls().size(), 3u);  // the third pass was not full: it waits
}

TEST(AbiJobWorker, AFailingPassIsRetriedOnTheNextPeriod) {
  FakeJobQueue queue;
  queue.Script({{Kind::kFail, {}}, {Kind::kFail, {}}});
  core::ManualClock clock(kT0);
  JobWorker worker(queue, clock, {.period = 1ms, .batch = 10});
  ASSERT_TRUE(queue.WaitForCalls(3));
  // Every pass from the third on succeeds.
  ASSERT_TRUE(WaitForPasses(worker, 3));
  EXPECT_TRUE(worker.last_status().ok()) << worker.last_status().ToString();
}

// A failed pass is not a full batch: with an hour's period nothing follows it.
TEST(AbiJobWorker, AFailingPassIsReportedAndWaitsAPeriod) {
  FakeJobQueue queue;
  queue.Script({{Kind::kFail, {}}});
  core::ManualClock clock(kT0);
  JobWorker worker(queue, clock, {.period = 1h, .batch = 1});
  ASSERT_TRUE(WaitForPasses(worker, 1));
  EXPECT_EQ(worker.last_status().code(), core::Code::kUnavailable);
  EXPECT_EQ(worker.last_status().reason(), "database unreachable");
  worker.Stop();
  EXPECT_EQ(queue.calls().size(), 1u);
}

TEST(AbiJobWorker, AnExceptionCountsAsAFailedPass) {
  FakeJobQueue queue;
  queue.Script({{Kind::kThrow, {}}});
  core::ManualClock clock(kT0);
  JobWorker worker(queue, clock, {.period = 1h, .batch = 10});
  ASSERT_TRUE(WaitForPasses(worker, 1));
  EXPECT_EQ(worker.last_status().code(), core::Code::kInternal);
  EXPECT_EQ(worker.last_status().reason(), "job pass threw");
}

TEST(AbiJobWorker, KeepsRunningAfterAnException) {
  FakeJobQueue queue;
  queue.Script({{Kind::kThrow, {}}});
  core::ManualClock clock(kT0);
  JobWorker worker(queue, clock, {.period = 1ms, .batch = 10});
  ASSERT_TRUE(WaitForPasses(worker, 2));
  EXPECT_TRUE(worker.last_status().ok());
}

// With an hour's period the worker is asleep in its wait: Stop must wake it
// (were it not, this test would hang until the ctest timeout).
TEST(AbiJobWorker, StopWakesAWaitingWorkerAndJoins) {
  FakeJobQueue queue;
  core::ManualClock clock(kT0);
  JobWorker worker(queue, clock, {.period = 1h, .batch = 10});
  ASSERT_TRUE(WaitForPasses(worker, 1));
  worker.Stop();
  EXPECT_EQ(queue.calls().size(), 1u);
}

TEST(AbiJobWorker, StopTwiceAndThenTheDestructorIsFine) {
  FakeJobQueue queue;
  core::ManualClock clock(kT0);
  JobWorker worker(queue, clock, {.period = 1ms, .batch = 10});
  worker.Stop();
  worker.Stop();
  const std::size_t calls = queue.calls().size();
  EXPECT_EQ(worker.passes(), calls);
}

TEST(AbiJobWorker, CountsEachJobByKindAndOutcomeAndEachPassInMetrics) {
  FakeJobQueue queue;
  // A full batch of two (so a second pass follows at once), then a failed pass.
  core::JobRunSummary ran{1, 1, {{"secret-purge", true}, {"parameter-expiration", false}}};
  queue.Script({{Kind::kRan, ran}, {Kind::kFail, {}}});
  core::ManualClock clock(kT0);
  core::Metrics metrics;
  JobWorker worker(queue, clock, {.period = 1h, .batch = 2}, &metrics);
  ASSERT_TRUE(WaitForPasses(worker, 2));
  worker.Stop();
  const std::string text = metrics.RenderPrometheus();
  for (const char* line : {
           "paramsafe_jobs_total{kind=\"secret-purge\",outcome=\"success\"} 1\n",
           "paramsafe_jobs_total{kind=\"parameter-expiration\",outcome=\"failure\"} 1\n",
           "paramsafe_job_passes_total{outcome=\"success\"} 1\n",
           "paramsafe_job_passes_total{outcome=\"failure\"} 1\n",
       }) {
    EXPECT_NE(text.find(line), std::string::npos) << line << text;
  }
}

TEST(AbiJobWorker, TheDestructorStopsTheThread) {
  FakeJobQueue queue;
  core::ManualClock clock(kT0);
  {
    JobWorker worker(queue, clock, {.period = 1h, .batch = 10});
    ASSERT_TRUE(queue.WaitForCalls(1));
  }
  EXPECT_EQ(queue.calls().size(), 1u);
}

}  // namespace
}  // namespace paramsafe::abi
