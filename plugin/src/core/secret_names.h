// Names and ARNs of secrets. Pure functions.
#ifndef PARAMSAFE_CORE_SECRET_NAMES_H_
#define PARAMSAFE_CORE_SECRET_NAMES_H_

#include <string>
#include <string_view>

#include "core/item_key.h"
#include "core/random_source.h"
#include "core/secret_repository.h"

namespace paramsafe::core {

// 1-512 characters of ASCII letters, digits and / _ + = . @ -
bool IsValidSecretName(std::string_view name);

// Six characters drawn uniformly from [A-Za-z0-9].
std::string RandomSecretSuffix(RandomSource& random);

// arn:aws:secretsmanager:<region>:<account>:secret:<name>-<suffix>
std::string SecretArn(std::string_view region, std::string_view account_id,
                      std::string_view name, std::string_view suffix);

// Resolves a SecretId the way AWS does: a text starting with "arn:" is a full
// ARN (matched exactly) or a partial ARN without the suffix (its resource part
// is then the name), provided it names this account and region; anything else
// is a name.
SecretLookup ParseSecretId(std::string account_id, std::string region, std::string_view id);

ItemKey SecretKey(std::string account_id, std::string region, std::string name);

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_SECRET_NAMES_H_
