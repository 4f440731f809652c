#include "common/request_reader.h"
#include "secretsmanager/access.h"
#include "secretsmanager/errors.h"
#include "secretsmanager/members.h"
#include "secretsmanager/operations.h"
#include "secretsmanager/resource_policy.h"
#include "secretsmanager/shapes.h"

namespace paramsafe::adapters::secretsmanager {

Outcome PutResourcePolicy(Services& s, const CallContext& ctx, const Request& req) {
  RequestReader r(req);
  auto id = ReadSecretId(r);
  auto policy = r.String("ResourcePolicy", kResourcePolicyRule, /*required=*/true);
  auto block_public = r.Bool("BlockPublicPolicy");
  if (auto e = r.Error()) return *e;
  if (auto e = AuthorizeSecret(s, ctx, "PutResourcePolicy", *id)) return *e;

  auto parsed = s.policies.Parse(*policy, core::PolicyKind::kResource);
  if (!parsed.ok()) return PolicyParseError(parsed.status());
  // The secret lives in the caller's account: broad means reaching past it.
  if (block_public.value_or(false) && !s.policies.BroadAccess(*parsed, ctx.account_id).empty()) {
    return PublicPolicy();
  }
  auto secret = s.secrets.PutResourcePolicy(LookupOf(ctx, *id), *policy);
  if (!secret.ok()) return ErrorFromStatus(secret.status(), Access::kWrite);
  return ArnAndName(secret->arn, secret->name);
}

}  // namespace paramsafe::adapters::secretsmanager
