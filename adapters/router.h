// Router: from an X-Amz-Target and a JSON body to a serialized response, for
// both API faces. Checks that the SigV4 scope's service matches the target.
#ifndef PARAMSAFE_ADAPTERS_ROUTER_H_
#define PARAMSAFE_ADAPTERS_ROUTER_H_

#include <string_view>

#include "common/aws_error.h"
#include "common/call_context.h"
#include "secretsmanager/operations.h"
#include "ssm/operations.h"
#include "core/secure_buffer.h"

namespace paramsafe::adapters {

struct Response {
  int http_status = 200;
  core::SecureString body;
  std::optional<AwsError> error;  // set when the body is an error shape
};

class Router {
 public:
  // REQUIRES: the services outlive the Router.
  Router(ssm::Services ssm, secretsmanager::Services secrets) : ssm_(ssm), secrets_(secrets) {}

  // scope_service: the SigV4 credential scope's service ("ssm", "secretsmanager").
  // Thread-safe.
  Response Handle(std::string_view target, std::string_view scope_service,
                  const CallContext& ctx, std::string_view body);

 private:
  ssm::Services ssm_;
  secretsmanager::Services secrets_;
};

}  // namespace paramsafe::adapters

#endif  // PARAMSAFE_ADAPTERS_ROUTER_H_
