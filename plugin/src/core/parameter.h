// Parameters: the Parameter Store face of items. Plain data, no behaviour.
#ifndef PARAMSAFE_CORE_PARAMETER_H_
#define PARAMSAFE_CORE_PARAMETER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/item_key.h"
#include "core/keys.h"

namespace paramsafe::core {

inline constexpr const char* kTypeString = "String";
inline constexpr const char* kTypeStringList = "StringList";
inline constexpr const char* kTypeSecureString = "SecureString";
inline constexpr const char* kDefaultParameterKey = "alias/aws/ssm";

// The attributes Parameter Store keeps with each version.
struct ParameterAttributes {
  std::string type;       // String | StringList | SecureString
  std::string data_type;  // "text" unless set
  std::optional<std::string> description;
  std::optional<std::string> allowed_pattern;
  std::string tier = "Standard";
  std::optional<std::string> policies;
  // The KeyId as reported in metadata (SecureString only), e.g. "alias/aws/ssm".
  std::optional<std::string> key_ref;
};

// One stored version, as read back.
struct ParameterVersion {
  std::string name;  // as spelled at creation
  std::string arn;
  std::int64_t version = 0;
  ParameterAttributes attributes;
  SealedValue sealed;
  TimePoint last_modified;
  std::string last_modified_user;  // principal ARN of the writer
};

// A version about to be written.
struct NewParameterVersion {
  ParameterAttributes attributes;
  SealedValue sealed;
  std::string created_by;
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_PARAMETER_H_
