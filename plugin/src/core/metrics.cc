#include "core/metrics.h"

#include <algorithm>
#include <array>
#include <mutex>

#include "core/labeled_counters.h"
#include "core/latency_histogram.h"
#include "core/metrics_text.h"

namespace paramsafe::core {

namespace {

using metrics_text::Label;

constexpr std::string_view kUnknown = "unknown";

constexpr std::string_view kRequests = "paramsafe_requests_total";
constexpr std::string_view kDuration = "paramsafe_request_duration_seconds";
constexpr std::string_view kAuthentications = "paramsafe_authentications_total";
constexpr std::string_view kCacheRequests = "paramsafe_cache_requests_total";
constexpr std::string_view kJobs = "paramsafe_jobs_total";
constexpr std::string_view kJobPasses = "paramsafe_job_passes_total";
constexpr std::string_view kReadsWhileScheduled = "paramsafe_secret_reads_while_scheduled_total";

// Names a sampled series may not take: the built-in families and the series
// names a histogram family renders.
bool IsBuiltInName(std::string_view name) {
  for (std::string_view n :
       {kRequests, kAuthentications, kCacheRequests, kJobs, kJobPasses, kReadsWhileScheduled}) {
    if (name == n) return true;
  }
  return name.starts_with(kDuration);
}

bool OperationLess(std::string_view service_a, std::string_view action_a,
                   std::string_view service_b, std::string_view action_b) {
  if (service_a != service_b) return service_a < service_b;
  return action_a < action_b;
}

// The "le" label values, formatted once.
const std::array<std::string, LatencyHistogram::kBoundsSeconds.size() + 1>& LeValues() {
  static const auto values = [] {
    std::array<std::string, LatencyHistogram::kBoundsSeconds.size() + 1> v;
    for (std::size_t i = 0; i < LatencyHistogram::kBoundsSeconds.size(); ++i) {
      metrics_text::AppendDouble(&v[i], LatencyHistogram::kBoundsSeconds[i]);
    }
    v.back() = "+Inf";
    return v;
  }();
  return values;
}

// The counters of one (service, action).
struct OperationSeries {
  OperationSeries(std::string_view s, std::string_view a)
      : service(s), action(a), outcomes(1, Metrics::kMaxOutcomesPerOperation) {}
  const std::string service;
  const std::string action;
  LatencyHistogram latency;
  LabeledCounters outcomes;  // {outcome}
};

struct SampledSeries {
  std::string name;
  std::string help;
  Metrics::SampleType type;
  std::vector<Metrics::SampleLabel> labels;
  std::function<double()> read;
};

}  // namespace

struct Metrics::Series {
  explicit Series(std::span<const OperationName> names) {
    std::vector<OperationName> all(names.begin(), names.end());
    // Each listed service gets an "unknown" action for targets it does not serve,
    // and anything else falls to ("unknown", "unknown").
    for (const OperationName& n : names) all.push_back({n.service, kUnknown});
    all.push_back({kUnknown, kUnknown});
    std::sort(all.begin(), all.end(), [](const OperationName& a, const OperationName& b) {
      return OperationLess(a.service, a.action, b.service, b.action);
    });
    for (const OperationName& n : all) {
      if (!operations.empty() && operations.back()->service == n.service &&
          operations.back()->action == n.action) {
        continue;
      }
      operations.push_back(std::make_unique<OperationSeries>(n.service, n.action));
    }
  }

  // The series of (service, action), else of (service, "unknown"), else of
  // ("unknown", "unknown"), which always exists.
  OperationSeries& Find(std::string_view service, std::string_view action) {
    for (std::string_view s : {service, kUnknown}) {
      for (std::string_view a : {action, kUnknown}) {
        auto it =
            std::lower_bound(operations.begin(), operations.end(), std::pair(s, a),
                             [](const std::unique_ptr<OperationSeries>& op, const auto& key) {
                               return OperationLess(op->service, op->action, key.first, key.second);
                             });
        if (it != operations.end() && (*it)->service == s && (*it)->action == a) return **it;
      }
    }
    return *operations.front();  // unreachable: ("unknown", "unknown") is in the table
  }

  std::vector<std::unique_ptr<OperationSeries>> operations;       // sorted, unique; fixed
  LabeledCounters authentications{1, kMaxSeriesPerFamily};        // {outcome}
  LabeledCounters cache_requests{2, kMaxSeriesPerFamily};         // {cache, result}
  LabeledCounters jobs{2, kMaxSeriesPerFamily};                   // {kind, outcome}
  LabeledCounters job_passes{1, 2};                               // {outcome}
  LabeledCounters reads_while_scheduled{1, kMaxSeriesPerFamily};  // {operation}
  mutable std::mutex sampled_mu;
  std::vector<SampledSeries> sampled;  // guarded by sampled_mu
};

Metrics::Metrics() : Metrics(std::span<const OperationName>()) {}

Metrics::Metrics(std::span<const OperationName> operations)
    : series_(std::make_unique<Series>(operations)) {}

Metrics::~Metrics() = default;

void Metrics::ObserveRequest(std::string_view service, std::string_view action,
                             std::string_view outcome, std::chrono::nanoseconds latency) {
  OperationSeries& op = series_->Find(service, action);
  op.latency.Observe(latency);
  const std::string_view key[] = {outcome};
  op.outcomes.Add(key);
}

void Metrics::ObserveAuthentication(std::string_view outcome) {
  const std::string_view key[] = {outcome};
  series_->authentications.Add(key);
}

void Metrics::ObserveCache(std::string_view cache, bool hit) {
  const std::string_view key[] = {cache, hit ? "hit" : "miss"};
  series_->cache_requests.Add(key);
}

void Metrics::ObserveJob(std::string_view kind, std::string_view outcome) {
  const std::string_view key[] = {kind, outcome};
  series_->jobs.Add(key);
}

void Metrics::ObserveJobPass(bool ok) {
  const std::string_view key[] = {ok ? "success" : "failure"};
  series_->job_passes.Add(key);
}

void Metrics::ObserveReadWhileScheduled(std::string_view operation) {
  const std::string_view key[] = {operation};
  series_->reads_while_scheduled.Add(key);
}

void Metrics::AddSampled(std::string name, std::string help, SampleType type,
                         std::vector<SampleLabel> labels, std::function<double()> read) {
  if (!metrics_text::IsValidMetricName(name) || IsBuiltInName(name) || !read) return;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (!metrics_text::IsValidLabelName(labels[i].name)) return;
    for (std::size_t j = 0; j < i; ++j) {
      if (labels[j].name == labels[i].name) return;
    }
  }
  std::lock_guard lock(series_->sampled_mu);
  for (const SampledSeries& s : series_->sampled) {
    if (s.name == name && s.type != type) return;  // one family has one type
  }
  series_->sampled.push_back(
      SampledSeries{std::move(name), std::move(help), type, std::move(labels), std::move(read)});
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  AddSampled(std::move(name), std::move(help), SampleType::kGauge, {}, std::move(read));
}

namespace {

// Renders a LabeledCounters family whose label names are `names`.
void RenderCounters(std::string* out, std::string_view family, std::string_view help,
                    std::span<const std::string_view> names, const LabeledCounters& counters) {
  metrics_text::AppendFamilyHeader(out, family, help, "counter");
  counters.ForEach([&](std::span<const std::string> values, std::uint64_t count) {
    std::array<Label, 2> labels;
    const std::size_t n = std::min(names.size(), labels.size());
    for (std::size_t i = 0; i < n; ++i) labels[i] = Label{names[i], values[i]};
    metrics_text::AppendSample(out, family, std::span<const Label>(labels.data(), n), count);
  });
}

void RenderOperations(std::string* out,
                      const std::vector<std::unique_ptr<OperationSeries>>& operations) {
  metrics_text::AppendFamilyHeader(
      out, kRequests,
      "API requests answered, by service, operation and outcome (success or the AWS error type).",
      "counter");
  for (const auto& op : operations) {
    op->outcomes.ForEach([&](std::span<const std::string> values, std::uint64_t count) {
      const Label labels[] = {
          {"service", op->service}, {"action", op->action}, {"outcome", values[0]}};
      metrics_text::AppendSample(out, kRequests, labels, count);
    });
  }

  metrics_text::AppendFamilyHeader(
      out, kDuration, "Time from receiving an API call to having its answer, in seconds.",
      "histogram");
  const std::string bucket = std::string(kDuration) + "_bucket";
  const std::string sum = std::string(kDuration) + "_sum";
  const std::string count = std::string(kDuration) + "_count";
  const auto& le = LeValues();
  for (const auto& op : operations) {
    const LatencyHistogram::Snapshot s = op->latency.Take();
    if (s.count() == 0) continue;
    for (std::size_t i = 0; i < s.cumulative.size(); ++i) {
      const Label labels[] = {{"service", op->service}, {"action", op->action}, {"le", le[i]}};
      metrics_text::AppendSample(out, bucket, labels, s.cumulative[i]);
    }
    const Label labels[] = {{"service", op->service}, {"action", op->action}};
    metrics_text::AppendSample(out, sum, labels, s.sum_seconds);
    metrics_text::AppendSample(out, count, labels, s.count());
  }
}

void RenderSampled(std::string* out, const std::vector<SampledSeries>& sampled) {
  std::vector<bool> done(sampled.size(), false);
  for (std::size_t i = 0; i < sampled.size(); ++i) {
    if (done[i]) continue;
    const SampledSeries& head = sampled[i];
    metrics_text::AppendFamilyHeader(
        out, head.name, head.help,
        head.type == Metrics::SampleType::kCounter ? "counter" : "gauge");
    for (std::size_t j = i; j < sampled.size(); ++j) {
      if (done[j] || sampled[j].name != head.name) continue;
      done[j] = true;
      std::vector<Label> labels;
      labels.reserve(sampled[j].labels.size());
      for (const auto& l : sampled[j].labels) labels.push_back(Label{l.name, l.value});
      metrics_text::AppendSample(out, head.name, labels, sampled[j].read());
    }
  }
}

}  // namespace

std::string Metrics::RenderPrometheus() const {
  std::string out;
  out.reserve(16 * 1024);
  RenderOperations(&out, series_->operations);
  static constexpr std::string_view kOutcome[] = {"outcome"};
  static constexpr std::string_view kCacheResult[] = {"cache", "result"};
  static constexpr std::string_view kKindOutcome[] = {"kind", "outcome"};
  static constexpr std::string_view kOperation[] = {"operation"};
  RenderCounters(&out, kAuthentications,
                 "Signature checks of API requests, by outcome (success or the AWS error type).",
                 kOutcome, series_->authentications);
  RenderCounters(&out, kCacheRequests, "Cache lookups, by cache and result (hit or miss).",
                 kCacheResult, series_->cache_requests);
  RenderCounters(&out, kJobs, "Background jobs run by this process, by kind and outcome.",
                 kKindOutcome, series_->jobs);
  RenderCounters(&out, kJobPasses,
                 "Passes of the job worker over the queue, by outcome; a failed pass ran no job.",
                 kOutcome, series_->job_passes);
  RenderCounters(&out, kReadsWhileScheduled,
                 "Reads refused because the secret is scheduled for deletion, by operation.",
                 kOperation, series_->reads_while_scheduled);
  std::lock_guard lock(series_->sampled_mu);
  RenderSampled(&out, series_->sampled);
  return out;
}

}  // namespace paramsafe::core
