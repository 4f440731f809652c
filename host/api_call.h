// One AWS API call through the plugin: authenticate() the raw request, then invoke()
// the target, and turn every outcome into a Response. Runs on a worker thread: both
// slots may block on the database.
//
// Thread-safety: CallPlugin() may run on many threads at once (the plugin's slots are
// thread-safe). Ownership: ApiRequest only borrows; the viewed bytes must stay alive
// and unchanged during the call.
#ifndef PARAMSAFE_HOST_API_CALL_H_
#define PARAMSAFE_HOST_API_CALL_H_

#include <string_view>
#include <vector>

#include "paramsafe/plugin.h"
#include "plugin_loader.h"
#include "response.h"

namespace paramsafe::host {

struct ApiRequest {
  std::string_view method;
  std::string_view path;                  // raw, still percent-encoded, without the query
  std::string_view query;                 // raw, without '?'; may be empty
  std::vector<paramsafe_header> headers;  // every header, in arrival order
  std::string_view body;
  std::string_view target;      // X-Amz-Target; REQUIRES: non-empty
  std::string_view user_agent;  // may be empty
  std::string_view source_ip;
  std::string_view request_id;  // also sent as x-amzn-RequestId
};

// Returns the plugin's answer (success body with its status, or the AWS error
// shape), or a host-built error: the plugin's authenticate() error as
// {"__type","message"}, or 500 InternalFailure for a negative (ABI) return code or a
// plugin that broke the sink contract. The returned body may hold secrets.
// REQUIRES: plugin.is_open().
Response CallPlugin(const Plugin& plugin, const ApiRequest& request);

}  // namespace paramsafe::host

#endif  // PARAMSAFE_HOST_API_CALL_H_
