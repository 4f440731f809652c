#include "common/request_reader.h"
#include "secretsmanager/access.h"
#include "secretsmanager/errors.h"
#include "secretsmanager/members.h"
#include "secretsmanager/operations.h"
#include "secretsmanager/secret_values.h"
#include "secretsmanager/shapes.h"

namespace paramsafe::adapters::secretsmanager {

Outcome UpdateSecret(Services& s, const CallContext& ctx, const Request& req) {
  RequestReader r(req);
  auto id = ReadSecretId(r);
  auto token = r.String("ClientRequestToken", kTokenRule);
  auto description = r.String("Description", kDescriptionRule);
  auto kms_key_id = r.String("KmsKeyId", kKmsKeyIdRule);
  SecretValueMembers value(r);
  // Type marks secrets of partner integrations; read for its limits, ignored.
  (void)r.String("Type", {.min = 0, .max = 256});
  if (auto e = r.Error()) return *e;
  if (auto e = value.Error()) return *e;

  core::UpdateSecretInput in;
  in.value = value.Take();
  // A new value is sealed with the new key when one is given, else with the
  // secret's own key.
  std::optional<std::string_view> key_action;
  if (in.value && !kms_key_id) key_action = kGenerateDataKey;
  if (auto e = AuthorizeSecret(s, ctx, "UpdateSecret", *id, key_action)) return *e;
  if (in.value && kms_key_id) {
    if (auto e = AuthorizeSecretKey(s, ctx, kGenerateDataKey, kms_key_id)) return *e;
  }
  in.id = LookupOf(ctx, *id);
  in.description = std::move(description);
  in.kms_key_id = std::move(kms_key_id);
  if (in.value) in.token = token ? std::move(*token) : NewClientRequestToken(s.random);
  in.principal_arn = ctx.principal_arn;
  auto out = s.secrets.Update(in);
  if (!out.ok()) return ErrorFromStatus(out.status(), Access::kWrite);

  boost::json::object resp = ArnAndName(out->arn, out->name);
  if (out->version_id) resp["VersionId"] = *out->version_id;
  return resp;
}

}  // namespace paramsafe::adapters::secretsmanager
