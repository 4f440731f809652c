// GetParameter and GetParameters on /aws/reference/secretsmanager/ names: the
// secret, read through the SecretService, in Parameter Store's shape. Stateless;
// thread-safe as the service is.
#ifndef PARAMSAFE_ADAPTERS_REFERENCE_SECRET_PARAMETER_H_
#define PARAMSAFE_ADAPTERS_REFERENCE_SECRET_PARAMETER_H_

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "common/call_context.h"
#include "core/secret_service.h"
#include "core/status.h"

namespace paramsafe::adapters::reference {

// The Parameter shape (SecretParameterShape) of the secret a reference names.
// A selector is tried as a VersionId when it has the shape of one, then (when
// no version has that id) as a staging label; none reads AWSCURRENT.
// `operation` ("GetParameter" / "GetParameters") names the call in the record
// of a read of a secret scheduled for deletion.
//
// Errors, as the SSM face maps them:
//   kInvalidArgument  malformed reference (checked first), WithDecryption not
//                     true (checked before any lookup), secret scheduled for
//                     deletion ("Invalid Request to Secrets Manager")
//   kNotFound         no such secret, version or stage, in AWS's wording
//   anything else     what the service answered (keys, database)
// REQUIRES: IsSecretsManagerReference(name).
core::Result<boost::json::object> GetSecretParameter(core::SecretService& secrets,
                                                     const CallContext& ctx, std::string_view name,
                                                     bool with_decryption,
                                                     const std::string& operation);

// Whether a GetSecretParameter failure is about the reference itself, which
// GetParameters lists in InvalidParameters instead of failing the call.
bool IsReferenceFailure(const core::Status& status);

}  // namespace paramsafe::adapters::reference

#endif  // PARAMSAFE_ADAPTERS_REFERENCE_SECRET_PARAMETER_H_
