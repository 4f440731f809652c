#include "listen_acceptor.h"

namespace paramsafe::host {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

bool ListenAcceptor(asio::io_context& ioc, tcp::acceptor& acceptor, const std::string& host,
                    std::uint16_t port, std::string_view name, std::string_view on,
                    std::string* error, std::uint16_t* bound_port) {
  const std::string where = host + ":" + std::to_string(port);
  boost::system::error_code ec;
  tcp::endpoint endpoint;
  asio::ip::address address = asio::ip::make_address(host, ec);
  if (!ec) {
    endpoint = tcp::endpoint(address, port);
  } else {
    tcp::resolver resolver(ioc);
    auto results = resolver.resolve(host, std::to_string(port), tcp::resolver::passive, ec);
    if (ec || results.empty()) {
      *error = "cannot resolve " + std::string(name) + " host '" + host + "'" +
               (ec ? ": " + ec.message() : std::string());
      return false;
    }
    endpoint = results.begin()->endpoint();
  }
  auto fail = [&](const char* step) {
    *error = "cannot listen " + std::string(on) + " " + where + " (" + step + "): " + ec.message();
    boost::system::error_code ignored;
    acceptor.close(ignored);
    return false;
  };
  acceptor.open(endpoint.protocol(), ec);
  if (ec) return fail("socket");
  acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (ec) return fail("SO_REUSEADDR");
  acceptor.bind(endpoint, ec);
  if (ec) return fail("bind");
  acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return fail("listen");
  *bound_port = acceptor.local_endpoint(ec).port();
  return true;
}

}  // namespace paramsafe::host
