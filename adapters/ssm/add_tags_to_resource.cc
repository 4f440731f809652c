#include "common/json_io.h"
#include "common/list_reader.h"
#include "common/request_reader.h"
#include "ssm/access.h"
#include "ssm/operations.h"
#include "ssm/tag_list.h"
#include "ssm/tag_resource.h"

namespace paramsafe::adapters::ssm {

Outcome AddTagsToResource(Services& s, const CallContext& ctx, const boost::json::object& req) {
  RequestReader r(req);
  ListReader lists(r, req);
  TagResourceMembers resource = ReadTagResource(r);
  auto tags = ReadTagList(lists, "Tags", /*required=*/true);
  if (auto e = lists.Error()) return *e;

  auto key = ResolveTagResource(ctx, *resource.type, *resource.id);
  if (auto* error = std::get_if<AwsError>(&key)) return *error;
  {
    std::vector<std::string> tag_keys;
    for (const core::Tag& t : *tags) tag_keys.push_back(t.key);
    if (auto e = AuthorizeParameter(s, ctx, "AddTagsToResource", std::get<core::ItemKey>(key).name,
                                    *tags, std::move(tag_keys))) {
      return *e;
    }
  }
  core::Status st = s.tags.Add(std::get<core::ItemKey>(key), *tags);
  if (!st.ok()) return TagResourceError(st, *resource.id);
  return NewResponseObject();
}

}  // namespace paramsafe::adapters::ssm
