#include "core/secret.h"

namespace paramsafe::core {

const char* SecretValueTypeName(SecretValueType t) {
  return t == SecretValueType::kString ? "SecretString" : "SecretBinary";
}

const SecretVersion* Secret::WithStage(const std::string& stage) const {
  for (const SecretVersion& v : versions) {
    for (const std::string& s : v.stages) {
      if (s == stage) return &v;
    }
  }
  return nullptr;
}

const SecretVersion* Secret::WithId(const std::string& version_id) const {
  for (const SecretVersion& v : versions) {
    if (v.version_id == version_id) return &v;
  }
  return nullptr;
}

AssociatedData SecretAssociatedData(const std::string& arn, std::int64_t number) {
  return AssociatedData{"secret", arn, number};
}

}  // namespace paramsafe::core
