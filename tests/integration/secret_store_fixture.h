// The common start of the secret storage tests that drive PgSecretRepository
// alone (listing, promotion): a runtime on a scratch database and the
// repository over its pool.
#ifndef PARAMSAFE_TESTS_INTEGRATION_SECRET_STORE_FIXTURE_H_
#define PARAMSAFE_TESTS_INTEGRATION_SECRET_STORE_FIXTURE_H_

#include <memory>

#include "fixtures.h"
#include "store/pg_secret_repository.h"

namespace paramsafe::integration {

class SecretStoreTest : public RuntimeTest {
 protected:
  void SetUp() override {
    RuntimeTest::SetUp();
    if (HasFatalFailure()) return;
    repo_ = std::make_unique<store::PgSecretRepository>(rt().pool());
  }
  // The repository goes first: it holds on to the runtime's pool.
  void TearDown() override {
    repo_.reset();
    RuntimeTest::TearDown();
  }

  store::PgSecretRepository& repo() { return *repo_; }

 private:
  std::unique_ptr<store::PgSecretRepository> repo_;
};

}  // namespace paramsafe::integration

#endif  // PARAMSAFE_TESTS_INTEGRATION_SECRET_STORE_FIXTURE_H_
