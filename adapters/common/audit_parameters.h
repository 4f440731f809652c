// What the audit trail keeps of a request: its parameters with every secret
// member removed, and whether its operation only reads (CloudTrail's
// requestParameters and readOnly).
//
// The secret members are the ones whose shape the service models mark
// "sensitive" (/work/shared/aws-models): Secrets Manager's SecretString,
// SecretBinary and RotationToken, Parameter Store's Value. They are removed
// from every operation of their face, not only from the operations whose model
// declares them, so that a client that sends one where it does not belong
// does not get it recorded either. A request of an operation whose shape is not
// in the tables here keeps no parameters at all: which of its members are
// secret cannot be known.
//
// Stateless functions; thread-safe.
#ifndef PARAMSAFE_ADAPTERS_COMMON_AUDIT_PARAMETERS_H_
#define PARAMSAFE_ADAPTERS_COMMON_AUDIT_PARAMETERS_H_

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace paramsafe::adapters {

// The JSON object text of `request` without its secret members; nullopt when
// `target_prefix` ("AmazonSSM", "secretsmanager") and `operation` name no
// operation of the models' Parameter Store or Secrets Manager shapes. U+0000 in
// names and strings becomes U+FFFD (PostgreSQL's jsonb cannot hold it), so the
// text always fits the audit table. The result is plain memory: it holds no
// secret.
std::optional<std::string> AuditParameters(std::string_view target_prefix,
                                           std::string_view operation,
                                           const boost::json::object& request);

// True for the operations that only read: Get*, List*, Describe*, BatchGet*
// and Validate*.
bool IsReadOnlyOperation(std::string_view operation);

}  // namespace paramsafe::adapters

#endif  // PARAMSAFE_ADAPTERS_COMMON_AUDIT_PARAMETERS_H_
