#include "auth/policy_access_control.h"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "auth/policy_document.h"
#include "auth/policy_evaluator.h"
#include "auth/policy_text.h"
#include "auth/request_keys.h"
#include "core/secret.h"

namespace paramsafe::auth {
namespace {

using core::Code;
using core::Status;

// A flood of distinct users or key references cannot grow the caches without
// bound; dropping everything at the cap is crude but rare and always safe.
constexpr std::size_t kMaxCacheEntries = 10000;

constexpr std::string_view kManagedAliases[] = {"alias/aws/ssm", "alias/aws/secretsmanager"};

// What authorization needs of a user: the parsed policies, or why the user
// may do nothing at all.
struct UserPolicies {
  std::vector<core::Policy> policies;
  bool uses_resource_tags = false;
  // Set when every request must be denied: the user is gone, or one of its
  // stored documents no longer parses (edited in SQL behind the API's back).
  std::optional<std::string> refusal;  // the " because ..." part of the message
};

struct ResolvedKey {
  std::string arn;
};

template <typename T>
struct Cached {
  core::TimePoint expires_at{};
  T value;
};

// "alias/aws/..." or "arn:...:kms:...:alias/aws/...".
bool IsManagedAliasRef(std::string_view key_ref) {
  if (key_ref.substr(0, 10) == "alias/aws/") return true;
  if (key_ref.substr(0, 4) != "arn:") return false;
  const std::size_t alias = key_ref.find(":alias/aws/");
  return alias != std::string_view::npos;
}

// The caller-wide part of a request's context.
RequestContext BaseContext(const core::Caller& caller, std::string_view action,
                           core::TimePoint now) {
  RequestContext context;
  context.principal_arn = caller.principal_arn;
  context.principal_account = caller.account_id;
  context.action = std::string(action);
  AddCallerKeys(caller, now, &context.keys);
  return context;
}

// The ARN evaluated for a secret id that names no secret: the one it spells,
// with a stand-in for the random suffix of a name.
std::string UnknownSecretArn(const core::SecretLookup& lookup) {
  if (lookup.arn) return *lookup.arn;
  return "arn:aws:secretsmanager:" + lookup.region + ":" + lookup.account_id +
         ":secret:" + lookup.name + std::string(core::kUnknownSecretSuffix);
}

// Reads and parses a user's policies. Repository failures other than a
// missing user are returned (and never cached): the caller fails closed.
core::Result<std::shared_ptr<const UserPolicies>> LoadUserPolicies(
    core::UserPolicyRepository& repository, const std::string& user_name) {
  auto loaded = std::make_shared<UserPolicies>();
  core::Result<std::vector<core::UserPolicy>> stored = repository.List(user_name);
  if (!stored.ok()) {
    if (stored.status().code() != Code::kNotFound) return stored.status();
    loaded->refusal = " because the user no longer exists";
    return std::shared_ptr<const UserPolicies>(std::move(loaded));
  }
  for (const core::UserPolicy& stored_policy : *stored) {
    core::Result<core::Policy> policy =
        ParsePolicyDocument(stored_policy.document, core::PolicyKind::kIdentity);
    if (!policy.ok()) {
      // One broken document could have held a Deny: nothing else may count.
      loaded->policies.clear();
      loaded->uses_resource_tags = false;
      loaded->refusal = " because the identity-based policy " + stored_policy.policy_name +
                        " of the user is not a valid policy document";
      return std::shared_ptr<const UserPolicies>(std::move(loaded));
    }
    loaded->uses_resource_tags = loaded->uses_resource_tags || UsesResourceTags(*policy);
    loaded->policies.push_back(std::move(policy).value());
  }
  return std::shared_ptr<const UserPolicies>(std::move(loaded));
}

}  // namespace

struct PolicyAccessControl::State {
  std::mutex mu;
  // Bumped by InvalidateAll: a load that began before it is not stored.
  std::uint64_t generation = 0;
  std::map<std::string, Cached<std::shared_ptr<const UserPolicies>>> users;
  std::map<std::string, Cached<ResolvedKey>> keys;  // region + '\n' + key_ref

  template <typename T>
  void Store(std::map<std::string, Cached<T>>& cache, const std::string& id, T value,
             core::TimePoint expires_at, std::uint64_t loaded_generation) {
    std::lock_guard lock(mu);
    if (loaded_generation != generation) return;
    if (cache.size() >= kMaxCacheEntries) cache.clear();
    cache[id] = Cached<T>{expires_at, std::move(value)};
  }

  template <typename T>
  std::optional<T> Lookup(const std::map<std::string, Cached<T>>& cache, const std::string& id,
                          core::TimePoint now, std::uint64_t* loaded_generation) {
    std::lock_guard lock(mu);
    *loaded_generation = generation;
    const auto it = cache.find(id);
    if (it == cache.end() || now >= it->second.expires_at) return std::nullopt;
    return it->second.value;
  }

  core::Result<std::shared_ptr<const UserPolicies>> UserPoliciesOf(
      core::UserPolicyRepository& repository, const std::string& user_name, core::TimePoint now,
      std::chrono::milliseconds ttl) {
    std::uint64_t loaded_generation = 0;
    if (ttl.count() > 0) {
      if (auto hit = Lookup(users, user_name, now, &loaded_generation)) return std::move(*hit);
    }
    PS_ASSIGN_OR_RETURN(std::shared_ptr<const UserPolicies> loaded,
                        LoadUserPolicies(repository, user_name));
    if (ttl.count() > 0) Store(users, user_name, loaded, now + ttl, loaded_generation);
    return loaded;
  }

  // The key key_ref names in region; nullopt when there is none (the
  // operation reports its own key error then). Not-found is never cached: a
  // key may be created at any moment.
  core::Result<std::optional<ResolvedKey>> ResolveKeyRef(core::Keyring& keyring,
                                                         const std::string& region,
                                                         std::string_view key_ref,
                                                         core::TimePoint now,
                                                         std::chrono::milliseconds ttl) {
    using Out = std::optional<ResolvedKey>;
    const std::string id = region + "\n" + std::string(key_ref);
    std::uint64_t loaded_generation = 0;
    if (ttl.count() > 0) {
      if (auto hit = Lookup(keys, id, now, &loaded_generation)) return Out(std::move(*hit));
    }
    core::Result<core::KmsKeyRecord> record = keyring.ResolveKey(region, key_ref);
    if (!record.ok()) {
      if (record.status().code() == Code::kKeyNotFound) return Out();
      return record.status();
    }
    ResolvedKey key{record->arn};
    if (ttl.count() > 0) Store(keys, id, key, now + ttl, loaded_generation);
    return Out(std::move(key));
  }

  // AuthorizeKey for a user whose policies are already at hand.
  Status AuthorizeKeyFor(core::Keyring& keyring, const UserPolicies& user,
                         const core::Caller& caller, std::string_view kms_action,
                         std::string_view key_ref, core::TimePoint now,
                         std::chrono::milliseconds ttl) {
    // AWS managed keys' key policies let every principal of the account use
    // them through the service.
    if (IsManagedAliasRef(key_ref)) return Status::Ok();
    PS_ASSIGN_OR_RETURN(const std::optional<ResolvedKey> key,
                        ResolveKeyRef(keyring, caller.region, key_ref, now, ttl));
    if (!key) return Status::Ok();
    // A managed key named by its id or key ARN is as usable as through its alias.
    for (const std::string_view alias : kManagedAliases) {
      PS_ASSIGN_OR_RETURN(const std::optional<ResolvedKey> managed,
                          ResolveKeyRef(keyring, caller.region, alias, now, ttl));
      if (managed && managed->arn == key->arn) return Status::Ok();
    }
    RequestContext context = BaseContext(caller, kms_action, now);
    context.resource = key->arn;
    if (user.refusal) return Denied(context, *user.refusal);
    return DecisionStatus(Evaluate(user.policies, nullptr, context), context);
  }
};

PolicyAccessControl::PolicyAccessControl(core::UserPolicyRepository& policies,
                                         core::AccessFactsRepository& facts, core::Keyring& keyring,
                                         const core::Clock& clock,
                                         std::chrono::milliseconds cache_ttl)
    : policies_(policies),
      facts_(facts),
      keyring_(keyring),
      clock_(clock),
      cache_ttl_(cache_ttl),
      state_(std::make_unique<State>()) {}

PolicyAccessControl::~PolicyAccessControl() = default;

void PolicyAccessControl::InvalidateAll() {
  std::lock_guard lock(state_->mu);
  ++state_->generation;
  state_->users.clear();
  state_->keys.clear();
}

namespace {

// What a secret request adds to the context: the secret's ARN and tags, its
// resource policy and key, when it exists.
struct SecretSide {
  std::optional<core::Policy> resource_policy;
  std::optional<std::string> key_ref;  // the secret's key, when the secret exists
  std::optional<std::string> refusal;  // its resource policy cannot be read
};

core::Result<SecretSide> ReadSecretSide(core::AccessFactsRepository& facts_repository,
                                        const core::SecretLookup& lookup, RequestContext* context) {
  SecretSide side;
  context->keys.Set("secretsmanager:SecretId", lookup.arn ? *lookup.arn : lookup.name);
  core::Result<core::SecretAccessFacts> facts = facts_repository.FindSecret(lookup);
  if (!facts.ok()) {
    if (facts.status().code() != Code::kNotFound) return facts.status();
    // No tags, no resource policy: nothing about other secrets leaks.
    context->resource = UnknownSecretArn(lookup);
    if (!lookup.name.empty()) context->keys.Set("secretsmanager:Name", lookup.name);
    return side;
  }
  context->resource = facts->arn;
  context->keys.Set("secretsmanager:Name", facts->name);
  AddResourceTagKeys(facts->tags, "secretsmanager:ResourceTag/", &context->keys);
  side.key_ref = facts->kms_key_id.value_or(core::kDefaultSecretKey);
  if (facts->resource_policy) {
    core::Result<core::Policy> parsed =
        ParsePolicyDocument(*facts->resource_policy, core::PolicyKind::kResource);
    if (parsed.ok()) {
      side.resource_policy = std::move(parsed).value();
    } else {
      // It might have held a Deny: the secret is closed until it is fixed.
      side.refusal =
          " because the resource-based policy of the secret is not a valid policy document";
    }
  }
  return side;
}

}  // namespace

core::Status PolicyAccessControl::Authorize(const core::Caller& caller,
                                            const core::AccessRequest& request,
                                            std::string* evaluated_resource) {
  const core::TimePoint now = clock_.Now();
  PS_ASSIGN_OR_RETURN(const std::shared_ptr<const UserPolicies> user,
                      state_->UserPoliciesOf(policies_, caller.user_name, now, cache_ttl_));

  RequestContext context = BaseContext(caller, request.action, now);
  AddRequestTagKeys(request, &context.keys);
  SecretSide secret;
  if (request.secret) {
    PS_ASSIGN_OR_RETURN(secret, ReadSecretSide(facts_, *request.secret, &context));
  } else {
    context.resource = request.resource;
    if (request.parameter && user->uses_resource_tags && !user->refusal) {
      core::Result<std::vector<core::Tag>> tags = facts_.ParameterTags(*request.parameter);
      if (tags.ok()) {
        AddResourceTagKeys(*tags, "ssm:resourceTag/", &context.keys);
      } else if (tags.status().code() != Code::kNotFound) {
        return tags.status();
      }
    }
  }
  if (evaluated_resource != nullptr) *evaluated_resource = context.resource;

  if (user->refusal) return Denied(context, *user->refusal);
  if (secret.refusal) return Denied(context, *secret.refusal);
  const core::Policy* resource_policy = secret.resource_policy ? &*secret.resource_policy : nullptr;
  PS_RETURN_IF_ERROR(DecisionStatus(Evaluate(user->policies, resource_policy, context), context));
  // A secret that does not exist has no key to check: the operation fails anyway.
  if (request.secret_key_action && secret.key_ref) {
    return state_->AuthorizeKeyFor(keyring_, *user, caller, *request.secret_key_action,
                                   *secret.key_ref, now, cache_ttl_);
  }
  return Status::Ok();
}

core::Status PolicyAccessControl::AuthorizeKey(const core::Caller& caller,
                                               std::string_view kms_action,
                                               std::string_view key_ref) {
  // Nothing to read for the common case.
  if (IsManagedAliasRef(key_ref)) return Status::Ok();
  const core::TimePoint now = clock_.Now();
  PS_ASSIGN_OR_RETURN(const std::shared_ptr<const UserPolicies> user,
                      state_->UserPoliciesOf(policies_, caller.user_name, now, cache_ttl_));
  return state_->AuthorizeKeyFor(keyring_, *user, caller, kms_action, key_ref, now, cache_ttl_);
}

}  // namespace paramsafe::auth
