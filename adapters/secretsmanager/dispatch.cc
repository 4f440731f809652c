#include "secretsmanager/dispatch.h"

#include <string>

#include "secretsmanager/errors.h"

namespace paramsafe::adapters::secretsmanager {

namespace {
using Handler = Outcome (*)(Services&, const CallContext&, const Request&);
struct Route {
  std::string_view operation;
  Handler handler;
};
constexpr Route kRoutes[] = {
    {"GetRandomPassword", &GetRandomPassword},
};
}  // namespace

Outcome Dispatch(std::string_view operation, Services& s, const CallContext& ctx,
                 const boost::json::object& req) {
  for (const Route& r : kRoutes) {
    if (r.operation == operation) return r.handler(s, ctx, req);
  }
  return SmError(400, "UnknownOperationException",
                 "Operation secretsmanager." + std::string(operation) +
                     " is not supported by this paramsafe server yet.");
}

}  // namespace paramsafe::adapters::secretsmanager
