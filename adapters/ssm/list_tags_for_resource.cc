#include "common/json_io.h"
#include "common/request_reader.h"
#include "ssm/access.h"
#include "ssm/operations.h"
#include "ssm/tag_resource.h"

namespace paramsafe::adapters::ssm {

Outcome ListTagsForResource(Services& s, const CallContext& ctx, const boost::json::object& req) {
  RequestReader r(req);
  TagResourceMembers resource = ReadTagResource(r);
  if (auto e = r.Error()) return *e;

  auto key = ResolveTagResource(ctx, *resource.type, *resource.id);
  if (auto* error = std::get_if<AwsError>(&key)) return *error;
  if (auto e = AuthorizeParameter(s, ctx, "ListTagsForResource",
                                  std::get<core::ItemKey>(key).name)) {
    return *e;
  }
  auto tags = s.tags.List(std::get<core::ItemKey>(key));
  if (!tags.ok()) return TagResourceError(tags.status(), *resource.id);

  boost::json::object resp = NewResponseObject();
  boost::json::array list(resp.storage());
  for (const core::Tag& t : *tags) {
    boost::json::object tag(resp.storage());
    tag["Key"] = t.key;
    tag["Value"] = t.value;
    list.emplace_back(std::move(tag));
  }
  resp["TagList"] = std::move(list);
  return resp;
}

}  // namespace paramsafe::adapters::ssm
