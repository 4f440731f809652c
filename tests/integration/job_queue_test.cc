// PgJobQueue over real PostgreSQL: which jobs are due, what each kind does
// (expiration deletes, notifications emit events), failures, the NOTIFY that
// publishes each event, and several runners at once. Time is passed in as
// `now`, never waited for.
#include <poll.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/parameter_names.h"
#include "core/secure_buffer.h"
#include "fixtures.h"
#include "store/pg_job_queue.h"
#include "store/pg_label_repository.h"
#include "store/pg_parameter_repository.h"
#include "store/pg_tag_repository.h"

namespace paramsafe::integration {
namespace {

using std::chrono::hours;
using std::chrono::seconds;
using Row = std::vector<std::optional<std::string>>;

constexpr const char* kSecretValue = "s3cr3t-value";

core::TimePoint T0() { return std::chrono::sys_days(std::chrono::year(2030) / 1 / 1); }

core::PolicyJob Expiration(core::TimePoint at) { return {"parameter-expiration", 0, at, {}}; }
core::PolicyJob ExpirationNotification(core::TimePoint at) {
  return {"parameter-expiration-notification", 1, at, {}};
}
core::PolicyJob NoChange(core::TimePoint at, seconds after) {
  return {"parameter-no-change-notification", 2, at, after};
}

struct NotifyFree {
  void operator()(PGnotify* n) const { PQfreemem(n); }
};

// The next notification on a LISTENing connection, waiting at most `timeout`.
std::optional<std::string> NextPayload(PGconn* conn, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (PQconsumeInput(conn) == 0) return std::nullopt;
    std::unique_ptr<PGnotify, NotifyFree> n(PQnotifies(conn));
    if (n) {
      if (std::string(n->relname) != "paramsafe_events") continue;
      return std::string(n->extra);
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd pfd{PQsocket(conn), POLLIN, 0};
    poll(&pfd, 1, static_cast<int>(left.count()));
  }
}

class IntegrationJobQueue : public RuntimeTest {
 protected:
  void SetUp() override {
    RuntimeTest::SetUp();
    if (HasFatalFailure()) return;
    repo_ = std::make_unique<store::PgParameterRepository>(rt().pool());
    queue_ = std::make_unique<store::PgJobQueue>(rt().pool());
  }
  void TearDown() override {
    queue_.reset();
    repo_.reset();
    RuntimeTest::TearDown();
  }

  // Creates a SecureString parameter carrying these policy jobs.
  void Create(const std::string& name, std::vector<core::PolicyJob> jobs) {
    auto put =
        repo_->Put(Key(name), core::ParameterArn(kRegion, kAccount, name), false,
                   [&](const std::optional<core::ParameterVersion>&, std::int64_t version,
                       const std::string& arn) -> core::Result<core::NewParameterVersion> {
                     core::NewParameterVersion row;
                     row.attributes.type = core::kTypeSecureString;
                     row.attributes.data_type = "text";
                     row.attributes.tier = "Advanced";
                     row.attributes.key_ref = core::kDefaultParameterKey;
                     core::AssociatedData ad{"parameter", arn, version};
                     PS_ASSIGN_OR_RETURN(
                         row.sealed, rt().keyring().Seal(kRegion, core::kDefaultParameterKey, ad,
                                                         core::ToSecureBuffer(kSecretValue)));
                     row.created_by = "arn:aws:iam::123456789012:user/integration";
                     row.tags = {{"team", "core"}};
                     row.policy_jobs = jobs;
                     return row;
                   });
    ASSERT_TRUE(put.ok()) << put.status().ToString();
  }

  core::JobRunSummary Run(core::TimePoint now, int max_jobs = 100) {
    auto r = queue_->RunDue(now, max_jobs);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : core::JobRunSummary{-1, -1, {}};
  }

  // state|attempts|finished of the item's job of `kind`.
  std::string JobState(const std::string& kind) {
    return SqlScalar(
        "SELECT state || '|' || attempts || '|' || (finished_at IS NOT NULL)"
        " FROM paramsafe.jobs WHERE kind = $1",
        {kind});
  }

  // Every event, oldest first: envelope and detail members.
  std::vector<Row> Events() {
    SqlResult r =
        Sql("SELECT account_id, region, source, detail_type, resources::text,"
            "       detail->>'parameter-name', detail->>'parameter-type', detail->>'policy-type',"
            "       detail->>'action-status', detail->>'action-reason',"
            "       (SELECT count(*) FROM jsonb_object_keys(detail))::text"
            " FROM paramsafe.events ORDER BY event_id");
    EXPECT_TRUE(r.ok) << r.error;
    return r.rows;
  }

  static Row EventRow(const std::string& name, const std::string& policy,
                      const std::string& reason) {
    return Row{kAccount,
               kRegion,
               "aws.ssm",
               "Parameter Store Policy Action",
               "{" + core::ParameterArn(kRegion, kAccount, name) + "}",
               name,
               "SecureString",
               policy,
               "Finished",
               reason,
               "5"};
  }

  std::unique_ptr<store::PgParameterRepository> repo_;
  std::unique_ptr<store::PgJobQueue> queue_;
};

TEST_F(IntegrationJobQueue, NothingRunsBeforeRunAt) {
  Create("/app/exp", {Expiration(T0())});
  core::JobRunSummary early = Run(T0() - seconds(1));
  EXPECT_EQ(early.done, 0);
  EXPECT_EQ(early.failed, 0);
  EXPECT_EQ(JobState("parameter-expiration"), "pending|0|false");
  EXPECT_TRUE(Events().empty());
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.items"), "1");
}

TEST_F(IntegrationJobQueue, JobRunsWhenNowReachesRunAt) {
  Create("/app/exp", {Expiration(T0())});
  core::JobRunSummary due = Run(T0());
  EXPECT_EQ(due.done, 1);
  EXPECT_EQ(due.failed, 0);
}

TEST_F(IntegrationJobQueue, RunDueListsEachJobsKindAndOutcomeInOrder) {
  Create("/app/exp", {Expiration(T0()), ExpirationNotification(T0() - hours(48))});
  core::JobRunSummary run = Run(T0() + hours(1));
  ASSERT_EQ(run.runs.size(), 2u);
  EXPECT_EQ(run.runs[0].kind, "parameter-expiration-notification");
  EXPECT_TRUE(run.runs[0].ok);
  EXPECT_EQ(run.runs[1].kind, "parameter-expiration");
  EXPECT_TRUE(run.runs[1].ok);
  EXPECT_TRUE(Run(T0() + hours(2)).runs.empty());
}

TEST_F(IntegrationJobQueue, ExpirationDeletesTheParameterAndEmitsAnEvent) {
  Create("/app/exp", {Expiration(T0())});
  ASSERT_TRUE(store::PgLabelRepository(rt().pool()).Attach(Key("/app/exp"), 1, {"prod"}).ok());

  core::JobRunSummary run = Run(T0() + hours(1));
  EXPECT_EQ(run.done, 1);
  EXPECT_EQ(run.failed, 0);

  auto gone = repo_->GetLatest(Key("/app/exp"));
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.status().code(), core::Code::kNotFound);
  EXPECT_EQ(SqlScalar("SELECT (SELECT count(*) FROM paramsafe.items) +"
                      " (SELECT count(*) FROM paramsafe.versions) +"
                      " (SELECT count(*) FROM paramsafe.labels) +"
                      " (SELECT count(*) FROM paramsafe.tags) +"
                      " (SELECT count(*) FROM paramsafe.jobs)"),
            "0");
  EXPECT_EQ(Events(),
            (std::vector<Row>{
                EventRow("/app/exp", "Expiration",
                         "Parameter deleted: its Expiration policy's time 2030-01-01T00:00:00Z has "
                         "passed.")}));
}

TEST_F(IntegrationJobQueue, ExpirationNotificationEmitsAnEventAndIsDone) {
  Create("/app/exp", {Expiration(T0()), ExpirationNotification(T0() - hours(48))});
  core::JobRunSummary run = Run(T0() - hours(24));
  EXPECT_EQ(run.done, 1);
  EXPECT_EQ(JobState("parameter-expiration-notification"), "done|1|true");
  EXPECT_EQ(JobState("parameter-expiration"), "pending|0|false");
  EXPECT_EQ(Events(), (std::vector<Row>{EventRow("/app/exp", "ExpirationNotification",
                                                 "The parameter expires at "
                                                 "2030-01-01T00:00:00Z.")}));
  EXPECT_TRUE(repo_->GetLatest(Key("/app/exp")).ok());
}

TEST_F(IntegrationJobQueue, DoneJobsDoNotRunAgain) {
  Create("/app/exp", {ExpirationNotification(T0())});
  EXPECT_EQ(Run(T0()).done, 1);
  core::JobRunSummary again = Run(T0() + hours(1000));
  EXPECT_EQ(again.done, 0);
  EXPECT_EQ(again.failed, 0);
  EXPECT_EQ(Events().size(), 1u);
}

TEST_F(IntegrationJobQueue, NoChangeNotificationIsDoneUntilAWriteArmsItAgain) {
  Create("/app/quiet", {NoChange(T0(), seconds(2 * 86400))});
  EXPECT_EQ(Run(T0()).done, 1);
  EXPECT_EQ(JobState("parameter-no-change-notification"), "done|1|true");
  EXPECT_EQ(Events(), (std::vector<Row>{EventRow("/app/quiet", "NoChangeNotification",
                                                 "The parameter has not been changed for 2 "
                                                 "days.")}));

  core::PutParameterInput in;
  in.key = Key("/app/quiet");
  in.value = core::ToSecureBuffer("changed");
  in.overwrite = true;
  in.principal_arn = "arn:aws:iam::123456789012:user/integration";
  auto put = rt().parameters().Put(in);
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ(JobState("parameter-no-change-notification"), "pending|1|false");

  // Due two days after the write, not before.
  const std::int64_t written_us = std::stoll(
      SqlScalar("SELECT (extract(epoch FROM created_at) * 1000000)::bigint FROM paramsafe.versions"
                " WHERE version = 2"));
  const core::TimePoint due = core::TimePoint(std::chrono::microseconds(written_us)) + hours(48);
  EXPECT_EQ(Run(due - seconds(1)).done, 0);
  EXPECT_EQ(Run(due).done, 1);
  EXPECT_EQ(JobState("parameter-no-change-notification"), "done|2|true");
  EXPECT_EQ(Events().size(), 2u);
}

TEST_F(IntegrationJobQueue, NoChangePeriodIsNamedInItsUnit) {
  Create("/a/hours", {NoChange(T0(), seconds(5 * 3600))});
  Create("/a/one", {NoChange(T0(), seconds(86400))});
  EXPECT_EQ(Run(T0()).done, 2);
  EXPECT_EQ(SqlScalar("SELECT string_agg(detail->>'action-reason', ' / ' ORDER BY event_id)"
                      " FROM paramsafe.events"),
            "The parameter has not been changed for 5 hours. / "
            "The parameter has not been changed for 1 day.");
}

TEST_F(IntegrationJobQueue, MaxJobsBoundsARunAndTheOldestGoFirst) {
  for (int i = 0; i < 5; ++i) {
    Create("/app/p" + std::to_string(i), {ExpirationNotification(T0() - hours(10 - i))});
  }
  EXPECT_EQ(Run(T0(), 2).done, 2);
  EXPECT_EQ(SqlScalar("SELECT string_agg(detail->>'parameter-name', ',' ORDER BY event_id)"
                      " FROM paramsafe.events"),
            "/app/p0,/app/p1");
  EXPECT_EQ(Run(T0(), 0).done, 0);
  EXPECT_EQ(Run(T0(), 10).done, 3);
}

TEST_F(IntegrationJobQueue, FailedEffectIsRecordedAndTheRunGoesOn) {
  Create("/app/quiet", {NoChange(T0() - hours(2), seconds(3600))});
  Create("/app/exp", {ExpirationNotification(T0() - hours(1))});
  ASSERT_TRUE(Sql("CREATE FUNCTION public.refuse_no_change() RETURNS trigger LANGUAGE plpgsql AS $$"
                  " BEGIN IF NEW.detail->>'policy-type' = 'NoChangeNotification' THEN"
                  "   RAISE EXCEPTION 'events are refused'; END IF; RETURN NEW; END $$;"
                  " CREATE TRIGGER refuse BEFORE INSERT ON paramsafe.events"
                  " FOR EACH ROW EXECUTE FUNCTION public.refuse_no_change()")
                  .ok);
  core::JobRunSummary run = Run(T0());
  EXPECT_EQ(run.done, 1);
  EXPECT_EQ(run.failed, 1);
  EXPECT_EQ(JobState("parameter-no-change-notification"), "failed|1|true");
  const std::string error = SqlScalar(
      "SELECT last_error FROM paramsafe.jobs WHERE kind = 'parameter-no-change-notification'");
  EXPECT_NE(error.find("events are refused"), std::string::npos) << error;
  EXPECT_EQ(error.find(kSecretValue), std::string::npos);
  EXPECT_EQ(JobState("parameter-expiration-notification"), "done|1|true");
  EXPECT_EQ(Events().size(), 1u);
  // A failed job stays failed: it is not retried by the next run.
  EXPECT_EQ(Run(T0() + hours(1)).failed, 0);
}

TEST_F(IntegrationJobQueue, FailedExpirationUndoesItsWholeEffect) {
  Create("/app/exp", {Expiration(T0())});
  ASSERT_TRUE(Sql("CREATE FUNCTION public.refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$"
                  " BEGIN RAISE EXCEPTION 'deletes are refused'; END $$;"
                  " CREATE TRIGGER refuse BEFORE DELETE ON paramsafe.items"
                  " FOR EACH ROW EXECUTE FUNCTION public.refuse_delete()")
                  .ok);
  core::JobRunSummary run = Run(T0());
  EXPECT_EQ(run.done, 0);
  EXPECT_EQ(run.failed, 1);
  EXPECT_EQ(JobState("parameter-expiration"), "failed|1|true");
  EXPECT_TRUE(Events().empty()) << "the event of an undone expiration must not remain";
  EXPECT_TRUE(repo_->GetLatest(Key("/app/exp")).ok());
}

TEST_F(IntegrationJobQueue, ListenerReceivesEachCommittedEvent) {
  std::string error;
  auto listener = db().Connect(&error);
  ASSERT_TRUE(listener) << error;
  ASSERT_TRUE(listener->Exec("LISTEN paramsafe_events").ok);
  Create("/app/undone", {Expiration(T0() - hours(1))});
  Create("/app/quiet", {NoChange(T0(), seconds(86400))});
  // The expiration's event is inserted and then undone with its effect: its
  // NOTIFY must never arrive, so the first one to arrive is the other job's.
  ASSERT_TRUE(Sql("CREATE FUNCTION public.refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$"
                  " BEGIN RAISE EXCEPTION 'deletes are refused'; END $$;"
                  " CREATE TRIGGER refuse BEFORE DELETE ON paramsafe.items"
                  " FOR EACH ROW EXECUTE FUNCTION public.refuse_delete()")
                  .ok);
  core::JobRunSummary run = Run(T0());
  EXPECT_EQ(run.failed, 1);
  EXPECT_EQ(run.done, 1);

  std::optional<std::string> payload = NextPayload(listener->raw(), std::chrono::seconds(10));
  ASSERT_TRUE(payload) << "no NOTIFY on paramsafe_events";
  SqlResult fields =
      Sql("SELECT p->>'source', p->>'detail-type', p->>'account', p->>'region', p->>'resources',"
          "       p->'detail'->>'parameter-name', p->'detail'->>'policy-type',"
          "       p->>'id' = (SELECT event_uuid::text FROM paramsafe.events)"
          " FROM (SELECT $1::jsonb AS p) s",
          {*payload});
  ASSERT_TRUE(fields.ok) << fields.error;
  EXPECT_EQ(fields.rows.at(0),
            (Row{"aws.ssm", "Parameter Store Policy Action", kAccount, kRegion,
                 "[\"" + core::ParameterArn(kRegion, kAccount, "/app/quiet") + "\"]", "/app/quiet",
                 "NoChangeNotification", "t"}));
  EXPECT_EQ(payload->find(kSecretValue), std::string::npos);
  EXPECT_FALSE(NextPayload(listener->raw(), std::chrono::milliseconds(200)));
}

TEST_F(IntegrationJobQueue, ConcurrentRunnersRunEachJobOnce) {
  constexpr int kItems = 40;
  for (int i = 0; i < kItems; ++i) {
    const std::string name = "/load/p" + std::to_string(i);
    if (i % 2 == 0) {
      Create(name, {Expiration(T0() - seconds(i))});
    } else {
      Create(name, {ExpirationNotification(T0() - seconds(i)), NoChange(T0(), seconds(60))});
    }
  }
  const int jobs = kItems / 2 + kItems;  // one per even item, two per odd item
  std::atomic<int> done{0}, failed{0}, errors{0};
  std::vector<std::thread> runners;
  for (int t = 0; t < 2; ++t) {
    runners.emplace_back([&] {
      store::PgJobQueue queue(rt().pool());
      while (true) {
        auto r = queue.RunDue(T0(), 1);
        if (!r.ok()) {
          ++errors;
          return;
        }
        done += r->done;
        failed += r->failed;
        if (r->done + r->failed == 0) return;
      }
    });
  }
  for (auto& th : runners) th.join();

  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(done.load(), jobs);
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.events"), std::to_string(jobs));
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM (SELECT resources, detail->>'policy-type'"
                      " FROM paramsafe.events GROUP BY 1, 2 HAVING count(*) <> 1) dup"),
            "0");
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.items"), std::to_string(kItems / 2));
  EXPECT_EQ(SqlScalar("SELECT string_agg(DISTINCT state || '|' || attempts, ',')"
                      " FROM paramsafe.jobs"),
            "done|1");
}

}  // namespace
}  // namespace paramsafe::integration
