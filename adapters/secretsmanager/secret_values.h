// SecretString and SecretBinary: reading them from a write request into wiping
// memory, and writing a version's value into a response. A value is never
// echoed in a message.
#ifndef PARAMSAFE_ADAPTERS_SECRETSMANAGER_SECRET_VALUES_H_
#define PARAMSAFE_ADAPTERS_SECRETSMANAGER_SECRET_VALUES_H_

#include <boost/json/object.hpp>
#include <optional>

#include "common/aws_error.h"
#include "common/request_reader.h"
#include "core/secret.h"
#include "core/secret_service.h"
#include "core/secure_buffer.h"

namespace paramsafe::adapters::secretsmanager {

// A write request's value members. Use:
//   RequestReader r(req);
//   ... r.String(...) for the other members ...
//   SecretValueMembers value(r);
//   if (auto e = r.Error()) return *e;
//   if (auto e = value.Error()) return *e;
//   std::optional<core::SecretValueInput> v = value.Take();
class SecretValueMembers {
 public:
  // Reads both members. Model violations (empty, more than 65,536 characters
  // or bytes) go into r without the value.
  explicit SecretValueMembers(RequestReader& r);

  // SerializationException for a SecretBinary that is not base64;
  // InvalidParameterException when both members are given.
  std::optional<AwsError> Error() const;

  // The value given, if any. REQUIRES: Error() is empty.
  std::optional<core::SecretValueInput> Take();

 private:
  std::optional<core::SecureBuffer> string_;
  std::optional<core::SecureBuffer> binary_;
  bool malformed_binary_ = false;
};

// "InvalidParameterException: You must provide either SecretString or
// SecretBinary." for the writes that need a value.
AwsError MissingValueError();

// Sets SecretString or SecretBinary (base64) of a response, as the version holds.
void PutSecretValue(boost::json::object& o, core::SecretValueType type,
                    const core::SecureBuffer& plaintext);

}  // namespace paramsafe::adapters::secretsmanager

#endif  // PARAMSAFE_ADAPTERS_SECRETSMANAGER_SECRET_VALUES_H_
