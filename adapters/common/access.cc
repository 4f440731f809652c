#include "common/access.h"

#include <utility>

namespace paramsafe::adapters {

core::Caller CallerOf(const CallContext& ctx) {
  core::Caller c;
  c.principal_arn = ctx.principal_arn;
  // arn:aws:iam::<account>:user/<path/>name: the name is the last segment.
  auto slash = ctx.principal_arn.rfind('/');
  if (slash != std::string::npos) c.user_name = ctx.principal_arn.substr(slash + 1);
  c.account_id = ctx.account_id;
  c.region = ctx.region;
  c.source_ip = ctx.source_ip;
  c.secure_transport = ctx.secure_transport;
  return c;
}

std::string ParameterArn(const CallContext& ctx, std::string_view name) {
  if (!name.empty() && name.front() == '/') name.remove_prefix(1);
  return "arn:aws:ssm:" + ctx.region + ":" + ctx.account_id + ":parameter/" + std::string(name);
}

std::string SecretArnForName(const CallContext& ctx, std::string_view name) {
  return "arn:aws:secretsmanager:" + ctx.region + ":" + ctx.account_id + ":secret:" +
         std::string(name) + std::string(core::kUnknownSecretSuffix);
}

namespace {

std::optional<AwsError> Denial(const core::Status& s, StatusToError to_error) {
  if (s.ok()) return std::nullopt;
  if (s.code() == core::Code::kPermissionDenied) {
    return AwsError{400, "AccessDeniedException", std::string(s.reason())};
  }
  return to_error(s);
}

void Note(const CallContext& ctx, std::string resource) {
  if (ctx.audit == nullptr || resource.empty() || resource == "*") return;
  for (const auto& r : ctx.audit->resources) {
    if (r == resource) return;
  }
  ctx.audit->resources.push_back(std::move(resource));
}

}  // namespace

std::optional<AwsError> Authorize(core::AccessControl& access, const CallContext& ctx,
                                  const core::AccessRequest& request, StatusToError to_error) {
  std::string evaluated;
  core::Status s = access.Authorize(CallerOf(ctx), request, &evaluated);
  Note(ctx, evaluated.empty() ? request.resource : evaluated);
  return Denial(s, to_error);
}

std::optional<AwsError> AuthorizeKey(core::AccessControl& access, const CallContext& ctx,
                                     std::string_view kms_action, std::string_view key_ref,
                                     StatusToError to_error) {
  return Denial(access.AuthorizeKey(CallerOf(ctx), kms_action, key_ref), to_error);
}

}  // namespace paramsafe::adapters
