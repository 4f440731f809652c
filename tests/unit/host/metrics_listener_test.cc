// paramsafe-server's metrics listener against the fake plugins, through real TCP.
#include "metrics_listener.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "plugin_loader.h"
#include "test_client.h"

namespace paramsafe::host {
namespace {

using testing::TestClient;
using testing::TestResponse;

// fake_plugin.c's kFakeMetrics.
constexpr const char* kFakeMetrics =
    "# HELP fake_requests_total Requests.\n"
    "# TYPE fake_requests_total counter\n"
    "fake_requests_total{outcome=\"success\"} 3\n";

class HostMetricsListenerTest : public ::testing::Test {
 protected:
  void Start(const char* plugin_path = FAKE_PLUGIN_PATH, const char* config = "{}") {
    std::string error;
    plugin_ = Plugin::Load(plugin_path, &error);
    ASSERT_TRUE(plugin_) << error;
    ASSERT_TRUE(plugin_->Open(config, &error)) << error;
    MetricsListenerOptions o;
    o.port = 0;
    o.timeout = std::chrono::milliseconds(2000);
    listener_ = std::make_unique<MetricsListener>(o, *plugin_);
    ASSERT_TRUE(listener_->Listen(&error)) << error;
    port_ = listener_->port();
    listener_->Start();
  }

  void TearDown() override {
    listener_.reset();  // stops it before the plugin goes
  }

  TestResponse Get(const std::string& target, const std::string& method = "GET") {
    TestClient c(port_);
    return c.Send({method, target, {}, ""});
  }

  std::unique_ptr<Plugin> plugin_;
  std::unique_ptr<MetricsListener> listener_;
  uint16_t port_ = 0;
};

TEST_F(HostMetricsListenerTest, GetMetricsAnswersThePluginsTextUnchanged) {
  Start();
  TestResponse r = Get("/metrics");
  EXPECT_EQ(r.status, 200u) << r.error;
  EXPECT_EQ(r.header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(r.body, kFakeMetrics);
  EXPECT_EQ(r.header("content-length"), std::to_string(r.body.size()));
}

TEST_F(HostMetricsListenerTest, QueryStringIsIgnored) {
  Start();
  TestResponse r = Get("/metrics?name[]=x");
  EXPECT_EQ(r.status, 200u) << r.error;
  EXPECT_EQ(r.body, kFakeMetrics);
}

TEST_F(HostMetricsListenerTest, HeadMetricsHasTheLengthButNoBody) {
  Start();
  TestClient c(port_);
  c.WriteRaw("HEAD /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
  TestResponse r = c.Read(/*head_request=*/true);
  EXPECT_EQ(r.status, 200u) << r.error;
  EXPECT_EQ(r.header("content-length"), std::to_string(std::string(kFakeMetrics).size()));
  EXPECT_EQ(r.body, "");
}

TEST_F(HostMetricsListenerTest, KeepAliveServesSeveralScrapesOnOneConnection) {
  Start();
  TestClient c(port_);
  for (int i = 0; i < 3; ++i) {
    TestResponse r = c.Send({"GET", "/metrics", {}, ""});
    EXPECT_EQ(r.status, 200u) << r.error;
    EXPECT_TRUE(r.keep_alive);
    EXPECT_EQ(r.body, kFakeMetrics);
  }
}

TEST_F(HostMetricsListenerTest, OtherPathsAreNotFound) {
  Start();
  for (const char* path : {"/", "/health", "/metrics/", "/metricsx"}) {
    TestResponse r = Get(path);
    EXPECT_EQ(r.status, 404u) << path << " " << r.error;
    EXPECT_EQ(r.body.find("fake_requests_total"), std::string::npos) << path;
  }
}

TEST_F(HostMetricsListenerTest, ApiCallsAreNotServedHere) {
  Start();
  TestClient c(port_);
  TestResponse r = c.Send({"POST", "/", {{"X-Amz-Target", "AmazonSSM.GetParameter"}}, "{}"});
  EXPECT_EQ(r.status, 404u) << r.error;
}

TEST_F(HostMetricsListenerTest, OtherMethodsOnMetricsAreRefused) {
  Start();
  TestResponse r = Get("/metrics", "POST");
  EXPECT_EQ(r.status, 405u) << r.error;
  EXPECT_EQ(r.header("allow"), "GET, HEAD");
}

TEST_F(HostMetricsListenerTest, Abi10PluginHasNoMetricsAndSaysSo) {
  Start(FAKE_PLUGIN_ABI_1_0_PATH);
  TestResponse r = Get("/metrics");
  EXPECT_EQ(r.status, 404u) << r.error;
  EXPECT_NE(r.body.find("has no metrics slot"), std::string::npos) << r.body;
}

TEST_F(HostMetricsListenerTest, FailingSlotAnswers500WithTheErrorType) {
  Start(FAKE_PLUGIN_PATH, R"({"x":"broken-metrics"})");
  TestResponse r = Get("/metrics");
  EXPECT_EQ(r.status, 500u) << r.error;
  EXPECT_NE(r.body.find("InternalFailure"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("fake_requests_total"), std::string::npos);
}

TEST_F(HostMetricsListenerTest, MalformedRequestIsRefused) {
  Start();
  TestClient c(port_);
  c.WriteRaw("NOT-HTTP\r\n\r\n");
  TestResponse r = c.Read();
  EXPECT_EQ(r.status, 400u) << r.error;
}

TEST_F(HostMetricsListenerTest, StopClosesTheListeningSocketAndOpenConnections) {
  Start();
  TestClient idle(port_);
  ASSERT_EQ(idle.Send({"GET", "/metrics", {}, ""}).status, 200u);
  listener_->Stop();
  EXPECT_TRUE(idle.WaitForClose(std::chrono::milliseconds(2000)).has_value());
  // Nobody listens any more: the connection is refused.
  EXPECT_ANY_THROW(TestClient late(port_));
  listener_->Stop();  // idempotent
}

TEST_F(HostMetricsListenerTest, PortInUseIsReportedByListen) {
  Start();
  MetricsListenerOptions o;
  o.port = port_;
  MetricsListener second(o, *plugin_);
  std::string error;
  EXPECT_FALSE(second.Listen(&error));
  EXPECT_NE(error.find("cannot listen for metrics on 127.0.0.1:" + std::to_string(port_)),
            std::string::npos)
      << error;
}

}  // namespace
}  // namespace paramsafe::host
