// The fixture of the PgSecretRepository tests: a runtime over a scratch
// database, the repository and job queue on its pool, and helpers that build
// secrets and versions sealed by the real keyring. Time is always passed in.
#ifndef PARAMSAFE_TESTS_INTEGRATION_SECRET_REPOSITORY_FIXTURE_H_
#define PARAMSAFE_TESTS_INTEGRATION_SECRET_REPOSITORY_FIXTURE_H_

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/secret_names.h"
#include "core/secret_repository.h"
#include "core/secure_buffer.h"
#include "fixtures.h"
#include "store/pg_job_queue.h"
#include "store/pg_secret_repository.h"

namespace paramsafe::integration {

inline constexpr const char* kPrincipal = "arn:aws:iam::123456789012:user/integration";

inline core::TimePoint T0() { return std::chrono::sys_days(std::chrono::year(2030) / 1 / 1); }

// A version id (ClientRequestToken) of 32+ characters, distinct per n.
inline std::string Token(int n) {
  std::string digits = std::to_string(n);
  return "token-" + std::string(26 - std::min<std::size_t>(digits.size(), 26), '0') + digits;
}

class SecretRepositoryTest : public RuntimeTest {
 protected:
  void SetUp() override {
    RuntimeTest::SetUp();
    if (HasFatalFailure()) return;
    repo_ = std::make_unique<store::PgSecretRepository>(rt().pool());
    queue_ = std::make_unique<store::PgJobQueue>(rt().pool());
  }
  void TearDown() override {
    queue_.reset();
    repo_.reset();
    RuntimeTest::TearDown();
  }

  static std::string ArnOf(const std::string& name, const std::string& region = kRegion) {
    return core::SecretArn(region, kAccount, name, "AbCdEf");
  }
  static core::SecretLookup ById(const std::string& id, const std::string& region = kRegion) {
    return core::ParseSecretId(kAccount, region, id);
  }

  // Version `number` of the secret `arn`, holding `value` sealed for exactly
  // that place under the default secrets key.
  core::NewSecretVersion SealedVersion(const std::string& arn, std::int64_t number,
                                       const std::string& token, const std::string& value) {
    core::NewSecretVersion v;
    v.version_id = token;
    v.type = core::SecretValueType::kString;
    v.key_ref = core::kDefaultSecretKey;
    v.created_by = kPrincipal;
    auto sealed = rt().keyring().Seal(kRegion, core::kDefaultSecretKey,
                                      core::SecretAssociatedData(arn, number),
                                      core::ToSecureBuffer(value));
    EXPECT_TRUE(sealed.ok()) << sealed.status().ToString();
    if (sealed.ok()) v.sealed = *sealed;
    return v;
  }

  core::NewSecret NewSecret(const std::string& name, std::optional<std::string> value,
                            const std::string& region = kRegion) {
    core::NewSecret s;
    s.key = core::SecretKey(kAccount, region, name);
    s.arn = core::SecretArn(region, kAccount, name, "AbCdEf");
    s.primary_region = region;
    if (value) s.first_version = SealedVersion(s.arn, 1, Token(1), *value);
    return s;
  }

  // Creates `name` with one version holding `value`, created at `now`.
  core::Secret Create(const std::string& name, const std::string& value,
                      core::TimePoint now = T0()) {
    auto created = repo_->Create(NewSecret(name, value), now);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? *created : core::Secret{};
  }

  core::Secret Find(const std::string& id) {
    auto found = repo_->Find(ById(id));
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    return found.ok() ? *found : core::Secret{};
  }

  // Applies `change` to `name` as a decision that ignores the current state.
  core::Result<core::Secret> Apply(const std::string& name, core::SecretChange change) {
    return repo_->Update(ById(name), [&](const core::Secret&, core::SecretValueSource&) {
      return core::Result<core::SecretChange>(change);
    });
  }

  // What PutSecretValue does by default: a new version `token` at `now`
  // becomes AWSCURRENT, the version that had it AWSPREVIOUS.
  core::Result<core::Secret> PutValue(const std::string& name, const std::string& token,
                                      const std::string& value, core::TimePoint now = T0()) {
    return repo_->Update(ById(name), [&](const core::Secret& current, core::SecretValueSource&)
                                         -> core::Result<core::SecretChange> {
      core::SecretChange c;
      c.new_version = SealedVersion(current.arn, current.latest_number + 1, token, value);
      c.attach.emplace_back(core::kStageCurrent, token);
      if (const core::SecretVersion* old = current.WithStage(core::kStageCurrent)) {
        c.attach.emplace_back(core::kStagePrevious, old->version_id);
      }
      c.changed = true;
      c.now = now;
      return c;
    });
  }

  // True when `read` opens, under its own place, to `expected`. Never prints it.
  bool Opens(const std::string& arn, const core::SecretSealedValue& read,
             const std::string& expected) {
    auto opened = rt().keyring().Open(read.sealed,
                                      core::SecretAssociatedData(arn, read.version.number));
    return opened.ok() && core::AsStringView(*opened) == expected;
  }

  std::unique_ptr<store::PgSecretRepository> repo_;
  std::unique_ptr<store::PgJobQueue> queue_;
};

}  // namespace paramsafe::integration

#endif  // PARAMSAFE_TESTS_INTEGRATION_SECRET_REPOSITORY_FIXTURE_H_
