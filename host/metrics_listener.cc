#include "metrics_listener.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <new>
#include <optional>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "listen_acceptor.h"
#include "plugin_loader.h"

namespace paramsafe::host {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr std::string_view kTextFormat = "text/plain; version=0.0.4; charset=utf-8";
// A scrape is a GET: any body is refused early rather than buffered.
constexpr std::size_t kMaxBodyBytes = 4096;

// The plugin's sink (plugin.h): copies the text. Nothing may unwind through the
// plugin's C frames, so an allocation failure becomes a refusal.
int AppendToString(void* ctx, int http_status, const char* body, std::size_t len) {
  if (http_status != 200) return 1;
  try {
    static_cast<std::string*>(ctx)->append(body, len);
    return 0;
  } catch (const std::bad_alloc&) {
    return 1;
  }
}

http::response<http::string_body> TextResponse(http::status status, std::string body) {
  http::response<http::string_body> res;
  res.version(11);
  res.result(status);
  res.set(http::field::content_type, "text/plain; charset=utf-8");
  res.body() = std::move(body);
  return res;
}

// The answer to one request.
http::response<http::string_body> Answer(const http::request<http::string_body>& req,
                                         const Plugin& plugin) {
  std::string_view target = req.target();
  std::string_view path = target.substr(0, target.find('?'));
  if (path != "/metrics") {
    return TextResponse(http::status::not_found,
                        "Not found: this listener serves GET /metrics only.\n");
  }
  if (req.method() != http::verb::get && req.method() != http::verb::head) {
    auto res = TextResponse(http::status::method_not_allowed, "Use GET /metrics.\n");
    res.set(http::field::allow, "GET, HEAD");
    return res;
  }
  if (!plugin.has_metrics()) {
    return TextResponse(http::status::not_found, "Not found: the loaded plugin (ABI 1." +
                                                     std::to_string(plugin.abi_minor()) +
                                                     ") has no metrics slot.\n");
  }
  std::string text;
  paramsafe_error err{};
  int rc = plugin.Metrics(&AppendToString, &text, &err);
  if (rc != PARAMSAFE_OK) {
    // The plugin's error text never carries a secret (plugin.h).
    std::string_view type = FixedString(err.type);
    return TextResponse(http::status::internal_server_error,
                        "The plugin could not render its metrics (code " + std::to_string(rc) +
                            (type.empty() ? std::string() : ", " + std::string(type)) + ").\n");
  }
  http::response<http::string_body> res;
  res.version(11);
  res.result(http::status::ok);
  res.set(http::field::content_type, kTextFormat);
  res.body() = std::move(text);
  return res;
}

// One connection. Everything runs on the listener's single thread.
class MetricsSession : public std::enable_shared_from_this<MetricsSession> {
 public:
  MetricsSession(tcp::socket socket, const MetricsListenerOptions& options, const Plugin& plugin)
      : stream_(std::move(socket)), options_(options), plugin_(plugin) {}

  void Start() { ReadRequest(); }

  void Close() {
    beast::error_code ec;
    stream_.socket().close(ec);
  }

 private:
  void ReadRequest() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(options_.max_header_bytes));
    parser_->body_limit(kMaxBodyBytes);
    stream_.expires_after(options_.timeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&MetricsSession::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, std::size_t) {
    if (ec) {
      // A malformed or oversized request gets a 400; a client that went away
      // or timed out gets nothing.
      if (ec.category() == http::make_error_code(http::error::end_of_stream).category() &&
          ec != http::error::end_of_stream && ec != http::error::partial_message) {
        return Write(TextResponse(http::status::bad_request, "Malformed HTTP request.\n"), true,
                     false);
      }
      return Close();
    }
    const auto& req = parser_->get();
    const bool head = req.method() == http::verb::head;
    Write(Answer(req, plugin_), !req.keep_alive(), head);
  }

  void Write(http::response<http::string_body> res, bool close, bool head) {
    res_ = std::move(res);
    res_.keep_alive(!close);
    if (head) {
      res_.content_length(res_.body().size());  // what GET would send; no body follows
      res_.body().clear();
    } else {
      res_.prepare_payload();
    }
    stream_.expires_after(options_.timeout);
    http::async_write(
        stream_, res_,
        beast::bind_front_handler(&MetricsSession::OnWrite, shared_from_this(), close));
  }

  void OnWrite(bool close, beast::error_code ec, std::size_t) {
    if (ec || close) {
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
      return Close();
    }
    ReadRequest();
  }

  beast::tcp_stream stream_;
  const MetricsListenerOptions& options_;
  const Plugin& plugin_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> res_;  // alive until async_write completes
};

}  // namespace

// Member order: the io_context (and the sessions its handlers own) goes before
// the options those sessions refer to.
struct MetricsListener::Impl {
  Impl(MetricsListenerOptions o, const Plugin& p)
      : options(std::move(o)), plugin(p), acceptor(ioc) {}

  void Accept() {
    acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
      if (!acceptor.is_open()) return;  // closed by Stop()
      if (!ec) {
        auto session = std::make_shared<MetricsSession>(std::move(socket), options, plugin);
        // Forget sessions that ended, so the list stays as long as the live ones.
        std::erase_if(sessions, [](const auto& w) { return w.expired(); });
        sessions.push_back(session);
        session->Start();
      }
      Accept();
    });
  }

  // On the listener's thread.
  void Shutdown() {
    beast::error_code ec;
    acceptor.close(ec);
    for (auto& weak : sessions) {
      if (auto s = weak.lock()) s->Close();
    }
    sessions.clear();
    ioc.stop();
  }

  const MetricsListenerOptions options;
  const Plugin& plugin;
  asio::io_context ioc{1};
  tcp::acceptor acceptor;
  std::vector<std::weak_ptr<MetricsSession>> sessions;  // the listener's thread only
  uint16_t bound_port = 0;
  std::thread thread;
};

MetricsListener::MetricsListener(MetricsListenerOptions options, const Plugin& plugin)
    : impl_(std::make_unique<Impl>(std::move(options), plugin)) {}

MetricsListener::~MetricsListener() { Stop(); }

bool MetricsListener::Listen(std::string* error) {
  Impl& s = *impl_;
  return ListenAcceptor(s.ioc, s.acceptor, s.options.host, s.options.port, "metrics listen", "for metrics on", error,
                        &s.bound_port);
}

uint16_t MetricsListener::port() const { return impl_->bound_port; }

void MetricsListener::Start() {
  Impl& s = *impl_;
  if (s.thread.joinable()) return;
  s.Accept();
  s.thread = std::thread([&s] { s.ioc.run(); });
}

void MetricsListener::Stop() {
  Impl& s = *impl_;
  if (s.thread.joinable()) {
    asio::post(s.ioc, [&s] { s.Shutdown(); });
    s.thread.join();
  } else {
    beast::error_code ec;
    s.acceptor.close(ec);
  }
}

}  // namespace paramsafe::host
