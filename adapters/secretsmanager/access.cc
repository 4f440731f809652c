#include "secretsmanager/access.h"

#include <utility>

#include "common/access.h"
#include "core/secret.h"
#include "secretsmanager/errors.h"
#include "secretsmanager/members.h"

namespace paramsafe::adapters::secretsmanager {

namespace {

// A failure to decide (the database, a bug) is answered like any read error.
AwsError DecisionError(const core::Status& s) {
  AwsError e = ErrorFromStatus(s, Access::kRead);
  e.message_member = "Message";
  return e;
}

std::optional<AwsError> Ask(Services& s, const CallContext& ctx, const core::AccessRequest& r) {
  auto e = Authorize(s.access, ctx, r, &DecisionError);
  if (e) e->message_member = "Message";
  return e;
}

std::string ActionOf(std::string_view operation) {
  return "secretsmanager:" + std::string(operation);
}

}  // namespace

std::optional<AwsError> AuthorizeSecret(Services& s, const CallContext& ctx,
                                        std::string_view operation, const std::string& secret_id,
                                        std::optional<std::string_view> key_action,
                                        std::vector<core::Tag> request_tags,
                                        std::vector<std::string> tag_keys) {
  core::AccessRequest r;
  r.action = ActionOf(operation);
  r.secret = LookupOf(ctx, secret_id);
  r.request_tags = std::move(request_tags);
  r.tag_keys = std::move(tag_keys);
  if (key_action) r.secret_key_action = std::string(*key_action);
  return Ask(s, ctx, r);
}

std::optional<AwsError> AuthorizeAction(Services& s, const CallContext& ctx,
                                        std::string_view operation) {
  core::AccessRequest r;
  r.action = ActionOf(operation);
  return Ask(s, ctx, r);
}

std::optional<AwsError> AuthorizeNewSecret(Services& s, const CallContext& ctx,
                                           std::string_view operation, std::string_view name,
                                           std::vector<core::Tag> request_tags) {
  core::AccessRequest r;
  r.action = ActionOf(operation);
  r.resource = SecretArnForName(ctx, name);
  for (const auto& t : request_tags) r.tag_keys.push_back(t.key);
  r.request_tags = std::move(request_tags);
  return Ask(s, ctx, r);
}

std::optional<AwsError> AuthorizeSecretKey(Services& s, const CallContext& ctx,
                                           std::string_view kms_action,
                                           const std::optional<std::string>& key_id) {
  auto e = AuthorizeKey(s.access, ctx, kms_action,
                        key_id ? std::string_view(*key_id) : core::kDefaultSecretKey,
                        &DecisionError);
  if (e) e->message_member = "Message";
  return e;
}

}  // namespace paramsafe::adapters::secretsmanager
