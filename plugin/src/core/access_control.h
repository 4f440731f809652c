// AccessControl: may this caller perform this action on this resource? The
// adapters ask before every operation runs (and, for keys, before a value is
// sealed or returned); auth/ answers by evaluating the caller's identity
// policies and, for a secret, its resource policy, the way AWS does within one
// account: an explicit Deny in either wins, else an Allow in either allows,
// else the request is denied.
#ifndef PARAMSAFE_CORE_ACCESS_CONTROL_H_
#define PARAMSAFE_CORE_ACCESS_CONTROL_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/item_key.h"
#include "core/parameter.h"
#include "core/secret_repository.h"
#include "core/status.h"

namespace paramsafe::core {

// Who is asking, as authentication established it.
struct Caller {
  std::string principal_arn;  // arn:aws:iam::<account>:user/<name>
  std::string user_name;
  std::string account_id;
  std::string region;     // the SigV4 scope's region
  std::string source_ip;  // aws:SourceIp; may be empty
  bool secure_transport = false;  // aws:SecureTransport
};

// The suffix evaluated in place of a secret ARN's random six characters when
// they are not known (CreateSecret, or an id naming no secret): it matches the
// patterns AWS recommends ("name-??????", "name-*", "prefix/*").
inline constexpr std::string_view kUnknownSecretSuffix = "-??????";

struct AccessRequest {
  std::string action;  // "ssm:GetParameter", "secretsmanager:GetSecretValue", ...

  // The resource's ARN, or "*" for actions on no particular resource
  // (DescribeParameters, ListSecrets, GetRandomPassword). Ignored with
  // `secret` (the access control resolves the ARN itself).
  std::string resource = "*";

  // A Secrets Manager action on an existing secret, named by a SecretId as
  // sent: resolved to the secret's ARN, tags (secretsmanager:ResourceTag/…,
  // aws:ResourceTag/…) and resource policy. When no secret matches, the ARN the
  // id spells (with kUnknownSecretSuffix for a name) is evaluated, without
  // tags, so a caller learns nothing about secrets it may not touch.
  std::optional<SecretLookup> secret;

  // A Parameter Store action on one parameter: read for ssm:resourceTag/…
  // and aws:ResourceTag/… conditions (only when a policy has one).
  std::optional<ItemKey> parameter;

  // aws:RequestTag/<key> (tags the request sets) and aws:TagKeys (keys it
  // sets or removes).
  std::vector<Tag> request_tags;
  std::vector<std::string> tag_keys;

  // With `secret`: also require this KMS action ("kms:Decrypt",
  // "kms:GenerateDataKey") on the secret's key (see AuthorizeKey).
  std::optional<std::string> secret_key_action;
};

// Thread-safe.
class AccessControl {
 public:
  virtual ~AccessControl() = default;

  // OK when allowed. kPermissionDenied otherwise, its reason AWS's message:
  // "User: <principal> is not authorized to perform: <action> on resource:
  // <arn> because no identity-based policy allows the <action> action" (or
  // "with an explicit deny in an identity-based policy" / "...in a
  // resource-based policy"). Fails closed: when policies or facts cannot be
  // read, that error (e.g. kUnavailable) is returned and nothing is allowed.
  // When evaluated_resource is not null it receives the ARN the decision was
  // about (a secret's resolved ARN), for the audit record.
  virtual Status Authorize(const Caller& caller, const AccessRequest& request,
                           std::string* evaluated_resource) = 0;

  // kms_action on the key key_ref names in caller.region (key id, key ARN,
  // alias name or alias ARN). An AWS managed key (alias/aws/…) is usable by
  // every principal of the account through the service, as its key policy
  // says on AWS; a customer key needs the action allowed by an identity policy
  // on the key's ARN. A key that does not exist is allowed here: the operation
  // then fails with its own key error.
  virtual Status AuthorizeKey(const Caller& caller, std::string_view kms_action,
                              std::string_view key_ref) = 0;
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_ACCESS_CONTROL_H_
