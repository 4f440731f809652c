// bare_beast: the reference the benchmark compares paramsafe-server against.
//
// The simplest efficient Boost.Beast HTTP/1.1 keep-alive server: every request, of
// any method and path, gets 200 with the same 200-byte JSON body. It uses the same
// model as paramsafe-server (one io_context run by N threads, one strand per
// connection, asynchronous read/write, flat_buffer + string_body parser, TCP_NODELAY,
// a deadline per read) but no worker pool, no plugin, no request id, no Date, so the
// difference between the two is the cost of what paramsafe-server adds.
//
//   bare_beast --listen 127.0.0.1:PORT --threads N
// prints "bare_beast listening on http://HOST:PORT" once listening; SIGINT/SIGTERM
// stop it.
#include <algorithm>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace po = boost::program_options;
using tcp = asio::ip::tcp;

// Exactly 200 bytes, checked below.
constexpr std::string_view kBody =
    R"({"Parameter":{"Name":"/bench/reference","Type":"String","Value":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",)"
    R"("Version":1,"LastModifiedDate":1712345678.901,"DataType":"text"}})";
static_assert(kBody.size() == 200);

constexpr auto kTimeout = std::chrono::seconds(60);

class Session : public std::enable_shared_from_this<Session> {
 public:
  explicit Session(tcp::socket&& socket) : stream_(std::move(socket)) {}

  void Start() {
    beast::error_code ec;
    stream_.socket().set_option(tcp::no_delay(true), ec);
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Session::Read, shared_from_this()));
  }

 private:
  void Read() {
    req_ = {};
    stream_.expires_after(kTimeout);
    http::async_read(stream_, buffer_, req_,
                     beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, size_t) {
    if (ec) return;  // closed, timed out or malformed: drop the connection
    res_ = {};
    res_.version(req_.version());
    res_.result(http::status::ok);
    res_.set(http::field::content_type, "application/x-amz-json-1.1");
    res_.body().assign(kBody);
    res_.keep_alive(req_.keep_alive());
    res_.prepare_payload();
    http::async_write(stream_, res_,
                      beast::bind_front_handler(&Session::OnWrite, shared_from_this()));
  }

  void OnWrite(beast::error_code ec, size_t) {
    if (ec) return;
    if (!res_.keep_alive()) {
      stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
      return;
    }
    Read();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> req_;
  http::response<http::string_body> res_;
};

class Listener {
 public:
  Listener(asio::io_context& ioc, tcp::acceptor& acceptor) : ioc_(ioc), acceptor_(acceptor) {}

  void Accept() {
    acceptor_.async_accept(asio::make_strand(ioc_),
                           [this](beast::error_code ec, tcp::socket socket) {
                             if (!acceptor_.is_open()) return;
                             if (!ec) std::make_shared<Session>(std::move(socket))->Start();
                             Accept();
                           });
  }

 private:
  asio::io_context& ioc_;
  tcp::acceptor& acceptor_;
};

int Run(int argc, char** argv) {
  std::string listen = "127.0.0.1:7601";
  size_t threads = std::max(1u, std::thread::hardware_concurrency());
  po::options_description desc("Usage: bare_beast [options]");
  desc.add_options()("help,h", "show this help")                          //
      ("listen", po::value(&listen)->default_value(listen), "HOST:PORT")  //
      ("threads", po::value(&threads)->default_value(threads), "I/O threads");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, desc), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::fprintf(stderr, "bare_beast: %s\n", e.what());
    return 2;
  }
  if (vm.count("help")) {
    std::cout << desc << "\n";
    return 0;
  }
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos || threads == 0) {
    std::fprintf(stderr, "bare_beast: --listen must be HOST:PORT, --threads >= 1\n");
    return 2;
  }
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);

  asio::io_context ioc(static_cast<int>(threads));
  tcp::acceptor acceptor(ioc);
  beast::error_code ec;
  tcp::endpoint endpoint(asio::ip::make_address(host, ec),
                         static_cast<uint16_t>(std::stoul(listen.substr(colon + 1))));
  if (!ec) acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    std::fprintf(stderr, "bare_beast: cannot listen on %s: %s\n", listen.c_str(),
                 ec.message().c_str());
    return 1;
  }
  Listener listener(ioc, acceptor);
  listener.Accept();

  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](beast::error_code, int) { ioc.stop(); });

  std::printf("bare_beast listening on http://%s:%u\n", listen.substr(0, colon).c_str(),
              static_cast<unsigned>(acceptor.local_endpoint().port()));
  std::fflush(stdout);

  std::vector<std::thread> pool;
  for (size_t i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bare_beast: %s\n", e.what());
    return 1;
  }
}
