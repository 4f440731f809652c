#include "common/json_io.h"

#include <boost/json/parser.hpp>
#include <boost/json/serializer.hpp>
#include <chrono>

#include "common/wiping_resource.h"

namespace paramsafe::adapters {

std::variant<boost::json::object, AwsError> ParseRequestObject(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return boost::json::object(WipingStorage());
  }
  boost::json::parse_options opts;
  opts.max_depth = 32;  // AWS request shapes are shallow; deep nesting is an attack
  // The constructor's storage is only for the parser's temporaries; reset() sets
  // the storage of the resulting document, which holds the request's values.
  boost::json::parser p(WipingStorage(), opts);
  p.reset(WipingStorage());
  boost::system::error_code ec;
  p.write(body.data(), body.size(), ec);
  if (ec) {
    return SerializationError("Could not parse the request body as JSON.");
  }
  boost::json::value v = p.release();
  if (!v.is_object()) {
    return SerializationError("The request body must be a JSON object.");
  }
  return std::move(v.as_object());
}

boost::json::object NewResponseObject() { return boost::json::object(WipingStorage()); }

core::SecureString Serialize(const boost::json::value& v) {
  boost::json::serializer sr;
  sr.reset(&v);
  core::SecureString out;
  char buf[4096];
  while (!sr.done()) {
    std::string_view chunk = sr.read(buf, sizeof(buf));
    out.append(chunk.data(), chunk.size());
  }
  core::SecureWipe(buf, sizeof(buf));
  return out;
}

core::SecureString SerializeError(const AwsError& e) {
  boost::json::object o;
  o["__type"] = e.type;
  o[e.message_member] = e.message;
  return Serialize(o);
}

double EpochSeconds(core::TimePoint t) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  return static_cast<double>(ms) / 1000.0;
}

}  // namespace paramsafe::adapters
