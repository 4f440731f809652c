// LabelRepository: parameter labels, implemented by store/. Thread-safe.
#ifndef PARAMSAFE_CORE_LABEL_REPOSITORY_H_
#define PARAMSAFE_CORE_LABEL_REPOSITORY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/item_key.h"
#include "core/status.h"

namespace paramsafe::core {

class LabelRepository {
 public:
  virtual ~LabelRepository() = default;

  // Attaches the labels to a version (the latest when version is absent), moving
  // each from whatever other version of the item carried it, in one
  // transaction. Returns the version labelled. kNotFound (no item),
  // kVersionNotFound (no such retained version), kLimitExceeded with
  // Detail::kLabelLimit when the version would carry more than 10 labels.
  virtual Result<std::int64_t> Attach(const ItemKey& key, std::optional<std::int64_t> version,
                                      const std::vector<std::string>& labels) = 0;

  // Detaches those of the labels the version carries and returns them.
  // kNotFound, kVersionNotFound.
  virtual Result<std::vector<std::string>> Detach(const ItemKey& key, std::int64_t version,
                                                  const std::vector<std::string>& labels) = 0;
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_LABEL_REPOSITORY_H_
