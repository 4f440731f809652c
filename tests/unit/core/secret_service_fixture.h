// A SecretService over the in-memory fakes (secret_fakes.h, parameter_fakes.h,
// random_fakes.h, a ManualClock), with short helpers for the calls the
// SecretService tests make.
#ifndef PARAMSAFE_TESTS_UNIT_CORE_SECRET_SERVICE_FIXTURE_H_
#define PARAMSAFE_TESTS_UNIT_CORE_SECRET_SERVICE_FIXTURE_H_

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/secret_names.h"
#include "core/secret_service.h"
#include "label_tag_fakes.h"
#include "parameter_fakes.h"
#include "random_fakes.h"
#include "secret_fakes.h"

namespace paramsafe::core::testing {

inline constexpr char kPrincipal[] = "arn:aws:iam::123456789012:user/tester";

// 2027-01-15T08:00:00Z: a day's midnight is 8 h earlier.
inline TimePoint SecretTestStart() { return TimePoint(std::chrono::seconds(1800000000)); }

// FakeKeyring refuses unknown keys when sealing only; ResolveKey refuses them
// too here, as the real keyring does.
class KeyCheckingKeyring final : public Keyring {
 public:
  explicit KeyCheckingKeyring(FakeKeyring& inner) : inner_(inner) {}
  Result<SealedValue> Seal(std::string_view region, std::string_view key_ref,
                           const AssociatedData& ad, const SecureBuffer& plaintext) override {
    return inner_.Seal(region, key_ref, ad, plaintext);
  }
  Result<SecureBuffer> Open(const SealedValue& sealed, const AssociatedData& ad) override {
    return inner_.Open(sealed, ad);
  }
  Result<KmsKeyRecord> ResolveKey(std::string_view region, std::string_view key_ref) override {
    {
      std::lock_guard lock(mu_);
      if (unknown_.count(std::string(key_ref)) != 0) {
        return Status(Code::kKeyNotFound, "Key '" + std::string(key_ref) + "' does not exist");
      }
    }
    return inner_.ResolveKey(region, key_ref);
  }
  Result<KmsKeyRecord> CreateKey(std::string_view region, std::string_view alias,
                                 std::string_view description) override {
    return inner_.CreateKey(region, alias, description);
  }
  void MarkUnknown(const std::string& key_ref) {
    {
      std::lock_guard lock(mu_);
      unknown_.insert(key_ref);
    }
    inner_.MarkUnknown(key_ref);
  }

 private:
  FakeKeyring& inner_;
  std::mutex mu_;
  std::set<std::string> unknown_;
};

// A ClientRequestToken (32-64 characters) that names n.
inline std::string Token(int n) {
  std::string t = "token-" + std::to_string(n);
  return t + std::string(36 - t.size(), 'x');
}

inline SecretValueInput StringValue(std::string_view s) {
  return SecretValueInput{SecretValueType::kString, ToSecureBuffer(s)};
}
inline SecretValueInput BinaryValue(std::string_view s) {
  return SecretValueInput{SecretValueType::kBinary, ToSecureBuffer(s)};
}

inline SecretLookup Id(const std::string& name_or_arn) {
  return ParseSecretId(kAccount, kRegion, name_or_arn);
}

inline std::vector<std::string> Stages(std::initializer_list<const char*> s) {
  return std::vector<std::string>(s.begin(), s.end());
}

class SecretServiceTest : public ::testing::Test {
 protected:
  SecretServiceTest() : service_(repo_, parameters_, keyring_, random_, clock_) {}

  CreateSecretInput CreateInput(const std::string& name, std::optional<std::string_view> value,
                                std::optional<std::string> token = std::nullopt) {
    CreateSecretInput in;
    in.account_id = kAccount;
    in.region = kRegion;
    in.name = name;
    in.token = std::move(token);
    if (value) in.value = StringValue(*value);
    in.principal_arn = kPrincipal;
    return in;
  }
  // Creates a secret with a first version (id Token(1)) and returns its ARN;
  // fails the test if that does not work.
  std::string Create(const std::string& name, std::string_view value = "v1") {
    auto out = service_.Create(CreateInput(name, value, Token(1)));
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    return out.ok() ? out->arn : std::string();
  }

  Result<SecretWriteOutput> Put(const std::string& id, std::string_view value,
                                const std::string& token,
                                std::optional<std::vector<std::string>> stages = std::nullopt) {
    PutSecretValueInput in;
    in.id = Id(id);
    in.token = token;
    in.value = StringValue(value);
    in.stages = std::move(stages);
    in.principal_arn = kPrincipal;
    return service_.PutValue(in);
  }
  // Puts a value and fails the test if that does not work.
  void MustPut(const std::string& id, std::string_view value, const std::string& token,
               std::optional<std::vector<std::string>> stages = std::nullopt) {
    auto out = Put(id, value, token, std::move(stages));
    ASSERT_TRUE(out.ok()) << out.status().ToString();
  }

  Result<SecretValueOutput> Get(const std::string& id,
                                std::optional<std::string> version_id = std::nullopt,
                                std::optional<std::string> stage = std::nullopt) {
    GetSecretValueInput in;
    in.id = Id(id);
    in.version_id = std::move(version_id);
    in.stage = std::move(stage);
    in.principal_arn = kPrincipal;
    return service_.GetValue(in);
  }
  // The value a read of the stage (AWSCURRENT by default) answers, or the
  // failure's code name.
  std::string ValueOf(const std::string& id, const std::string& stage = kStageCurrent) {
    auto out = Get(id, std::nullopt, stage);
    if (!out.ok()) return CodeName(out.status().code());
    return std::string(AsStringView(out->plaintext));
  }

  Result<Secret> MoveStage(const std::string& id, const std::string& stage,
                           std::optional<std::string> move_to,
                           std::optional<std::string> remove_from) {
    UpdateVersionStageInput in;
    in.id = Id(id);
    in.stage = stage;
    in.move_to_version_id = std::move(move_to);
    in.remove_from_version_id = std::move(remove_from);
    return service_.UpdateVersionStage(in);
  }

  Result<DeleteSecretOutput> Delete(const std::string& id, std::optional<int> days = std::nullopt,
                                    bool force = false) {
    DeleteSecretInput in;
    in.id = Id(id);
    in.recovery_window_days = days;
    in.force = force;
    return service_.Delete(in);
  }

  // version id -> stages, of the labelled versions (DescribeSecret's
  // VersionIdsToStages).
  std::map<std::string, std::vector<std::string>> StageMap(const std::string& id) {
    std::map<std::string, std::vector<std::string>> out;
    auto s = service_.Describe(Id(id));
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    if (!s.ok()) return out;
    for (const SecretVersion& v : s->versions) {
      if (!v.stages.empty()) out[v.version_id] = v.stages;
    }
    return out;
  }
  std::size_t VersionCount(const std::string& id) {
    auto s = service_.Describe(Id(id));
    return s.ok() ? s->versions.size() : 0;
  }

  FakeParameterRepository parameters_;
  FakeTagRepository tags_;
  InMemorySecretRepository repo_{&parameters_, &tags_};
  FakeKeyring fake_keyring_;
  KeyCheckingKeyring keyring_{fake_keyring_};
  SequenceRandom random_;
  ManualClock clock_{SecretTestStart()};
  SecretService service_;
};

}  // namespace paramsafe::core::testing

#endif  // PARAMSAFE_TESTS_UNIT_CORE_SECRET_SERVICE_FIXTURE_H_
