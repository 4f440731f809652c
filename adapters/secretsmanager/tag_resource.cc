#include "common/json_io.h"
#include "common/list_reader.h"
#include "common/request_reader.h"
#include "secretsmanager/access.h"
#include "secretsmanager/errors.h"
#include "secretsmanager/members.h"
#include "secretsmanager/operations.h"
#include "secretsmanager/tag_list.h"

namespace paramsafe::adapters::secretsmanager {

Outcome TagResource(Services& s, const CallContext& ctx, const Request& req) {
  RequestReader r(req);
  ListReader lists(r, req);
  auto id = ReadSecretId(r);
  auto tags = ReadTags(lists, "Tags", /*required=*/true);
  if (auto e = lists.Error()) return *e;
  std::vector<std::string> keys;
  for (const core::Tag& t : *tags) keys.push_back(t.key);
  if (auto e = AuthorizeSecret(s, ctx, "TagResource", *id, std::nullopt, *tags, keys)) return *e;

  auto secret = s.secrets.Tag(LookupOf(ctx, *id), *tags);
  if (!secret.ok()) return ErrorFromStatus(secret.status(), Access::kWrite);
  return NewResponseObject();
}

}  // namespace paramsafe::adapters::secretsmanager
