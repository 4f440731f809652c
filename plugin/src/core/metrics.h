// Metrics: the process's counters, gauges and latency histograms, rendered in
// the Prometheus text exposition format (version 0.0.4). docs/security-metrics.md
// lists the series.
//
// Label values come from bounded sets, never from a secret or a resource name:
// the operations are the ones given at construction (the routers' tables; any
// other service or action counts as "unknown"), and every other label set
// (outcomes, cache names, job kinds, ...) holds at most a fixed number of
// distinct values, past which it counts under "other" (see LabeledCounters).
//
// Counting is a few atomic operations and allocates nothing once a label value
// has been seen; ObserveRequest finds its operation by binary search over the
// fixed table. Rendering reads the atomics without stopping the counters.
//
// Thread-safe. Sampled series (AddGauge, AddSampled) call their read function
// while rendering, under a lock of this object: the function must not call back
// into this Metrics.
#ifndef PARAMSAFE_CORE_METRICS_H_
#define PARAMSAFE_CORE_METRICS_H_

#include <chrono>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace paramsafe::core {

// One operation an API face serves, e.g. {"ssm", "GetParameter"}.
struct OperationName {
  std::string_view service;
  std::string_view action;
};

class Metrics {
 public:
  // The most distinct values one label set holds before counting under "other".
  static constexpr std::size_t kMaxOutcomesPerOperation = 48;
  static constexpr std::size_t kMaxSeriesPerFamily = 64;

  // Knows no operation: every request counts as service and action "unknown".
  Metrics();
  // Requests count under these operations (copied); a request of a listed
  // service but an unlisted action counts as that service's "unknown" action.
  explicit Metrics(std::span<const OperationName> operations);
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // One API request: service "ssm" or "secretsmanager", the operation, the
  // outcome ("success" or the AWS error type) and how long it took.
  void ObserveRequest(std::string_view service, std::string_view action, std::string_view outcome,
                      std::chrono::nanoseconds latency);
  // One authenticate() call: "success" or the AWS error type.
  void ObserveAuthentication(std::string_view outcome);
  // One lookup in a named cache ("parameter", "access_key", "policy").
  void ObserveCache(std::string_view cache, bool hit);
  // One background job run: its kind and "success" or "failure".
  void ObserveJob(std::string_view kind, std::string_view outcome);
  // One pass of the job worker over the queue; a failed pass (database down)
  // ran no job at all.
  void ObserveJobPass(bool ok);
  // One read of a secret scheduled for deletion, by operation.
  void ObserveReadWhileScheduled(std::string_view operation);

  // A series whose value is read when rendering (e.g. pool connections in use).
  enum class SampleType { kGauge, kCounter };
  struct SampleLabel {
    std::string name;
    std::string value;
  };
  // Series of one name share a family: the first registration's help and type
  // are rendered. A registration with an invalid metric or label name, or the
  // name of a built-in series, is ignored. REQUIRES: `read` is thread-safe and
  // stays callable as long as this object.
  void AddSampled(std::string name, std::string help, SampleType type,
                  std::vector<SampleLabel> labels, std::function<double()> read);
  // AddSampled of an unlabelled gauge.
  void AddGauge(std::string name, std::string help, std::function<double()> read);

  std::string RenderPrometheus() const;

 private:
  struct Series;
  std::unique_ptr<Series> series_;
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_METRICS_H_
