// FakeLabelRepository and FakeTagRepository: in-memory doubles for unit tests.
// SKELETON: answers kInternal until they are programmed.
#ifndef PARAMSAFE_TESTS_UNIT_CORE_LABEL_TAG_FAKES_H_
#define PARAMSAFE_TESTS_UNIT_CORE_LABEL_TAG_FAKES_H_

#include "core/label_repository.h"
#include "core/tag_repository.h"

namespace paramsafe::core::testing {

class FakeLabelRepository final : public LabelRepository {
 public:
  Result<std::int64_t> Attach(const ItemKey&, std::optional<std::int64_t>,
                              const std::vector<std::string>&) override {
    return Status(Code::kInternal, "fake");
  }
  Result<std::vector<std::string>> Detach(const ItemKey&, std::int64_t,
                                          const std::vector<std::string>&) override {
    return Status(Code::kInternal, "fake");
  }
};

class FakeTagRepository final : public TagRepository {
 public:
  Result<std::vector<Tag>> List(const ItemKey&) override { return Status(Code::kInternal, "fake"); }
  Status Add(const ItemKey&, const std::vector<Tag>&, std::size_t) override {
    return Status(Code::kInternal, "fake");
  }
  Status Remove(const ItemKey&, const std::vector<std::string>&) override {
    return Status(Code::kInternal, "fake");
  }
};

}  // namespace paramsafe::core::testing

#endif  // PARAMSAFE_TESTS_UNIT_CORE_LABEL_TAG_FAKES_H_
