#include "core/parameter_listing_service.h"

namespace paramsafe::core {

// SKELETON
ParameterListingService::ParameterListingService(ParameterListing& listing, Keyring& keyring)
    : listing_(listing), keyring_(keyring) {}
Result<ParameterPage> ParameterListingService::Describe(const ParameterQuery&) {
  return Status(Code::kInternal, "SKELETON: not built yet");
}
Result<ParameterValuePage> ParameterListingService::ByPath(const ParameterQuery&, bool) {
  return Status(Code::kInternal, "SKELETON: not built yet");
}
Result<ParameterHistoryPage> ParameterListingService::History(const ItemKey&, std::int64_t, int, bool) {
  return Status(Code::kInternal, "SKELETON: not built yet");
}

}  // namespace paramsafe::core
