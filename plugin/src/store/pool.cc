#include "store/pool.h"

namespace paramsafe::store {

using core::Code;
using core::Result;
using core::Status;

Lease::~Lease() {
  if (pool_ != nullptr && conn_) pool_->Release(std::move(conn_));
}

Pool::Pool(std::string url, int size, std::chrono::milliseconds acquire_timeout)
    : url_(std::move(url)), size_(size < 1 ? 1 : size), acquire_timeout_(acquire_timeout) {}

Result<Lease> Pool::Acquire() {
  std::unique_lock lock(mu_);
  // A wait means the pool is too small for the load: worth counting.
  if (idle_.empty() && open_ >= size_) ++waits_;
  bool ready = cv_.wait_for(lock, acquire_timeout_,
                            [&] { return !idle_.empty() || open_ < size_; });
  if (!ready) {
    ++timeouts_;
    return Status(Code::kUnavailable, "no database connection became free in time");
  }
  while (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    if (conn->CheckAlive()) return Lease(this, std::move(conn));
    // Closed by the server while idle: drop it rather than fail the caller's
    // first query, and take another idle one or open a replacement.
    --open_;
  }
  ++open_;
  lock.unlock();  // connecting takes a round trip or more; do not block others
  auto conn = PgConnection::Open(url_);
  if (!conn.ok()) {
    std::lock_guard relock(mu_);
    --open_;
    cv_.notify_one();
    return conn.status();
  }
  return Lease(this, std::move(conn).value());
}

void Pool::Release(std::unique_ptr<PgConnection> conn) {
  // A connection that broke, or that a caller left inside a transaction, is not
  // safe to hand out again.
  bool reusable = conn->Healthy() && !conn->InTransaction();
  std::lock_guard lock(mu_);
  if (reusable) {
    idle_.push_back(std::move(conn));
  } else {
    --open_;
  }
  cv_.notify_one();
}

PoolStats Pool::Stats() const {
  std::lock_guard lock(mu_);
  const int idle = static_cast<int>(idle_.size());
  return PoolStats{size_, open_, open_ - idle, idle, waits_, timeouts_};
}

}  // namespace paramsafe::store
