// Names of parameters: ARNs and the lookup form. Pure functions.
#ifndef PARAMSAFE_CORE_PARAMETER_NAMES_H_
#define PARAMSAFE_CORE_PARAMETER_NAMES_H_

#include <string>
#include <string_view>

#include "core/item_key.h"

namespace paramsafe::core {

// "/TestParam1" and "TestParam1" are the same parameter (AWS normalises
// single-level names); hierarchical names compare as written.
std::string ParameterLookupName(std::string_view name);

// arn:aws:ssm:<region>:<account>:parameter/<name without its leading slash>
std::string ParameterArn(std::string_view region, std::string_view account_id,
                         std::string_view name);

ItemKey ParameterKey(std::string account_id, std::string region, std::string name);

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_PARAMETER_NAMES_H_
