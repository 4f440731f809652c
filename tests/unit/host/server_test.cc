// paramsafe-server's HTTP behaviour against the fake plugin, through real TCP.
#include "server.h"

#include <dlfcn.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cstring>
#include <future>
#include <string>
#include <thread>

#include "plugin_loader.h"
#include "test_client.h"
#include "test_util.h"

namespace paramsafe::host {
namespace {

using std::chrono::milliseconds;
using testing::ApiRequest;
using testing::TestClient;
using testing::TestRequest;
using testing::TestResponse;

boost::json::value ParseJson(const std::string& body) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  EXPECT_FALSE(ec) << "not JSON: " << body;
  return v;
}

std::string Member(const boost::json::value& v, const char* name) {
  if (!v.is_object()) return "<not an object>";
  const auto* m = v.as_object().if_contains(name);
  if (m == nullptr) return "<missing>";
  if (m->is_string()) return std::string(m->as_string());
  return boost::json::serialize(*m);
}

// Checks the framing every answer carries, and for errors the AWS error shape.
void ExpectAwsFraming(const TestResponse& r) {
  EXPECT_EQ(r.header("content-type"), "application/x-amz-json-1.1");
  EXPECT_TRUE(testing::IsUuid4(r.header("x-amzn-requestid"))) << r.header("x-amzn-requestid");
  EXPECT_TRUE(r.header("date").ends_with(" GMT")) << r.header("date");
  EXPECT_EQ(r.header("content-length"), std::to_string(r.body.size()));
}

void ExpectAwsError(const TestResponse& r, unsigned status, const std::string& type) {
  EXPECT_EQ(r.status, status) << r.error << r.body;
  ExpectAwsFraming(r);
  EXPECT_EQ(r.header("x-amzn-errortype"), type);
  auto v = ParseJson(r.body);
  EXPECT_EQ(Member(v, "__type"), type);
  EXPECT_NE(Member(v, "message"), "<missing>");
}

// Waits until the fake plugin runs `n` invoke() calls (read through the fake's own
// exported counter), so tests need not guess with sleeps.
bool WaitForCallsInProgress(int n) {
  void* lib = dlopen(FAKE_PLUGIN_PATH, RTLD_NOW | RTLD_NOLOAD);
  if (lib == nullptr) return false;
  void* sym = dlsym(lib, "fake_plugin_calls_in_progress");
  int (*count)() = nullptr;
  if (sym != nullptr) std::memcpy(&count, &sym, sizeof(count));
  bool reached = false;
  for (int i = 0; count != nullptr && i < 500 && !reached; ++i) {
    reached = count() == n;
    if (!reached) std::this_thread::sleep_for(milliseconds(10));
  }
  dlclose(lib);
  return reached;
}

class HostServerTest : public ::testing::Test {
 protected:
  static ServerOptions TestOptions() {
    ServerOptions o;
    o.host = "127.0.0.1";
    o.port = 0;
    o.io_threads = 2;
    o.workers = 2;
    o.queue_capacity = 16;
    o.max_body_bytes = 4096;
    o.max_header_bytes = 2048;
    o.read_timeout = milliseconds(2000);
    o.idle_timeout = milliseconds(2000);
    o.write_timeout = milliseconds(2000);
    o.shutdown_grace = milliseconds(3000);
    return o;
  }

  void Start(ServerOptions options = TestOptions()) {
    std::string error;
    plugin_ = Plugin::Load(FAKE_PLUGIN_PATH, &error);
    ASSERT_TRUE(plugin_) << error;
    ASSERT_TRUE(plugin_->Open("{}", &error)) << error;
    server_ = std::make_unique<Server>(options, *plugin_);
    ASSERT_TRUE(server_->Listen(&error)) << error;
    port_ = server_->port();
    run_ = std::async(std::launch::async, [this] { return server_->Run(); });
  }

  // Returns Run()'s result.
  bool StopServer() {
    server_->Stop();
    bool clean = run_.get();
    server_.reset();
    return clean;
  }

  void TearDown() override {
    if (server_) StopServer();
  }

  std::unique_ptr<Plugin> plugin_;
  std::unique_ptr<Server> server_;
  std::future<bool> run_;
  uint16_t port_ = 0;
};

TEST_F(HostServerTest, HealthAnswersOkWithoutAuthentication) {
  Start();
  TestClient c(port_);
  TestResponse r = c.Send({"GET", "/health", {}, ""});
  EXPECT_EQ(r.status, 200u) << r.error;
  EXPECT_EQ(r.body, R"({"status":"ok"})");
  ExpectAwsFraming(r);
  EXPECT_EQ(r.header("x-amzn-errortype"), "");
}

TEST_F(HostServerTest, HeadHealthHasNoBody) {
  Start();
  TestClient c(port_);
  c.WriteRaw("HEAD /health HTTP/1.1\r\nHost: x\r\n\r\nGET /health HTTP/1.1\r\nHost: x\r\n\r\n");
  TestResponse head = c.Read(/*head_request=*/true);
  EXPECT_EQ(head.status, 200u) << head.error;
  EXPECT_EQ(head.header("content-length"), "15");
  EXPECT_EQ(head.body, "");
  // Had the HEAD answer carried a body, it would show up as this one's start.
  TestResponse get = c.Read();
  EXPECT_EQ(get.status, 200u) << get.error;
  EXPECT_EQ(get.body, R"({"status":"ok"})");
}

TEST_F(HostServerTest, PipelinedRequestsAreAnsweredInOrder) {
  Start();
  TestClient c(port_);
  c.WriteRaw(
      "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
      "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AmazonSSM.GetParameter\r\n"
      "Authorization: good\r\nContent-Length: 2\r\n\r\n{}");
  TestResponse first = c.Read();
  TestResponse second = c.Read();
  EXPECT_EQ(first.body, R"({"status":"ok"})");
  EXPECT_EQ(second.status, 200u) << second.error;
  EXPECT_NE(second.body.find("AmazonSSM.GetParameter"), std::string::npos);
}

TEST_F(HostServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  Start();
  TestClient c(port_);
  TestResponse first = c.Send(ApiRequest("AmazonSSM.GetParameter", "good", "{}"));
  TestResponse second = c.Send({"GET", "/health", {}, ""});
  EXPECT_EQ(first.status, 200u) << first.error;
  EXPECT_TRUE(first.keep_alive);
  EXPECT_EQ(second.status, 200u) << second.error;
  EXPECT_NE(first.header("x-amzn-requestid"), second.header("x-amzn-requestid"));
}

TEST_F(HostServerTest, AuthenticatedCallReachesPluginWithRequestDetails) {
  Start();
  TestClient c(port_);
  TestResponse r = c.Send(ApiRequest("AmazonSSM.GetParameter", "good", R"({"Name": "/x"})"));
  ASSERT_EQ(r.status, 200u) << r.error << r.body;
  ExpectAwsFraming(r);
  auto v = ParseJson(r.body);
  EXPECT_EQ(Member(v, "target"), "AmazonSSM.GetParameter");
  EXPECT_EQ(Member(v, "body_length"), "14");
  EXPECT_EQ(Member(v, "request_id"), r.header("x-amzn-requestid"));
  EXPECT_EQ(Member(v, "source_ip"), "127.0.0.1");
  EXPECT_EQ(Member(v, "principal"), "arn:aws:iam::123456789012:user/tester");
}

TEST_F(HostServerTest, RefusedAuthenticationIsAnAwsError) {
  Start();
  TestClient c(port_);
  TestResponse r = c.Send(ApiRequest("AmazonSSM.GetParameter", "bad", "{}"));
  ExpectAwsError(r, 400, "InvalidSignatureException");
  EXPECT_TRUE(r.keep_alive);
}

TEST_F(HostServerTest, ErrorMessageWithQuotesIsEscapedJson) {
  Start();
  TestClient c(port_);
  TestResponse r = c.Send(ApiRequest("AmazonSSM.GetParameter", "quote", "{}"));
  ExpectAwsError(r, 400, "InvalidSignatureException");
  EXPECT_EQ(Member(ParseJson(r.body), "message"), "He said \"no\" \\ then left\n\ttab </script>");
  EXPECT_NE(r.body.find(R"(He said \"no\" \\ then left\n\t)"), std::string::npos) << r.body;
}

TEST_F(HostServerTest, UnknownTargetIsAnsweredByThePlugin) {
  Start();
  TestClient c(port_);
  ExpectAwsError(c.Send(ApiRequest("AmazonSSM.Nope", "good", "{}")), 400,
                 "UnknownOperationException");
}

TEST_F(HostServerTest, MissingTargetIsUnknownOperation) {
  Start();
  TestClient c(port_);
  ExpectAwsError(c.Send(ApiRequest("", "good", "{}")), 400, "UnknownOperationException");
}

TEST_F(HostServerTest, OtherRoutesAreNotFoundAndKeepTheConnection) {
  Start();
  TestClient c(port_);
  ExpectAwsError(c.Send({"GET", "/", {}, ""}), 404, "NotFoundException");
  ExpectAwsError(c.Send({"POST", "/other", {{"X-Amz-Target", "AmazonSSM.GetParameter"}}, "{}"}),
                 404, "NotFoundException");
  EXPECT_EQ(c.Send({"GET", "/health", {}, ""}).status, 200u);
}

TEST_F(HostServerTest, ApiPortDoesNotServeMetrics) {
  // Metrics have their own listener (metrics_listener.h); the API port answers
  // /metrics like any unknown route, with an AWS error and no metrics text.
  Start();
  TestClient c(port_);
  TestResponse r = c.Send({"GET", "/metrics", {}, ""});
  ExpectAwsError(r, 404, "NotFoundException");
  EXPECT_EQ(r.body.find("fake_requests_total"), std::string::npos);
}

TEST_F(HostServerTest, NegativePluginCodeIsInternalFailure) {
  Start();
  TestClient c(port_);
  ExpectAwsError(c.Send(ApiRequest("AmazonSSM.Negative", "good", "{}")), 500, "InternalFailure");
  ExpectAwsError(c.Send(ApiRequest("AmazonSSM.NoSink", "good", "{}")), 500, "InternalFailure");
}

TEST_F(HostServerTest, DeclaredOversizedBodyIs413AndCloses) {
  Start();
  TestClient c(port_);
  // Only the header: the server must answer without waiting for the body.
  c.WriteRaw(
      "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AmazonSSM.GetParameter\r\n"
      "Content-Length: 100000\r\n\r\n");
  TestResponse r = c.Read();
  ExpectAwsError(r, 413, "RequestEntityTooLarge");
  EXPECT_FALSE(r.keep_alive);
  EXPECT_TRUE(c.WaitForClose(milliseconds(3000)));
}

TEST_F(HostServerTest, SentOversizedBodyIs413AndCloses) {
  Start();
  TestClient c(port_);
  TestResponse r =
      c.Send(ApiRequest("AmazonSSM.GetParameter", "good", std::string(64 * 1024, 'x')));
  ExpectAwsError(r, 413, "RequestEntityTooLarge");
  EXPECT_TRUE(c.WaitForClose(milliseconds(3000)));
}

TEST_F(HostServerTest, OversizedHeaderIs431AndCloses) {
  Start();
  TestClient c(port_);
  TestRequest req = ApiRequest("AmazonSSM.GetParameter", "good", "{}");
  req.headers.emplace_back("X-Padding", std::string(4096, 'p'));
  ExpectAwsError(c.Send(req), 431, "RequestHeaderFieldsTooLarge");
  EXPECT_TRUE(c.WaitForClose(milliseconds(3000)));
}

TEST_F(HostServerTest, MalformedRequestIs400AndCloses) {
  Start();
  TestClient c(port_);
  c.WriteRaw("NOT HTTP AT ALL\r\n\r\n");
  ExpectAwsError(c.Read(), 400, "BadRequestException");
  EXPECT_TRUE(c.WaitForClose(milliseconds(3000)));
}

TEST_F(HostServerTest, SlowClientIsClosedAfterTheReadDeadline) {
  ServerOptions o = TestOptions();
  o.read_timeout = milliseconds(300);
  Start(o);
  TestClient c(port_);
  c.WriteRaw("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Tar");  // ... and nothing more
  auto closed = c.WaitForClose(milliseconds(3000));
  ASSERT_TRUE(closed);
  EXPECT_GE(closed->count(), 250);
  EXPECT_LT(closed->count(), 1500);
}

TEST_F(HostServerTest, SlowBodyIsClosedAfterTheReadDeadline) {
  ServerOptions o = TestOptions();
  o.read_timeout = milliseconds(300);
  Start(o);
  TestClient c(port_);
  c.WriteRaw("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{\"a\"");
  auto closed = c.WaitForClose(milliseconds(3000));
  ASSERT_TRUE(closed);
  EXPECT_LT(closed->count(), 1500);
}

TEST_F(HostServerTest, SilentNewConnectionIsClosedAfterTheReadDeadline) {
  ServerOptions o = TestOptions();
  o.read_timeout = milliseconds(300);
  o.idle_timeout = milliseconds(60'000);
  Start(o);
  TestClient c(port_);
  auto closed = c.WaitForClose(milliseconds(3000));
  ASSERT_TRUE(closed);
  EXPECT_LT(closed->count(), 1500);
}

TEST_F(HostServerTest, IdleKeepAliveConnectionIsClosedAfterTheIdleTimeout) {
  ServerOptions o = TestOptions();
  o.read_timeout = milliseconds(5000);
  o.idle_timeout = milliseconds(400);
  Start(o);
  TestClient c(port_);
  ASSERT_EQ(c.Send({"GET", "/health", {}, ""}).status, 200u);
  auto closed = c.WaitForClose(milliseconds(3000));
  ASSERT_TRUE(closed);
  EXPECT_GE(closed->count(), 300);
  EXPECT_LT(closed->count(), 2000);
}

TEST_F(HostServerTest, ExpectContinueGetsInterimResponse) {
  Start();
  TestClient c(port_);
  c.WriteRaw(
      "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AmazonSSM.GetParameter\r\n"
      "Authorization: good\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
  EXPECT_EQ(c.Read().status, 100u);
  c.WriteRaw("{}");
  EXPECT_EQ(c.Read().status, 200u);
}

TEST_F(HostServerTest, FullQueueAnswers503) {
  ServerOptions o = TestOptions();
  o.workers = 1;
  o.queue_capacity = 1;
  Start(o);
  auto call = [this](const char* target) {
    TestClient c(port_);
    return c.Send(ApiRequest(target, "good", "{}")).status;
  };
  // The first call occupies the only worker for 1.5 s, the second fills the queue.
  auto first = std::async(std::launch::async, call, "AmazonSSM.VerySlow");
  ASSERT_TRUE(WaitForCallsInProgress(1));
  auto second = std::async(std::launch::async, call, "AmazonSSM.GetParameter");
  std::this_thread::sleep_for(milliseconds(200));
  TestClient c(port_);
  ExpectAwsError(c.Send(ApiRequest("AmazonSSM.GetParameter", "good", "{}")), 503,
                 "ServiceUnavailable");
  EXPECT_EQ(first.get(), 200u);
  EXPECT_EQ(second.get(), 200u);
}

TEST_F(HostServerTest, StopFinishesInFlightRequestsAndClosesIdleOnes) {
  Start();
  TestClient idle(port_);
  ASSERT_EQ(idle.Send({"GET", "/health", {}, ""}).status, 200u);
  auto in_flight = std::async(std::launch::async, [this] {
    TestClient c(port_);
    return c.Send(ApiRequest("AmazonSSM.Slow", "good", "{}"));
  });
  ASSERT_TRUE(WaitForCallsInProgress(1));
  server_->Stop();
  EXPECT_TRUE(idle.WaitForClose(milliseconds(1000)));
  TestResponse r = in_flight.get();
  EXPECT_EQ(r.status, 200u) << r.error;
  EXPECT_FALSE(r.keep_alive);
  EXPECT_TRUE(StopServer());
}

TEST_F(HostServerTest, LogsOneLineWithoutSecrets) {
  ServerOptions o = TestOptions();
  o.log_requests = true;
  Start(o);
  ::testing::internal::CaptureStderr();
  TestResponse r;
  {
    TestClient c(port_);
    r = c.Send(ApiRequest("AmazonSSM.GetParameter", "good", R"({"Value":"hunter2"})"));
  }
  // The line is written after the response is sent; stopping waits for it.
  EXPECT_TRUE(StopServer());
  std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(log.find("POST AmazonSSM.GetParameter 200 "), std::string::npos) << log;
  EXPECT_NE(log.find(r.header("x-amzn-requestid")), std::string::npos) << log;
  EXPECT_EQ(log.find("hunter2"), std::string::npos);
  EXPECT_EQ(log.find("good"), std::string::npos);
}

}  // namespace
}  // namespace paramsafe::host
