// store::Pool and store::Transaction against a real server.
#include "store/pool.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "fixtures.h"
#include "store/transaction.h"

namespace paramsafe::integration {
namespace {

using namespace std::chrono_literals;

constexpr store::Statement kBackendPid{"it_backend_pid", "SELECT pg_backend_pid()"};
constexpr store::Statement kSleep{"it_sleep", "SELECT pg_sleep(0.2)"};
constexpr store::Statement kInsert{"it_insert", "INSERT INTO it_rows VALUES ($1)"};
constexpr store::Statement kDivideByZero{"it_div0", "SELECT 1 / 0"};

using PoolTest = ScratchDatabaseTest;

std::string BackendPid(store::PgConnection& conn) {
  auto r = conn.Run(kBackendPid);
  return r.ok() ? r->String(0, 0) : "";
}

TEST_F(PoolTest, MoreAcquirersThanConnectionsWaitThenSucceed) {
  constexpr int kSize = 2;
  constexpr int kThreads = 6;
  store::Pool pool(db().url(), kSize, 10s);
  std::mutex mu;
  std::set<std::string> backends;
  std::atomic<int> succeeded{0};
  std::atomic<int> max_in_use{0};
  std::vector<std::thread> threads;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      auto lease = pool.Acquire();
      if (!lease.ok()) return;
      int in_use = pool.Stats().in_use;
      for (int seen = max_in_use;
           in_use > seen && !max_in_use.compare_exchange_weak(seen, in_use);) {
      }
      if (!(*lease)->Run(kSleep).ok()) return;
      std::lock_guard lock(mu);
      backends.insert(BackendPid(**lease));
      ++succeeded;
    });
  }
  for (auto& t : threads) t.join();
  auto elapsed = std::chrono::steady_clock::now() - start;

  EXPECT_EQ(succeeded, kThreads);
  EXPECT_LE(max_in_use, kSize);
  EXPECT_LE(backends.size(), static_cast<std::size_t>(kSize));
  // 6 sleeps of 0.2 s over 2 connections take at least 3 rounds.
  EXPECT_GE(elapsed, 550ms);
  EXPECT_EQ(pool.Stats().in_use, 0);
}

TEST_F(PoolTest, AcquireTimesOutWhileEveryConnectionIsLeased) {
  store::Pool pool(db().url(), 1, 100ms);
  auto held = pool.Acquire();
  ASSERT_TRUE(held.ok()) << held.status().ToString();
  auto waited = pool.Acquire();
  ASSERT_FALSE(waited.ok());
  EXPECT_EQ(waited.status().code(), core::Code::kUnavailable);
}

TEST_F(PoolTest, StatsCountLeasedAndIdleConnections) {
  store::Pool pool(db().url(), 3, 10s);
  EXPECT_EQ(pool.Stats().size, 3);
  EXPECT_EQ(pool.Stats().open, 0);  // opened lazily
  {
    auto a = pool.Acquire();
    auto b = pool.Acquire();
    ASSERT_TRUE(a.ok() && b.ok());
    store::PoolStats s = pool.Stats();
    EXPECT_EQ(s.in_use, 2);
    EXPECT_EQ(s.idle, 0);
    EXPECT_EQ(s.open, 2);
    { auto released = std::move(a).value(); }
    s = pool.Stats();
    EXPECT_EQ(s.in_use, 1);
    EXPECT_EQ(s.idle, 1);
  }
  store::PoolStats s = pool.Stats();
  EXPECT_EQ(s.in_use, 0);
  EXPECT_EQ(s.idle, 2);
  EXPECT_EQ(s.waits, 0u);
  EXPECT_EQ(s.timeouts, 0u);
}

TEST_F(PoolTest, StatsCountWaitsAndTimeouts) {
  store::Pool pool(db().url(), 1, 100ms);
  {
    auto held = pool.Acquire();
    ASSERT_TRUE(held.ok()) << held.status().ToString();
    EXPECT_FALSE(pool.Acquire().ok());
    store::PoolStats s = pool.Stats();
    EXPECT_EQ(s.waits, 1u);
    EXPECT_EQ(s.timeouts, 1u);
  }
  // A free connection is handed out without a wait.
  ASSERT_TRUE(pool.Acquire().ok());
  EXPECT_EQ(pool.Stats().waits, 1u);
}

TEST_F(PoolTest, TerminatedConnectionIsReplacedOnNextAcquire) {
  store::Pool pool(db().url(), 1, 5s);
  std::string old_pid;
  {
    auto lease = pool.Acquire();
    ASSERT_TRUE(lease.ok()) << lease.status().ToString();
    old_pid = BackendPid(**lease);
    ASSERT_FALSE(old_pid.empty());
  }
  SqlResult killed = db().admin().Exec("SELECT pg_terminate_backend($1::int, 5000)", {old_pid});
  ASSERT_TRUE(killed.ok) << killed.error;
  ASSERT_EQ(killed.Scalar(), "t");

  auto lease = pool.Acquire();
  ASSERT_TRUE(lease.ok()) << lease.status().ToString();
  auto r = (*lease)->Run(kBackendPid);
  ASSERT_TRUE(r.ok()) << "the first query after the kill failed: " << r.status().ToString();
  EXPECT_NE(r->String(0, 0), old_pid);
}

TEST_F(PoolTest, ConnectionReturnedInsideTransactionIsNotReused) {
  store::Pool pool(db().url(), 1, 5s);
  std::string old_pid;
  {
    auto lease = pool.Acquire();
    ASSERT_TRUE(lease.ok());
    old_pid = BackendPid(**lease);
    ASSERT_TRUE((*lease)->Exec("BEGIN").ok());
  }
  auto lease = pool.Acquire();
  ASSERT_TRUE(lease.ok()) << lease.status().ToString();
  EXPECT_FALSE((*lease)->InTransaction());
  EXPECT_NE(BackendPid(**lease), old_pid);
}

class TransactionTest : public ScratchDatabaseTest {
 protected:
  void SetUp() override {
    ScratchDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(Sql("CREATE TABLE it_rows (x integer)").ok);
    auto conn = store::PgConnection::Open(db().url());
    ASSERT_TRUE(conn.ok()) << conn.status().ToString();
    conn_ = std::move(conn).value();
  }
  std::string Rows() { return SqlScalar("SELECT count(*) FROM it_rows"); }

  std::unique_ptr<store::PgConnection> conn_;
};

TEST_F(TransactionTest, DestructionWithoutCommitRollsBack) {
  {
    auto tx = store::Transaction::Begin(*conn_);
    ASSERT_TRUE(tx.ok()) << tx.status().ToString();
    ASSERT_TRUE(tx->Run(kInsert, store::Params().Int(1)).ok());
  }
  EXPECT_FALSE(conn_->InTransaction());
  EXPECT_EQ(Rows(), "0");
}

TEST_F(TransactionTest, CommitMakesWritesVisible) {
  auto tx = store::Transaction::Begin(*conn_);
  ASSERT_TRUE(tx.ok()) << tx.status().ToString();
  ASSERT_TRUE(tx->Run(kInsert, store::Params().Int(1)).ok());
  EXPECT_EQ(Rows(), "0");  // not yet visible to other sessions
  ASSERT_TRUE(tx->Commit().ok());
  EXPECT_EQ(Rows(), "1");
}

TEST_F(TransactionTest, CommitOfAbortedTransactionIsConflictAndWritesNothing) {
  auto tx = store::Transaction::Begin(*conn_);
  ASSERT_TRUE(tx.ok()) << tx.status().ToString();
  ASSERT_TRUE(tx->Run(kInsert, store::Params().Int(1)).ok());
  ASSERT_FALSE(tx->Run(kDivideByZero).ok());
  core::Status committed = tx->Commit();
  EXPECT_EQ(committed.code(), core::Code::kConflict) << committed.ToString();
  EXPECT_FALSE(conn_->InTransaction());
  EXPECT_EQ(Rows(), "0");
}

}  // namespace
}  // namespace paramsafe::integration
