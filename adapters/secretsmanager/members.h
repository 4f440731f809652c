// The request members several Secrets Manager operations share: their model
// rules, how a SecretId names a secret, and the ClientRequestToken a caller
// that sent none would have sent.
#ifndef PARAMSAFE_ADAPTERS_SECRETSMANAGER_MEMBERS_H_
#define PARAMSAFE_ADAPTERS_SECRETSMANAGER_MEMBERS_H_

#include <optional>
#include <string>
#include <vector>

#include "common/call_context.h"
#include "common/list_reader.h"
#include "common/request_reader.h"
#include "core/random_source.h"
#include "core/secret_repository.h"

namespace paramsafe::adapters::secretsmanager {

// SecretIdType, ClientRequestTokenType, SecretVersionIdType,
// SecretVersionStageType, DescriptionType, KmsKeyIdType, NextTokenType.
inline const StringRule kSecretIdRule{.min = 1, .max = 2048};
inline const StringRule kTokenRule{.min = 32, .max = 64};
inline const StringRule kVersionIdRule{.min = 32, .max = 64};
inline const StringRule kVersionStageRule{.min = 1, .max = 256};
inline const StringRule kDescriptionRule{.min = 0, .max = 2048};
inline const StringRule kKmsKeyIdRule{.min = 0, .max = 2048};
inline const StringRule kNextTokenRule{.min = 1, .max = 4096};

// Reads the required SecretId.
std::optional<std::string> ReadSecretId(RequestReader& r);

// The secret a SecretId names, in the caller's account and region.
core::SecretLookup LookupOf(const CallContext& ctx, const std::string& secret_id);

// SecretVersionStagesType: 1-20 labels of 1-256 characters.
std::optional<std::vector<std::string>> ReadVersionStages(ListReader& lists,
                                                          std::string_view member);

// A random UUID (version 4), lower-case: what the SDKs send as
// ClientRequestToken when their caller gives none.
std::string NewClientRequestToken(core::RandomSource& random);

}  // namespace paramsafe::adapters::secretsmanager

#endif  // PARAMSAFE_ADAPTERS_SECRETSMANAGER_MEMBERS_H_
