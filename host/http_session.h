// One HTTP/1.1 connection of paramsafe-server (internal to server.cc). Only Asio's
// socket type appears here; the Beast machinery stays in http_session.cc.
//
// Ownership: a session owns its socket and keeps itself alive through shared_ptr
// copies held by its pending operations and worker task; it borrows the
// objects a SessionContext refers to (the server's), which outlive every session.
// Thread-safety: each session runs on its own strand; SessionRegistry is
// thread-safe.
#ifndef PARAMSAFE_HOST_HTTP_SESSION_H_
#define PARAMSAFE_HOST_HTTP_SESSION_H_

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "plugin_loader.h"
#include "server.h"
#include "worker_pool.h"

namespace paramsafe::host {

// What the server can ask of a live connection.
class SessionControl {
 public:
  // Close the connection if it waits for a request; otherwise answer the current
  // request with "Connection: close" and close after. Thread-safe.
  virtual void Shutdown() = 0;

 protected:
  ~SessionControl() = default;
};

// The live connections, so a shutdown can reach them.
class SessionRegistry {
 public:
  // `on_drained` runs (on the thread removing the last session) whenever the
  // registry becomes empty after MarkStopping().
  explicit SessionRegistry(std::function<void()> on_drained) : on_drained_(std::move(on_drained)) {}

  void Add(const void* key, std::weak_ptr<SessionControl> session);
  void Remove(const void* key);
  // Marks the server as stopping and calls Shutdown() on every live session.
  // Returns whether no session was left at that point.
  bool ShutdownAll();
  bool stopping() const { return stopping_.load(std::memory_order_acquire); }

 private:
  std::function<void()> on_drained_;
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::unordered_map<const void*, std::weak_ptr<SessionControl>> sessions_;
};

// What a session needs from the server. Copied into each session.
struct SessionContext {
  const ServerOptions& options;
  const Plugin& plugin;
  WorkerPool& pool;
  SessionRegistry& registry;
};

// Starts serving an accepted connection. REQUIRES: the socket's executor is a strand
// of the server's io_context; ctx outlives the session.
// The session keeps a copy of ctx; the referenced objects must outlive it.
void StartHttpSession(boost::asio::ip::tcp::socket socket, const SessionContext& ctx);

}  // namespace paramsafe::host

#endif  // PARAMSAFE_HOST_HTTP_SESSION_H_
