// Authenticator: turns a SigV4-signed HTTP request into the Principal that signed it.
//
// For each request it parses the Authorization header, checks the clock skew,
// finds the access key (core::CredentialRepository), opens its sealed secret
// (core::Keyring), derives the signing key and verifies the signature. What it
// learns is cached per access key id for cache_ttl (see AccessKeyCache), so a
// request from a known key on a known scope (day/region/service) costs no
// repository call and no decryption: a few microseconds.
//
// Errors (Status codes; texts are AWS's):
//   kMissingAuthentication, kIncompleteSignature, kSignatureMismatch: see sigv4.h;
//   kUnrecognizedClient "The security token included in the request is invalid."
//     for an unknown or inactive access key (AWS gives both the same answer);
//   kInternal when the key's secret cannot be opened or its user ARN is malformed;
//   repository failures (e.g. kUnavailable) are passed through.
// The scope's service and region are returned, not checked: the caller knows
// which services it serves. A session token (X-Amz-Security-Token) is verified
// only as a signed header; there are no temporary credentials to check it against.
// Paths are always normalized before signing, as ssm/secretsmanager clients do.
//
// Ownership: borrows the repository, keyring and clock, which must outlive it.
// Thread-safe: one instance serves all threads.
#ifndef PARAMSAFE_AUTH_AUTHENTICATOR_H_
#define PARAMSAFE_AUTH_AUTHENTICATOR_H_

#include <chrono>
#include <string>
#include <string_view>

#include "auth/access_key_cache.h"
#include "auth/http_request.h"
#include "auth/principal.h"
#include "core/clock.h"
#include "core/credentials.h"
#include "core/keys.h"
#include "core/status.h"

namespace paramsafe::auth {

inline constexpr std::string_view kUnrecognizedClientMessage =
    "The security token included in the request is invalid.";

class Authenticator {
 public:
  // cache_ttl: how long what was learnt about a key is trusted; 0 disables caching,
  // so a key deactivated in the repository is refused on the next request.
  // metrics: where the key cache counts its hits and misses; may be null.
  Authenticator(core::CredentialRepository& credentials, core::Keyring& keyring,
                const core::Clock& clock, std::chrono::milliseconds cache_ttl,
                core::Metrics* metrics = nullptr);
  Authenticator(const Authenticator&) = delete;
  Authenticator& operator=(const Authenticator&) = delete;

  // The principal that signed `request`, or why it is refused (see above).
  // REQUIRES: request's buffers stay valid during the call.
  core::Result<Principal> Authenticate(const HttpRequest& request);

  // Forgets what is cached about one key (call after changing or deleting it) or
  // about all keys; the next request reloads from the repository.
  void Invalidate(std::string_view access_key_id);
  void InvalidateAll();

 private:
  core::Result<AccessKeyFacts> LoadKey(const std::string& access_key_id);
  core::Result<core::SecureBuffer> OpenSecret(const std::string& access_key_id,
                                              const core::SealedValue& sealed);

  core::CredentialRepository& credentials_;
  core::Keyring& keyring_;
  const core::Clock& clock_;
  AccessKeyCache cache_;
};

}  // namespace paramsafe::auth

#endif  // PARAMSAFE_AUTH_AUTHENTICATOR_H_
