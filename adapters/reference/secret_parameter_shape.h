// The Parameter shape of a secret read through /aws/reference/secretsmanager/.
#ifndef PARAMSAFE_ADAPTERS_REFERENCE_SECRET_PARAMETER_SHAPE_H_
#define PARAMSAFE_ADAPTERS_REFERENCE_SECRET_PARAMETER_SHAPE_H_

#include <boost/json/object.hpp>

#include "core/secret_service.h"
#include "reference/reference_name.h"

namespace paramsafe::adapters::reference {

// Name (the reference path without its selector), Type SecureString, Value
// (the SecretString; absent for a binary secret), Version 0, Selector (only
// when one was given), LastModifiedDate (the version's CreatedDate), ARN (the
// secret's), and SourceResult: GetSecretValue's answer as a JSON string. No
// DataType. Allocated with wiping storage: it holds the value.
boost::json::object SecretParameterShape(const ReferenceName& ref,
                                         const core::SecretValueOutput& secret);

}  // namespace paramsafe::adapters::reference

#endif  // PARAMSAFE_ADAPTERS_REFERENCE_SECRET_PARAMETER_SHAPE_H_
