#include "common/json_io.h"
#include "common/request_reader.h"
#include "core/parameter_names.h"
#include "reference/reference_name.h"
#include "reference/secret_parameter.h"
#include "ssm/access.h"
#include "ssm/errors.h"
#include "ssm/operations.h"
#include "ssm/parameter_name.h"
#include "ssm/shapes.h"

namespace paramsafe::adapters::ssm {

Outcome GetParameter(Services& s, const CallContext& ctx, const boost::json::object& req) {
  RequestReader r(req);
  auto name = r.String("Name", {.min = 1, .max = 2048}, /*required=*/true);
  auto with_decryption = r.Bool("WithDecryption");
  if (auto e = r.Error()) return *e;

  if (reference::IsSecretsManagerReference(*name)) {
    if (auto e = AuthorizeReference(s, ctx, "GetParameter", *name)) return *e;
    auto secret = reference::GetSecretParameter(s.secrets, ctx, *name,
                                                with_decryption.value_or(false), "GetParameter");
    if (!secret.ok()) return ErrorFromStatus(secret.status());
    boost::json::object resp = NewResponseObject();
    resp["Parameter"] = std::move(*secret);
    return resp;
  }

  auto selector = ParseNameOrArn(*name, ctx.region, ctx.account_id);
  if (!selector.ok()) return ErrorFromStatus(selector.status());
  core::Status name_ok = ValidateNameForRead(selector->name);
  if (!name_ok.ok()) return ErrorFromStatus(name_ok);

  if (auto e = AuthorizeParameter(s, ctx, "GetParameter", selector->name)) return *e;

  core::GetParameterInput in;
  in.key = core::ParameterKey(ctx.account_id, ctx.region, selector->name);
  in.version = selector->version;
  in.label = selector->label;
  in.with_decryption = with_decryption.value_or(false);
  auto got = s.parameters.Get(in);
  if (!got.ok()) return ErrorFromStatus(got.status());
  if (in.with_decryption) {
    if (auto e = AuthorizeDecrypt(s, ctx, got->version)) return *e;
  }

  boost::json::object resp = NewResponseObject();
  resp["Parameter"] = ParameterShape(*got, selector->text);
  return resp;
}

}  // namespace paramsafe::adapters::ssm
