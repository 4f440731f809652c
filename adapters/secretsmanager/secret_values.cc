#include "secretsmanager/secret_values.h"

#include <string>

#include "common/base64.h"
#include "secretsmanager/errors.h"

namespace paramsafe::adapters::secretsmanager {

SecretValueMembers::SecretValueMembers(RequestReader& r) {
  const std::size_t max = core::kMaxSecretValueSize;
  string_ = r.SecretString("SecretString", {.min = 1, .max = max});
  // Read as text first: the JSON type is checked like any string member, and
  // the base64 text is a secret as much as the bytes it stands for.
  std::optional<core::SecureBuffer> text = r.SecretString("SecretBinary", {});
  if (!text) return;
  binary_ = Base64Decode(core::AsStringView(*text));
  if (!binary_) {
    malformed_binary_ = true;
    return;
  }
  if (binary_->empty()) {
    r.Violation("SecretBinary", "", "Member must have length greater than or equal to 1");
  }
  if (binary_->size() > max) {
    r.Violation("SecretBinary", "",
                "Member must have length less than or equal to " + std::to_string(max));
  }
}

std::optional<AwsError> SecretValueMembers::Error() const {
  if (malformed_binary_) {
    return SerializationError("Member SecretBinary must be a base64-encoded blob.");
  }
  if (string_ && binary_) {
    return InvalidParameter(
        "You can't specify both a binary secret value and a string secret value in the same "
        "secret.");
  }
  return std::nullopt;
}

std::optional<core::SecretValueInput> SecretValueMembers::Take() {
  if (string_) return core::SecretValueInput{core::SecretValueType::kString, std::move(*string_)};
  if (binary_) return core::SecretValueInput{core::SecretValueType::kBinary, std::move(*binary_)};
  return std::nullopt;
}

AwsError MissingValueError() {
  return InvalidParameter("You must provide either SecretString or SecretBinary.");
}

void PutSecretValue(boost::json::object& o, core::SecretValueType type,
                    const core::SecureBuffer& plaintext) {
  if (type == core::SecretValueType::kString) {
    o["SecretString"] = core::AsStringView(plaintext);
    return;
  }
  std::string encoded = Base64Encode(plaintext.data(), plaintext.size());
  o["SecretBinary"] = encoded;
  // The encoding is the secret in another alphabet: wipe the temporary.
  core::SecureWipe(encoded.data(), encoded.size());
}

}  // namespace paramsafe::adapters::secretsmanager
