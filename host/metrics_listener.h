// paramsafe-server's second listener: GET /metrics in the Prometheus text
// format, on its own address (PARAMSAFE_METRICS_LISTEN), never the API port, so
// the two can be exposed to different networks. The text comes from the
// plugin's ABI 1.1 `metrics` slot; it holds counts, never a secret or a
// resource name.
//
// Answers: GET or HEAD /metrics -> 200 text/plain; version=0.0.4; another method
// on /metrics -> 405; any other path -> 404; a plugin without the metrics slot
// (ABI 1.0) -> 404 saying so; a failing slot -> 500 with the plugin's error
// type. Keep-alive is honoured; a request must arrive whole within `timeout`.
//
// It runs one I/O thread of its own: a scrape renders counters in memory and
// takes well under a millisecond, so it needs neither the API's worker pool nor
// more threads, and a flood of scrapes cannot take a worker from an API call.
//
// Ownership: borrows the Plugin, which must be open and outlive the listener.
// Thread-safety: Listen() then Start() from one thread; Stop() (also run by the
// destructor) from any thread but the listener's own, idempotent.
#ifndef PARAMSAFE_HOST_METRICS_LISTENER_H_
#define PARAMSAFE_HOST_METRICS_LISTENER_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "plugin_loader.h"

namespace paramsafe::host {

struct MetricsListenerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 7601;  // 0: any free port (see MetricsListener::port())
  // Reading one request, and writing one response, must each finish in time;
  // an idle keep-alive connection is closed after this too.
  std::chrono::milliseconds timeout{10'000};
  size_t max_header_bytes = 8 * 1024;
};

class MetricsListener {
 public:
  // REQUIRES: plugin.is_open().
  MetricsListener(MetricsListenerOptions options, const Plugin& plugin);
  MetricsListener(const MetricsListener&) = delete;
  MetricsListener& operator=(const MetricsListener&) = delete;
  ~MetricsListener();

  // Binds and listens. Returns false with a one-line reason in *error.
  bool Listen(std::string* error);
  // The bound port. REQUIRES: Listen() succeeded.
  uint16_t port() const;
  // Starts serving on the listener's thread. REQUIRES: Listen() succeeded.
  void Start();
  // Closes the listening socket and every connection, and joins the thread.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace paramsafe::host

#endif  // PARAMSAFE_HOST_METRICS_LISTENER_H_
