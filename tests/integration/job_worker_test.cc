// The runtime's job worker over real PostgreSQL: started by Runtime::Open when
// job_poll_ms > 0, it runs due policy jobs on its own, and the runtime stops
// it on destruction. PutParameter goes through the router, as a client's would.
#include <chrono>
#include <ctime>
#include <string>
#include <thread>

#include "abi/job_worker.h"
#include "common/call_context.h"
#include "core/credentials.h"
#include "core/job_queue.h"
#include "core/user_policies.h"
#include "fixtures.h"
#include "router.h"
#include "store/pool.h"

namespace paramsafe::integration {
namespace {

using namespace std::chrono_literals;

adapters::CallContext Caller() {
  adapters::CallContext ctx;
  ctx.principal_arn = "arn:aws:iam::123456789012:user/tester";
  ctx.access_key_id = "AKIDEXAMPLE";
  ctx.account_id = kAccount;
  ctx.region = kRegion;
  ctx.request_id = "00000000-0000-0000-0000-000000000001";
  return ctx;
}

// An ISO-8601 UTC timestamp `ahead` from now, as a Policies Timestamp.
std::string Iso(std::chrono::system_clock::duration ahead) {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + ahead);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// A PutParameter body for an Advanced parameter whose ExpirationNotification
// is due at once: a day's notice of an expiration two hours away.
std::string NotifyingPut(const std::string& name) {
  const std::string policies =
      R"([{\"Type\":\"Expiration\",\"Version\":\"1.0\",\"Attributes\":{\"Timestamp\":\")" +
      Iso(2h) +
      R"(\"}},{\"Type\":\"ExpirationNotification\",\"Version\":\"1.0\",\"Attributes\":{\"Before\":\"1\",\"Unit\":\"Days\"}}])";
  return R"({"Name": ")" + name + R"(", "Value": "v", "Type": "String", "Tier": "Advanced",
             "Policies": ")" + policies + R"("})";
}

class IntegrationJobWorker : public RuntimeTest {
 protected:
  void Open(int job_poll_ms) {
    abi::Config c = TestConfig();
    c.job_poll_ms = job_poll_ms;
    Reopen(c);
    AllowTester();
  }
  // The caller must be a user whose policy allows the writes.
  void AllowTester() {
    if (!rt().credentials().FindUser("tester").ok()) {
      ASSERT_TRUE(rt().credentials().CreateUser("tester", kAccount).ok());
      ASSERT_TRUE(rt().user_policies()
                      .Put("tester", "everything",
                           R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
                           R"("Action":"*","Resource":"*"}]})")
                      .ok());
    }
  }
  adapters::Response Put(const std::string& body) {
    return rt().router().Handle("AmazonSSM.PutParameter", "ssm", Caller(), body);
  }
  std::string Events(const std::string& name) {
    return SqlScalar(
        "SELECT count(*) FROM paramsafe.events WHERE detail->>'parameter-name' = $1", {name});
  }
  // Polls until the parameter's notification event exists; 10 s at most.
  bool WaitForEvent(const std::string& name) {
    for (int i = 0; i < 1000; ++i) {
      if (Events(name) == "1") return true;
      std::this_thread::sleep_for(10ms);
    }
    return false;
  }
};

TEST_F(IntegrationJobWorker, RunsADueNotificationOnItsOwn) {
  Open(20);
  ASSERT_NE(rt().job_worker(), nullptr);
  adapters::Response r = Put(NotifyingPut("/jobs/a"));
  ASSERT_EQ(r.http_status, 200) << std::string(r.body.data(), r.body.size());
  ASSERT_TRUE(WaitForEvent("/jobs/a"));
  EXPECT_EQ(SqlScalar("SELECT state FROM paramsafe.jobs j JOIN paramsafe.items i USING (item_id)"
                      " WHERE i.name = '/jobs/a' AND j.kind = 'parameter-expiration-notification'"),
            "done");
  // The expiration itself is two hours away: the parameter is still there.
  EXPECT_EQ(SqlScalar("SELECT state FROM paramsafe.jobs j JOIN paramsafe.items i USING (item_id)"
                      " WHERE i.name = '/jobs/a' AND j.kind = 'parameter-expiration'"),
            "pending");
}

TEST_F(IntegrationJobWorker, ZeroPollStartsNoWorker) {
  Open(0);
  EXPECT_EQ(rt().job_worker(), nullptr);
  adapters::Response r = Put(NotifyingPut("/jobs/b"));
  ASSERT_EQ(r.http_status, 200) << std::string(r.body.data(), r.body.size());
  EXPECT_EQ(Events("/jobs/b"), "0");
  // Run by hand, the queue does what the worker would have done.
  auto ran = rt().jobs().RunDue(std::chrono::system_clock::now(), 10);
  ASSERT_TRUE(ran.ok()) << ran.status().ToString();
  EXPECT_EQ(ran->done, 1);
  EXPECT_EQ(Events("/jobs/b"), "1");
}

TEST_F(IntegrationJobWorker, PassesKeepComingAndTheRuntimeStopsThem) {
  Open(5);
  abi::JobWorker* worker = rt().job_worker();
  ASSERT_NE(worker, nullptr);
  for (int i = 0; i < 1000 && worker->passes() < 3; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_GE(worker->passes(), 3u);
  EXPECT_TRUE(worker->last_status().ok()) << worker->last_status().ToString();
  Reopen(TestConfig());  // destroys the runtime, joining its worker
}

// The worker's connections are its own: with the request pool's only
// connection held, a pass still runs.
TEST_F(IntegrationJobWorker, DoesNotNeedARequestConnection) {
  abi::Config c = TestConfig();
  c.pool_size = 1;
  c.pool_acquire_timeout_ms = 50;
  c.job_poll_ms = 0;
  Reopen(c);
  AllowTester();
  ASSERT_EQ(Put(NotifyingPut("/jobs/c")).http_status, 200);
  auto held = rt().pool().Acquire();
  ASSERT_TRUE(held.ok()) << held.status().ToString();
  auto ran = rt().jobs().RunDue(std::chrono::system_clock::now(), 10);
  ASSERT_TRUE(ran.ok()) << ran.status().ToString();
  EXPECT_EQ(ran->done, 1);
}

}  // namespace
}  // namespace paramsafe::integration
