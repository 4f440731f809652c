// Opening a listening socket for one of the server's listeners (the API's and
// the metrics'), the one way both do it.
#ifndef PARAMSAFE_HOST_LISTEN_ACCEPTOR_H_
#define PARAMSAFE_HOST_LISTEN_ACCEPTOR_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <string>
#include <string_view>

namespace paramsafe::host {

// Opens `acceptor` on host:port (an address, or a name resolved passively)
// with SO_REUSEADDR, binds and listens; *bound_port receives the port (useful
// when port is 0). On failure the acceptor is closed and *error says what
// failed: "cannot resolve <name> host '<host>': ..." or "cannot listen <on>
// <host:port> (<step>): ...", with `name` ("listen", "metrics listen") and
// `on` ("on", "for metrics on") naming the listener.
bool ListenAcceptor(boost::asio::io_context& ioc, boost::asio::ip::tcp::acceptor& acceptor,
                    const std::string& host, std::uint16_t port, std::string_view name,
                    std::string_view on, std::string* error, std::uint16_t* bound_port);

}  // namespace paramsafe::host

#endif  // PARAMSAFE_HOST_LISTEN_ACCEPTOR_H_
