// A blocking HTTP/1.1 client over one TCP connection, for the host's tests. Beast
// stays inside test_client.cc. Not thread-safe; one client per thread.
#ifndef PARAMSAFE_TESTS_UNIT_HOST_TEST_CLIENT_H_
#define PARAMSAFE_TESTS_UNIT_HOST_TEST_CLIENT_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace paramsafe::host::testing {

struct TestRequest {
  std::string method = "POST";
  std::string target = "/";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct TestResponse {
  unsigned status = 0;                         // 0: no response (error says why)
  std::map<std::string, std::string> headers;  // names lowercased
  std::string body;
  bool keep_alive = false;
  std::string error;

  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// POST / with X-Amz-Target (when non-empty) and Authorization (when non-empty).
TestRequest ApiRequest(std::string target, std::string authorization, std::string body);

class TestClient {
 public:
  explicit TestClient(uint16_t port);  // connects to 127.0.0.1:port
  ~TestClient();

  TestResponse Send(const TestRequest& request);  // write + read one response
  void WriteRaw(std::string_view bytes);
  // Reads one response (a 100 Continue counts as one). A response to HEAD has no
  // body whatever its Content-Length says: pass head_request for it.
  TestResponse Read(bool head_request = false);

  // Waits up to `max` for the server to close the connection (EOF or reset),
  // discarding anything else it sends. Returns the time it took, or nullopt.
  std::optional<std::chrono::milliseconds> WaitForClose(std::chrono::milliseconds max);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace paramsafe::host::testing

#endif  // PARAMSAFE_TESTS_UNIT_HOST_TEST_CLIENT_H_
