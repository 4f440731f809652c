// PgAuditLog: records are stored whole, concurrent writers share commits
// (group commit), and a record that cannot be stored makes Write() fail
// (fail closed) without failing the records batched with it.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <latch>
#include <thread>
#include <vector>

#include "audit_fixture.h"

namespace paramsafe::integration {
namespace {

class IntegrationAuditLog : public AuditTest {
 protected:
  // Holds paramsafe.audit_events with LOCK TABLE on the test's session, starts
  // `first` (one Write), waits until the writer's insert waits for the lock,
  // then runs `rest` (more Writes, which queue meanwhile) for 300 ms before
  // releasing the table. All well inside the writer's 2 s lock timeout.
  template <typename First, typename Rest>
  void BehindALockedTable(First first, Rest rest) {
    SqlResult lock = Sql("BEGIN; LOCK TABLE paramsafe.audit_events IN ACCESS EXCLUSIVE MODE");
    ASSERT_TRUE(lock.ok) << lock.error;
    std::thread a(first);
    bool waiting = false;
    for (int i = 0; i < 150 && !waiting; ++i) {
      // pg_locks, not pg_stat_activity: that one is a snapshot taken once per
      // transaction, and this session is inside one.
      waiting = SqlScalar(
                    "SELECT count(*) FROM pg_locks WHERE NOT granted"
                    " AND relation = 'paramsafe.audit_events'::regclass") == "1";
      if (!waiting) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_TRUE(waiting) << "the audit writer never waited for the table";
    std::thread b(rest);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_TRUE(Sql("COMMIT").ok);
    a.join();
    b.join();
  }
};

// Runs `write(i)` on `n` threads started together; returns the statuses.
template <typename F>
std::vector<core::Status> Concurrently(int n, F write) {
  std::vector<core::Status> results(static_cast<std::size_t>(n));
  std::latch start(n);
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      results[static_cast<std::size_t>(i)] = write(i);
    });
  }
  for (auto& t : threads) t.join();
  return results;
}

TEST_F(IntegrationAuditLog, WriteStoresEveryField) {
  core::AuditRecord r = Record("req-fields");
  r.read_only = false;
  r.event_name = "PutParameter";
  r.resources = {"arn:a,b", "arn:\"quoted\"", "arn:back\\slash", "arn:{brace} NULL"};
  r.error_code = "ParameterAlreadyExists";
  r.error_message = "The parameter already exists.";
  r.request_parameters = R"({"Name":"/a","Overwrite":false})";
  ASSERT_TRUE(log().Write(r).ok());

  SqlResult row =
      Sql("SELECT event_source, event_name, aws_region, account_id, principal_arn, access_key_id,"
          " source_ip, user_agent, array_to_json(resources)::text, read_only, error_code,"
          " error_message, request_parameters->>'Name', (request_parameters->'Overwrite')::text"
          " FROM paramsafe.audit_events WHERE request_id = $1",
          {"req-fields"});
  ASSERT_TRUE(row.ok) << row.error;
  ASSERT_EQ(row.rows.size(), 1u);
  const auto& c = row.rows[0];
  EXPECT_EQ(*c[0], "ssm.amazonaws.com");
  EXPECT_EQ(*c[1], "PutParameter");
  EXPECT_EQ(*c[2], kRegion);
  EXPECT_EQ(*c[3], kAccount);
  EXPECT_EQ(*c[4], r.principal_arn);
  EXPECT_EQ(*c[5], r.access_key_id);
  EXPECT_EQ(*c[6], "192.0.2.10");
  EXPECT_EQ(*c[7], "aws-cli/2.9 audit-test");
  EXPECT_EQ(*c[8], R"(["arn:a,b","arn:\"quoted\"","arn:back\\slash","arn:{brace} NULL"])");
  EXPECT_EQ(*c[9], "f");
  EXPECT_EQ(*c[10], "ParameterAlreadyExists");
  EXPECT_EQ(*c[11], "The parameter already exists.");
  EXPECT_EQ(*c[12], "/a");
  EXPECT_EQ(*c[13], "false");
  // The time is kept to the microsecond.
  SqlResult t =
      Sql("SELECT (extract(epoch FROM event_time) * 1000000)::bigint FROM paramsafe.audit_events"
          " WHERE request_id = 'req-fields'");
  ASSERT_TRUE(t.ok) << t.error;
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(r.event_time.time_since_epoch());
  EXPECT_EQ(std::stoll(*t.rows[0][0]), us.count());
}

TEST_F(IntegrationAuditLog, EmptyOptionalFieldsAreStoredAsNull) {
  core::AuditRecord r = Record("req-nulls");
  r.principal_arn.clear();
  r.access_key_id.clear();
  r.source_ip.clear();
  r.user_agent.clear();
  r.resources.clear();
  r.request_parameters.reset();
  ASSERT_TRUE(log().Write(r).ok());
  EXPECT_EQ(SqlScalar("SELECT concat_ws(',', principal_arn IS NULL, access_key_id IS NULL,"
                      " source_ip IS NULL, user_agent IS NULL, request_parameters IS NULL,"
                      " error_code IS NULL, cardinality(resources))"
                      " FROM paramsafe.audit_events WHERE request_id = 'req-nulls'"),
            "t,t,t,t,t,t,0");
}

TEST_F(IntegrationAuditLog, InvalidUtf8AndNulFromTheClientAreStoredAsReplacementCharacters) {
  core::AuditRecord r = Record("req-utf8");
  r.user_agent = std::string("ua\xff\xfe-", 5) + std::string(1, '\0') + "end";
  r.resources = {std::string("arn:\xc3\x28", 6)};  // a broken two-byte sequence
  ASSERT_TRUE(log().Write(r).ok());
  EXPECT_EQ(
      SqlScalar("SELECT user_agent FROM paramsafe.audit_events WHERE request_id = 'req-utf8'"),
      "ua\xEF\xBF\xBD\xEF\xBF\xBD-\xEF\xBF\xBD"
      "end");
  EXPECT_EQ(
      SqlScalar("SELECT resources[1] FROM paramsafe.audit_events WHERE request_id = 'req-utf8'"),
      "arn:\xEF\xBF\xBD(");
}

TEST_F(IntegrationAuditLog, ConcurrentWritesShareCommits) {
  constexpr int kWriters = 64;
  auto results = Concurrently(
      kWriters, [&](int i) { return log().Write(Record("req-group-" + std::to_string(i))); });
  for (const auto& s : results) ASSERT_TRUE(s.ok()) << s.ToString();
  // Rows stored by one transaction share its xmin: the database's own count
  // of the commits that stored them.
  SqlResult counts =
      Sql("SELECT count(*), count(DISTINCT xmin::text) FROM paramsafe.audit_events"
          " WHERE request_id LIKE 'req-group-%'");
  ASSERT_TRUE(counts.ok) << counts.error;
  int rows = std::stoi(*counts.rows[0][0]);
  int transactions = std::stoi(*counts.rows[0][1]);
  EXPECT_EQ(rows, kWriters);
  EXPECT_EQ(static_cast<std::uint64_t>(transactions), log().stats().commits);
  EXPECT_EQ(log().stats().records, static_cast<std::uint64_t>(kWriters));
  // One commit per record would be 64; batching makes it a handful.
  EXPECT_LE(transactions, kWriters / 4) << transactions << " commits for " << rows << " records";
}

TEST_F(IntegrationAuditLog, RecordsWaitingBehindACommitGoInOneBatch) {
  // The first batch waits for the table; everything written meanwhile must
  // then be stored by one more commit, not one each.
  BehindALockedTable([&] { EXPECT_TRUE(log().Write(Record("req-first")).ok()); },
                     [&] {
                       auto results = Concurrently(20, [&](int i) {
                         return log().Write(Record("req-queued-" + std::to_string(i)));
                       });
                       for (const auto& s : results) EXPECT_TRUE(s.ok()) << s.ToString();
                     });
  // One commit for the 20 (two if a writer thread was slow to queue).
  EXPECT_LE(std::stoi(SqlScalar("SELECT count(DISTINCT xmin::text) FROM paramsafe.audit_events"
                                " WHERE request_id LIKE 'req-queued-%'")),
            2);
  EXPECT_LE(log().stats().commits, 3u);
  EXPECT_EQ(log().stats().records, 21u);
}

TEST_F(IntegrationAuditLog, LockedTableFailsTheWriteAfterTheLockTimeout) {
  SqlResult lock = Sql("BEGIN; LOCK TABLE paramsafe.audit_events IN ACCESS EXCLUSIVE MODE");
  ASSERT_TRUE(lock.ok) << lock.error;
  auto started = std::chrono::steady_clock::now();
  core::Status s = log().Write(Record("req-locked"));
  auto waited = std::chrono::steady_clock::now() - started;
  ASSERT_TRUE(Sql("ROLLBACK").ok);
  EXPECT_EQ(s.code(), core::Code::kUnavailable) << s.ToString();
  EXPECT_LT(waited, std::chrono::seconds(10));
  EXPECT_EQ(RowsFor("req-locked"), 0);
  EXPECT_EQ(log().stats().failed, 1u);
  // Once the table is free again, records are stored again.
  EXPECT_TRUE(log().Write(Record("req-after")).ok());
  EXPECT_EQ(RowsFor("req-after"), 1);
}

TEST_F(IntegrationAuditLog, ARecordTheTableRefusesFailsAloneNotItsBatch) {
  ASSERT_TRUE(Sql(R"sql(
      CREATE FUNCTION public.refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.request_id = 'req-poison' THEN RAISE EXCEPTION 'refused by test'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_poison BEFORE INSERT ON paramsafe.audit_events
        FOR EACH ROW EXECUTE FUNCTION public.refuse_poison())sql")
                  .ok);
  // Queue the poison with good records behind a held table, so they share a batch.
  std::vector<core::Status> results;
  BehindALockedTable(
      [&] { EXPECT_TRUE(log().Write(Record("req-first")).ok()); },
      [&] {
        results = Concurrently(11, [&](int i) {
          return log().Write(Record(i == 5 ? "req-poison" : "req-good-" + std::to_string(i)));
        });
      });
  ASSERT_EQ(results.size(), 11u);
  for (int i = 0; i < 11; ++i) {
    if (i == 5) {
      EXPECT_EQ(results[5].code(), core::Code::kUnavailable) << results[5].ToString();
    } else {
      EXPECT_TRUE(results[static_cast<std::size_t>(i)].ok()) << i;
    }
  }
  EXPECT_EQ(RowsFor("req-poison"), 0);
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.audit_events"
                      " WHERE request_id LIKE 'req-good-%'"),
            "10");
  EXPECT_EQ(log().stats().failed, 1u);
}

TEST_F(IntegrationAuditLog, UnreachableDatabaseFailsTheWrite) {
  store::Pool nowhere("postgresql:///no_such_database?host=/nonexistent", 1,
                      std::chrono::milliseconds(500));
  store::PgAuditLog unreachable(nowhere);
  core::Status s = unreachable.Write(Record("req-nowhere"));
  EXPECT_EQ(s.code(), core::Code::kUnavailable) << s.ToString();
  EXPECT_EQ(unreachable.stats().failed, 1u);
}

}  // namespace
}  // namespace paramsafe::integration
