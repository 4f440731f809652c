// ParameterLabelService: LabelParameterVersion and UnlabelParameterVersion with
// Parameter Store's label rules. Thread-safe; the repository must outlive it.
#ifndef PARAMSAFE_CORE_PARAMETER_LABEL_SERVICE_H_
#define PARAMSAFE_CORE_PARAMETER_LABEL_SERVICE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/item_key.h"
#include "core/label_repository.h"
#include "core/status.h"

namespace paramsafe::core {

inline constexpr std::size_t kMaxLabelsPerParameterVersion = 10;

// 1-100 characters of ASCII letters, digits, '.', '-', '_'; not starting with
// a digit, "aws" or "ssm" (case-insensitive).
bool IsValidParameterLabel(std::string_view label);

struct LabelOutcome {
  std::int64_t version = 0;                 // the version labelled
  std::vector<std::string> invalid_labels;  // refused by the syntax rules, not attached
};

struct UnlabelOutcome {
  std::vector<std::string> removed;
  std::vector<std::string> invalid;  // not on that version
};

class ParameterLabelService {
 public:
  explicit ParameterLabelService(LabelRepository& labels);

  // Attaches the valid labels (moving them from other versions); the invalid
  // ones are reported in request order, not attached. No version given: the
  // latest. kNotFound, kVersionNotFound, kLimitExceeded with Detail::kLabelLimit.
  Result<LabelOutcome> Label(const ItemKey& key, std::optional<std::int64_t> version,
                             const std::vector<std::string>& labels);

  // Detaches those labels the version carries; both lists of the outcome are in
  // request order, each label once. kNotFound, kVersionNotFound.
  Result<UnlabelOutcome> Unlabel(const ItemKey& key, std::int64_t version,
                                 const std::vector<std::string>& labels);

 private:
  LabelRepository& labels_;
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_PARAMETER_LABEL_SERVICE_H_
