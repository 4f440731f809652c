#include "reference/secret_parameter_shape.h"

#include <boost/json/array.hpp>

#include "common/base64.h"
#include "common/json_io.h"

namespace paramsafe::adapters::reference {

namespace {

// GetSecretValue's members, in its order. AWS's documented example spells them
// this way; clients that parse SourceResult at all expect these names.
boost::json::object SourceResult(const core::SecretValueOutput& s) {
  boost::json::object o = NewResponseObject();
  o["ARN"] = s.arn;
  o["Name"] = s.name;
  o["VersionId"] = s.version.version_id;
  if (s.type == core::SecretValueType::kString) {
    o["SecretString"] = core::AsStringView(s.plaintext);
  } else {
    std::string encoded = Base64Encode(s.plaintext.data(), s.plaintext.size());
    o["SecretBinary"] = encoded;
    // Base64Encode reserved the exact size, so this is the only copy it made.
    core::SecureWipe(encoded.data(), encoded.size());
  }
  boost::json::array stages(o.storage());
  for (const std::string& stage : s.version.stages) stages.emplace_back(stage);
  o["VersionStages"] = std::move(stages);
  o["CreatedDate"] = EpochSeconds(s.version.created);
  return o;
}

}  // namespace

boost::json::object SecretParameterShape(const ReferenceName& ref,
                                         const core::SecretValueOutput& secret) {
  boost::json::object o = NewResponseObject();
  o["Name"] = ref.path;
  o["Type"] = "SecureString";
  // A binary secret has no text to show: AWS leaves Value out.
  if (secret.type == core::SecretValueType::kString) {
    o["Value"] = core::AsStringView(secret.plaintext);
  }
  o["Version"] = 0;
  if (ref.selector) o["Selector"] = ":" + *ref.selector;
  const core::SecureString source = Serialize(SourceResult(secret));
  o["SourceResult"] = std::string_view(source);
  o["LastModifiedDate"] = EpochSeconds(secret.version.created);
  o["ARN"] = secret.arn;
  return o;
}

}  // namespace paramsafe::adapters::reference
