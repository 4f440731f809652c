// PgSecretRepository over real PostgreSQL, over time: pruning of deprecated
// versions, the deletion schedule and its purge job (run through PgJobQueue
// with a chosen `now`), and the records of reads. Time is passed in, never
// waited for.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "plan_explain.h"
#include "secret_repository_fixture.h"
#include "store/pg_secret_state.h"

namespace paramsafe::integration {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::seconds;

std::vector<std::int64_t> Numbers(const core::Secret& s) {
  std::vector<std::int64_t> n;
  for (const auto& v : s.versions) n.push_back(v.number);
  return n;
}

// Newest first, from..to inclusive, leaving out `skip`.
std::vector<std::int64_t> Range(std::int64_t from, std::int64_t to,
                                std::vector<std::int64_t> skip = {}) {
  std::vector<std::int64_t> n;
  for (std::int64_t i = from; i >= to; --i) {
    if (std::find(skip.begin(), skip.end(), i) == skip.end()) n.push_back(i);
  }
  return n;
}

class IntegrationSecretLifecycle : public SecretRepositoryTest {
 protected:
  // Versions 2..last of `name`, each put at `at` the way PutSecretValue does.
  void PutVersions(const std::string& name, int last, core::TimePoint at) {
    for (int n = 2; n <= last; ++n) {
      auto r = PutValue(name, Token(n), "v", at);
      ASSERT_TRUE(r.ok()) << n << ": " << r.status().ToString();
    }
  }

  // `name` with one version and a tag, created at T0(): a purge must take
  // the tag with it.
  void CreateTagged(const std::string& name) {
    core::NewSecret in = NewSecret(name, "v1");
    in.tags = {{"a", "b"}};
    ASSERT_TRUE(repo_->Create(in, T0()).ok());
  }

  core::Result<core::Secret> Schedule(const std::string& name,
                                      std::optional<core::TimePoint> at) {
    core::SecretChange c;
    c.deletion_date = at;
    c.now = T0();
    return Apply(name, c);
  }

  core::JobRunSummary Run(core::TimePoint now) {
    auto r = queue_->RunDue(now, 100);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : core::JobRunSummary{-1, -1, {}};
  }

  // run_at (epoch seconds) and state of every secret-purge job, oldest first.
  std::string PurgeJobs() {
    SqlResult r = Sql(
        "SELECT string_agg(extract(epoch FROM run_at)::bigint || ':' || state, ',' ORDER BY job_id)"
        " FROM paramsafe.jobs WHERE kind = 'secret-purge'");
    EXPECT_TRUE(r.ok) << r.error;
    return r.Scalar();
  }

  static std::string Epoch(core::TimePoint t) {
    return std::to_string(std::chrono::duration_cast<seconds>(t.time_since_epoch()).count());
  }

  std::string Count(const std::string& table) {
    return SqlScalar("SELECT count(*) FROM paramsafe." + table);
  }
};

TEST_F(IntegrationSecretLifecycle, OldDeprecatedVersionsBeyondTheNewestHundredArePruned) {
  const core::TimePoint old = T0() - days(3);
  Create("app/db", "v1", old);
  PutVersions("app/db", 104, old);
  core::SecretChange keep;
  keep.attach = {{"keep", Token(2)}};
  keep.now = old;
  ASSERT_TRUE(Apply("app/db", keep).ok());
  ASSERT_EQ(Find("app/db").versions.size(), 104u);  // nothing pruned while young

  auto r = PutValue("app/db", Token(105), "v", T0());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // The newest 100 are 6..105; of 1..5 only the labelled 2 stays.
  EXPECT_EQ(Numbers(*r), Range(105, 2, {5, 4, 3}));
  EXPECT_EQ(Count("versions"), "101");
}

TEST_F(IntegrationSecretLifecycle, VersionsYoungerThanADayAreNeverPruned) {
  const core::TimePoint recent = T0() - hours(23);
  Create("app/db", "v1", recent);
  PutVersions("app/db", 104, recent);
  auto r = PutValue("app/db", Token(105), "v", T0());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->versions.size(), 105u);
}

// Versions younger than a day all stay, so a burst of writes can pile up
// thousands, and every write reads the whole state. That read walks the
// versions once: labels, last read days and key ARNs are joined, not looked up
// per version, and the secret's own columns come on one row only.
TEST_F(IntegrationSecretLifecycle, StateOfManyVersionsIsReadInOnePass) {
  constexpr int kVersions = 300;
  Create("app/db", "v1");
  PutVersions("app/db", kVersions, T0());
  ASSERT_TRUE(repo_->RecordRead(ArnOf("app/db"), kVersions - 1, T0()).ok());
  const core::Secret s = Find("app/db");
  ASSERT_EQ(s.versions.size(), static_cast<std::size_t>(kVersions));
  EXPECT_EQ(s.versions[0].number, kVersions);
  EXPECT_EQ(s.versions[0].stages, std::vector<std::string>{"AWSCURRENT"});
  EXPECT_EQ(s.versions[1].stages, std::vector<std::string>{"AWSPREVIOUS"});
  EXPECT_EQ(s.versions[1].last_accessed, T0());
  EXPECT_TRUE(s.versions[2].stages.empty());
  EXPECT_FALSE(s.versions[2].last_accessed);
  EXPECT_EQ(s.versions[kVersions - 1].number, 1);
  EXPECT_FALSE(s.versions[kVersions - 1].kms_key_arn.empty());

  const store::Statement by_id{"load", PS_SECRET_STATE_QUERY("$1")};
  const store::Statement by_lookup{"find", PS_SECRET_STATE_QUERY(PS_SECRET_LOOKUP)};
  const std::string item_id = SqlScalar("SELECT item_id FROM paramsafe.items");
  const std::vector<std::pair<store::Statement, std::vector<std::string>>> reads = {
      {by_id, {item_id}}, {by_lookup, {kAccount, kRegion, "", "app/db"}}};
  for (const auto& [statement, args] : reads) {
    for (const char* mode : kPlanCacheModes) {
      SCOPED_TRACE(std::string(statement.name) + " " + mode);
      double result_rows = 0;
      PlanTotals t =
          ExplainAnalyze(sql_client(), statement, args, mode,
                         {"versions", "labels", "secret_version_access", "tags"}, &result_rows);
      EXPECT_EQ(result_rows, kVersions + 1);
      EXPECT_LE(t.subplan_loops, 2);  // the tag keys and values, once each
      EXPECT_LE(t.table_rows, kVersions + 10);
    }
  }
}

TEST_F(IntegrationSecretLifecycle, OnlyANewVersionPrunes) {
  const core::TimePoint old = T0() - days(3);
  Create("app/db", "v1", old);
  PutVersions("app/db", 102, old);
  core::SecretChange label_only;
  label_only.attach = {{"x", Token(50)}};
  label_only.now = T0();
  auto r = Apply("app/db", label_only);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->versions.size(), 102u);
  r = PutValue("app/db", Token(103), "v", T0());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Numbers(*r), Range(103, 4));
}

TEST_F(IntegrationSecretLifecycle, SchedulingReplacesThePendingPurgeJob) {
  Create("app/db", "v1");
  auto r = Schedule("app/db", T0() + days(30));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->deletion_date, T0() + days(30));
  EXPECT_EQ(PurgeJobs(), Epoch(T0() + days(30)) + ":pending");

  r = Schedule("app/db", T0() + days(7));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Find("app/db").deletion_date, T0() + days(7));
  EXPECT_EQ(PurgeJobs(), Epoch(T0() + days(7)) + ":pending");

  r = Schedule("app/db", std::nullopt);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->deletion_date);
  EXPECT_EQ(PurgeJobs(), "");
}

TEST_F(IntegrationSecretLifecycle, PurgeDeletesEverythingAndAnswersNotFound) {
  ASSERT_NO_FATAL_FAILURE(CreateTagged("app/db"));
  Create("app/kept", "v1");
  ASSERT_TRUE(repo_->RecordRead(ArnOf("app/db"), 1, T0()).ok());
  core::SecretChange purge;
  purge.purge = true;
  purge.now = T0();
  auto r = Apply("app/db", purge);
  EXPECT_EQ(r.status().code(), core::Code::kNotFound);
  EXPECT_EQ(repo_->Find(ById("app/db")).status().code(), core::Code::kNotFound);
  EXPECT_EQ(Count("items"), "1");
  EXPECT_EQ(Count("secrets"), "1");
  EXPECT_EQ(Count("versions"), "1");
  EXPECT_EQ(Count("tags"), "0");
  EXPECT_EQ(Count("secret_version_access"), "0");
}

TEST_F(IntegrationSecretLifecycle, PurgeJobRunsAtTheDeletionDate) {
  ASSERT_NO_FATAL_FAILURE(CreateTagged("app/db"));
  ASSERT_TRUE(PutValue("app/db", Token(2), "v2").ok());
  Create("app/kept", "v1");
  ASSERT_TRUE(Schedule("app/db", T0() + days(7)).ok());

  core::JobRunSummary early = Run(T0() + days(7) - seconds(1));
  EXPECT_EQ(early.done, 0);
  EXPECT_TRUE(repo_->Find(ById("app/db")).ok());

  core::JobRunSummary due = Run(T0() + days(7));
  EXPECT_EQ(due.done, 1);
  EXPECT_EQ(due.failed, 0);
  EXPECT_EQ(repo_->Find(ById("app/db")).status().code(), core::Code::kNotFound);
  EXPECT_EQ(Count("items"), "1");
  EXPECT_EQ(Count("versions"), "1");
  EXPECT_EQ(Count("labels"), "1");
  EXPECT_EQ(Count("tags"), "0");
  EXPECT_EQ(Count("jobs"), "0");
}

TEST_F(IntegrationSecretLifecycle, RestoredSecretIsNotPurged) {
  Create("app/db", "v1");
  ASSERT_TRUE(Schedule("app/db", T0() + days(7)).ok());
  ASSERT_TRUE(Schedule("app/db", std::nullopt).ok());
  EXPECT_EQ(Run(T0() + days(60)).done, 0);
  EXPECT_TRUE(repo_->Find(ById("app/db")).ok());
}

TEST_F(IntegrationSecretLifecycle, RescheduledSecretIsNotPurgedEarly) {
  Create("app/db", "v1");
  ASSERT_TRUE(Schedule("app/db", T0() + days(7)).ok());
  ASSERT_TRUE(Schedule("app/db", T0() + days(30)).ok());
  EXPECT_EQ(Run(T0() + days(8)).done, 0);
  EXPECT_TRUE(repo_->Find(ById("app/db")).ok());
  EXPECT_EQ(Run(T0() + days(30)).done, 1);
  EXPECT_EQ(repo_->Find(ById("app/db")).status().code(), core::Code::kNotFound);
}

// A job left from an older schedule (claimed by a runner before the restore
// or the new schedule committed) must not purge: it only marks itself done.
TEST_F(IntegrationSecretLifecycle, StalePurgeJobDoesNothing) {
  Create("restored", "v1");
  Create("later", "v1");
  ASSERT_TRUE(Schedule("later", T0() + days(30)).ok());
  for (const char* name : {"restored", "later"}) {
    SqlResult ins = Sql(
        "INSERT INTO paramsafe.jobs (kind, item_id, run_at)"
        " SELECT 'secret-purge', item_id, $2::timestamptz FROM paramsafe.items WHERE name = $1",
        {name, "2030-01-08T00:00:00Z"});
    ASSERT_TRUE(ins.ok) << ins.error;
  }
  core::JobRunSummary ran = Run(T0() + days(8));
  EXPECT_EQ(ran.done, 2);
  EXPECT_EQ(ran.failed, 0);
  EXPECT_TRUE(repo_->Find(ById("restored")).ok());
  EXPECT_TRUE(repo_->Find(ById("later")).ok());
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.jobs WHERE state = 'done'"), "2");
}

TEST_F(IntegrationSecretLifecycle, RecordReadWritesOncePerDay) {
  Create("app/db", "v1");
  ASSERT_TRUE(PutValue("app/db", Token(2), "v2").ok());
  const core::TimePoint day = T0() + days(2);
  ASSERT_TRUE(repo_->RecordRead(ArnOf("app/db"), 2, day).ok());
  core::Secret s = Find("app/db");
  EXPECT_EQ(s.last_accessed, day);
  EXPECT_EQ(s.versions[0].last_accessed, day);
  EXPECT_FALSE(s.versions[1].last_accessed);

  const std::string rows =
      "SELECT (SELECT xmin::text FROM paramsafe.secrets) || '/' ||"
      " (SELECT xmin::text FROM paramsafe.secret_version_access)";
  const std::string before = SqlScalar(rows);
  ASSERT_TRUE(repo_->RecordRead(ArnOf("app/db"), 2, day).ok());
  EXPECT_EQ(SqlScalar(rows), before) << "a second read on the same day wrote";
  // A host whose clock lags does not move the day back.
  ASSERT_TRUE(repo_->RecordRead(ArnOf("app/db"), 2, day - days(1)).ok());
  EXPECT_EQ(SqlScalar(rows), before);

  ASSERT_TRUE(repo_->RecordRead(ArnOf("app/db"), 2, day + days(1)).ok());
  EXPECT_NE(SqlScalar(rows), before);
  s = Find("app/db");
  EXPECT_EQ(s.last_accessed, day + days(1));
  EXPECT_EQ(s.versions[0].last_accessed, day + days(1));

  // Reading another version records that version and the secret's day.
  ASSERT_TRUE(repo_->RecordRead(ArnOf("app/db"), 1, day + days(1)).ok());
  EXPECT_EQ(Find("app/db").versions[1].last_accessed, day + days(1));
  EXPECT_EQ(Count("secret_version_access"), "2");
}

TEST_F(IntegrationSecretLifecycle, RecordReadOfAMissingSecretOrVersion) {
  Create("app/db", "v1");
  EXPECT_EQ(repo_->RecordRead(ArnOf("app/nope"), 1, T0()).code(), core::Code::kNotFound);
  ASSERT_TRUE(repo_->RecordRead(ArnOf("app/db"), 9, T0()).ok());
  EXPECT_EQ(Find("app/db").last_accessed, T0());
  EXPECT_EQ(Count("secret_version_access"), "0");
}

TEST_F(IntegrationSecretLifecycle, ReadsWhileScheduledAreCountedWithAnEvent) {
  Create("app/db", "v1");
  ASSERT_TRUE(Schedule("app/db", T0() + days(7)).ok());
  const std::string other = "arn:aws:iam::123456789012:user/other";
  ASSERT_TRUE(repo_->RecordReadWhileScheduled(ArnOf("app/db"), "GetSecretValue", kPrincipal).ok());
  ASSERT_TRUE(repo_->RecordReadWhileScheduled(ArnOf("app/db"), "BatchGetSecretValue", other).ok());
  EXPECT_EQ(Find("app/db").reads_while_scheduled, 2);

  SqlResult events = Sql(
      "SELECT account_id, region, source, detail_type, resources::text, detail->>'eventName',"
      "       detail->>'secretArn', detail->>'principal', detail->>'deletionDate',"
      "       (SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(detail) k)"
      " FROM paramsafe.events ORDER BY event_id");
  ASSERT_TRUE(events.ok) << events.error;
  ASSERT_EQ(events.rows.size(), 2u);
  using Row = std::vector<std::optional<std::string>>;
  const std::string arn = ArnOf("app/db");
  EXPECT_EQ(events.rows[0],
            (Row{kAccount, kRegion, "aws.secretsmanager", "Secret Read While Scheduled For Deletion",
                 "{" + arn + "}", "GetSecretValue", arn, kPrincipal, "2030-01-08T00:00:00Z",
                 "deletionDate,eventName,principal,secretArn"}));
  EXPECT_EQ(events.rows[1][5], "BatchGetSecretValue");
  EXPECT_EQ(events.rows[1][7], other);

  EXPECT_EQ(repo_->RecordReadWhileScheduled(ArnOf("app/nope"), "GetSecretValue", kPrincipal).code(),
            core::Code::kNotFound);
  EXPECT_EQ(Count("events"), "2");
}

}  // namespace
}  // namespace paramsafe::integration
