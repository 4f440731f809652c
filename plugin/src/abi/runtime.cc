#include "abi/runtime.h"

#include "abi/job_worker.h"
#include "auth/authenticator.h"
#include "auth/policy_access_control.h"
#include "auth/policy_language.h"
#include "core/clock.h"
#include "core/metrics.h"
#include "core/parameter_label_service.h"
#include "core/parameter_listing_service.h"
#include "core/parameter_service.h"
#include "core/secret_service.h"
#include "core/tag_service.h"
#include "crypto/keyring.h"
#include "crypto/root_key.h"
#include "crypto/system_random_source.h"
#include "router.h"
#include "secretsmanager/dispatch.h"
#include "ssm/allowed_pattern_matcher.h"
#include "ssm/dispatch.h"
#include "store/migrator.h"
#include "store/pg_access_facts.h"
#include "store/pg_audit_log.h"
#include "store/pg_credential_repository.h"
#include "store/pg_key_repository.h"
#include "store/pg_job_queue.h"
#include "store/pg_label_repository.h"
#include "store/pg_parameter_listing.h"
#include "store/pg_parameter_repository.h"
#include "store/pg_secret_repository.h"
#include "store/pg_tag_repository.h"
#include "store/pg_user_policy_repository.h"
#include "store/pool.h"

namespace paramsafe::abi {

using core::Result;
using core::Status;

namespace {
// Key lookups are short single-row reads; two connections keep one slow lookup
// from blocking the rest.
constexpr int kKeyPoolSize = 2;
// The job worker's connections: one normally (a pass is one job at a time),
// a second for a caller running jobs by hand alongside it.
constexpr int kJobPoolSize = 2;
constexpr int kJobBatch = 100;
// The audit writer commits one batch at a time on one connection; the second
// is for an attached write's fallback and for the CLI's reads.
constexpr int kAuditPoolSize = 2;
}  // namespace

namespace {

// The operations both routers serve: the only action labels metrics use.
std::vector<core::OperationName> ServedOperations() {
  std::vector<core::OperationName> ops;
  for (std::string_view a : adapters::ssm::OperationNames()) ops.push_back({"ssm", a});
  for (std::string_view a : adapters::secretsmanager::OperationNames()) {
    ops.push_back({"secretsmanager", a});
  }
  return ops;
}

// The pool's use, read at each scrape. REQUIRES: pool outlives metrics.
void AddPoolMetrics(core::Metrics& metrics, const char* name, const store::Pool& pool) {
  using Type = core::Metrics::SampleType;
  metrics.AddSampled("paramsafe_db_pool_connections",
                     "Database connections of each pool, by state: in_use (leased, or being "
                     "opened) or idle.",
                     Type::kGauge, {{"pool", name}, {"state", "in_use"}},
                     [&pool] { return static_cast<double>(pool.Stats().in_use); });
  metrics.AddSampled("paramsafe_db_pool_connections", "", Type::kGauge,
                     {{"pool", name}, {"state", "idle"}},
                     [&pool] { return static_cast<double>(pool.Stats().idle); });
  metrics.AddSampled("paramsafe_db_pool_size", "The most connections each pool opens.",
                     Type::kGauge, {{"pool", name}},
                     [&pool] { return static_cast<double>(pool.Stats().size); });
  metrics.AddSampled("paramsafe_db_pool_waits_total",
                     "Connection requests that found every connection of the pool taken.",
                     Type::kCounter, {{"pool", name}},
                     [&pool] { return static_cast<double>(pool.Stats().waits); });
  metrics.AddSampled("paramsafe_db_pool_timeouts_total",
                     "Connection requests that waited the whole acquire timeout in vain.",
                     Type::kCounter, {{"pool", name}},
                     [&pool] { return static_cast<double>(pool.Stats().timeouts); });
}

}  // namespace

// Declaration order is construction order: each part refers only to parts
// above it, and destruction runs bottom-up.
struct Runtime::Parts {
  Config config;
  core::SystemClock clock;
  store::Pool pool;
  // KMS key lookups get their own connections: a write seals its value while it
  // holds a `pool` connection inside its transaction, so if sealing also drew
  // from `pool`, N concurrent writers on a pool of N would wait on each other.
  // The order is always pool -> key_pool, never the reverse.
  store::Pool key_pool;
  // Background jobs get their own connections (opened only when used), so a
  // burst of due jobs never takes a connection a request is waiting for.
  store::Pool job_pool;
  // The audit trail's group commits get their own connections, so a batch of
  // records never waits behind the requests it is recording.
  store::Pool audit_pool;
  core::Metrics metrics;
  store::PgKeyRepository key_repo;
  store::PgCredentialRepository credential_repo;
  store::PgParameterRepository parameter_repo;
  store::PgParameterListing parameter_listing;
  store::PgLabelRepository label_repo;
  store::PgTagRepository tag_repo;
  store::PgSecretRepository secret_repo;
  store::PgJobQueue job_queue;
  store::PgUserPolicyRepository user_policy_repo;
  store::PgAccessFacts access_facts;
  store::PgAuditLog audit_log;
  crypto::BotanKeyring keyring;
  crypto::SystemRandomSource random;
  adapters::ssm::AllowedPatternMatcher patterns;
  core::ParameterService parameters;
  core::ParameterListingService listing;
  core::ParameterLabelService labels;
  core::TagService tags;
  auth::Authenticator authenticator;
  auth::PolicyAccessControl access_control;
  core::SecretService secrets;
  auth::PolicyLanguage policy_language;
  adapters::Router router;
  // Last, so it stops before anything it uses goes away. Started by Open().
  std::unique_ptr<JobWorker> job_worker;

  Parts(const Config& c, crypto::RootKey root)
      : config(c),
        pool(c.database_url, c.pool_size, std::chrono::milliseconds(c.pool_acquire_timeout_ms)),
        key_pool(c.database_url, kKeyPoolSize, std::chrono::milliseconds(c.pool_acquire_timeout_ms)),
        job_pool(c.database_url, kJobPoolSize, std::chrono::milliseconds(c.pool_acquire_timeout_ms)),
        audit_pool(c.database_url, kAuditPoolSize,
                   std::chrono::milliseconds(c.pool_acquire_timeout_ms)),
        metrics(ServedOperations()),
        key_repo(key_pool, c.account_id),
        credential_repo(pool),
        parameter_repo(pool),
        parameter_listing(pool),
        label_repo(pool),
        tag_repo(pool),
        secret_repo(pool),
        job_queue(job_pool),
        user_policy_repo(pool),
        access_facts(pool),
        audit_log(audit_pool),
        keyring(std::move(root), key_repo, c.account_id),
        parameters(parameter_repo, keyring, patterns,
                   core::ParameterServiceOptions{c.cache, std::chrono::milliseconds(c.cache_ttl_ms)},
                   clock, &metrics),
        listing(parameter_listing, keyring),
        labels(label_repo),
        tags(tag_repo),
        authenticator(credential_repo, keyring, clock, std::chrono::milliseconds(c.auth_cache_ms),
                      &metrics),
        access_control(user_policy_repo, access_facts, keyring, clock,
                       std::chrono::milliseconds(c.auth_cache_ms)),
        secrets(secret_repo, parameter_repo, keyring, random, clock),
        router(adapters::ssm::Services{parameters, listing, labels, tags, secrets, access_control},
               adapters::secretsmanager::Services{random, secrets, access_control,
                                                  policy_language}) {
    secrets.set_metrics(&metrics);
    AddPoolMetrics(metrics, "main", pool);
    AddPoolMetrics(metrics, "key", key_pool);
    AddPoolMetrics(metrics, "job", job_pool);
    AddPoolMetrics(metrics, "audit", audit_pool);
  }
};

namespace {

Result<crypto::RootKey> LoadRootKey(const Config& c) {
  if (!c.root_key_hex.empty()) return crypto::RootKey::FromHex(c.root_key_hex);
  return crypto::RootKey::LoadOrCreateFile(c.root_key_file);
}

// The AWS-managed keys of the default region, and the key that seals access
// keys. Creating them is idempotent and race-safe (see KeyRepository::CreateKey).
// A process started with the wrong root key is refused here, at once, rather
// than failing on every read later.
Status EnsureInitKeys(crypto::BotanKeyring& keyring, const Config& c) {
  for (const char* alias : {"alias/aws/ssm", "alias/aws/secretsmanager"}) {
    auto k = keyring.ResolveKey(c.default_region, alias);
    if (!k.ok()) return k.status();
    if (k->root_key_id != keyring.RootKeyId()) {
      return Status(core::Code::kInvalidArgument,
                    "wrong root key: the database's keys were wrapped by root key " +
                        k->root_key_id + ", this process holds root key " + keyring.RootKeyId() +
                        " (check PARAMSAFE_ROOT_KEY_FILE / PARAMSAFE_ROOT_KEY)");
    }
  }
  auto creds = keyring.ResolveKey(c.default_region, kCredentialsKeyAlias);
  if (creds.ok()) return Status::Ok();
  if (creds.status().code() != core::Code::kKeyNotFound) return creds.status();
  auto created = keyring.CreateKey(c.default_region, kCredentialsKeyAlias,
                                   "paramsafe: seals the secret access keys of IAM users");
  return created.ok() ? Status::Ok() : created.status();
}

}  // namespace

Result<std::unique_ptr<Runtime>> Runtime::Open(const Config& config) {
  // The root key first: a bad key must not leave a migrated database behind.
  PS_ASSIGN_OR_RETURN(crypto::RootKey root, LoadRootKey(config));
  if (config.migrate) {
    PS_ASSIGN_OR_RETURN(auto conn, store::PgConnection::Open(config.database_url));
    PS_ASSIGN_OR_RETURN(store::MigrationReport report, store::Migrate(*conn));
    (void)report;
  }
  auto parts = std::make_unique<Parts>(config, std::move(root));
  PS_RETURN_IF_ERROR(EnsureInitKeys(parts->keyring, config));
  if (config.job_poll_ms > 0) {
    parts->job_worker = std::make_unique<JobWorker>(
        parts->job_queue, parts->clock,
        JobWorkerOptions{std::chrono::milliseconds(config.job_poll_ms), kJobBatch},
        &parts->metrics);
  }
  return std::make_unique<Runtime>(std::move(parts));
}

Runtime::Runtime(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
Runtime::~Runtime() = default;

const Config& Runtime::config() const { return parts_->config; }
store::Pool& Runtime::pool() { return parts_->pool; }
core::Keyring& Runtime::keyring() { return parts_->keyring; }
core::CredentialRepository& Runtime::credentials() { return parts_->credential_repo; }
core::ParameterService& Runtime::parameters() { return parts_->parameters; }
core::SecretService& Runtime::secrets() { return parts_->secrets; }
core::JobQueue& Runtime::jobs() { return parts_->job_queue; }
JobWorker* Runtime::job_worker() { return parts_->job_worker.get(); }
auth::Authenticator& Runtime::authenticator() { return parts_->authenticator; }
auth::PolicyAccessControl& Runtime::access_control() { return parts_->access_control; }
core::UserPolicyRepository& Runtime::user_policies() { return parts_->user_policy_repo; }
core::AuditLog& Runtime::audit_log() { return parts_->audit_log; }
core::Metrics& Runtime::metrics() { return parts_->metrics; }
adapters::Router& Runtime::router() { return parts_->router; }

}  // namespace paramsafe::abi
