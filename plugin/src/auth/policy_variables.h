// Policy variables (2012-10-17 grammar only): "${aws:username}" in a Resource
// or a condition value stands for the request's value of that key;
// "${key, 'default'}" gives a value for a missing key; "${*}", "${?}" and
// "${$}" are the literal characters. Pure functions; thread-safe.
#ifndef PARAMSAFE_AUTH_POLICY_VARIABLES_H_
#define PARAMSAFE_AUTH_POLICY_VARIABLES_H_

#include <optional>
#include <string_view>

#include "auth/request_context.h"
#include "auth/wildcard.h"

namespace paramsafe::auth {

// `text` with its variables replaced; what a variable put in matches only
// literally (a '*' in a tag value is not a wildcard). Without `variables`
// (a 2008-10-17 policy) the text is returned as written. nullopt when a
// variable names a key the request does not carry (or one with several
// values) and gives no default: the entry then matches nothing, as on AWS.
std::optional<Pattern> ResolveVariables(std::string_view text, const ConditionKeys& keys,
                                        bool variables);

}  // namespace paramsafe::auth

#endif  // PARAMSAFE_AUTH_POLICY_VARIABLES_H_
