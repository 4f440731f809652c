#include "store/pg_label_repository.h"

namespace paramsafe::store {

// SKELETON
core::Result<std::int64_t> PgLabelRepository::Attach(const core::ItemKey&, std::optional<std::int64_t>,
                                                     const std::vector<std::string>&) {
  return core::Status(core::Code::kInternal, "SKELETON: not built yet");
}
core::Result<std::vector<std::string>> PgLabelRepository::Detach(const core::ItemKey&, std::int64_t,
                                                                 const std::vector<std::string>&) {
  return core::Status(core::Code::kInternal, "SKELETON: not built yet");
}

}  // namespace paramsafe::store
