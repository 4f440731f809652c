// TagRepository: tags of items of either kind, implemented by store/. Thread-safe.
#ifndef PARAMSAFE_CORE_TAG_REPOSITORY_H_
#define PARAMSAFE_CORE_TAG_REPOSITORY_H_

#include <cstddef>
#include <string>
#include <vector>

#include "core/item_key.h"
#include "core/parameter.h"
#include "core/status.h"

namespace paramsafe::core {

class TagRepository {
 public:
  virtual ~TagRepository() = default;

  // The item's tags, ordered by key. kNotFound when the item does not exist.
  virtual Result<std::vector<Tag>> List(const ItemKey& key) = 0;

  // Adds or replaces tags in one transaction. kNotFound; kLimitExceeded when
  // the item would carry more than max_tags (nothing is written then).
  virtual Status Add(const ItemKey& key, const std::vector<Tag>& tags, std::size_t max_tags) = 0;

  // Removes the tags with these keys; absent keys are ignored. kNotFound.
  virtual Status Remove(const ItemKey& key, const std::vector<std::string>& keys) = 0;
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_TAG_REPOSITORY_H_
