// Pool: a fixed-size set of PostgreSQL connections shared by many threads.
// Connections are opened lazily and replaced when they break. Thread-safe.
#ifndef PARAMSAFE_STORE_POOL_H_
#define PARAMSAFE_STORE_POOL_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/pg_connection.h"

namespace paramsafe::store {

class Pool;

// Exclusive use of one connection; returns it to the pool when destroyed.
class Lease {
 public:
  Lease(Lease&& o) noexcept : pool_(o.pool_), conn_(std::move(o.conn_)) { o.pool_ = nullptr; }
  Lease& operator=(Lease&&) = delete;
  ~Lease();
  PgConnection& operator*() const { return *conn_; }
  PgConnection* operator->() const { return conn_.get(); }

 private:
  friend class Pool;
  Lease(Pool* pool, std::unique_ptr<PgConnection> c) : pool_(pool), conn_(std::move(c)) {}
  Pool* pool_;
  std::unique_ptr<PgConnection> conn_;
};

struct PoolStats {
  int size = 0;                // maximum connections
  int open = 0;                // connections currently open
  int in_use = 0;              // leased right now, or being opened for a caller
  int idle = 0;                // open and free
  std::uint64_t waits = 0;     // Acquire() calls that found every connection taken
  std::uint64_t timeouts = 0;  // of those, the ones that gave up (kUnavailable)
};

class Pool {
 public:
  Pool(std::string url, int size, std::chrono::milliseconds acquire_timeout);
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // Waits up to the acquire timeout for a free connection. kUnavailable when none
  // frees up or the database cannot be reached.
  core::Result<Lease> Acquire();
  PoolStats Stats() const;

 private:
  friend class Lease;
  void Release(std::unique_ptr<PgConnection> conn);

  const std::string url_;
  const int size_;
  const std::chrono::milliseconds acquire_timeout_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
  int open_ = 0;  // idle + leased + being opened
  std::uint64_t waits_ = 0;
  std::uint64_t timeouts_ = 0;
};

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_POOL_H_
