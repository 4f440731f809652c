#include <optional>
#include <set>
#include <variant>

#include "common/json_io.h"
#include "common/list_reader.h"
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

namespace {

// The parameter one requested name resolves to; nullopt for a name that
// cannot be resolved, which GetParameters lists instead of failing the call.
// Errors about something other than the name (a key, decryption, the
// database) fail the whole call.
std::variant<std::optional<boost::json::object>, AwsError> Resolve(Services& s,
                                                                   const CallContext& ctx,
                                                                   const std::string& sent,
                                                                   bool with_decryption) {
  if (reference::IsSecretsManagerReference(sent)) {
    if (auto e = AuthorizeReference(s, ctx, "GetParameters", sent)) return *e;
    auto secret =
        reference::GetSecretParameter(s.secrets, ctx, sent, with_decryption, "GetParameters");
    if (secret.ok()) return std::move(*secret);
    if (reference::IsReferenceFailure(secret.status())) return std::nullopt;
    return ErrorFromStatus(secret.status());
  }
  auto selector = ParseNameOrArn(sent, ctx.region, ctx.account_id);
  if (!selector.ok() || selector->name.empty() || !ValidateNameForRead(selector->name).ok()) {
    return std::nullopt;
  }

  if (auto e = AuthorizeParameter(s, ctx, "GetParameters", selector->name)) return *e;

  core::GetParameterInput in;
  in.key = core::ParameterKey(ctx.account_id, ctx.region, selector->name);
  in.version = selector->version;
  in.label = selector->label;
  in.with_decryption = with_decryption;
  auto got = s.parameters.Get(in);
  if (got.ok()) {
    if (with_decryption) {
      if (auto e = AuthorizeDecrypt(s, ctx, got->version)) return *e;
    }
    return ParameterShape(*got, selector->text);
  }
  const core::Code code = got.status().code();
  if (code == core::Code::kNotFound || code == core::Code::kVersionNotFound) return std::nullopt;
  return ErrorFromStatus(got.status());
}

}  // namespace

Outcome GetParameters(Services& s, const CallContext& ctx, const boost::json::object& req) {
  RequestReader r(req);
  ListReader lists(r, req);
  auto names = lists.Strings("Names", {.min = 1, .max = 10}, {.min = 1, .max = 2048},
                             /*required=*/true);
  auto with_decryption = r.Bool("WithDecryption");
  if (auto e = lists.Error()) return *e;

  boost::json::object resp = NewResponseObject();
  boost::json::array parameters(resp.storage());
  boost::json::array invalid(resp.storage());
  // Each distinct string once, in request order: a name sent twice is one
  // answer, but "/a" and "a" are two (they are spelled differently).
  std::set<std::string> seen;
  for (const std::string& name : *names) {
    if (!seen.insert(name).second) continue;
    auto resolved = Resolve(s, ctx, name, with_decryption.value_or(false));
    if (auto* error = std::get_if<AwsError>(&resolved)) return *error;
    auto& parameter = std::get<std::optional<boost::json::object>>(resolved);
    if (parameter) {
      parameters.emplace_back(std::move(*parameter));
    } else {
      invalid.emplace_back(name);
    }
  }
  resp["Parameters"] = std::move(parameters);
  resp["InvalidParameters"] = std::move(invalid);
  return resp;
}

}  // namespace paramsafe::adapters::ssm
