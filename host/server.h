// paramsafe-server's HTTP/1.1 front end: accepts connections on a few I/O threads
// (Boost.Beast, asynchronous, keep-alive) and runs the plugin's blocking slots on a
// bounded worker pool. Boost headers stay out of this header (see server.cc).
//
// Ownership: the Server borrows the Plugin, which must be open and outlive it; it
// owns the I/O threads, the worker pool and every connection.
// Thread-safety: Listen() and Run() are called once, from one thread, in that order.
// Stop() may be called from any thread at any time (not from a signal handler: the
// server installs its own SIGINT/SIGTERM handling when handle_signals is set).
#ifndef PARAMSAFE_HOST_SERVER_H_
#define PARAMSAFE_HOST_SERVER_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "plugin_loader.h"

namespace paramsafe::host {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 7600;  // 0: any free port (see Server::port())
  size_t io_threads = 2;
  size_t workers = 4;
  size_t queue_capacity = 256;          // tasks waiting for a worker; beyond: 503
  size_t max_body_bytes = 256 * 1024;   // beyond: 413, connection closed
  size_t max_header_bytes = 16 * 1024;  // request line + headers; beyond: 431
  // From the first byte of a request (from accept for a connection's first request)
  // to its last byte; a slower client is disconnected (slowloris).
  std::chrono::milliseconds read_timeout{10'000};
  // How long a keep-alive connection may wait for its next request.
  std::chrono::milliseconds idle_timeout{60'000};
  // How long writing one response may take before the connection is dropped.
  std::chrono::milliseconds write_timeout{10'000};
  // After Stop(): how long in-flight requests get to finish.
  std::chrono::milliseconds shutdown_grace{10'000};
  bool handle_signals = false;  // SIGINT/SIGTERM call Stop(); a second one gives up
  bool log_requests = false;    // one line per request on stderr
};

class Server {
 public:
  // REQUIRES: plugin.is_open(); option counts >= 1.
  Server(ServerOptions options, const Plugin& plugin);
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  // REQUIRES: Run() has returned, or was never called.
  ~Server();

  // Binds and listens. Returns false with a one-line reason in *error.
  bool Listen(std::string* error);
  // The bound port (useful with port 0). REQUIRES: Listen() succeeded.
  uint16_t port() const;

  // Serves until Stop() (or a signal); then stops accepting, closes idle
  // connections, lets in-flight requests finish for up to shutdown_grace, and
  // returns. Returns true when everything finished in time; false (grace period
  // over, or a second signal) means plugin calls may still be running: the plugin
  // must not be closed, and destroying the Server waits for those calls.
  // REQUIRES: Listen() succeeded.
  bool Run();

  // Begins the shutdown described at Run(). Idempotent.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace paramsafe::host

#endif  // PARAMSAFE_HOST_SERVER_H_
