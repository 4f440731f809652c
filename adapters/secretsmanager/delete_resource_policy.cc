#include "common/request_reader.h"
#include "secretsmanager/access.h"
#include "secretsmanager/errors.h"
#include "secretsmanager/members.h"
#include "secretsmanager/operations.h"
#include "secretsmanager/shapes.h"

namespace paramsafe::adapters::secretsmanager {

Outcome DeleteResourcePolicy(Services& s, const CallContext& ctx, const Request& req) {
  RequestReader r(req);
  auto id = ReadSecretId(r);
  if (auto e = r.Error()) return *e;
  if (auto e = AuthorizeSecret(s, ctx, "DeleteResourcePolicy", *id)) return *e;

  auto secret = s.secrets.DeleteResourcePolicy(LookupOf(ctx, *id));
  if (!secret.ok()) return ErrorFromStatus(secret.status(), Access::kWrite);
  return ArnAndName(secret->arn, secret->name);
}

}  // namespace paramsafe::adapters::secretsmanager
