#include "common/json_io.h"
#include "common/list_reader.h"
#include "common/request_reader.h"
#include "ssm/access.h"
#include "ssm/operations.h"
#include "ssm/tag_list.h"
#include "ssm/tag_resource.h"

namespace paramsafe::adapters::ssm {

Outcome RemoveTagsFromResource(Services& s, const CallContext& ctx,
                               const boost::json::object& req) {
  RequestReader r(req);
  ListReader lists(r, req);
  TagResourceMembers resource = ReadTagResource(r);
  auto keys = ReadTagKeyList(lists, "TagKeys", /*required=*/true);
  if (auto e = lists.Error()) return *e;

  auto key = ResolveTagResource(ctx, *resource.type, *resource.id);
  if (auto* error = std::get_if<AwsError>(&key)) return *error;
  if (auto e = AuthorizeParameter(s, ctx, "RemoveTagsFromResource",
                                  std::get<core::ItemKey>(key).name, {}, *keys)) {
    return *e;
  }
  core::Status st = s.tags.Remove(std::get<core::ItemKey>(key), *keys);
  if (!st.ok()) return TagResourceError(st, *resource.id);
  return NewResponseObject();
}

}  // namespace paramsafe::adapters::ssm
