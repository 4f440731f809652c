// Filling a request's condition keys from what authentication and the
// adapters know: the caller (aws:username, aws:PrincipalArn, aws:SourceIp,
// ...), the time, the tags a request sets, and a resource's tags. Pure
// functions; thread-safe.
#ifndef PARAMSAFE_AUTH_REQUEST_KEYS_H_
#define PARAMSAFE_AUTH_REQUEST_KEYS_H_

#include <string_view>
#include <vector>

#include "auth/request_context.h"
#include "core/access_control.h"
#include "core/clock.h"
#include "core/parameter.h"
#include "core/policy.h"

namespace paramsafe::auth {

// aws:username, aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType
// ("User"), aws:SourceIp (when known), aws:SecureTransport,
// aws:RequestedRegion, aws:CurrentTime (ISO 8601, UTC, seconds) and
// aws:EpochTime. aws:userid is left out: paramsafe users have no unique ids.
void AddCallerKeys(const core::Caller& caller, core::TimePoint now, ConditionKeys* keys);

// aws:RequestTag/<key> for each tag the request sets, and aws:TagKeys (the
// keys it sets or removes), when it has any.
void AddRequestTagKeys(const core::AccessRequest& request, ConditionKeys* keys);

// aws:ResourceTag/<key> and <service_prefix><key> (e.g.
// "secretsmanager:ResourceTag/", "ssm:resourceTag/") for each tag.
void AddResourceTagKeys(const std::vector<core::Tag>& tags, std::string_view service_prefix,
                        ConditionKeys* keys);

// Whether any statement could look at a resource's tags: a condition key or
// a policy variable naming .../ResourceTag/... (so a parameter's tags need
// not be read for policies that never ask).
bool UsesResourceTags(const core::Policy& policy);

}  // namespace paramsafe::auth

#endif  // PARAMSAFE_AUTH_REQUEST_KEYS_H_
