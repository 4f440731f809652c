#include "ssm/access.h"

#include <utility>

#include "common/access.h"
#include "core/parameter_names.h"
#include "core/secret_names.h"
#include "reference/reference_name.h"
#include "ssm/errors.h"

namespace paramsafe::adapters::ssm {

namespace {
constexpr std::string_view kDefaultKey = "alias/aws/ssm";
constexpr std::string_view kSecureString = "SecureString";
}  // namespace

std::optional<AwsError> AuthorizeParameter(Services& s, const CallContext& ctx,
                                           std::string_view operation, const std::string& name,
                                           std::vector<core::Tag> request_tags,
                                           std::vector<std::string> tag_keys) {
  core::AccessRequest r;
  r.action = "ssm:" + std::string(operation);
  r.resource = ParameterArn(ctx, name);
  r.parameter = core::ParameterKey(ctx.account_id, ctx.region, name);
  r.request_tags = std::move(request_tags);
  r.tag_keys = std::move(tag_keys);
  return Authorize(s.access, ctx, r, &ErrorFromStatus);
}

std::optional<AwsError> AuthorizeReference(Services& s, const CallContext& ctx,
                                           std::string_view operation, const std::string& name) {
  auto ref = reference::ParseReferenceName(name);
  if (!ref.ok()) return std::nullopt;
  if (auto e = AuthorizeParameter(s, ctx, operation, ref->path)) return e;
  core::AccessRequest r;
  r.action = "secretsmanager:GetSecretValue";
  r.secret = core::ParseSecretId(ctx.account_id, ctx.region, ref->secret_id);
  r.secret_key_action = "kms:Decrypt";
  return Authorize(s.access, ctx, r, &ErrorFromStatus);
}

std::optional<AwsError> AuthorizeAction(Services& s, const CallContext& ctx,
                                        std::string_view operation) {
  core::AccessRequest r;
  r.action = "ssm:" + std::string(operation);
  return Authorize(s.access, ctx, r, &ErrorFromStatus);
}

std::optional<AwsError> AuthorizeDecrypt(Services& s, const CallContext& ctx,
                                         const core::ParameterVersion& version) {
  if (version.attributes.type != kSecureString) return std::nullopt;
  const auto& key = version.attributes.key_ref;
  return AuthorizeKey(s.access, ctx, "kms:Decrypt", key ? std::string_view(*key) : kDefaultKey,
                      &ErrorFromStatus);
}

std::optional<AwsError> AuthorizeEncrypt(Services& s, const CallContext& ctx,
                                         const std::optional<std::string>& key_ref) {
  return AuthorizeKey(s.access, ctx, "kms:Encrypt",
                      key_ref ? std::string_view(*key_ref) : kDefaultKey, &ErrorFromStatus);
}

}  // namespace paramsafe::adapters::ssm
