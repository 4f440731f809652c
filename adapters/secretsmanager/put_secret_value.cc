#include "common/list_reader.h"
#include "common/request_reader.h"
#include "secretsmanager/access.h"
#include "secretsmanager/errors.h"
#include "secretsmanager/members.h"
#include "secretsmanager/operations.h"
#include "secretsmanager/secret_values.h"
#include "secretsmanager/shapes.h"

namespace paramsafe::adapters::secretsmanager {

Outcome PutSecretValue(Services& s, const CallContext& ctx, const Request& req) {
  RequestReader r(req);
  ListReader lists(r, req);
  auto id = ReadSecretId(r);
  auto token = r.String("ClientRequestToken", kTokenRule);
  SecretValueMembers value(r);
  auto stages = ReadVersionStages(lists, "VersionStages");
  // For rotation across accounts, which has no meaning here: checked against
  // the model, then ignored. It is a credential, so it is never shown.
  (void)r.SecretString("RotationToken", {.min = 36, .max = 256, .pattern = "^[a-zA-Z0-9\\-]+$"});
  if (auto e = lists.Error()) return *e;
  if (auto e = value.Error()) return *e;
  std::optional<core::SecretValueInput> v = value.Take();
  if (!v) return MissingValueError();

  if (auto e = AuthorizeSecret(s, ctx, "PutSecretValue", *id, kGenerateDataKey)) return *e;

  core::PutSecretValueInput in;
  in.id = LookupOf(ctx, *id);
  in.token = token ? std::move(*token) : NewClientRequestToken(s.random);
  in.value = std::move(*v);
  in.stages = std::move(stages);
  in.principal_arn = ctx.principal_arn;
  auto out = s.secrets.PutValue(in);
  if (!out.ok()) return ErrorFromStatus(out.status(), Access::kWrite);

  boost::json::object resp = ArnAndName(out->arn, out->name);
  if (out->version_id) resp["VersionId"] = *out->version_id;
  if (!out->stages.empty()) {
    boost::json::array labels(resp.storage());
    for (const std::string& l : out->stages) labels.emplace_back(l);
    resp["VersionStages"] = std::move(labels);
  }
  return resp;
}

}  // namespace paramsafe::adapters::secretsmanager
