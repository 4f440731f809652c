// CapturingRepository: a ParameterRepository that passes every call to a
// FakeParameterRepository and keeps the last NewParameterVersion the caller's
// builder produced, so tests see what the store would be handed with a write
// (policy jobs, tags) that the fake does not keep. Not thread-safe.
#ifndef PARAMSAFE_TESTS_UNIT_CORE_CAPTURING_REPOSITORY_H_
#define PARAMSAFE_TESTS_UNIT_CORE_CAPTURING_REPOSITORY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/parameter_repository.h"
#include "parameter_fakes.h"

namespace paramsafe::core::testing {

class CapturingRepository final : public ParameterRepository {
 public:
  explicit CapturingRepository(FakeParameterRepository& inner) : inner_(inner) {}

  Result<PutOutcome> Put(const ItemKey& key, const std::string& arn, bool overwrite,
                         const VersionBuilder& build) override {
    return inner_.Put(key, arn, overwrite,
                      [&](const std::optional<ParameterVersion>& prev, std::int64_t version,
                          const std::string& item_arn) -> Result<NewParameterVersion> {
                        auto built = build(prev, version, item_arn);
                        if (built.ok()) last = *built;
                        return built;
                      });
  }
  Result<ParameterVersion> GetLatest(const ItemKey& key) override { return inner_.GetLatest(key); }
  Result<ParameterVersion> GetVersion(const ItemKey& key, std::int64_t version) override {
    return inner_.GetVersion(key, version);
  }
  Result<ParameterVersion> GetByLabel(const ItemKey& key, std::string_view label) override {
    return inner_.GetByLabel(key, label);
  }
  Status Delete(const ItemKey& key) override { return inner_.Delete(key); }

  std::optional<NewParameterVersion> last;

 private:
  FakeParameterRepository& inner_;
};

}  // namespace paramsafe::core::testing

#endif  // PARAMSAFE_TESTS_UNIT_CORE_CAPTURING_REPOSITORY_H_
