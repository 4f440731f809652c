#include "core/tag_service.h"

#include <algorithm>
#include <cctype>

namespace paramsafe::core {

namespace {

bool HasReservedPrefix(std::string_view key) {
  constexpr std::string_view kReserved = "aws:";
  if (key.size() < kReserved.size()) return false;
  return std::equal(kReserved.begin(), kReserved.end(), key.begin(), [](char r, char k) {
    return r == std::tolower(static_cast<unsigned char>(k));
  });
}

// The same text whichever layer counted: the service's own count or the
// repository's, which sees the tags already stored.
Status TagLimit() {
  return Status(Code::kLimitExceeded, Detail::kTagLimit,
                "The resource can have at most " + std::to_string(kMaxTagsPerItem) +
                    " tags. Remove one or more tags and try again.");
}

// Later tags replace earlier ones with the same key, as a sequence of upserts
// would; the first occurrence keeps its position.
std::vector<Tag> LastValuePerKey(const std::vector<Tag>& tags) {
  std::vector<Tag> out;
  for (const Tag& t : tags) {
    auto same = std::find_if(out.begin(), out.end(), [&](const Tag& o) { return o.key == t.key; });
    if (same == out.end()) {
      out.push_back(t);
    } else {
      same->value = t.value;
    }
  }
  return out;
}

}  // namespace

Status CheckTagKeys(const std::vector<Tag>& tags) {
  for (const Tag& t : tags) {
    if (HasReservedPrefix(t.key)) {
      return Status(Code::kInvalidArgument,
                    "Invalid tag key: " + t.key +
                        ". Tag keys can't begin with \"aws:\" (case-insensitive); the prefix is "
                        "reserved for AWS use.");
    }
  }
  return Status::Ok();
}

Result<std::vector<Tag>> PrepareNewItemTags(const std::vector<Tag>& tags) {
  PS_RETURN_IF_ERROR(CheckTagKeys(tags));
  std::vector<Tag> out = LastValuePerKey(tags);
  if (out.size() > kMaxTagsPerItem) return TagLimit();
  return out;
}

TagService::TagService(TagRepository& tags) : tags_(tags) {}

Result<std::vector<Tag>> TagService::List(const ItemKey& key) {
  PS_ASSIGN_OR_RETURN(std::vector<Tag> tags, tags_.List(key));
  // The repository orders by key already; sorting again costs nothing at 50
  // tags and keeps the answer stable whatever collation a database uses.
  std::sort(tags.begin(), tags.end(), [](const Tag& a, const Tag& b) { return a.key < b.key; });
  return tags;
}

Status TagService::Add(const ItemKey& key, const std::vector<Tag>& tags) {
  PS_RETURN_IF_ERROR(CheckTagKeys(tags));
  Status st = tags_.Add(key, LastValuePerKey(tags), kMaxTagsPerItem);
  if (st.code() == Code::kLimitExceeded) return TagLimit();
  return st;
}

Status TagService::Remove(const ItemKey& key, const std::vector<std::string>& keys) {
  return tags_.Remove(key, keys);
}

}  // namespace paramsafe::core
