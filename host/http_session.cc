#include "http_session.h"

#include <string.h>  // explicit_bzero

#include <algorithm>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api_call.h"
#include "response.h"

namespace paramsafe::host {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// ---------------------------------------------------------------------------
// SessionRegistry

void SessionRegistry::Add(const void* key, std::weak_ptr<SessionControl> session) {
  std::lock_guard lock(mu_);
  sessions_.emplace(key, std::move(session));
}

void SessionRegistry::Remove(const void* key) {
  bool drained = false;
  {
    std::lock_guard lock(mu_);
    sessions_.erase(key);
    drained = sessions_.empty() && stopping();
  }
  if (drained && on_drained_) on_drained_();
}

bool SessionRegistry::ShutdownAll() {
  std::vector<std::shared_ptr<SessionControl>> live;
  bool empty = false;
  {
    std::lock_guard lock(mu_);
    stopping_.store(true, std::memory_order_release);
    for (auto& [key, weak] : sessions_) {
      if (auto s = weak.lock()) live.push_back(std::move(s));
    }
    empty = sessions_.empty();
  }
  // Outside the lock: a session destroyed when `live` goes away calls Remove().
  for (auto& s : live) s->Shutdown();
  return empty;
}

// ---------------------------------------------------------------------------
// HttpSession

namespace {

constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
constexpr size_t kFirstReadBytes = 4096;
// After an error that ends the connection, unread request bytes are drained for a
// while before close(): closing a socket with unread data sends RST, and the client
// could lose the error response we just sent (RFC 7230 section 6.6).
constexpr auto kMaxLinger = std::chrono::seconds(2);

// A client-chosen value made safe for a log line: printable ASCII only (no terminal
// escapes, no spaces that would shift the fields), at most 128 bytes.
void LogField(std::string_view value, std::string* out) {
  out->clear();
  for (char c : value.substr(0, 128)) out->push_back(c > ' ' && c < 0x7F ? c : '?');
  if (out->empty()) out->push_back('-');
}

const boost::system::error_category& HttpErrorCategory() {
  return http::make_error_code(http::error::end_of_stream).category();
}

class HttpSession final : public SessionControl, public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, const SessionContext& ctx)
      : stream_(std::move(socket)), ctx_(ctx) {}

  ~HttpSession() {
    WipeRequest();
    WipeString(res_.body());
    ctx_.registry.Remove(this);
  }

  void Start() {
    ctx_.registry.Add(this, weak_from_this());
    beast::error_code ec;
    auto remote = stream_.socket().remote_endpoint(ec);
    if (!ec) source_ip_ = remote.address().to_string();
    // Responses are written header+body in one gather write; no_delay keeps a small
    // answer from waiting for the client's delayed ACK on keep-alive connections.
    stream_.socket().set_option(tcp::no_delay(true), ec);
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&HttpSession::WaitForRequest, shared_from_this()));
  }

  void Shutdown() override {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      // Only a connection between requests is cut; one that is reading, running or
      // writing a request finishes it and closes afterwards (see Respond()).
      if (self->state_ == State::kWaiting) self->stream_.close();
    });
  }

 private:
  enum class State { kWaiting, kReading, kBusy, kClosing };

  const ServerOptions& options() const { return ctx_.options; }

  // Waits for the first byte of the next request. The read deadline starts only once
  // it arrives, so a keep-alive connection gets idle_timeout between requests, while
  // a new connection gets read_timeout for its whole first request.
  void WaitForRequest() {
    if (ctx_.registry.stopping()) return;  // accepted or finished while stopping
    state_ = State::kWaiting;
    if (buffer_.size() > 0) return BeginRead();  // a pipelined request is buffered
    stream_.expires_after(first_request_ ? options().read_timeout : options().idle_timeout);
    stream_.async_read_some(
        buffer_.prepare(kFirstReadBytes),
        beast::bind_front_handler(&HttpSession::OnFirstBytes, shared_from_this()));
  }

  void OnFirstBytes(beast::error_code ec, size_t n) {
    if (ec) return;  // idle timeout, close by the client, or shutdown: just drop
    buffer_.commit(n);
    BeginRead();
  }

  void BeginRead() {
    state_ = State::kReading;
    if (!first_request_) stream_.expires_after(options().read_timeout);
    first_request_ = false;
    parser_.emplace();
    parser_->header_limit(
        static_cast<std::uint32_t>(std::min<size_t>(options().max_header_bytes, UINT32_MAX)));
    parser_->body_limit(options().max_body_bytes);
    // Header first: an oversized Content-Length is refused before any body byte is
    // read, and "Expect: 100-continue" can be honoured.
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&HttpSession::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, size_t) {
    if (ec) return OnReadError(ec);
    if (beast::iequals(parser_->get()[http::field::expect], "100-continue") &&
        !parser_->is_done()) {
      asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                        [self = shared_from_this()](beast::error_code wec, size_t) {
                          if (!wec) self->ReadBody();
                        });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&HttpSession::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, size_t) {
    if (ec) return OnReadError(ec);
    Dispatch();
  }

  void OnReadError(beast::error_code ec) {
    if (ec == http::error::body_limit) {
      return Fail(ErrorResponse(
          413, kRequestEntityTooLarge,
          "The request body exceeds " + std::to_string(options().max_body_bytes) + " bytes."));
    }
    if (ec == http::error::header_limit) {
      return Fail(ErrorResponse(431, kRequestHeaderFieldsTooLarge,
                                "The request line and headers exceed " +
                                    std::to_string(options().max_header_bytes) + " bytes."));
    }
    // A peer that went away or timed out (slowloris) gets no answer: beast already
    // closed the socket on timeout, and there is nobody to read one otherwise.
    if (ec == http::error::end_of_stream || ec == http::error::partial_message) return;
    if (ec.category() == HttpErrorCategory()) {
      return Fail(ErrorResponse(400, kBadRequest, "Malformed HTTP request: " + ec.message()));
    }
  }

  // Answers a request that could not be read completely, then closes.
  void Fail(Response r) {
    close_after_ = true;
    BeginResponse("-", "-");
    Respond(std::move(r));
  }

  void BeginResponse(std::string_view method, std::string_view target) {
    state_ = State::kBusy;
    head_request_ = false;
    started_ = std::chrono::steady_clock::now();
    request_id_ = NewRequestId();
    if (options().log_requests) {
      LogField(method, &log_method_);
      LogField(target, &log_target_);
    }
  }

  void Dispatch() {
    auto& req = parser_->get();
    std::string_view raw = req.target();
    std::string_view path = raw.substr(0, raw.find('?'));
    std::string_view amz_target = req["X-Amz-Target"];
    BeginResponse(req.method_string(), amz_target.empty() ? path : amz_target);
    keep_alive_ = req.keep_alive();
    head_request_ = req.method() == http::verb::head;
    // Time spent in the plugin is not the client's; the deadline returns for the write.
    stream_.expires_never();

    // HEAD too: load balancers' health checks use it.
    if ((req.method() == http::verb::get || head_request_) && path == "/health") {
      return Respond(HealthResponse());
    }
    if (req.method() == http::verb::post && path == "/") {
      if (amz_target.empty()) {
        return Respond(ErrorResponse(400, kUnknownOperation,
                                     "Missing X-Amz-Target header: the operation is unknown."));
      }
      return SubmitApiCall();
    }
    Respond(ErrorResponse(404, kNotFound,
                          "Not found: this endpoint serves POST / (AWS JSON 1.1) and GET "
                          "/health."));
  }

  void SubmitApiCall() {
    // The tracked executor keeps io_context::run() from returning while the call is
    // on the pool, so a graceful shutdown waits for it.
    auto ex = asio::prefer(stream_.get_executor(), asio::execution::outstanding_work.tracked);
    bool queued = ctx_.pool.TrySubmit([self = shared_from_this(), ex] {
      Response r = self->CallPluginOnWorker();
      asio::post(ex, [self, r = std::move(r)]() mutable { self->Respond(std::move(r)); });
    });
    if (!queued) {
      Respond(ErrorResponse(503, kServiceUnavailable,
                            "The server is too busy to accept the request; retry later."));
    }
  }

  // Runs on a worker thread while the strand leaves parser_ alone (state_ is kBusy
  // until Respond() runs on the strand again).
  Response CallPluginOnWorker() const {
    const auto& req = parser_->get();
    std::string_view raw = req.target();
    size_t q = raw.find('?');
    ApiRequest a;
    a.method = req.method_string();
    a.path = raw.substr(0, q);
    a.query = q == std::string_view::npos ? std::string_view() : raw.substr(q + 1);
    a.headers.reserve(16);
    for (const auto& f : req) {
      std::string_view name = f.name_string();
      std::string_view value = f.value();
      a.headers.push_back({name.data(), name.size(), value.data(), value.size()});
    }
    a.body = req.body();
    a.target = req["X-Amz-Target"];
    a.user_agent = req[http::field::user_agent];
    a.source_ip = source_ip_;
    a.request_id = request_id_;
    return CallPlugin(ctx_.plugin, a);
  }

  void Respond(Response r) {
    const bool close = close_after_ || !keep_alive_ || ctx_.registry.stopping();
    WipeRequest();  // the request body may hold a secret (PutParameter)
    res_ = {};
    res_.version(11);
    res_.result(r.status);
    res_.set(http::field::content_type, "application/x-amz-json-1.1");
    res_.set("x-amzn-RequestId", request_id_);
    res_.set(http::field::date, HttpDate(std::chrono::system_clock::now()));
    if (!r.error_type.empty()) res_.set("X-Amzn-ErrorType", r.error_type);
    res_.keep_alive(!close);
    if (head_request_) {
      res_.content_length(r.body.size());  // what GET would send; no body follows
    } else {
      res_.body() = std::move(r.body);
      res_.prepare_payload();
    }
    status_ = r.status;
    stream_.expires_after(options().write_timeout);
    http::async_write(stream_, res_,
                      beast::bind_front_handler(&HttpSession::OnWrite, shared_from_this(), close));
  }

  void OnWrite(bool close, beast::error_code ec, size_t) {
    WipeString(res_.body());
    LogRequest();
    if (ec) return;
    if (close || ctx_.registry.stopping()) return LingeringClose();
    WaitForRequest();
  }

  void LogRequest() const {
    if (!options().log_requests) return;
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_)
            .count();
    // Method, path or X-Amz-Target, status, latency, request id. Never header values
    // or bodies: they carry signatures and secrets.
    std::fprintf(stderr, "%s %s %u %.3fms %s\n", log_method_.c_str(), log_target_.c_str(), status_,
                 ms, request_id_.c_str());
  }

  void LingeringClose() {
    state_ = State::kClosing;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return;
    linger_budget_ = options().max_body_bytes + options().max_header_bytes + 65536;
    stream_.expires_after(
        std::min<std::chrono::steady_clock::duration>(options().read_timeout, kMaxLinger));
    Drain();
  }

  void Drain() {
    stream_.async_read_some(buffer_.prepare(kFirstReadBytes),
                            [self = shared_from_this()](beast::error_code ec, size_t n) {
                              if (ec || n >= self->linger_budget_) return;
                              self->linger_budget_ -= n;
                              self->Drain();
                            });
  }

  void WipeRequest() {
    if (parser_) {
      WipeString(parser_->get().body());
      parser_.reset();
    }
    // The raw bytes passed through buffer_; when nothing is left in it (the usual
    // case), its whole storage can be scrubbed.
    if (buffer_.size() == 0 && buffer_.capacity() > 0) {
      auto storage = buffer_.prepare(buffer_.capacity());
      explicit_bzero(storage.data(), storage.size());
    }
  }

  beast::tcp_stream stream_;
  // A copy: during ~io_context a session may outlive the server's own SessionContext.
  const SessionContext ctx_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> res_;  // alive until async_write completes
  State state_ = State::kWaiting;
  bool first_request_ = true;
  bool keep_alive_ = true;
  bool close_after_ = false;
  bool head_request_ = false;
  unsigned status_ = 0;
  size_t linger_budget_ = 0;
  std::string source_ip_;
  std::string request_id_;
  std::string log_method_;
  std::string log_target_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace

void StartHttpSession(tcp::socket socket, const SessionContext& ctx) {
  std::make_shared<HttpSession>(std::move(socket), ctx)->Start();
}

}  // namespace paramsafe::host
