// The Secrets Manager operations, one function per operation, each defined in
// the file named after it. Rotation and replication are not built yet: the
// dispatcher answers them with UnknownOperationException.
#ifndef PARAMSAFE_ADAPTERS_SECRETSMANAGER_OPERATIONS_H_
#define PARAMSAFE_ADAPTERS_SECRETSMANAGER_OPERATIONS_H_

#include <boost/json/object.hpp>

#include "common/call_context.h"
#include "common/outcome.h"
#include "core/access_control.h"
#include "core/policy_checker.h"
#include "core/random_source.h"
#include "core/secret_service.h"

namespace paramsafe::adapters::secretsmanager {

struct Services {
  core::RandomSource& random;
  core::SecretService& secrets;
  core::AccessControl& access;
  // Parses and judges resource policies (auth::PolicyLanguage).
  const core::PolicyChecker& policies;
};

using Request = boost::json::object;

Outcome BatchGetSecretValue(Services& s, const CallContext& ctx, const Request& req);
Outcome CreateSecret(Services& s, const CallContext& ctx, const Request& req);
Outcome DeleteSecret(Services& s, const CallContext& ctx, const Request& req);
Outcome DescribeSecret(Services& s, const CallContext& ctx, const Request& req);
Outcome GetRandomPassword(Services& s, const CallContext& ctx, const Request& req);
Outcome GetSecretValue(Services& s, const CallContext& ctx, const Request& req);
Outcome ListSecrets(Services& s, const CallContext& ctx, const Request& req);
Outcome ListSecretVersionIds(Services& s, const CallContext& ctx, const Request& req);
Outcome PutSecretValue(Services& s, const CallContext& ctx, const Request& req);
Outcome RestoreSecret(Services& s, const CallContext& ctx, const Request& req);
Outcome TagResource(Services& s, const CallContext& ctx, const Request& req);
Outcome UntagResource(Services& s, const CallContext& ctx, const Request& req);
Outcome UpdateSecret(Services& s, const CallContext& ctx, const Request& req);
Outcome UpdateSecretVersionStage(Services& s, const CallContext& ctx, const Request& req);
Outcome PutResourcePolicy(Services& s, const CallContext& ctx, const Request& req);
Outcome GetResourcePolicy(Services& s, const CallContext& ctx, const Request& req);
Outcome DeleteResourcePolicy(Services& s, const CallContext& ctx, const Request& req);
Outcome ValidateResourcePolicy(Services& s, const CallContext& ctx, const Request& req);

}  // namespace paramsafe::adapters::secretsmanager

#endif  // PARAMSAFE_ADAPTERS_SECRETSMANAGER_OPERATIONS_H_
