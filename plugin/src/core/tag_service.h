// TagService: tags of items (parameters now, secrets later) with the rules both
// APIs share: at most 50 per item, keys under "aws:" are reserved for AWS.
// Thread-safe; the repository must outlive it.
#ifndef PARAMSAFE_CORE_TAG_SERVICE_H_
#define PARAMSAFE_CORE_TAG_SERVICE_H_

#include <cstddef>
#include <string>
#include <vector>

#include "core/item_key.h"
#include "core/parameter.h"
#include "core/status.h"
#include "core/tag_repository.h"

namespace paramsafe::core {

inline constexpr std::size_t kMaxTagsPerItem = 50;

// kInvalidArgument when a key starts with "aws:" (case-insensitive).
Status CheckTagKeys(const std::vector<Tag>& tags);

class TagService {
 public:
  explicit TagService(TagRepository& tags);

  Result<std::vector<Tag>> List(const ItemKey& key);
  // kInvalidArgument (reserved key), kNotFound, kLimitExceeded (more than 50).
  Status Add(const ItemKey& key, const std::vector<Tag>& tags);
  Status Remove(const ItemKey& key, const std::vector<std::string>& keys);

 private:
  TagRepository& tags_;
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_TAG_SERVICE_H_
