// PgAuditQuery: filters, newest-first paging that neither skips nor repeats
// records with equal times, and plans that read the audit table through its
// indexes rather than whole.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "audit_fixture.h"
#include "store/pg_audit_query.h"

namespace paramsafe::integration {
namespace {

using std::chrono::seconds;

class IntegrationAuditQuery : public AuditTest {
 protected:
  const core::TimePoint t0_ = core::TimePoint(seconds(1900000000));

  // Stores a record at t0 + `at` seconds.
  void Add(const std::string& id, int at, const std::string& principal = "alice",
           const std::string& action = "GetParameter",
           std::optional<std::string> error = std::nullopt,
           std::vector<std::string> resources = {
               "arn:aws:ssm:us-east-1:123456789012:parameter/a"}) {
    core::AuditRecord r = Record(id);
    r.event_time = t0_ + seconds(at);
    r.principal_arn = std::string("arn:aws:iam::") + kAccount + ":user/" + principal;
    r.event_name = action;
    r.error_code = error;
    r.resources = std::move(resources);
    ASSERT_TRUE(log().Write(r).ok());
  }

  // Every matching request id, newest first, read `page` at a time.
  std::vector<std::string> All(const store::AuditFilter& f, int page = 100) {
    store::PgAuditQuery q(audit_pool());
    std::vector<std::string> ids;
    std::optional<store::AuditCursor> after;
    for (int guard = 0; guard < 1000; ++guard) {
      auto p = q.Page(f, after, page);
      EXPECT_TRUE(p.ok()) << p.status().ToString();
      if (!p.ok()) break;
      for (const auto& e : *p) ids.push_back(e.record.request_id);
      if (static_cast<int>(p->size()) < page) break;
      after = store::AuditCursor{p->back().record.event_time, p->back().event_id};
    }
    return ids;
  }

  void AddSample() {
    Add("r1", 1, "alice", "GetParameter");
    Add("r2", 2, "bob", "PutParameter", "ParameterAlreadyExists");
    Add("r3", 3, "alice", "GetSecretValue", "AccessDeniedException",
        {"arn:aws:secretsmanager:us-east-1:123456789012:secret:x-AbCdEf"});
    Add("r4", 4, "bob", "GetParameter");
    Add("r5", 5, "alice", "GetParameter", "ParameterNotFound");
  }
};

TEST_F(IntegrationAuditQuery, NoFilterListsEverythingNewestFirst) {
  AddSample();
  EXPECT_EQ(All({}), (std::vector<std::string>{"r5", "r4", "r3", "r2", "r1"}));
}

TEST_F(IntegrationAuditQuery, EachFilterSelectsItsRecords) {
  AddSample();
  store::AuditFilter f;
  f.start_time = t0_ + seconds(2);
  f.end_time = t0_ + seconds(4);
  EXPECT_EQ(All(f), (std::vector<std::string>{"r4", "r3", "r2"}));

  f = {};
  f.principal_arn = std::string("arn:aws:iam::") + kAccount + ":user/bob";
  EXPECT_EQ(All(f), (std::vector<std::string>{"r4", "r2"}));

  f = {};
  f.event_name = "GetParameter";
  EXPECT_EQ(All(f), (std::vector<std::string>{"r5", "r4", "r1"}));

  f = {};
  f.resource = "arn:aws:secretsmanager:us-east-1:123456789012:secret:x-AbCdEf";
  EXPECT_EQ(All(f), (std::vector<std::string>{"r3"}));

  f = {};
  f.error_code = "ParameterNotFound";
  EXPECT_EQ(All(f), (std::vector<std::string>{"r5"}));

  f = {};
  f.errors_only = true;
  EXPECT_EQ(All(f), (std::vector<std::string>{"r5", "r3", "r2"}));

  f = {};
  f.errors_only = true;
  f.principal_arn = std::string("arn:aws:iam::") + kAccount + ":user/alice";
  f.start_time = t0_ + seconds(4);
  EXPECT_EQ(All(f), (std::vector<std::string>{"r5"}));
}

TEST_F(IntegrationAuditQuery, PagingNeitherSkipsNorRepeatsRecordsOfTheSameTime) {
  // Seven records, five of them in the same microsecond.
  Add("a", 1);
  for (int i = 0; i < 5; ++i) Add("same" + std::to_string(i), 2);
  Add("z", 3);
  const std::vector<std::string> expected = {"z", "same4", "same3", "same2", "same1", "same0", "a"};
  for (int page : {1, 2, 3, 7, 8}) {
    SCOPED_TRACE("page size " + std::to_string(page));
    EXPECT_EQ(All({}, page), expected);
  }
  store::AuditFilter by_alice;
  by_alice.principal_arn = std::string("arn:aws:iam::") + kAccount + ":user/alice";
  EXPECT_EQ(All(by_alice, 2), expected);
}

TEST_F(IntegrationAuditQuery, PageReadsBackEveryField) {
  core::AuditRecord r = Record("r-full");
  r.resources = {"arn:a,b", "arn:\"q\"", "arn:back\\slash"};
  r.error_code = "ValidationException";
  r.error_message = "bad";
  ASSERT_TRUE(log().Write(r).ok());
  store::PgAuditQuery q(audit_pool());
  auto page = q.Page({}, std::nullopt, 10);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->size(), 1u);
  const core::AuditRecord& got = page->front().record;
  EXPECT_EQ(got.request_id, "r-full");
  EXPECT_EQ(got.event_source, r.event_source);
  EXPECT_EQ(got.event_name, r.event_name);
  EXPECT_EQ(got.region, r.region);
  EXPECT_EQ(got.account_id, r.account_id);
  EXPECT_EQ(got.principal_arn, r.principal_arn);
  EXPECT_EQ(got.access_key_id, r.access_key_id);
  EXPECT_EQ(got.source_ip, r.source_ip);
  EXPECT_EQ(got.user_agent, r.user_agent);
  EXPECT_EQ(got.resources, r.resources);
  EXPECT_EQ(got.read_only, r.read_only);
  EXPECT_EQ(got.error_code, r.error_code);
  EXPECT_EQ(got.error_message, r.error_message);
  // jsonb keeps the members, not the spacing.
  EXPECT_EQ(got.request_parameters, R"({"Name": "/a"})");
  EXPECT_EQ(
      std::chrono::duration_cast<std::chrono::microseconds>(got.event_time - r.event_time).count(),
      0);
}

TEST_F(IntegrationAuditQuery, TextArrayParsingHandlesQuotingAndNulls) {
  EXPECT_EQ(store::ParseTextArray("{}"), std::vector<std::string>{});
  EXPECT_EQ(store::ParseTextArray(R"({a,"b c","d,e","f\"g","h\\i",NULL,"NULL"})"),
            (std::vector<std::string>{"a", "b c", "d,e", "f\"g", "h\\i", "NULL"}));
}

// The plan of a page over a big table, in both plan cache modes: an index
// scan of the index named, never a whole read of the table.
class IntegrationAuditQueryPlan : public AuditTest {
 protected:
  void SetUp() override {
    AuditTest::SetUp();
    if (HasFatalFailure()) return;
    SqlResult r =
        Sql("INSERT INTO paramsafe.audit_events (event_time, request_id, event_source, event_name,"
            " principal_arn, read_only, error_code)"
            " SELECT now() - g * interval '1 second', 'bulk' || g, 'ssm.amazonaws.com',"
            " CASE WHEN g % 2 = 0 THEN 'GetParameter' ELSE 'PutParameter' END,"
            " 'arn:aws:iam::123456789012:user/u' || (g % 50), g % 2 = 0,"
            " CASE WHEN g % 7 = 0 THEN 'AccessDeniedException' END"
            " FROM generate_series(1, 20000) AS g; ANALYZE paramsafe.audit_events");
    ASSERT_TRUE(r.ok) << r.error;
  }

  // The EXPLAIN (FORMAT JSON) text of `statement` run with `args`.
  std::string Plan(const store::Statement& statement, const std::string& args,
                   const std::string& mode) {
    EXPECT_TRUE(Sql("DEALLOCATE ALL").ok);
    SqlResult prepared = Sql(std::string("PREPARE s AS ") + statement.sql);
    EXPECT_TRUE(prepared.ok) << prepared.error;
    EXPECT_TRUE(Sql("SET plan_cache_mode = " + mode).ok);
    SqlResult plan = Sql("EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE s(" + args + ")");
    EXPECT_TRUE(plan.ok) << plan.error;
    return plan.Scalar();
  }
};

TEST_F(IntegrationAuditQueryPlan, PageByTimeUsesTheTimeIndex) {
  for (const char* mode : {"force_generic_plan", "force_custom_plan"}) {
    SCOPED_TRACE(mode);
    // Newest 50, then 50 errors of one action in a time range.
    for (const char* args : {"NULL, NULL, NULL, NULL, NULL, NULL, false, 50",
                             "NULL, (extract(epoch FROM now()) * 1000000)::bigint, NULL,"
                             " 'PutParameter', NULL, NULL, true, 50"}) {
      std::string plan = Plan(store::kAuditPageByTime, args, mode);
      EXPECT_NE(plan.find("audit_events_time_idx"), std::string::npos) << plan;
      EXPECT_EQ(plan.find("Seq Scan"), std::string::npos) << plan;
    }
  }
}

TEST_F(IntegrationAuditQueryPlan, PageByPrincipalUsesThePrincipalIndex) {
  for (const char* mode : {"force_generic_plan", "force_custom_plan"}) {
    SCOPED_TRACE(mode);
    std::string plan = Plan(
        store::kAuditPageByPrincipal,
        "NULL, NULL, NULL, NULL, NULL, NULL, false, 50, 'arn:aws:iam::123456789012:user/u7'", mode);
    EXPECT_NE(plan.find("audit_events_principal_idx"), std::string::npos) << plan;
    EXPECT_EQ(plan.find("Seq Scan"), std::string::npos) << plan;
  }
}

}  // namespace
}  // namespace paramsafe::integration
