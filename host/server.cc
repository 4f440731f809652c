#include "server.h"

#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <csignal>
#include <cstdio>
#include <thread>
#include <vector>

#include "http_session.h"
#include "listen_acceptor.h"

namespace paramsafe::host {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// Member order matters for destruction: the pool is joined before the io_context
// goes (its tasks post to it), and the registry outlives the io_context (sessions
// destroyed with its pending handlers unregister themselves).
struct Server::Impl {
  Impl(ServerOptions o, const Plugin& p)
      : options(std::move(o)),
        plugin(p),
        registry([this] { OnDrained(); }),
        ioc(static_cast<int>(options.io_threads)),
        strand(asio::make_strand(ioc)),
        acceptor(strand),
        signals(strand),
        grace_timer(strand),
        retry_timer(strand),
        pool(options.workers, options.queue_capacity),
        ctx{options, plugin, pool, registry} {}

  // All of the following run on `strand`.
  void Accept();
  void BeginShutdown();
  void WaitSignal();
  void GiveUp(const char* why);
  // Any thread: the last session went away after BeginShutdown().
  void OnDrained();

  const ServerOptions options;
  const Plugin& plugin;
  SessionRegistry registry;
  asio::io_context ioc;
  asio::strand<asio::io_context::executor_type> strand;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::steady_timer grace_timer;
  asio::steady_timer retry_timer;
  WorkerPool pool;
  SessionContext ctx;
  uint16_t bound_port = 0;
  bool shutting_down = false;  // strand only
  std::atomic<bool> grace_expired{false};
  std::atomic<bool> running{false};  // OnDrained may touch the strand
};

void Server::Impl::Accept() {
  acceptor.async_accept(
      asio::make_strand(ioc), [this](boost::system::error_code ec, tcp::socket socket) {
        if (!acceptor.is_open()) return;  // closed by BeginShutdown()
        if (!ec) {
          StartHttpSession(std::move(socket), ctx);
        } else if (ec == asio::error::no_descriptors || ec == asio::error::no_buffer_space) {
          // Out of file descriptors: accepting again at once would spin. Back off while
          // existing connections finish.
          std::fprintf(stderr, "paramsafe-server: accept: %s\n", ec.message().c_str());
          retry_timer.expires_after(std::chrono::milliseconds(100));
          retry_timer.async_wait([this](boost::system::error_code tec) {
            if (!tec && acceptor.is_open()) Accept();
          });
          return;
        }
        Accept();
      });
}

void Server::Impl::BeginShutdown() {
  if (shutting_down) return;
  shutting_down = true;
  boost::system::error_code ec;
  acceptor.close(ec);
  retry_timer.cancel();
  if (registry.ShutdownAll()) {  // nothing in flight
    signals.cancel(ec);
    return;
  }
  // Otherwise in-flight requests get the grace period; when it is over (or on a
  // second signal, see WaitSignal()) the io_context stops with whatever is left.
  // OnDrained() cancels the waits once the last connection is gone.
  grace_timer.expires_after(options.shutdown_grace);
  grace_timer.async_wait([this](boost::system::error_code tec) {
    if (!tec) GiveUp("shutdown grace period over");
  });
}

void Server::Impl::WaitSignal() {
  signals.async_wait([this](boost::system::error_code ec, int) {
    if (ec) return;
    if (shutting_down) return GiveUp("second signal");  // an impatient operator
    WaitSignal();  // before BeginShutdown(), which may cancel it at once
    BeginShutdown();
  });
}

void Server::Impl::GiveUp(const char* why) {
  std::fprintf(stderr, "paramsafe-server: %s, dropping the remaining connections\n", why);
  grace_expired = true;
  ioc.stop();
}

void Server::Impl::OnDrained() {
  if (!running.load()) return;
  asio::post(strand, [this] {
    boost::system::error_code ec;
    grace_timer.cancel();
    signals.cancel(ec);
  });
}

Server::Server(ServerOptions options, const Plugin& plugin)
    : impl_(std::make_unique<Impl>(std::move(options), plugin)) {}

Server::~Server() = default;

bool Server::Listen(std::string* error) {
  Impl& s = *impl_;
  return ListenAcceptor(s.ioc, s.acceptor, s.options.host, s.options.port, "listen", "on", error,
                        &s.bound_port);
}

uint16_t Server::port() const { return impl_->bound_port; }

bool Server::Run() {
  Impl& s = *impl_;
  s.running = true;
  if (s.options.handle_signals) {
    s.signals.add(SIGINT);
    s.signals.add(SIGTERM);
    asio::dispatch(s.strand, [&s] { s.WaitSignal(); });
  }
  asio::dispatch(s.strand, [&s] { s.Accept(); });

  std::vector<std::thread> threads;
  threads.reserve(s.options.io_threads - 1);
  for (size_t i = 1; i < s.options.io_threads; ++i) {
    threads.emplace_back([&s] { s.ioc.run(); });
  }
  s.ioc.run();  // returns once shut down and drained, or at the grace deadline
  for (auto& t : threads) t.join();
  s.running = false;

  // Worker tasks finish before their connection lets run() return, so the pool is
  // idle here unless the grace period ran out with plugin calls still running.
  if (s.grace_expired) return s.pool.WaitIdle(std::chrono::milliseconds(0));
  return s.pool.WaitIdle(s.options.shutdown_grace);
}

void Server::Stop() {
  Impl& s = *impl_;
  asio::post(s.strand, [&s] { s.BeginShutdown(); });
}

}  // namespace paramsafe::host
