// Runtime: every layer of one opened store, wired together — the connection
// pool, the repositories, the keyring, the authenticator, the services and the
// router. The plugin's handle owns one; the admin CLI builds one too.
// Thread-safe once opened.
#ifndef PARAMSAFE_ABI_RUNTIME_H_
#define PARAMSAFE_ABI_RUNTIME_H_

#include <memory>

#include "abi/config.h"
#include "core/status.h"

namespace paramsafe {
namespace core {
class Keyring;
class CredentialRepository;
class ParameterService;
}  // namespace core
namespace store {
class Pool;
}
namespace auth {
class Authenticator;
}
namespace adapters {
class Router;
}
}  // namespace paramsafe

namespace paramsafe::abi {

// The key that seals secret access keys: an internal customer key of the
// default region.
inline constexpr const char* kCredentialsKeyAlias = "alias/paramsafe/credentials";

class Runtime {
 public:
  // Connects, migrates (when config.migrate), loads or creates the root key, and
  // makes sure the init-time keys exist. A clear Status on any failure.
  static core::Result<std::unique_ptr<Runtime>> Open(const Config& config);
  ~Runtime();

  const Config& config() const;
  store::Pool& pool();
  core::Keyring& keyring();
  core::CredentialRepository& credentials();
  core::ParameterService& parameters();
  auth::Authenticator& authenticator();
  adapters::Router& router();

  struct Parts;  // defined in runtime.cc
  explicit Runtime(std::unique_ptr<Parts> parts);

 private:
  std::unique_ptr<Parts> parts_;
};

}  // namespace paramsafe::abi

#endif  // PARAMSAFE_ABI_RUNTIME_H_
