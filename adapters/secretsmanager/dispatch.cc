#include "secretsmanager/dispatch.h"

#include <string>
#include <variant>

#include "secretsmanager/errors.h"

namespace paramsafe::adapters::secretsmanager {

namespace {
using Handler = Outcome (*)(Services&, const CallContext&, const Request&);
struct Route {
  std::string_view operation;
  Handler handler;
};
constexpr Route kRoutes[] = {
    {"BatchGetSecretValue", &BatchGetSecretValue},
    {"CreateSecret", &CreateSecret},
    {"DeleteResourcePolicy", &DeleteResourcePolicy},
    {"DeleteSecret", &DeleteSecret},
    {"DescribeSecret", &DescribeSecret},
    {"GetRandomPassword", &GetRandomPassword},
    {"GetResourcePolicy", &GetResourcePolicy},
    {"GetSecretValue", &GetSecretValue},
    {"ListSecrets", &ListSecrets},
    {"ListSecretVersionIds", &ListSecretVersionIds},
    {"PutResourcePolicy", &PutResourcePolicy},
    {"PutSecretValue", &PutSecretValue},
    {"RestoreSecret", &RestoreSecret},
    {"TagResource", &TagResource},
    {"UntagResource", &UntagResource},
    {"UpdateSecret", &UpdateSecret},
    {"UpdateSecretVersionStage", &UpdateSecretVersionStage},
    {"ValidateResourcePolicy", &ValidateResourcePolicy},
};
}  // namespace

Outcome Dispatch(std::string_view operation, Services& s, const CallContext& ctx,
                 const boost::json::object& req) {
  for (const Route& r : kRoutes) {
    if (r.operation != operation) continue;
    Outcome outcome = r.handler(s, ctx, req);
    // The shared readers' ValidationException and SerializationException
    // speak SSM's "message"; this face answers every error with "Message".
    if (auto* e = std::get_if<AwsError>(&outcome)) e->message_member = "Message";
    return outcome;
  }
  return SmError(400, "UnknownOperationException",
                 "Operation secretsmanager." + std::string(operation) +
                     " is not supported by this paramsafe server yet.");
}

std::vector<std::string_view> OperationNames() {
  std::vector<std::string_view> names;
  for (const Route& r : kRoutes) names.push_back(r.operation);
  return names;
}

}  // namespace paramsafe::adapters::secretsmanager
