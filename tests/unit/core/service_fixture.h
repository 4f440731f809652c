// A ParameterService over the in-memory fakes, with short helpers for the calls
// the ParameterService tests make.
#ifndef PARAMSAFE_TESTS_UNIT_CORE_SERVICE_FIXTURE_H_
#define PARAMSAFE_TESTS_UNIT_CORE_SERVICE_FIXTURE_H_

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/parameter_names.h"
#include "core/parameter_service.h"
#include "parameter_fakes.h"

namespace paramsafe::core::testing {

inline ItemKey Key(const std::string& name) { return ParameterKey(kAccount, kRegion, name); }

inline PutParameterInput PutInput(const std::string& name, std::string_view value,
                                  std::optional<std::string> type = kTypeString) {
  PutParameterInput in;
  in.key = Key(name);
  in.value = ToSecureBuffer(value);
  in.type = std::move(type);
  in.principal_arn = "arn:aws:iam::123456789012:user/tester";
  return in;
}

inline PutParameterInput OverwriteInput(const std::string& name, std::string_view value,
                                        std::optional<std::string> type = std::nullopt) {
  PutParameterInput in = PutInput(name, value, std::move(type));
  in.overwrite = true;
  return in;
}

inline GetParameterInput GetInput(const std::string& name, bool with_decryption = false) {
  GetParameterInput in;
  in.key = Key(name);
  in.with_decryption = with_decryption;
  return in;
}

inline std::string Text(const SecureBuffer& b) { return std::string(AsStringView(b)); }

// A string of n copies of a UTF-8 character (or any string).
inline std::string Repeat(std::string_view unit, std::size_t n) {
  std::string s;
  s.reserve(unit.size() * n);
  for (std::size_t i = 0; i < n; ++i) s.append(unit);
  return s;
}

class ServiceTest : public ::testing::Test {
 protected:
  explicit ServiceTest(ParameterServiceOptions options = {})
      : service_(repo_, keyring_, patterns_, options) {}

  Result<PutParameterOutput> Put(const PutParameterInput& in) { return service_.Put(in); }
  // Creates a parameter and fails the test if that does not work.
  void Create(const std::string& name, std::string_view value, const std::string& type = kTypeString) {
    auto out = service_.Put(PutInput(name, value, type));
    ASSERT_TRUE(out.ok()) << out.status().ToString();
  }
  Result<ParameterValue> Get(const std::string& name, bool with_decryption = false) {
    return service_.Get(GetInput(name, with_decryption));
  }
  // The attributes of the latest stored version.
  ParameterAttributes Stored(const std::string& name) {
    auto v = repo_.Latest(Key(name));
    EXPECT_TRUE(v.has_value()) << name;
    return v ? v->attributes : ParameterAttributes{};
  }

  FakeParameterRepository repo_;
  FakeKeyring keyring_;
  FakePatternMatcher patterns_;
  ParameterService service_;
};

}  // namespace paramsafe::core::testing

#endif  // PARAMSAFE_TESTS_UNIT_CORE_SERVICE_FIXTURE_H_
