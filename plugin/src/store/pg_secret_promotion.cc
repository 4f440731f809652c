// PgSecretRepository::Promote: a parameter becomes a secret of the same
// history in one transaction, so either both exist as before or only the
// secret does.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/parameter_rows.h"
#include "store/pg_item_tags.h"
#include "store/pg_secret_repository.h"
#include "store/pg_secret_rows.h"
#include "store/pg_secret_state.h"
#include "store/pg_text_array.h"
#include "store/pg_time_param.h"
#include "store/transaction.h"

namespace paramsafe::store {

using core::Code;
using core::ParameterVersion;
using core::Result;
using core::Status;

namespace {

// The row lock keeps every writer of the parameter (PutParameter, labels,
// DeleteParameter) out until the parameter is gone, and a second promotion
// waits, then finds nothing.
constexpr Statement kLockParameter{
    "promote_lock_parameter",
    "SELECT i.item_id, " PS_EPOCH_US("i.created_at") " FROM paramsafe.items i"
    " WHERE i.account_id = $1 AND i.region = $2 AND i.kind = 'parameter'"
    "   AND i.lookup_name = $3 FOR UPDATE"};

// $1 item id: every version, oldest first, with its labels (text[]).
constexpr Statement kParameterVersions{
    "promote_parameter_versions",
    "SELECT " PS_PARAMETER_VERSION_COLUMNS
    ","
    "  ARRAY(SELECT l.label FROM paramsafe.labels l"
    "        WHERE l.item_id = v.item_id AND l.version = v.version"
    "        ORDER BY l.label COLLATE \"C\")"
    " FROM paramsafe.items i JOIN paramsafe.versions v ON v.item_id = i.item_id"
    " WHERE i.item_id = $1 ORDER BY v.version"};
constexpr int kLabelsColumn = kParameterVersionColumns;

constexpr Statement kParameterTags{
    "promote_parameter_tags",
    "SELECT t.key, t.value FROM paramsafe.tags t WHERE t.item_id = $1"
    " ORDER BY t.key COLLATE \"C\""};

// $1 how many: version ids for versions the caller left without one.
constexpr Statement kDrawVersionIds{
    "promote_draw_version_ids", "SELECT gen_random_uuid()::text FROM generate_series(1, $1::int)"};

constexpr Statement kInsertLabels{
    "promote_insert_labels",
    "INSERT INTO paramsafe.labels (item_id, label, version)"
    " SELECT $1, l.label, l.version FROM unnest($2::text[], $3::bigint[]) AS l(label, version)"};

constexpr Statement kDeleteItem{"promote_delete_parameter",
                                "DELETE FROM paramsafe.items WHERE item_id = $1"};

struct ParameterState {
  std::int64_t item_id = 0;
  std::int64_t created_us = 0;
  std::vector<ParameterVersion> versions;  // oldest first, with labels
  std::vector<core::Tag> tags;
};

Result<ParameterState> LockParameter(Transaction& tx, const core::ItemKey& key) {
  PS_ASSIGN_OR_RETURN(
      PgResult locked,
      tx.Run(kLockParameter, Params().Text(key.account_id).Text(key.region).Text(key.lookup_name)));
  if (locked.rows() == 0) return Status(Code::kNotFound, "Parameter " + key.name + " not found.");
  ParameterState p;
  p.item_id = locked.Int(0, 0);
  p.created_us = locked.Int(0, 1);
  PS_ASSIGN_OR_RETURN(PgResult versions, tx.Run(kParameterVersions, Params().Int(p.item_id)));
  for (int row = 0; row < versions.rows(); ++row) {
    ParameterVersion v = RowToVersion(versions, row);
    v.labels = DecodeTextArray(versions.Text(row, kLabelsColumn));
    p.versions.push_back(std::move(v));
  }
  PS_ASSIGN_OR_RETURN(PgResult tags, tx.Run(kParameterTags, Params().Int(p.item_id)));
  for (int row = 0; row < tags.rows(); ++row) {
    p.tags.push_back({tags.String(row, 0), tags.String(row, 1)});
  }
  return p;
}

// The staging labels of the promoted versions (numbers 1..n): AWSCURRENT on
// the newest, AWSPREVIOUS on the one before, and every parameter label on its
// version. Parameter labels cannot start with "aws", so none collides with
// those two; one that did would lose to them.
struct Stages {
  std::vector<std::string> labels;
  std::vector<std::string> numbers;
};

Stages PromotedStages(const std::vector<ParameterVersion>& versions) {
  Stages s;
  const auto n = static_cast<std::int64_t>(versions.size());
  auto add = [&](std::string label, std::int64_t number) {
    s.labels.push_back(std::move(label));
    s.numbers.push_back(std::to_string(number));
  };
  if (n >= 1) add(core::kStageCurrent, n);
  if (n >= 2) add(core::kStagePrevious, n - 1);
  for (std::int64_t number = 1; number <= n; ++number) {
    for (const auto& label : versions[static_cast<std::size_t>(number - 1)].labels) {
      if (label == core::kStageCurrent || label == core::kStagePrevious) continue;
      add(label, number);
    }
  }
  return s;
}

// Every version resealed for the secret, numbered 1..n oldest first, each
// with a version id (drawn here when reseal left it empty).
Result<std::vector<core::NewSecretVersion>> ResealAll(Transaction& tx, const ParameterState& p,
                                                      const core::ResealVersion& reseal,
                                                      const std::string& arn) {
  std::vector<core::NewSecretVersion> resealed;
  resealed.reserve(p.versions.size());
  std::int64_t without_id = 0;
  for (std::size_t k = 0; k < p.versions.size(); ++k) {
    PS_ASSIGN_OR_RETURN(core::NewSecretVersion v,
                        reseal(p.versions[k], static_cast<std::int64_t>(k + 1), arn));
    if (v.version_id.empty()) ++without_id;
    resealed.push_back(std::move(v));
  }
  if (without_id == 0) return resealed;
  PS_ASSIGN_OR_RETURN(PgResult ids, tx.Run(kDrawVersionIds, Params().Int(without_id)));
  int next = 0;
  for (auto& v : resealed) {
    if (v.version_id.empty()) v.version_id = ids.String(next++, 0);
  }
  return resealed;
}

// The versions, each created when its parameter version was, and their stages.
Status WriteHistory(Transaction& tx, std::int64_t item_id, const ParameterState& p,
                    const std::vector<core::NewSecretVersion>& resealed, const Stages& stages) {
  for (std::size_t k = 0; k < resealed.size(); ++k) {
    PS_RETURN_IF_ERROR(InsertSecretVersion(tx, item_id, static_cast<std::int64_t>(k + 1),
                                           resealed[k], p.versions[k].last_modified));
  }
  if (stages.labels.empty()) return Status::Ok();
  auto labelled = tx.Run(kInsertLabels, Params()
                                            .Int(item_id)
                                            .Text(TextArrayLiteral(stages.labels))
                                            .Text(TextArrayLiteral(stages.numbers)));
  return labelled.ok() ? Status::Ok() : labelled.status();
}

}  // namespace

Result<core::Secret> PgSecretRepository::Promote(const core::ItemKey& parameter,
                                                 const core::NewSecret& secret,
                                                 const core::ResealVersion& reseal,
                                                 core::TimePoint now) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(*conn));
  PS_ASSIGN_OR_RETURN(ParameterState p, LockParameter(tx, parameter));

  const Stages stages = PromotedStages(p.versions);
  if (stages.labels.size() > core::kMaxStagesPerSecret) {
    return Status(Code::kLimitExceeded, core::Detail::kLabelLimit,
                  "A secret can carry at most " + std::to_string(core::kMaxStagesPerSecret) +
                      " staging labels; promoting " + parameter.name + " would give it " +
                      std::to_string(stages.labels.size()) +
                      " (AWSCURRENT and AWSPREVIOUS included). Remove labels from the "
                      "parameter's versions and try again.");
  }
  // The secret keeps the parameter's creation time: its versions keep theirs,
  // and a secret is never younger than its versions. Inserted before any
  // reseal, so a taken name costs no cryptography.
  const core::TimePoint created{std::chrono::microseconds(p.created_us)};
  PS_ASSIGN_OR_RETURN(const std::int64_t item_id, InsertSecretItem(tx, secret, created, now));
  PS_ASSIGN_OR_RETURN(std::vector<core::NewSecretVersion> resealed,
                      ResealAll(tx, p, reseal, secret.arn));
  PS_RETURN_IF_ERROR(WriteHistory(tx, item_id, p, resealed, stages));
  // Tags given with the secret win over the parameter's of the same key.
  std::vector<core::Tag> tags = p.tags;
  tags.insert(tags.end(), secret.tags.begin(), secret.tags.end());
  PS_RETURN_IF_ERROR(UpsertTags(tx, item_id, tags));

  auto deleted = tx.Run(kDeleteItem, Params().Int(p.item_id));
  if (!deleted.ok()) return deleted.status();
  PS_ASSIGN_OR_RETURN(core::Secret promoted, LoadSecret(tx, item_id));
  // The deferred one-AWSCURRENT check runs here.
  PS_RETURN_IF_ERROR(tx.Commit());
  return promoted;
}

}  // namespace paramsafe::store
