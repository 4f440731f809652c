#include "core/tag_service.h"

namespace paramsafe::core {

// SKELETON
Status CheckTagKeys(const std::vector<Tag>&) { return Status::Ok(); }
TagService::TagService(TagRepository& tags) : tags_(tags) {}
Result<std::vector<Tag>> TagService::List(const ItemKey&) {
  return Status(Code::kInternal, "SKELETON: not built yet");
}
Status TagService::Add(const ItemKey&, const std::vector<Tag>&) {
  return Status(Code::kInternal, "SKELETON: not built yet");
}
Status TagService::Remove(const ItemKey&, const std::vector<std::string>&) {
  return Status(Code::kInternal, "SKELETON: not built yet");
}

}  // namespace paramsafe::core
