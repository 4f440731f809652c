// SecretService: the Secrets Manager operations over the core model. It applies
// the model's rules (staging labels, ClientRequestToken idempotency, the
// deletion recovery window, keys, the version window), seals and opens values
// through the Keyring and records reads. Thread-safe; everything passed to the
// constructor must outlive it.
//
// Errors, as the adapter maps them:
//   kNotFound            secret, version or stage not found (ResourceNotFound)
//   kInvalidArgument     a parameter is wrong in itself (InvalidParameter)
//   kFailedPrecondition  wrong for the secret's state, e.g. scheduled for
//                        deletion, Detail::kMarkedForDeletion (InvalidRequest)
//   kAlreadyExists       name taken, or a token reused with another value
//                        (ResourceExists)
//   kLimitExceeded       label, version or tag quota (LimitExceeded)
//   kKeyNotFound         KMS key unknown or disabled (on writes EncryptionFailure)
//   kDecryptFailed       a stored value failed to open (DecryptionFailure)
#ifndef PARAMSAFE_CORE_SECRET_SERVICE_H_
#define PARAMSAFE_CORE_SECRET_SERVICE_H_

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/item_key.h"
#include "core/keys.h"
#include "core/parameter_repository.h"
#include "core/random_source.h"
#include "core/secret.h"
#include "core/secret_repository.h"
#include "core/secure_buffer.h"
#include "core/status.h"

namespace paramsafe::core {

class Metrics;

struct SecretValueInput {
  SecretValueType type = SecretValueType::kString;
  SecureBuffer bytes;  // SecretString as UTF-8, or SecretBinary decoded
};

struct CreateSecretInput {
  std::string account_id;
  std::string region;
  std::string name;
  std::optional<std::string> token;  // ClientRequestToken; ignored without a value
  std::optional<std::string> description;
  std::optional<std::string> kms_key_id;  // absent or empty: kDefaultSecretKey
  std::optional<SecretValueInput> value;
  std::vector<Tag> tags;
  std::string principal_arn;
};

// CreateSecret, PutSecretValue, UpdateSecret.
struct SecretWriteOutput {
  std::string arn;
  std::string name;
  std::optional<std::string> version_id;  // when the call wrote (or matched) a version
  std::vector<std::string> stages;        // that version's stages now
};

struct PutSecretValueInput {
  SecretLookup id;
  std::string token;
  SecretValueInput value;
  // Absent: AWSCURRENT. The secret's first version gets AWSCURRENT regardless.
  std::optional<std::vector<std::string>> stages;
  std::string principal_arn;
};

struct UpdateSecretInput {
  SecretLookup id;
  std::optional<std::string> token;  // ignored without a value
  std::optional<std::string> description;
  std::optional<std::string> kms_key_id;  // empty: back to kDefaultSecretKey
  std::optional<SecretValueInput> value;
  std::string principal_arn;
};

struct GetSecretValueInput {
  SecretLookup id;
  std::optional<std::string> version_id;
  std::optional<std::string> stage;  // neither: AWSCURRENT
  std::string principal_arn;
  // Named in the record of a read of a secret scheduled for deletion.
  std::string operation = "GetSecretValue";
};

struct SecretValueOutput {
  std::string arn;
  std::string name;
  SecretVersion version;
  SecretValueType type = SecretValueType::kString;
  SecureBuffer plaintext;
};

struct UpdateVersionStageInput {
  SecretLookup id;
  std::string stage;
  std::optional<std::string> remove_from_version_id;
  std::optional<std::string> move_to_version_id;
};

struct DeleteSecretInput {
  SecretLookup id;
  std::optional<int> recovery_window_days;  // absent: 30 (unless force)
  bool force = false;                       // ForceDeleteWithoutRecovery
};

struct DeleteSecretOutput {
  std::string arn;
  std::string name;
  TimePoint deletion_date{};
};

class SecretService {
 public:
  SecretService(SecretRepository& repo, ParameterRepository& parameters, Keyring& keyring,
                RandomSource& random, const Clock& clock);

  Result<SecretWriteOutput> Create(const CreateSecretInput& input);
  Result<SecretWriteOutput> PutValue(const PutSecretValueInput& input);
  Result<SecretWriteOutput> Update(const UpdateSecretInput& input);
  // Records the read (LastAccessedDate), or, for a secret scheduled for
  // deletion, records the attempt and answers kFailedPrecondition.
  Result<SecretValueOutput> GetValue(const GetSecretValueInput& input);
  // Works on a secret scheduled for deletion too.
  Result<Secret> Describe(const SecretLookup& id);
  Result<SecretPage> List(const SecretQuery& query);
  Result<Secret> UpdateVersionStage(const UpdateVersionStageInput& input);
  Result<DeleteSecretOutput> Delete(const DeleteSecretInput& input);
  // A no-op on a secret that is not scheduled for deletion.
  Result<Secret> Restore(const SecretLookup& id);
  Result<Secret> Tag(const SecretLookup& id, const std::vector<core::Tag>& tags);
  Result<Secret> Untag(const SecretLookup& id, const std::vector<std::string>& keys);

  // Resource policies. The caller has checked the document (PolicyChecker:
  // grammar, BlockPublicPolicy); the service keeps it exactly as given. Put
  // and Delete count as changes (LastChangedDate) and refuse a secret
  // scheduled for deletion; Delete on a secret without a policy changes
  // nothing. Get works on a secret scheduled for deletion, as Describe does.
  // Each answers the secret as it stands after the call, its resource_policy
  // set when it has one. Put: kInvalidArgument unless the document has 1 to
  // kMaxResourcePolicySize characters.
  Result<Secret> PutResourcePolicy(const SecretLookup& id, const std::string& policy);
  Result<Secret> GetResourcePolicy(const SecretLookup& id);
  Result<Secret> DeleteResourcePolicy(const SecretLookup& id);

  // Turns the parameter into a secret of the same name in the same region,
  // keeping every version in order (see SecretRepository::Promote).
  Result<Secret> PromoteParameter(const ItemKey& parameter, const std::string& principal_arn);

  // Where reads of secrets scheduled for deletion are counted (may be null).
  // REQUIRES: called before the service is shared; metrics outlives it.
  void set_metrics(Metrics* metrics) { metrics_ = metrics; }

 private:
  SecretRepository& repo_;
  ParameterRepository& parameters_;
  Keyring& keyring_;
  RandomSource& random_;
  const Clock& clock_;
  Metrics* metrics_ = nullptr;
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_SECRET_SERVICE_H_
