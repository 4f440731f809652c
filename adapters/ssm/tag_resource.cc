#include "ssm/tag_resource.h"

#include "core/parameter_names.h"
#include "ssm/errors.h"
#include "ssm/parameter_name.h"

namespace paramsafe::adapters::ssm {

namespace {

AwsError InvalidResourceId(std::string_view id) {
  return AwsError{
      400, "InvalidResourceId",
      "The resource ID \"" + std::string(id) + "\" is not valid. Verify the ID and try again."};
}

}  // namespace

TagResourceMembers ReadTagResource(RequestReader& r) {
  TagResourceMembers m;
  m.type = r.String(
      "ResourceType",
      {.allowed = {"Document", "ManagedInstance", "MaintenanceWindow", "Parameter", "PatchBaseline",
                   "OpsItem", "OpsMetadata", "Automation", "Association"}},
      /*required=*/true);
  m.id = r.String("ResourceId", {}, /*required=*/true);
  return m;
}

std::variant<core::ItemKey, AwsError> ResolveTagResource(const CallContext& ctx,
                                                         std::string_view type,
                                                         std::string_view id) {
  if (type != "Parameter") {
    return AwsError{400, "InvalidResourceType",
                    "The resource type isn't supported: " + std::string(type) +
                        ". paramsafe tags resources of type Parameter only."};
  }
  // A name no parameter can have names no resource: the same answer as a
  // parameter that does not exist.
  if (id.empty() || !ValidateNameForRead(id).ok()) return InvalidResourceId(id);
  return core::ParameterKey(ctx.account_id, ctx.region, std::string(id));
}

AwsError TagResourceError(const core::Status& status, std::string_view id) {
  if (status.code() == core::Code::kNotFound) return InvalidResourceId(id);
  return ErrorFromStatus(status);
}

}  // namespace paramsafe::adapters::ssm
