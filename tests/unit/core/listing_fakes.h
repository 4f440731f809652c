// FakeParameterListing: an in-memory ParameterListing for unit tests.
// SKELETON: answers kInternal until it is programmed.
#ifndef PARAMSAFE_TESTS_UNIT_CORE_LISTING_FAKES_H_
#define PARAMSAFE_TESTS_UNIT_CORE_LISTING_FAKES_H_

#include "core/parameter_listing.h"

namespace paramsafe::core::testing {

class FakeParameterListing final : public ParameterListing {
 public:
  Result<ParameterPage> List(const ParameterQuery&) override {
    return Status(Code::kInternal, "fake");
  }
  Result<HistoryPage> History(const ItemKey&, std::int64_t, int) override {
    return Status(Code::kInternal, "fake");
  }
};

}  // namespace paramsafe::core::testing

#endif  // PARAMSAFE_TESTS_UNIT_CORE_LISTING_FAKES_H_
