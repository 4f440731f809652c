#include "store/pg_tag_repository.h"

namespace paramsafe::store {

// SKELETON
core::Result<std::vector<core::Tag>> PgTagRepository::List(const core::ItemKey&) {
  return core::Status(core::Code::kInternal, "SKELETON: not built yet");
}
core::Status PgTagRepository::Add(const core::ItemKey&, const std::vector<core::Tag>&, std::size_t) {
  return core::Status(core::Code::kInternal, "SKELETON: not built yet");
}
core::Status PgTagRepository::Remove(const core::ItemKey&, const std::vector<std::string>&) {
  return core::Status(core::Code::kInternal, "SKELETON: not built yet");
}

}  // namespace paramsafe::store
