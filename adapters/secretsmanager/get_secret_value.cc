#include "common/request_reader.h"
#include "secretsmanager/access.h"
#include "secretsmanager/errors.h"
#include "secretsmanager/members.h"
#include "secretsmanager/operations.h"
#include "secretsmanager/shapes.h"

namespace paramsafe::adapters::secretsmanager {

Outcome GetSecretValue(Services& s, const CallContext& ctx, const Request& req) {
  RequestReader r(req);
  auto id = ReadSecretId(r);
  auto version_id = r.String("VersionId", kVersionIdRule);
  auto stage = r.String("VersionStage", kVersionStageRule);
  if (auto e = r.Error()) return *e;

  if (auto e = AuthorizeSecret(s, ctx, "GetSecretValue", *id, kDecrypt)) return *e;

  core::GetSecretValueInput in;
  in.id = LookupOf(ctx, *id);
  in.version_id = std::move(version_id);
  in.stage = std::move(stage);
  in.principal_arn = ctx.principal_arn;
  auto out = s.secrets.GetValue(in);
  if (!out.ok()) return ErrorFromStatus(out.status(), Access::kRead);
  return SecretValueShape(*out);
}

}  // namespace paramsafe::adapters::secretsmanager
