// Runtime: every layer of one opened store, wired together — the connection
// pool, the repositories, the keyring, the authenticator, the services and the
// router — and, when config.job_poll_ms > 0, the background worker that runs
// due jobs (parameter policies) on its own small pool. The plugin's handle owns
// one; the admin CLI builds one too (without a worker). Thread-safe once opened;
// destroying it stops and joins the worker first.
#ifndef PARAMSAFE_ABI_RUNTIME_H_
#define PARAMSAFE_ABI_RUNTIME_H_

#include <memory>

#include "abi/config.h"
#include "core/status.h"

namespace paramsafe {
namespace core {
class Keyring;
class AuditLog;
class CredentialRepository;
class Metrics;
class UserPolicyRepository;
class JobQueue;
class ParameterService;
class SecretService;
}  // namespace core
namespace store {
class Pool;
}
namespace auth {
class Authenticator;
class PolicyAccessControl;
}
namespace adapters {
class Router;
}
}  // namespace paramsafe

namespace paramsafe::abi {

class JobWorker;

// The key that seals secret access keys: an internal customer key of the
// default region.
inline constexpr const char* kCredentialsKeyAlias = "alias/paramsafe/credentials";

class Runtime {
 public:
  // Connects, migrates (when config.migrate), loads or creates the root key,
  // makes sure the init-time keys exist, then starts the job worker (when
  // config.job_poll_ms > 0). A clear Status on any failure.
  static core::Result<std::unique_ptr<Runtime>> Open(const Config& config);
  ~Runtime();

  const Config& config() const;
  store::Pool& pool();
  core::Keyring& keyring();
  core::CredentialRepository& credentials();
  core::ParameterService& parameters();
  core::SecretService& secrets();
  // The job queue the worker drains; tests may run it by hand (with
  // job_poll_ms 0 so no worker competes).
  core::JobQueue& jobs();
  // The worker, or nullptr when job_poll_ms is 0.
  JobWorker* job_worker();
  auth::Authenticator& authenticator();
  auth::PolicyAccessControl& access_control();
  core::UserPolicyRepository& user_policies();
  // Where every request's audit record goes (group commit).
  core::AuditLog& audit_log();
  core::Metrics& metrics();
  adapters::Router& router();

  struct Parts;  // defined in runtime.cc
  explicit Runtime(std::unique_ptr<Parts> parts);

 private:
  std::unique_ptr<Parts> parts_;
};

}  // namespace paramsafe::abi

#endif  // PARAMSAFE_ABI_RUNTIME_H_
