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

// The tags of an item being created (PutParameter's Tags), as they are to be
// stored: checked by CheckTagKeys, a key given twice keeps its last value (as
// Add does), more than 50 keys is kLimitExceeded with Detail::kTagLimit.
Result<std::vector<Tag>> PrepareNewItemTags(const std::vector<Tag>& tags);

class TagService {
 public:
  explicit TagService(TagRepository& tags);

  // Ordered by key (bytewise). kNotFound.
  Result<std::vector<Tag>> List(const ItemKey& key);
  // Adds or replaces (a key given twice keeps its last value). kInvalidArgument
  // (reserved key), kNotFound, kLimitExceeded with Detail::kTagLimit (more
  // than 50 after the change; nothing is written then).
  Status Add(const ItemKey& key, const std::vector<Tag>& tags);
  // Absent keys are ignored. kNotFound.
  Status Remove(const ItemKey& key, const std::vector<std::string>& keys);

 private:
  TagRepository& tags_;
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_TAG_SERVICE_H_
