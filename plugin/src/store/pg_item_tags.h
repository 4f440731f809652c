// Tag writes shared by the repositories that write them inside their own
// transaction (a new parameter's tags, AddTagsToResource).
#ifndef PARAMSAFE_STORE_PG_ITEM_TAGS_H_
#define PARAMSAFE_STORE_PG_ITEM_TAGS_H_

#include <cstdint>
#include <vector>

#include "core/parameter.h"
#include "core/status.h"
#include "store/transaction.h"

namespace paramsafe::store {

// Inserts the tags of item_id or replaces the values of those it has, in one
// statement. A key given twice keeps its last value.
core::Status UpsertTags(Transaction& tx, std::int64_t item_id, const std::vector<core::Tag>& tags);

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_PG_ITEM_TAGS_H_
