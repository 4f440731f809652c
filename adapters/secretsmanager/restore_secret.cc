#include "common/request_reader.h"
#include "secretsmanager/access.h"
#include "secretsmanager/errors.h"
#include "secretsmanager/members.h"
#include "secretsmanager/operations.h"
#include "secretsmanager/shapes.h"

namespace paramsafe::adapters::secretsmanager {

Outcome RestoreSecret(Services& s, const CallContext& ctx, const Request& req) {
  RequestReader r(req);
  auto id = ReadSecretId(r);
  if (auto e = r.Error()) return *e;
  if (auto e = AuthorizeSecret(s, ctx, "RestoreSecret", *id)) return *e;

  auto secret = s.secrets.Restore(LookupOf(ctx, *id));
  if (!secret.ok()) return ErrorFromStatus(secret.status(), Access::kWrite);
  return ArnAndName(secret->arn, secret->name);
}

}  // namespace paramsafe::adapters::secretsmanager
