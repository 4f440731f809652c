#include "store/pg_audit_log.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include "store/audit_rows.h"

namespace paramsafe::store {

using core::Code;
using core::Status;

namespace {

// Short enough that requests waiting behind a locked table are answered (503)
// while their clients still wait; an insert takes no lock that conflicts with
// other inserts or with DELETE (retention), so only DDL, VACUUM FULL or an
// explicit LOCK TABLE can make it wait at all.
constexpr const char* kSessionTimeouts = "SET lock_timeout = '2s'";

// Whether a failed insert failed on what it inserted (worth retrying the
// records one by one), rather than on the database (down, locked, busy).
bool ContentFailure(const PgConnection& conn, const Status& s) {
  return conn.Healthy() && s.code() != Code::kUnavailable && s.code() != Code::kOutcomeUnknown &&
         s.code() != Code::kConflict;
}

// One Write() call waiting for its record to be stored. Lives on the caller's
// stack; the writer touches it only under the mutex and before `done`.
struct Waiter {
  explicit Waiter(const core::AuditRecord& r) : record(&r) {}
  const core::AuditRecord* record;
  Status result;
  bool done = false;
  std::condition_variable cv;
};

}  // namespace

struct PgAuditLog::Writer {
  explicit Writer(Pool& p) : pool(p), thread([this] { Run(); }) {}
  ~Writer() {
    {
      std::lock_guard lock(mu);
      stopping = true;
    }
    work.notify_one();
    thread.join();
  }

  void Run();
  std::vector<Status> Insert(const std::vector<Waiter*>& batch);
  Status InsertRows(PgConnection& conn, const std::vector<const core::AuditRecord*>& rows);
  Status ConfigureSession(PgConnection& conn);

  Pool& pool;
  std::mutex mu;
  std::condition_variable work;  // the writer waits on it for records
  std::deque<Waiter*> queue;     // guarded by mu
  bool stopping = false;         // guarded by mu
  // The connections this writer has set its timeouts on, by address and
  // server process (an address alone could be reused by a new connection).
  // Used by the writer thread only.
  std::set<std::pair<const PGconn*, int>> configured;
  std::atomic<std::uint64_t> records{0}, commits{0}, failed{0};
  std::thread thread;  // last: starts once every member above exists
};

void PgAuditLog::Writer::Run() {
  std::unique_lock lock(mu);
  for (;;) {
    work.wait(lock, [&] { return !queue.empty() || stopping; });
    if (queue.empty()) return;  // stopping, and everything queued is stored
    std::vector<Waiter*> batch;
    while (!queue.empty() && batch.size() < kMaxBatch) {
      batch.push_back(queue.front());
      queue.pop_front();
    }
    // Requests arriving during the insert queue up for the next batch: the
    // slower the commit, the bigger the batch.
    lock.unlock();
    std::vector<Status> results = Insert(batch);
    lock.lock();
    for (std::size_t i = 0; i < batch.size(); ++i) {
      (results[i].ok() ? records : failed).fetch_add(1, std::memory_order_relaxed);
      batch[i]->result = std::move(results[i]);
      batch[i]->done = true;
      // Under the lock: the waiter cannot return (and free its cv) before this.
      batch[i]->cv.notify_one();
    }
  }
}

Status PgAuditLog::Writer::ConfigureSession(PgConnection& conn) {
  std::pair<const PGconn*, int> id(conn.raw(), PQbackendPID(conn.raw()));
  if (configured.contains(id)) return Status::Ok();
  auto r = conn.Exec(kSessionTimeouts);
  if (!r.ok()) return r.status();
  configured.insert(id);
  return Status::Ok();
}

Status PgAuditLog::Writer::InsertRows(PgConnection& conn,
                                      const std::vector<const core::AuditRecord*>& rows) {
  // One statement outside BEGIN/COMMIT is one transaction, and one round trip.
  auto r = conn.Run(kInsertAuditRows, AuditRowParams(rows));
  if (!r.ok()) return r.status();
  commits.fetch_add(1, std::memory_order_relaxed);
  return Status::Ok();
}

std::vector<Status> PgAuditLog::Writer::Insert(const std::vector<Waiter*>& batch) {
  auto failure = [&](const Status& s) {
    return Status(Code::kUnavailable, "the audit record could not be stored: " + s.reason());
  };
  auto lease = pool.Acquire();
  if (!lease.ok()) return std::vector<Status>(batch.size(), failure(lease.status()));
  PgConnection& conn = **lease;
  if (Status s = ConfigureSession(conn); !s.ok()) {
    return std::vector<Status>(batch.size(), failure(s));
  }
  std::vector<const core::AuditRecord*> rows;
  rows.reserve(batch.size());
  for (const Waiter* w : batch) rows.push_back(w->record);
  Status all = InsertRows(conn, rows);
  if (all.ok()) return std::vector<Status>(batch.size());
  // The database answered and refused the batch: most likely one record it
  // will not take. Each record alone, so the others are kept. When the
  // database is down or the table locked, this is not worth trying.
  if (batch.size() == 1 || !ContentFailure(conn, all)) {
    return std::vector<Status>(batch.size(), failure(all));
  }
  std::vector<Status> results;
  results.reserve(batch.size());
  std::optional<Status> database_failure;  // once the database fails, stop trying
  for (const core::AuditRecord* row : rows) {
    if (database_failure) {
      results.push_back(*database_failure);
      continue;
    }
    Status one = InsertRows(conn, {row});
    if (!one.ok() && !ContentFailure(conn, one)) database_failure = failure(one);
    results.push_back(one.ok() ? one : failure(one));
  }
  return results;
}

PgAuditLog::PgAuditLog(Pool& pool) : writer_(std::make_unique<Writer>(pool)) {}

PgAuditLog::~PgAuditLog() = default;

Status PgAuditLog::Write(const core::AuditRecord& record) {
  Waiter w(record);
  std::unique_lock lock(writer_->mu);
  if (writer_->stopping) {
    writer_->failed.fetch_add(1, std::memory_order_relaxed);
    return Status(Code::kUnavailable, "the audit log is closing");
  }
  writer_->queue.push_back(&w);
  writer_->work.notify_one();
  w.cv.wait(lock, [&] { return w.done; });
  return std::move(w.result);
}

PgAuditLog::Stats PgAuditLog::stats() const {
  return Stats{writer_->records.load(std::memory_order_relaxed),
               writer_->commits.load(std::memory_order_relaxed),
               writer_->failed.load(std::memory_order_relaxed)};
}

}  // namespace paramsafe::store
