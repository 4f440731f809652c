#include "common/request_reader.h"
#include "secretsmanager/access.h"
#include "secretsmanager/errors.h"
#include "secretsmanager/members.h"
#include "secretsmanager/operations.h"
#include "secretsmanager/shapes.h"

namespace paramsafe::adapters::secretsmanager {

Outcome GetResourcePolicy(Services& s, const CallContext& ctx, const Request& req) {
  RequestReader r(req);
  auto id = ReadSecretId(r);
  if (auto e = r.Error()) return *e;
  if (auto e = AuthorizeSecret(s, ctx, "GetResourcePolicy", *id)) return *e;

  auto secret = s.secrets.GetResourcePolicy(LookupOf(ctx, *id));
  if (!secret.ok()) return ErrorFromStatus(secret.status(), Access::kRead);
  boost::json::object o = ArnAndName(secret->arn, secret->name);
  // AWS leaves the member out, rather than sending null, when there is none.
  if (secret->resource_policy) o["ResourcePolicy"] = *secret->resource_policy;
  return o;
}

}  // namespace paramsafe::adapters::secretsmanager
