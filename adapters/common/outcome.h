// Outcome: what an operation handler returns, a response object or an AWS error.
#ifndef PARAMSAFE_ADAPTERS_COMMON_OUTCOME_H_
#define PARAMSAFE_ADAPTERS_COMMON_OUTCOME_H_

#include <boost/json/object.hpp>
#include <variant>

#include "common/aws_error.h"

namespace paramsafe::adapters {

using Outcome = std::variant<boost::json::object, AwsError>;

}  // namespace paramsafe::adapters

#endif  // PARAMSAFE_ADAPTERS_COMMON_OUTCOME_H_
