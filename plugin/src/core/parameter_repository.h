// ParameterRepository: storage of parameters, implemented by store/. Thread-safe.
#ifndef PARAMSAFE_CORE_PARAMETER_REPOSITORY_H_
#define PARAMSAFE_CORE_PARAMETER_REPOSITORY_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/item_key.h"
#include "core/parameter.h"
#include "core/status.h"

namespace paramsafe::core {

// Builds the row of a new version from the current latest one (absent on create)
// and the version number and item ARN it will get. Runs inside the write's
// transaction, so it sees the state it replaces; an error aborts the write.
using VersionBuilder = std::function<Result<NewParameterVersion>(
    const std::optional<ParameterVersion>& previous, std::int64_t version, const std::string& arn)>;

struct PutOutcome {
  std::int64_t version = 0;
  std::string arn;
};

class ParameterRepository {
 public:
  virtual ~ParameterRepository() = default;

  // Creates the parameter at version 1 (with arn), or, when it exists and
  // overwrite is true, adds version latest+1. kAlreadyExists when it exists and
  // overwrite is false. Version numbers are consecutive under concurrent writers.
  virtual Result<PutOutcome> Put(const ItemKey& key, const std::string& arn, bool overwrite,
                                 const VersionBuilder& build) = 0;

  // The latest version; kNotFound when the parameter does not exist.
  virtual Result<ParameterVersion> GetLatest(const ItemKey& key) = 0;
  // A given version; kNotFound (no parameter) or kVersionNotFound.
  virtual Result<ParameterVersion> GetVersion(const ItemKey& key, std::int64_t version) = 0;
  // The version carrying a label; kNotFound or kVersionNotFound.
  virtual Result<ParameterVersion> GetByLabel(const ItemKey& key, std::string_view label) = 0;

  // Deletes the parameter with all versions, labels and tags; kNotFound if absent.
  virtual Status Delete(const ItemKey& key) = 0;
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_PARAMETER_REPOSITORY_H_
