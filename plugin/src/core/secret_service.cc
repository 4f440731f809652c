#include "core/secret_service.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <utility>

#include "core/metrics.h"
#include "core/secret_names.h"
#include "core/secret_stages.h"
#include "core/tag_service.h"
#include "core/utf8.h"

namespace paramsafe::core {

namespace {

// A fresh ARN suffix is drawn this many times when the store finds the ARN
// taken (62^6 suffixes: a second collision in a row means something else).
constexpr int kArnAttempts = 3;

Status SecretNotFound() {
  return Status(Code::kNotFound, "Secrets Manager can't find the specified secret.");
}

Status MarkedForDeletion() {
  return Status(Code::kFailedPrecondition, Detail::kMarkedForDeletion,
                "You can't perform this operation on the secret because it was marked for "
                "deletion.");
}

Status TokenReused(const std::string& token, const std::string& arn) {
  return Status(Code::kAlreadyExists, Detail::kTokenReused,
                "You can't use ClientRequestToken " + token +
                    " because that value is already in use for a version of secret " + arn + ".");
}

Status InvalidVersion(const std::string& version_id) {
  return Status(Code::kInvalidArgument, "Not a valid version: " + version_id);
}

// The store's kNotFound carries the store's words; callers see AWS's.
template <typename T>
Result<T> WithAwsNotFound(Result<T> r) {
  if (!r.ok() && r.status().code() == Code::kNotFound) return SecretNotFound();
  return r;
}

TimePoint UtcMidnight(TimePoint t) { return std::chrono::floor<std::chrono::days>(t); }

std::string KeyRefOf(const std::optional<std::string>& kms_key_id) {
  return kms_key_id.value_or(kDefaultSecretKey);
}

// Compares in time that depends on the lengths only, so a caller probing with
// tokens learns nothing about where a stored value differs.
bool SameValue(SecretValueType a_type, const SecureBuffer& a, SecretValueType b_type,
               const SecureBuffer& b) {
  if (a_type != b_type || a.size() != b.size()) return false;
  std::uint8_t diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<std::uint8_t>(a[i] ^ b[i]);
  return diff == 0;
}

// A random (version 4) UUID, the version id of a write without a token.
std::string RandomUuid(RandomSource& random) {
  constexpr char kHex[] = "0123456789abcdef";
  std::uint8_t bytes[16];
  for (std::uint8_t& b : bytes) b = static_cast<std::uint8_t>(random.Below(256));
  bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0F) | 0x40);
  bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3F) | 0x80);
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 0x0F]);
  }
  return out;
}

// A stored value that fails to open says so without saying why: the cause
// (key gone, tampering) is for the operator's logs, not the caller.
Status DecryptionFailure() {
  return Status(Code::kDecryptFailed,
                "Secrets Manager can't decrypt the protected secret text using the provided KMS "
                "key.");
}

Result<SecureBuffer> OpenSecretValue(Keyring& keyring, const std::string& arn,
                                     const SecretSealedValue& value) {
  Result<SecureBuffer> opened =
      keyring.Open(value.sealed, SecretAssociatedData(arn, value.version.number));
  if (!opened.ok() && (opened.status().code() == Code::kDecryptFailed ||
                       opened.status().code() == Code::kKeyNotFound)) {
    return DecryptionFailure();
  }
  return opened;
}

// The parameter keys that are AWS's own, which a promoted secret does not keep.
bool IsCustomerParameterKey(const std::optional<std::string>& key_ref) {
  if (!key_ref || key_ref->empty()) return false;
  const std::string_view ref(*key_ref);
  const std::string_view managed = kDefaultParameterKey;
  return !(ref.size() >= managed.size() && ref.substr(ref.size() - managed.size()) == managed);
}

// A value a write adds as a new version.
struct NewValue {
  const std::string& token;  // its version id
  const SecretValueInput& value;
  std::vector<std::string> stages;
  std::string key_ref;
  const std::string& principal_arn;
};

// The version a write with a token and a value adds, decided on the locked
// secret: the same token with the same value is the retry of a write that
// already happened (an empty change answering that version), the same token
// with another value is refused, anything else is a new version carrying
// `stages` (AWSCURRENT at least on a secret's first version).
Result<SecretChange> PlanNewVersion(Keyring& keyring, TimePoint now, const Secret& current,
                                    SecretValueSource& values, const NewValue& in,
                                    SecretWriteOutput& out) {
  out.arn = current.arn;
  out.name = current.name;
  out.version_id = in.token;
  if (const SecretVersion* existing = current.WithId(in.token)) {
    PS_ASSIGN_OR_RETURN(SecretSealedValue stored, values.Value(existing->number));
    PS_ASSIGN_OR_RETURN(SecureBuffer plain, OpenSecretValue(keyring, current.arn, stored));
    if (!SameValue(stored.type, plain, in.value.type, in.value.bytes)) {
      return TokenReused(in.token, current.arn);
    }
    out.stages = existing->stages;
    return SecretChange{};
  }
  std::vector<std::string> stages = in.stages;
  if (current.versions.empty() &&
      std::find(stages.begin(), stages.end(), kStageCurrent) == stages.end()) {
    stages.insert(stages.begin(), kStageCurrent);
  }
  SecretChange change;
  change.now = now;
  change.changed = true;
  StagePlan plan(current);
  plan.AddVersion(in.token, change.now);
  plan.MoveStages(stages, in.token);
  PS_RETURN_IF_ERROR(plan.CheckQuotas(change.now));

  const std::int64_t number = current.latest_number + 1;
  NewSecretVersion& v = change.new_version.emplace();
  v.version_id = in.token;
  v.type = in.value.type;
  v.key_ref = in.key_ref;
  v.created_by = in.principal_arn;
  PS_ASSIGN_OR_RETURN(
      v.sealed, keyring.Seal(current.region, in.key_ref, SecretAssociatedData(current.arn, number),
                             in.value.bytes));
  change.attach = plan.attached();
  out.stages = plan.StagesOf(in.token);
  return change;
}

// Why a CreateSecret found its name taken, or, for the retry of a create that
// already happened, the answer that create gave.
Result<SecretWriteOutput> ExplainExisting(SecretRepository& repo, Keyring& keyring,
                                          const CreateSecretInput& in) {
  const Status exists(Code::kAlreadyExists,
                      "The operation failed because the secret " + in.name + " already exists.");
  SecretLookup by_name{in.account_id, in.region, std::nullopt, in.name};
  Result<Secret> found = repo.Find(by_name);
  if (!found.ok()) return found.status().code() == Code::kNotFound ? exists : found.status();
  if (found->scheduled_for_deletion()) {
    return Status(Code::kFailedPrecondition, Detail::kMarkedForDeletion,
                  "You can't create this secret because a secret with this name is already "
                  "scheduled for deletion.");
  }
  if (!in.value || !in.token) return exists;
  const SecretVersion* version = found->WithId(*in.token);
  if (version == nullptr) return exists;
  SecretLookup by_arn{in.account_id, in.region, found->arn, ""};
  PS_ASSIGN_OR_RETURN(SecretRead read, repo.Read(by_arn, SecretVersionSelector{in.token}));
  if (!read.value) return exists;  // gone in between
  PS_ASSIGN_OR_RETURN(SecureBuffer plain, OpenSecretValue(keyring, found->arn, *read.value));
  if (!SameValue(read.value->type, plain, in.value->type, in.value->bytes)) {
    return TokenReused(*in.token, found->arn);
  }
  return SecretWriteOutput{found->arn, found->name, *in.token, read.value->version.stages};
}

}  // namespace

SecretService::SecretService(SecretRepository& repo, ParameterRepository& parameters,
                             Keyring& keyring, RandomSource& random, const Clock& clock)
    : repo_(repo), parameters_(parameters), keyring_(keyring), random_(random), clock_(clock) {}

Result<SecretWriteOutput> SecretService::Create(const CreateSecretInput& in) {
  if (!IsValidSecretName(in.name)) {
    return Status(Code::kInvalidArgument,
                  "Invalid name. Must be a valid name containing alphanumeric characters, or any "
                  "of the following: -/_+=.@!");
  }
  std::optional<std::string> kms_key_id;
  if (in.kms_key_id && !in.kms_key_id->empty()) {
    PS_RETURN_IF_ERROR(keyring_.ResolveKey(in.region, *in.kms_key_id).status());
    kms_key_id = in.kms_key_id;
  }
  PS_ASSIGN_OR_RETURN(std::vector<core::Tag> tags, PrepareNewItemTags(in.tags));
  const std::optional<std::string> version_id =
      in.value ? std::optional<std::string>(in.token ? *in.token : RandomUuid(random_))
               : std::nullopt;

  NewSecret secret;
  secret.key = SecretKey(in.account_id, in.region, in.name);
  secret.description = in.description;
  secret.kms_key_id = kms_key_id;
  secret.primary_region = in.region;
  secret.tags = std::move(tags);
  Status last;
  for (int attempt = 0; attempt < kArnAttempts; ++attempt) {
    secret.arn = SecretArn(in.region, in.account_id, in.name, RandomSecretSuffix(random_));
    if (in.value) {
      NewSecretVersion& v = secret.first_version.emplace();
      v.version_id = *version_id;
      v.type = in.value->type;
      v.key_ref = KeyRefOf(kms_key_id);
      v.created_by = in.principal_arn;
      PS_ASSIGN_OR_RETURN(v.sealed,
                          keyring_.Seal(in.region, v.key_ref, SecretAssociatedData(secret.arn, 1),
                                        in.value->bytes));
    }
    Result<Secret> created = repo_.Create(secret, clock_.Now());
    if (created.ok()) {
      SecretWriteOutput out{created->arn, created->name, version_id, {}};
      if (version_id) out.stages = {kStageCurrent};
      return out;
    }
    last = created.status();
    if (last.code() == Code::kAlreadyExists) return ExplainExisting(repo_, keyring_, in);
    if (last.code() != Code::kConflict) return last;
  }
  return last;
}

Result<SecretWriteOutput> SecretService::PutValue(const PutSecretValueInput& in) {
  SecretWriteOutput out;
  const std::vector<std::string> stages =
      in.stages ? *in.stages : std::vector<std::string>{kStageCurrent};
  auto decide = [&](const Secret& current, SecretValueSource& values) -> Result<SecretChange> {
    if (current.scheduled_for_deletion()) return MarkedForDeletion();
    NewValue v{in.token, in.value, stages, KeyRefOf(current.kms_key_id), in.principal_arn};
    return PlanNewVersion(keyring_, clock_.Now(), current, values, v, out);
  };
  PS_RETURN_IF_ERROR(WithAwsNotFound(repo_.Update(in.id, decide)).status());
  return out;
}

Result<SecretWriteOutput> SecretService::Update(const UpdateSecretInput& in) {
  // The new key is checked before the secret is locked: resolving may create
  // an AWS-managed alias, which has no place inside the secret's transaction.
  std::optional<std::optional<std::string>> new_key;
  if (in.kms_key_id) {
    if (in.kms_key_id->empty()) {
      new_key.emplace(std::nullopt);
    } else {
      PS_RETURN_IF_ERROR(keyring_.ResolveKey(in.id.region, *in.kms_key_id).status());
      new_key.emplace(*in.kms_key_id);
    }
  }
  const std::optional<std::string> token =
      in.value ? std::optional<std::string>(in.token ? *in.token : RandomUuid(random_))
               : std::nullopt;
  SecretWriteOutput out;
  auto decide = [&](const Secret& current, SecretValueSource& values) -> Result<SecretChange> {
    if (current.scheduled_for_deletion()) return MarkedForDeletion();
    out = SecretWriteOutput{current.arn, current.name, std::nullopt, {}};
    const TimePoint now = clock_.Now();
    SecretChange change;
    if (in.value) {
      const std::string key_ref = KeyRefOf(new_key ? *new_key : current.kms_key_id);
      NewValue v{*token, *in.value, {kStageCurrent}, key_ref, in.principal_arn};
      PS_ASSIGN_OR_RETURN(change, PlanNewVersion(keyring_, now, current, values, v, out));
    }
    if (in.description || new_key) {
      if (in.description) change.description.emplace(in.description);
      change.kms_key_id = new_key;
      change.changed = true;
      change.now = now;
    }
    return change;
  };
  PS_RETURN_IF_ERROR(WithAwsNotFound(repo_.Update(in.id, decide)).status());
  return out;
}

Result<SecretValueOutput> SecretService::GetValue(const GetSecretValueInput& in) {
  SecretVersionSelector which;
  which.version_id = in.version_id;
  if (in.stage) which.stage = *in.stage;
  PS_ASSIGN_OR_RETURN(SecretRead read, WithAwsNotFound(repo_.Read(in.id, which)));
  const Secret& secret = read.secret;
  if (secret.scheduled_for_deletion()) {
    if (metrics_ != nullptr) metrics_->ObserveReadWhileScheduled(in.operation);
    PS_RETURN_IF_ERROR(repo_.RecordReadWhileScheduled(secret.arn, in.operation, in.principal_arn));
    return MarkedForDeletion();
  }
  if (!read.value) {
    return Status(Code::kNotFound,
                  in.version_id
                      ? "Secrets Manager can't find the specified secret value for VersionId: " +
                            *in.version_id
                      : "Secrets Manager can't find the specified secret value for staging "
                        "label: " +
                            which.stage);
  }
  SecretSealedValue& value = *read.value;
  if (in.version_id && in.stage &&
      std::find(value.version.stages.begin(), value.version.stages.end(), *in.stage) ==
          value.version.stages.end()) {
    return Status(Code::kFailedPrecondition,
                  "You provided a VersionStage that is not associated to the provided VersionId.");
  }
  PS_ASSIGN_OR_RETURN(SecureBuffer plain, OpenSecretValue(keyring_, secret.arn, value));
  const TimePoint today = UtcMidnight(clock_.Now());
  if (secret.last_accessed != today || value.version.last_accessed != today) {
    // LastAccessedDate is bookkeeping: a read that found its value answers it
    // even when the day could not be recorded.
    if (repo_.RecordRead(secret.arn, value.version.number, today).ok()) {
      value.version.last_accessed = today;
    }
  }
  return SecretValueOutput{secret.arn, secret.name, std::move(value.version), value.type,
                           std::move(plain)};
}

Result<Secret> SecretService::Describe(const SecretLookup& id) {
  return WithAwsNotFound(repo_.Find(id));
}

Result<SecretPage> SecretService::List(const SecretQuery& query) { return repo_.List(query); }

Result<Secret> SecretService::UpdateVersionStage(const UpdateVersionStageInput& in) {
  if (!in.move_to_version_id && !in.remove_from_version_id) {
    return Status(Code::kInvalidArgument,
                  "You must specify MoveToVersionId, RemoveFromVersionId, or both.");
  }
  auto decide = [&](const Secret& current, SecretValueSource&) -> Result<SecretChange> {
    if (current.scheduled_for_deletion()) return MarkedForDeletion();
    for (const auto* id : {&in.move_to_version_id, &in.remove_from_version_id}) {
      if (*id && current.WithId(**id) == nullptr) return InvalidVersion(**id);
    }
    const SecretVersion* holder = current.WithStage(in.stage);
    const bool moves_away =
        in.move_to_version_id && holder != nullptr && holder->version_id != *in.move_to_version_id;
    if (moves_away && in.remove_from_version_id != holder->version_id) {
      return Status(Code::kInvalidArgument,
                    "The parameter RemoveFromVersionId can't be empty. Staging label " + in.stage +
                        " is currently attached to version " + holder->version_id +
                        ", so you must explicitly reference that version in "
                        "RemoveFromVersionId.");
    }
    if (in.remove_from_version_id &&
        (holder == nullptr || holder->version_id != *in.remove_from_version_id)) {
      return Status(Code::kInvalidArgument, "The staging label " + in.stage +
                                                " is not attached to version " +
                                                *in.remove_from_version_id + ".");
    }
    SecretChange change;
    change.now = clock_.Now();
    StagePlan plan(current);
    if (!in.move_to_version_id) {
      if (in.stage == kStageCurrent) {
        return Status(Code::kInvalidArgument,
                      "You can't remove the staging label AWSCURRENT without moving it to "
                      "another version: a secret always has one current version. Use "
                      "MoveToVersionId.");
      }
      plan.Detach(in.stage);
    } else if (holder == nullptr || moves_away) {
      plan.MoveStages({in.stage}, *in.move_to_version_id);
    } else {
      return change;  // already there: nothing changes
    }
    PS_RETURN_IF_ERROR(plan.CheckQuotas(change.now));
    change.attach = plan.attached();
    change.detach = plan.detached();
    change.changed = true;
    return change;
  };
  return WithAwsNotFound(repo_.Update(in.id, decide));
}

Result<DeleteSecretOutput> SecretService::Delete(const DeleteSecretInput& in) {
  if (in.force && in.recovery_window_days) {
    return Status(Code::kInvalidArgument,
                  "You can't use ForceDeleteWithoutRecovery in conjunction with "
                  "RecoveryWindowInDays.");
  }
  if (in.recovery_window_days && (*in.recovery_window_days < kMinRecoveryWindowDays ||
                                  *in.recovery_window_days > kMaxRecoveryWindowDays)) {
    return Status(Code::kInvalidArgument,
                  "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
  }
  const TimePoint now = clock_.Now();
  const int days = in.recovery_window_days.value_or(kDefaultRecoveryWindowDays);
  DeleteSecretOutput out;
  out.deletion_date = in.force ? now : now + std::chrono::days(days);
  bool decided = false;
  auto decide = [&](const Secret& current, SecretValueSource&) -> Result<SecretChange> {
    out.arn = current.arn;
    out.name = current.name;
    SecretChange change;
    change.now = now;
    if (in.force) {
      change.purge = true;
    } else {
      if (current.scheduled_for_deletion()) return MarkedForDeletion();
      change.deletion_date.emplace(out.deletion_date);
      change.changed = true;
    }
    decided = true;
    return change;
  };
  Result<Secret> updated = repo_.Update(in.id, decide);
  // The store answers kNotFound after a purge: the secret is gone, as asked.
  if (updated.ok() || (in.force && decided && updated.status().code() == Code::kNotFound)) {
    return out;
  }
  return WithAwsNotFound(std::move(updated)).status();
}

Result<Secret> SecretService::Restore(const SecretLookup& id) {
  auto decide = [&](const Secret& current, SecretValueSource&) -> Result<SecretChange> {
    SecretChange change;
    if (!current.scheduled_for_deletion()) return change;
    change.deletion_date.emplace(std::nullopt);
    change.changed = true;
    change.now = clock_.Now();
    return change;
  };
  return WithAwsNotFound(repo_.Update(id, decide));
}

Result<Secret> SecretService::Tag(const SecretLookup& id, const std::vector<core::Tag>& tags) {
  PS_ASSIGN_OR_RETURN(std::vector<core::Tag> given, PrepareNewItemTags(tags));
  auto decide = [&](const Secret& current, SecretValueSource&) -> Result<SecretChange> {
    if (current.scheduled_for_deletion()) return MarkedForDeletion();
    std::size_t count = current.tags.size();
    for (const core::Tag& t : given) {
      auto same = [&](const core::Tag& o) { return o.key == t.key; };
      if (std::none_of(current.tags.begin(), current.tags.end(), same)) ++count;
    }
    if (count > kMaxTagsPerItem) {
      return Status(Code::kLimitExceeded, Detail::kTagLimit,
                    "The resource can have at most " + std::to_string(kMaxTagsPerItem) +
                        " tags. Remove one or more tags and try again.");
    }
    SecretChange change;
    change.put_tags = given;
    change.changed = true;
    change.now = clock_.Now();
    return change;
  };
  return WithAwsNotFound(repo_.Update(id, decide));
}

Result<Secret> SecretService::Untag(const SecretLookup& id, const std::vector<std::string>& keys) {
  std::vector<core::Tag> as_tags;
  for (const std::string& k : keys) as_tags.push_back(core::Tag{k, ""});
  PS_RETURN_IF_ERROR(CheckTagKeys(as_tags));
  auto decide = [&](const Secret& current, SecretValueSource&) -> Result<SecretChange> {
    if (current.scheduled_for_deletion()) return MarkedForDeletion();
    SecretChange change;
    change.remove_tag_keys = keys;
    change.changed = true;
    change.now = clock_.Now();
    return change;
  };
  return WithAwsNotFound(repo_.Update(id, decide));
}

Result<Secret> SecretService::PutResourcePolicy(const SecretLookup& id,
                                                const std::string& policy) {
  // The database refuses the same bounds (a CHECK on the column); checking
  // here answers the caller's mistake as such rather than as a store error.
  if (policy.empty() || CountUtf8Chars(policy) > kMaxResourcePolicySize) {
    return Status(Code::kInvalidArgument,
                  "The resource policy must be 1 to " + std::to_string(kMaxResourcePolicySize) +
                      " characters long.");
  }
  auto decide = [&](const Secret& current, SecretValueSource&) -> Result<SecretChange> {
    if (current.scheduled_for_deletion()) return MarkedForDeletion();
    SecretChange change;
    change.resource_policy.emplace(policy);
    change.changed = true;
    change.now = clock_.Now();
    return change;
  };
  return WithAwsNotFound(repo_.Update(id, decide));
}

Result<Secret> SecretService::GetResourcePolicy(const SecretLookup& id) {
  return WithAwsNotFound(repo_.Find(id));
}

Result<Secret> SecretService::DeleteResourcePolicy(const SecretLookup& id) {
  auto decide = [&](const Secret& current, SecretValueSource&) -> Result<SecretChange> {
    if (current.scheduled_for_deletion()) return MarkedForDeletion();
    SecretChange change;
    if (!current.resource_policy) return change;  // nothing to remove: not a change
    change.resource_policy.emplace(std::nullopt);
    change.changed = true;
    change.now = clock_.Now();
    return change;
  };
  return WithAwsNotFound(repo_.Update(id, decide));
}

Result<Secret> SecretService::PromoteParameter(const ItemKey& parameter,
                                               const std::string& principal_arn) {
  PS_ASSIGN_OR_RETURN(ParameterVersion latest, parameters_.GetLatest(parameter));
  if (!IsValidSecretName(latest.name)) {
    return Status(Code::kInvalidArgument,
                  "Invalid name. Must be a valid name containing alphanumeric characters, or any "
                  "of the following: -/_+=.@!");
  }
  NewSecret secret;
  secret.key = SecretKey(parameter.account_id, parameter.region, latest.name);
  secret.description = latest.attributes.description;
  if (IsCustomerParameterKey(latest.attributes.key_ref)) {
    secret.kms_key_id = latest.attributes.key_ref;
  }
  secret.primary_region = parameter.region;
  // Each version keeps its own customer key; values under AWS's parameter key
  // move to AWS's secret key.
  ResealVersion reseal = [&](const ParameterVersion& version, std::int64_t number,
                             const std::string& secret_arn) -> Result<NewSecretVersion> {
    AssociatedData ad{ItemKindName(ItemKind::kParameter), version.arn, version.version};
    PS_ASSIGN_OR_RETURN(SecureBuffer plain, keyring_.Open(version.sealed, ad));
    NewSecretVersion out;
    out.version_id = RandomUuid(random_);
    out.type = SecretValueType::kString;
    out.key_ref = IsCustomerParameterKey(version.attributes.key_ref) ? *version.attributes.key_ref
                                                                     : kDefaultSecretKey;
    out.created_by =
        version.last_modified_user.empty() ? principal_arn : version.last_modified_user;
    PS_ASSIGN_OR_RETURN(out.sealed, keyring_.Seal(parameter.region, out.key_ref,
                                                  SecretAssociatedData(secret_arn, number), plain));
    return out;
  };
  Status last;
  for (int attempt = 0; attempt < kArnAttempts; ++attempt) {
    secret.arn =
        SecretArn(parameter.region, parameter.account_id, latest.name, RandomSecretSuffix(random_));
    Result<Secret> promoted = repo_.Promote(parameter, secret, reseal, clock_.Now());
    if (promoted.ok() || promoted.status().code() != Code::kConflict) return promoted;
    last = promoted.status();
  }
  return last;
}

}  // namespace paramsafe::core
