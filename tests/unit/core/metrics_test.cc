// core::Metrics: what each Observe* call renders, in the exact Prometheus text
// format (HELP/TYPE lines, labels, cumulative histogram buckets, _sum, _count),
// the bounded label sets, and sampled series.
#include "core/metrics.h"

#include <gtest/gtest.h>

#include <atomic>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace paramsafe::core {
namespace {

using namespace std::chrono_literals;

constexpr OperationName kOperations[] = {
    {"ssm", "GetParameter"},
    {"ssm", "PutParameter"},
    {"secretsmanager", "GetSecretValue"},
};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The sample lines of series `name` (exactly that name, with or without labels).
std::vector<std::string> Samples(const std::string& text, const std::string& name) {
  std::vector<std::string> out;
  for (const auto& line : Lines(text)) {
    if (line.starts_with(name + "{") || line.starts_with(name + " ")) out.push_back(line);
  }
  return out;
}

int CountLines(const std::string& text, const std::string& line) {
  int n = 0;
  for (const auto& l : Lines(text)) n += l == line ? 1 : 0;
  return n;
}

TEST(CoreMetrics, RequestsRenderOneCounterPerOutcomeInFirstSeenOrder) {
  Metrics m(kOperations);
  m.ObserveRequest("ssm", "GetParameter", "success", 300us);
  m.ObserveRequest("ssm", "GetParameter", "ParameterNotFound", 2ms);
  m.ObserveRequest("ssm", "GetParameter", "success", 1ms);
  const std::string text = m.RenderPrometheus();
  EXPECT_EQ(
      Samples(text, "paramsafe_requests_total"),
      (std::vector<std::string>{
          R"(paramsafe_requests_total{service="ssm",action="GetParameter",outcome="success"} 2)",
          R"(paramsafe_requests_total{service="ssm",action="GetParameter",outcome="ParameterNotFound"} 1)",
      }));
}

TEST(CoreMetrics, HistogramBucketsAreCumulativeWithSumAndCount) {
  Metrics m(kOperations);
  m.ObserveRequest("ssm", "GetParameter", "success", 300us);
  m.ObserveRequest("ssm", "GetParameter", "success", 500us);  // on a bound: le is inclusive
  m.ObserveRequest("ssm", "GetParameter", "ParameterNotFound", 2ms);
  m.ObserveRequest("ssm", "GetParameter", "success", 7s);  // past the last bound
  const std::string text = m.RenderPrometheus();
  const std::string p =
      R"(paramsafe_request_duration_seconds_bucket{service="ssm",action="GetParameter",le=)";
  EXPECT_EQ(Samples(text, "paramsafe_request_duration_seconds_bucket"), (std::vector<std::string>{
                                                                            p + R"("0.0005"} 2)",
                                                                            p + R"("0.001"} 2)",
                                                                            p + R"("0.0025"} 3)",
                                                                            p + R"("0.005"} 3)",
                                                                            p + R"("0.01"} 3)",
                                                                            p + R"("0.025"} 3)",
                                                                            p + R"("0.05"} 3)",
                                                                            p + R"("0.1"} 3)",
                                                                            p + R"("0.25"} 3)",
                                                                            p + R"("0.5"} 3)",
                                                                            p + R"("1"} 3)",
                                                                            p + R"("2.5"} 3)",
                                                                            p + R"("5"} 3)",
                                                                            p + R"("+Inf"} 4)",
                                                                        }));
  EXPECT_EQ(
      Samples(text, "paramsafe_request_duration_seconds_sum"),
      (std::vector<std::string>{
          R"(paramsafe_request_duration_seconds_sum{service="ssm",action="GetParameter"} 7.0028)"}));
  EXPECT_EQ(
      Samples(text, "paramsafe_request_duration_seconds_count"),
      (std::vector<std::string>{
          R"(paramsafe_request_duration_seconds_count{service="ssm",action="GetParameter"} 4)"}));
}

TEST(CoreMetrics, OperationsNeverObservedRenderNoSeries) {
  Metrics m(kOperations);
  m.ObserveRequest("secretsmanager", "GetSecretValue", "success", 1ms);
  const std::string text = m.RenderPrometheus();
  EXPECT_EQ(text.find("PutParameter"), std::string::npos);
  EXPECT_EQ(text.find("GetParameter"), std::string::npos);
  EXPECT_EQ(Samples(text, "paramsafe_request_duration_seconds_count").size(), 1u);
}

TEST(CoreMetrics, EveryFamilyHasOneHelpAndOneTypeLineEvenWhenEmpty) {
  Metrics m(kOperations);
  const std::string text = m.RenderPrometheus();
  const std::pair<const char*, const char*> families[] = {
      {"paramsafe_requests_total", "counter"},
      {"paramsafe_request_duration_seconds", "histogram"},
      {"paramsafe_authentications_total", "counter"},
      {"paramsafe_cache_requests_total", "counter"},
      {"paramsafe_jobs_total", "counter"},
      {"paramsafe_job_passes_total", "counter"},
      {"paramsafe_secret_reads_while_scheduled_total", "counter"},
  };
  for (const auto& [name, type] : families) {
    EXPECT_EQ(CountLines(text, std::string("# TYPE ") + name + " " + type), 1) << name;
    int help = 0;
    for (const auto& l : Lines(text)) help += l.starts_with(std::string("# HELP ") + name + " ");
    EXPECT_EQ(help, 1) << name;
  }
  // Nothing observed: only comments.
  for (const auto& l : Lines(text)) EXPECT_TRUE(l.starts_with("# ")) << l;
}

TEST(CoreMetrics, HelpAndTypeComeBeforeTheirSamples) {
  Metrics m(kOperations);
  m.ObserveRequest("ssm", "PutParameter", "success", 1ms);
  const auto lines = Lines(m.RenderPrometheus());
  std::size_t type_at = 0, sample_at = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i] == "# TYPE paramsafe_request_duration_seconds histogram") type_at = i;
    if (lines[i].starts_with("paramsafe_request_duration_seconds_bucket")) {
      sample_at = sample_at == 0 ? i : sample_at;
    }
  }
  EXPECT_GT(sample_at, type_at);
  EXPECT_EQ(lines[type_at - 1].rfind("# HELP paramsafe_request_duration_seconds ", 0), 0u);
}

TEST(CoreMetrics, UnlistedActionOfAListedServiceCountsAsThatServicesUnknown) {
  Metrics m(kOperations);
  m.ObserveRequest("ssm", "NoSuchOperation", "UnknownOperationException", 1ms);
  const std::string text = m.RenderPrometheus();
  EXPECT_EQ(
      Samples(text, "paramsafe_requests_total"),
      (std::vector<std::string>{
          R"(paramsafe_requests_total{service="ssm",action="unknown",outcome="UnknownOperationException"} 1)"}));
  EXPECT_EQ(text.find("NoSuchOperation"), std::string::npos);
}

TEST(CoreMetrics, UnlistedServiceCountsAsUnknownUnknown) {
  Metrics m(kOperations);
  m.ObserveRequest("s3", "GetParameter", "UnknownOperationException", 1ms);
  m.ObserveRequest("", "", "UnknownOperationException", 1ms);
  const std::string text = m.RenderPrometheus();
  EXPECT_EQ(
      Samples(text, "paramsafe_requests_total"),
      (std::vector<std::string>{
          R"(paramsafe_requests_total{service="unknown",action="unknown",outcome="UnknownOperationException"} 2)"}));
  EXPECT_EQ(text.find("s3"), std::string::npos);
}

TEST(CoreMetrics, WithoutAnOperationTableEveryRequestIsUnknown) {
  Metrics m;
  m.ObserveRequest("ssm", "GetParameter", "success", 1ms);
  EXPECT_EQ(
      Samples(m.RenderPrometheus(), "paramsafe_requests_total"),
      (std::vector<std::string>{
          R"(paramsafe_requests_total{service="unknown",action="unknown",outcome="success"} 1)"}));
}

TEST(CoreMetrics, OutcomesPerOperationAreBounded) {
  Metrics m(kOperations);
  const int kDistinct = static_cast<int>(Metrics::kMaxOutcomesPerOperation) + 20;
  for (int i = 0; i < kDistinct; ++i) {
    m.ObserveRequest("ssm", "GetParameter", "Error" + std::to_string(i), 1ms);
  }
  const auto samples = Samples(m.RenderPrometheus(), "paramsafe_requests_total");
  ASSERT_EQ(samples.size(), Metrics::kMaxOutcomesPerOperation + 1);
  EXPECT_EQ(samples.back(),
            R"(paramsafe_requests_total{service="ssm",action="GetParameter",outcome="other"} 20)");
}

TEST(CoreMetrics, AuthenticationsCountByOutcome) {
  Metrics m;
  m.ObserveAuthentication("success");
  m.ObserveAuthentication("success");
  m.ObserveAuthentication("InvalidSignatureException");
  EXPECT_EQ(Samples(m.RenderPrometheus(), "paramsafe_authentications_total"),
            (std::vector<std::string>{
                R"(paramsafe_authentications_total{outcome="success"} 2)",
                R"(paramsafe_authentications_total{outcome="InvalidSignatureException"} 1)"}));
}

TEST(CoreMetrics, CacheLookupsCountByCacheAndResult) {
  Metrics m;
  m.ObserveCache("parameter", true);
  m.ObserveCache("parameter", false);
  m.ObserveCache("parameter", true);
  m.ObserveCache("access_key", false);
  EXPECT_EQ(Samples(m.RenderPrometheus(), "paramsafe_cache_requests_total"),
            (std::vector<std::string>{
                R"(paramsafe_cache_requests_total{cache="parameter",result="hit"} 2)",
                R"(paramsafe_cache_requests_total{cache="parameter",result="miss"} 1)",
                R"(paramsafe_cache_requests_total{cache="access_key",result="miss"} 1)"}));
}

TEST(CoreMetrics, JobsCountByKindAndOutcomeAndPassesByOutcome) {
  Metrics m;
  m.ObserveJob("secret-purge", "success");
  m.ObserveJob("parameter-expiration", "failure");
  m.ObserveJobPass(true);
  m.ObserveJobPass(false);
  m.ObserveJobPass(true);
  const std::string text = m.RenderPrometheus();
  EXPECT_EQ(Samples(text, "paramsafe_jobs_total"),
            (std::vector<std::string>{
                R"(paramsafe_jobs_total{kind="secret-purge",outcome="success"} 1)",
                R"(paramsafe_jobs_total{kind="parameter-expiration",outcome="failure"} 1)"}));
  EXPECT_EQ(Samples(text, "paramsafe_job_passes_total"),
            (std::vector<std::string>{R"(paramsafe_job_passes_total{outcome="success"} 2)",
                                      R"(paramsafe_job_passes_total{outcome="failure"} 1)"}));
}

TEST(CoreMetrics, ReadsWhileScheduledCountByOperation) {
  Metrics m;
  m.ObserveReadWhileScheduled("GetSecretValue");
  m.ObserveReadWhileScheduled("BatchGetSecretValue");
  m.ObserveReadWhileScheduled("GetSecretValue");
  EXPECT_EQ(
      Samples(m.RenderPrometheus(), "paramsafe_secret_reads_while_scheduled_total"),
      (std::vector<std::string>{
          R"(paramsafe_secret_reads_while_scheduled_total{operation="GetSecretValue"} 2)",
          R"(paramsafe_secret_reads_while_scheduled_total{operation="BatchGetSecretValue"} 1)"}));
}

TEST(CoreMetrics, LabelValuesAreEscapedWhenRendered) {
  Metrics m;
  m.ObserveCache("we\"ird\\name\nx", true);
  EXPECT_EQ(Samples(m.RenderPrometheus(), "paramsafe_cache_requests_total"),
            (std::vector<std::string>{
                R"(paramsafe_cache_requests_total{cache="we\"ird\\name\nx",result="hit"} 1)"}));
}

TEST(CoreMetrics, SampledSeriesOfOneNameShareOneFamily) {
  Metrics m;
  std::atomic<int> in_use{3};
  m.AddSampled("paramsafe_db_pool_connections", "Connections by state.",
               Metrics::SampleType::kGauge, {{"pool", "main"}, {"state", "in_use"}},
               [&] { return static_cast<double>(in_use.load()); });
  m.AddSampled("paramsafe_db_pool_size", "Pool size.", Metrics::SampleType::kGauge,
               {{"pool", "main"}}, [] { return 8.0; });
  m.AddSampled("paramsafe_db_pool_connections", "ignored: the family's help is the first",
               Metrics::SampleType::kGauge, {{"pool", "main"}, {"state", "idle"}},
               [] { return 5.0; });
  m.AddSampled("paramsafe_db_pool_waits_total", "Waits.", Metrics::SampleType::kCounter,
               {{"pool", "main"}}, [] { return 12.0; });
  in_use = 4;  // read at render time, not at registration
  const std::string text = m.RenderPrometheus();
  const std::string expected =
      "# HELP paramsafe_db_pool_connections Connections by state.\n"
      "# TYPE paramsafe_db_pool_connections gauge\n"
      "paramsafe_db_pool_connections{pool=\"main\",state=\"in_use\"} 4\n"
      "paramsafe_db_pool_connections{pool=\"main\",state=\"idle\"} 5\n"
      "# HELP paramsafe_db_pool_size Pool size.\n"
      "# TYPE paramsafe_db_pool_size gauge\n"
      "paramsafe_db_pool_size{pool=\"main\"} 8\n"
      "# HELP paramsafe_db_pool_waits_total Waits.\n"
      "# TYPE paramsafe_db_pool_waits_total counter\n"
      "paramsafe_db_pool_waits_total{pool=\"main\"} 12\n";
  ASSERT_TRUE(text.ends_with(expected)) << text;
}

TEST(CoreMetrics, AddGaugeIsAnUnlabelledGauge) {
  Metrics m;
  m.AddGauge("paramsafe_up", "One when serving.", [] { return 1.0; });
  EXPECT_TRUE(m.RenderPrometheus().ends_with(
      "# HELP paramsafe_up One when serving.\n# TYPE paramsafe_up gauge\nparamsafe_up 1\n"));
}

TEST(CoreMetrics, InvalidOrCollidingSampledSeriesAreIgnored) {
  Metrics m;
  auto one = [] { return 1.0; };
  m.AddGauge("bad-name", "x", one);
  m.AddGauge("paramsafe_requests_total", "collides with a built-in", one);
  m.AddGauge("paramsafe_request_duration_seconds_sum", "collides with the histogram", one);
  m.AddSampled("g", "x", Metrics::SampleType::kGauge, {{"__name__", "x"}}, one);
  m.AddSampled("g", "x", Metrics::SampleType::kGauge, {{"a", "1"}, {"a", "2"}}, one);
  m.AddGauge("g", "x", nullptr);
  m.AddSampled("c_total", "x", Metrics::SampleType::kCounter, {}, one);
  m.AddSampled("c_total", "same name, other type", Metrics::SampleType::kGauge, {}, one);
  const std::string text = m.RenderPrometheus();
  EXPECT_EQ(text.find("bad-name"), std::string::npos);
  EXPECT_EQ(text.find("collides"), std::string::npos);
  EXPECT_EQ(text.find("\ng"), std::string::npos);
  EXPECT_EQ(CountLines(text, "c_total 1"), 1);
  EXPECT_EQ(text.find("other type"), std::string::npos);
}

TEST(CoreMetrics, EveryLineIsACommentOrAWellFormedSample) {
  Metrics m(kOperations);
  m.ObserveRequest("ssm", "GetParameter", "success", 3ms);
  m.ObserveRequest("nope", "x", "UnknownOperationException", 3ms);
  m.ObserveAuthentication("success");
  m.ObserveCache("parameter", true);
  m.ObserveJob("secret-purge", "success");
  m.ObserveJobPass(true);
  m.ObserveReadWhileScheduled("GetSecretValue");
  m.AddGauge("g", "h", [] { return 0.25; });
  const std::regex sample(
      R"re(^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\["\\n])*",?)*\})? (-?[0-9.e+-]+|\+Inf|-Inf|NaN)$)re");
  const std::string text = m.RenderPrometheus();
  ASSERT_TRUE(text.ends_with("\n"));
  for (const auto& line : Lines(text)) {
    if (line.starts_with("# HELP ") || line.starts_with("# TYPE ")) continue;
    EXPECT_TRUE(std::regex_match(line, sample)) << line;
  }
}

TEST(CoreMetrics, ConcurrentObservationsAreAllCountedWhileRendering) {
  Metrics m(kOperations);
  constexpr int kThreads = 4, kPerThread = 5000;
  std::atomic<bool> stop{false};
  std::thread renderer([&] {
    while (!stop) (void)m.RenderPrometheus();
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&m] {
      for (int i = 0; i < kPerThread; ++i) {
        m.ObserveRequest("ssm", "GetParameter", i % 2 ? "success" : "ParameterNotFound", 1ms);
        m.ObserveCache("parameter", i % 3 == 0);
      }
    });
  }
  for (auto& th : threads) th.join();
  stop = true;
  renderer.join();
  const std::string text = m.RenderPrometheus();
  const int half = kThreads * kPerThread / 2;
  EXPECT_EQ(
      CountLines(
          text,
          R"(paramsafe_requests_total{service="ssm",action="GetParameter",outcome="success"} )" +
              std::to_string(half)),
      1);
  EXPECT_EQ(
      CountLines(
          text,
          R"(paramsafe_request_duration_seconds_count{service="ssm",action="GetParameter"} )" +
              std::to_string(2 * half)),
      1);
}

}  // namespace
}  // namespace paramsafe::core
