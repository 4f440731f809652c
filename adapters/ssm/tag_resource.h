// The resource of the tagging operations (AddTagsToResource,
// RemoveTagsFromResource, ListTagsForResource): ResourceType and ResourceId.
// Only parameters are served; the ResourceId of a parameter is its name, with
// or without the leading slash for a single-level name.
#ifndef PARAMSAFE_ADAPTERS_SSM_TAG_RESOURCE_H_
#define PARAMSAFE_ADAPTERS_SSM_TAG_RESOURCE_H_

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "common/aws_error.h"
#include "common/call_context.h"
#include "common/request_reader.h"
#include "core/item_key.h"
#include "core/status.h"

namespace paramsafe::adapters::ssm {

struct TagResourceMembers {
  std::optional<std::string> type;
  std::optional<std::string> id;
};

// Reads ResourceType (required, the model's enum) and ResourceId (required).
TagResourceMembers ReadTagResource(RequestReader& r);

// The parameter a valid request names: InvalidResourceType for the types other
// than Parameter, InvalidResourceId for an id that cannot be a parameter name.
std::variant<core::ItemKey, AwsError> ResolveTagResource(const CallContext& ctx,
                                                         std::string_view type,
                                                         std::string_view id);

// A TagService failure as the tagging operations answer it: a missing
// parameter is InvalidResourceId; the rest as ErrorFromStatus.
AwsError TagResourceError(const core::Status& status, std::string_view id);

}  // namespace paramsafe::adapters::ssm

#endif  // PARAMSAFE_ADAPTERS_SSM_TAG_RESOURCE_H_
