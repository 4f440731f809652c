// The response shapes of Parameter Store reads, with AWS's member names and
// types: Parameter, ParameterMetadata, ParameterHistory, ParameterInlinePolicy.
// Every object is allocated with wiping storage (values may be secrets).
#ifndef PARAMSAFE_ADAPTERS_SSM_SHAPES_H_
#define PARAMSAFE_ADAPTERS_SSM_SHAPES_H_

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/parameter.h"
#include "core/parameter_service.h"

namespace paramsafe::adapters::ssm {

// Parameter (GetParameter, GetParameters, GetParametersByPath). The value is
// the plaintext when opened, else the base64 ciphertext. selector is the ":3"
// or ":label" the caller used, "" for none.
boost::json::object ParameterShape(const core::ParameterValue& v, std::string_view selector);

// ParameterMetadata (DescribeParameters): no value.
boost::json::object MetadataShape(const core::ParameterVersion& v);

// ParameterHistory (GetParameterHistory): the value as in ParameterShape, the
// version's labels and policies, no ARN.
boost::json::object HistoryShape(const core::ParameterValue& v);

// The ParameterInlinePolicy list of a version: one entry per policy of the
// stored JSON array, with the statuses in order ("Pending" where none is known).
boost::json::array PoliciesShape(const core::ParameterVersion& v);

}  // namespace paramsafe::adapters::ssm

#endif  // PARAMSAFE_ADAPTERS_SSM_SHAPES_H_
