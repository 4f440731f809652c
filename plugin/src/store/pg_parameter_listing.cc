#include "store/pg_parameter_listing.h"

namespace paramsafe::store {

// SKELETON
core::Result<core::ParameterPage> PgParameterListing::List(const core::ParameterQuery&) {
  return core::Status(core::Code::kInternal, "SKELETON: not built yet");
}
core::Result<core::HistoryPage> PgParameterListing::History(const core::ItemKey&, std::int64_t, int) {
  return core::Status(core::Code::kInternal, "SKELETON: not built yet");
}

}  // namespace paramsafe::store
