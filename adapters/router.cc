#include "router.h"

#include "common/audit_parameters.h"
#include "common/json_io.h"
#include "secretsmanager/dispatch.h"
#include "ssm/dispatch.h"

namespace paramsafe::adapters {

namespace {
Response FromError(AwsError e) {
  Response r;
  r.http_status = e.http_status;
  r.body = SerializeError(e);
  r.error = std::move(e);
  return r;
}
}  // namespace

Response Router::Handle(std::string_view target, std::string_view scope_service,
                        const CallContext& ctx, std::string_view body) {
  auto dot = target.find('.');
  std::string_view prefix = target.substr(0, dot);
  std::string_view operation = dot == std::string_view::npos ? "" : target.substr(dot + 1);
  if (ctx.audit != nullptr) ctx.audit->read_only = IsReadOnlyOperation(operation);
  const bool ssm = prefix == "AmazonSSM";
  const bool sm = prefix == "secretsmanager";
  if ((!ssm && !sm) || operation.empty()) {
    return FromError(AwsError{400, "UnknownOperationException",
                              "Unknown operation target: " + std::string(target)});
  }
  // A signature is valid for one service; a request signed for one must not
  // run against the other.
  if (!scope_service.empty() && scope_service != (ssm ? "ssm" : "secretsmanager")) {
    return FromError(AwsError{400, "InvalidSignatureException",
                              "Credential should be scoped to correct service: '" +
                                  std::string(ssm ? "ssm" : "secretsmanager") + "'."});
  }

  auto parsed = ParseRequestObject(body);
  // The raw body of a request that does not parse is never recorded: which
  // part of it is a secret cannot be told.
  if (auto* e = std::get_if<AwsError>(&parsed)) return FromError(std::move(*e));
  const auto& request = std::get<boost::json::object>(parsed);
  if (ctx.audit != nullptr) {
    ctx.audit->request_parameters = AuditParameters(prefix, operation, request);
  }

  Outcome outcome = [&]() -> Outcome {
    if (ssm) {
      ssm::Services services = ssm_;
      return ssm::Dispatch(operation, services, ctx, request);
    }
    secretsmanager::Services services = secrets_;
    return secretsmanager::Dispatch(operation, services, ctx, request);
  }();
  if (auto* e = std::get_if<AwsError>(&outcome)) return FromError(std::move(*e));
  Response r;
  r.body = Serialize(std::get<boost::json::object>(outcome));
  return r;
}

}  // namespace paramsafe::adapters
