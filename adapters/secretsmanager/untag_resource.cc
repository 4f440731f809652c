#include "common/json_io.h"
#include "common/list_reader.h"
#include "common/request_reader.h"
#include "secretsmanager/access.h"
#include "secretsmanager/errors.h"
#include "secretsmanager/members.h"
#include "secretsmanager/operations.h"
#include "secretsmanager/tag_list.h"

namespace paramsafe::adapters::secretsmanager {

Outcome UntagResource(Services& s, const CallContext& ctx, const Request& req) {
  RequestReader r(req);
  ListReader lists(r, req);
  auto id = ReadSecretId(r);
  auto keys = ReadTagKeys(lists, "TagKeys", /*required=*/true);
  if (auto e = lists.Error()) return *e;
  if (auto e = AuthorizeSecret(s, ctx, "UntagResource", *id, std::nullopt, {}, *keys)) return *e;

  auto secret = s.secrets.Untag(LookupOf(ctx, *id), *keys);
  if (!secret.ok()) return ErrorFromStatus(secret.status(), Access::kWrite);
  return NewResponseObject();
}

}  // namespace paramsafe::adapters::secretsmanager
