#include "common/request_reader.h"
#include "secretsmanager/access.h"
#include "secretsmanager/errors.h"
#include "secretsmanager/members.h"
#include "secretsmanager/operations.h"
#include "secretsmanager/shapes.h"

namespace paramsafe::adapters::secretsmanager {

Outcome UpdateSecretVersionStage(Services& s, const CallContext& ctx, const Request& req) {
  RequestReader r(req);
  auto id = ReadSecretId(r);
  auto stage = r.String("VersionStage", kVersionStageRule, /*required=*/true);
  auto remove_from = r.String("RemoveFromVersionId", kVersionIdRule);
  auto move_to = r.String("MoveToVersionId", kVersionIdRule);
  if (auto e = r.Error()) return *e;
  if (auto e = AuthorizeSecret(s, ctx, "UpdateSecretVersionStage", *id)) return *e;

  core::UpdateVersionStageInput in;
  in.id = LookupOf(ctx, *id);
  in.stage = std::move(*stage);
  in.remove_from_version_id = std::move(remove_from);
  in.move_to_version_id = std::move(move_to);
  auto secret = s.secrets.UpdateVersionStage(in);
  if (!secret.ok()) return ErrorFromStatus(secret.status(), Access::kWrite);
  return ArnAndName(secret->arn, secret->name);
}

}  // namespace paramsafe::adapters::secretsmanager
