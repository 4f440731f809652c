#include "api_call.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <string>

namespace paramsafe::host {
namespace {

// What the sink received. The plugin calls the sink exactly once per answered
// invoke(); a second call is refused so a plugin bug cannot splice two bodies.
struct Captured {
  bool called = false;
  int status = 0;
  std::string body;
};

int CaptureSink(void* ctx, int http_status, const char* body, size_t body_len) {
  auto* c = static_cast<Captured*>(ctx);
  if (c->called || (body == nullptr && body_len != 0)) return 1;
  c->called = true;
  c->status = http_status;
  // One allocation of the exact size: no reallocation leaves an unwiped copy behind.
  c->body.reserve(body_len);
  c->body.assign(body == nullptr ? "" : body, body_len);
  return 0;
}

bool ValidStatus(int status) { return status >= 200 && status <= 599; }

Response FromPluginError(const paramsafe_error& err) {
  int status = ValidStatus(err.http_status) && err.http_status >= 400 ? err.http_status : 400;
  return ErrorResponse(static_cast<unsigned>(status), FixedString(err.type),
                       FixedString(err.message));
}

Response AbiFailure(const char* slot, int rc) {
  // The code is useful to operators and leaks nothing; details stay in the plugin.
  return ErrorResponse(
      500, kInternalFailure,
      std::string("The plugin failed in ") + slot + " (code " + std::to_string(rc) + ").");
}

// The X-Amzn-ErrorType of an error the plugin answered: err.type, or else the
// body's "__type" (error bodies carry no secrets, so parsing one is harmless).
std::string ErrorTypeOf(const paramsafe_error& err, const std::string& body) {
  if (std::string_view type = FixedString(err.type); !type.empty()) {
    return SafeErrorType(type);
  }
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  if (!ec && v.is_object()) {
    if (const auto* t = v.as_object().if_contains("__type"); t != nullptr && t->is_string()) {
      return SafeErrorType(t->as_string());
    }
  }
  return std::string(kInternalFailure);
}

}  // namespace

Response CallPlugin(const Plugin& plugin, const ApiRequest& request) {
  paramsafe_http_request http{};
  http.struct_size = sizeof(http);
  http.method = request.method.data();
  http.method_len = request.method.size();
  http.path = request.path.data();
  http.path_len = request.path.size();
  http.query = request.query.data();
  http.query_len = request.query.size();
  http.headers = request.headers.data();
  http.header_count = request.headers.size();
  http.body = request.body.data();
  http.body_len = request.body.size();
  http.source_ip = request.source_ip.data();
  http.source_ip_len = request.source_ip.size();
  http.request_id = request.request_id.data();
  http.request_id_len = request.request_id.size();

  paramsafe_principal principal{};
  paramsafe_error err{};
  int rc = plugin.Authenticate(http, &principal, &err);
  if (rc == PARAMSAFE_AWS_ERROR) return FromPluginError(err);
  if (rc != PARAMSAFE_OK) return AbiFailure("authenticate", rc);

  paramsafe_call call{};
  call.struct_size = sizeof(call);
  call.principal = &principal;
  call.target = request.target.data();
  call.target_len = request.target.size();
  call.body = request.body.data();
  call.body_len = request.body.size();
  call.request_id = request.request_id.data();
  call.request_id_len = request.request_id.size();
  call.source_ip = request.source_ip.data();
  call.source_ip_len = request.source_ip.size();
  call.user_agent = request.user_agent.data();
  call.user_agent_len = request.user_agent.size();

  Captured captured;
  err = paramsafe_error{};
  rc = plugin.Invoke(call, &CaptureSink, &captured, &err);
  if (rc != PARAMSAFE_OK && rc != PARAMSAFE_AWS_ERROR) {
    WipeString(captured.body);
    return AbiFailure("invoke", rc);
  }
  if (!captured.called || !ValidStatus(captured.status)) {
    WipeString(captured.body);
    // An AWS error without a sink call still has a usable description in err.
    if (rc == PARAMSAFE_AWS_ERROR && !captured.called) return FromPluginError(err);
    return ErrorResponse(500, kInternalFailure, "The plugin answered without a response.");
  }
  Response r;
  r.status = static_cast<unsigned>(captured.status);
  r.body = std::move(captured.body);  // moves the buffer: no copy to wipe
  if (rc == PARAMSAFE_AWS_ERROR || r.status >= 400) {
    r.error_type = ErrorTypeOf(err, r.body);
  }
  return r;
}

}  // namespace paramsafe::host
