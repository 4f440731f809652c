#include "auth/authenticator.h"

#include <cstdint>
#include <optional>
#include <utility>

#include "auth/sigv4.h"

namespace paramsafe::auth {
namespace {

using core::Code;
using core::Status;

// The associated data an access key's secret was sealed with (see credentials.h).
constexpr std::string_view kAccessKeyKind = "access-key";
constexpr std::int64_t kAccessKeySecretVersion = 1;

Status Unrecognized() {
  return Status(Code::kUnrecognizedClient, std::string(kUnrecognizedClientMessage));
}

// "arn:<partition>:iam::<account>:user/<path/name>" -> "<account>".
std::optional<std::string> AccountIdFromUserArn(std::string_view arn) {
  std::string_view fields[6];
  std::size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    const std::size_t colon = arn.find(':', start);
    if (colon == std::string_view::npos) return std::nullopt;
    fields[i] = arn.substr(start, colon - start);
    start = colon + 1;
  }
  fields[5] = arn.substr(start);
  if (fields[0] != "arn" || fields[2] != "iam" || fields[4].empty() ||
      fields[5].substr(0, 5) != "user/") {
    return std::nullopt;
  }
  return std::string(fields[4]);
}

}  // namespace

Authenticator::Authenticator(core::CredentialRepository& credentials, core::Keyring& keyring,
                             const core::Clock& clock, std::chrono::milliseconds cache_ttl,
                             core::Metrics* metrics)
    : credentials_(credentials), keyring_(keyring), clock_(clock), cache_(cache_ttl, metrics) {}

core::Result<Principal> Authenticator::Authenticate(const HttpRequest& request) {
  PS_ASSIGN_OR_RETURN(AuthorizationInfo info, ParseAuthorization(request));
  const core::TimePoint now = clock_.Now();
  // Before any lookup: a replayed or stale request costs the repository nothing.
  PS_RETURN_IF_ERROR(CheckClockSkew(info.request_time, now));

  const std::string scope = info.Scope();
  // Read first, so that anything learnt below is dropped if the key is
  // invalidated while we work (see AccessKeyCache).
  const std::uint64_t generation = cache_.Generation();
  std::optional<AccessKeyCache::Hit> hit = cache_.Lookup(info.access_key_id, scope, now);
  if (!hit) {
    PS_ASSIGN_OR_RETURN(AccessKeyFacts facts, LoadKey(info.access_key_id));
    // Inactive keys are cached too, so refusing them stays cheap.
    cache_.Store(info.access_key_id, facts, now, generation);
    hit.emplace();
    hit->active = facts.active;
    hit->user_name = std::move(facts.user_name);
    hit->user_arn = std::move(facts.user_arn);
    hit->sealed_secret = std::move(facts.sealed_secret);
  }
  if (!hit->active) return Unrecognized();

  const bool derived = !hit->signing_key.has_value();
  if (derived) {
    PS_ASSIGN_OR_RETURN(const core::SecureBuffer secret,
                        OpenSecret(info.access_key_id, *hit->sealed_secret));
    hit->signing_key =
        DeriveSigningKey(core::AsStringView(secret), info.date, info.region, info.service);
  }
  PS_RETURN_IF_ERROR(VerifySignature(request, info, *hit->signing_key));
  // Only a key that verified a signature is kept: a caller who knows a key id
  // but not its secret cannot fill the cache with scopes of their choosing.
  if (derived) cache_.AddSigningKey(info.access_key_id, scope, *hit->signing_key, generation);

  std::optional<std::string> account_id = AccountIdFromUserArn(hit->user_arn);
  if (!account_id) {
    return Status(Code::kInternal,
                  "access key " + info.access_key_id + " belongs to a malformed user ARN");
  }
  Principal principal;
  principal.arn = std::move(hit->user_arn);
  principal.access_key_id = std::move(info.access_key_id);
  principal.user_name = std::move(hit->user_name);
  principal.account_id = std::move(*account_id);
  principal.region = std::move(info.region);
  principal.service = std::move(info.service);
  return principal;
}

void Authenticator::Invalidate(std::string_view access_key_id) { cache_.Invalidate(access_key_id); }

void Authenticator::InvalidateAll() { cache_.InvalidateAll(); }

core::Result<AccessKeyFacts> Authenticator::LoadKey(const std::string& access_key_id) {
  core::Result<core::AccessKeyRecord> record = credentials_.FindAccessKey(access_key_id);
  if (!record.ok()) {
    // Whatever words the repository used, the client gets AWS's.
    const Code code = record.status().code();
    if (code == Code::kUnrecognizedClient || code == Code::kNotFound) return Unrecognized();
    return record.status();
  }
  AccessKeyFacts facts;
  facts.active = record->active;
  facts.user_name = std::move(record->user_name);
  facts.user_arn = std::move(record->user_arn);
  facts.sealed_secret = std::move(record->sealed_secret);
  return facts;
}

core::Result<core::SecureBuffer> Authenticator::OpenSecret(const std::string& access_key_id,
                                                           const core::SealedValue& sealed) {
  const core::AssociatedData ad{std::string(kAccessKeyKind), access_key_id,
                                kAccessKeySecretVersion};
  core::Result<core::SecureBuffer> secret = keyring_.Open(sealed, ad);
  if (!secret.ok()) {
    // A server-side fault, not the client's: reported as internal, and only by
    // code, so no text from the crypto layer can reach a client.
    return Status(Code::kInternal,
                  "the secret of access key " + access_key_id +
                      " cannot be opened: " + core::CodeName(secret.status().code()));
  }
  return std::move(secret).value();
}

}  // namespace paramsafe::auth
