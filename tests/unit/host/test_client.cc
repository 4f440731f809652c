#include "test_client.h"

#include <poll.h>
#include <sys/socket.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>

namespace paramsafe::host::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct TestClient::Impl {
  asio::io_context ioc;
  tcp::socket socket{ioc};
  beast::flat_buffer buffer;
};

TestRequest ApiRequest(std::string target, std::string authorization, std::string body) {
  TestRequest r;
  if (!target.empty()) r.headers.emplace_back("X-Amz-Target", std::move(target));
  if (!authorization.empty()) r.headers.emplace_back("Authorization", std::move(authorization));
  r.headers.emplace_back("Content-Type", "application/x-amz-json-1.1");
  r.body = std::move(body);
  return r;
}

TestClient::TestClient(uint16_t port) : impl_(std::make_unique<Impl>()) {
  impl_->socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
}

TestClient::~TestClient() = default;

TestResponse TestClient::Send(const TestRequest& request) {
  http::request<http::string_body> req;
  req.version(11);
  req.method_string(request.method);
  req.target(request.target);
  req.set(http::field::host, "127.0.0.1");
  for (const auto& [name, value] : request.headers) req.insert(name, value);
  req.body() = request.body;
  req.prepare_payload();
  beast::error_code ec;
  http::write(impl_->socket, req, ec);
  if (ec) return TestResponse{0, {}, {}, false, "write: " + ec.message()};
  return Read();
}

void TestClient::WriteRaw(std::string_view bytes) {
  asio::write(impl_->socket, asio::buffer(bytes.data(), bytes.size()));
}

TestResponse TestClient::Read(bool head_request) {
  http::response_parser<http::string_body> parser;
  parser.skip(head_request);
  parser.body_limit(16 * 1024 * 1024);
  beast::error_code ec;
  http::read(impl_->socket, impl_->buffer, parser, ec);
  TestResponse out;
  if (ec) {
    out.error = "read: " + ec.message();
    return out;
  }
  auto& res = parser.get();
  out.status = res.result_int();
  for (const auto& f : res) {
    std::string name(f.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(f.value());
  }
  out.body = res.body();
  out.keep_alive = res.keep_alive();
  return out;
}

std::optional<std::chrono::milliseconds> TestClient::WaitForClose(std::chrono::milliseconds max) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto deadline = start + max;
  const int fd = impl_->socket.native_handle();
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd p{fd, POLLIN, 0};
    int n = ::poll(&p, 1, static_cast<int>(left.count()));
    if (n <= 0) continue;
    char buf[4096];
    ssize_t got = ::recv(fd, buf, sizeof(buf), 0);
    if (got <= 0) {
      return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    }
  }
}

}  // namespace paramsafe::host::testing
