#include "store/pg_label_repository.h"

#include <algorithm>

#include "store/pg_text_array.h"
#include "store/transaction.h"

namespace paramsafe::store {

using core::Code;
using core::ItemKey;
using core::Result;
using core::Status;

namespace {

// The item's row lock serializes label changes with each other and with
// PutParameter, which drops the oldest version only after checking it carries
// no label: without the lock a label could land on a version being dropped, or
// two attaches could each see room for one more label on a version.
constexpr Statement kLockParameter{
    "labels_lock_parameter",
    "SELECT item_id, latest_version FROM paramsafe.items"
    " WHERE account_id = $1 AND region = $2 AND kind = 'parameter' AND lookup_name = $3"
    " FOR UPDATE"};

constexpr Statement kVersionExists{
    "labels_version_exists",
    "SELECT 1 FROM paramsafe.versions WHERE item_id = $1 AND version = $2"};

// Labels the version keeps whatever the attach does.
constexpr Statement kCountOtherLabels{
    "labels_count_others",
    "SELECT count(*) FROM paramsafe.labels"
    " WHERE item_id = $1 AND version = $2 AND NOT (label = ANY ($3::text[]))"};

// A label is unique within an item: attaching it moves it from wherever it was.
constexpr Statement kAttach{"labels_attach",
                            "INSERT INTO paramsafe.labels AS cur (item_id, label, version)"
                            " SELECT $1, l, $2 FROM unnest($3::text[]) AS l"
                            " ON CONFLICT (item_id, label) DO UPDATE SET version = EXCLUDED.version"
                            " WHERE cur.version <> EXCLUDED.version"};

constexpr Statement kDetach{
    "labels_detach",
    "DELETE FROM paramsafe.labels"
    " WHERE item_id = $1 AND version = $2 AND label = ANY ($3::text[]) RETURNING label"};

constexpr std::int64_t kMaxLabelsPerVersion = 10;

std::vector<std::string> Distinct(const std::vector<std::string>& labels) {
  std::vector<std::string> out;
  for (const auto& l : labels) {
    if (std::find(out.begin(), out.end(), l) == out.end()) out.push_back(l);
  }
  return out;
}

struct LockedParameter {
  std::int64_t item_id = 0;
  std::int64_t version = 0;  // the version asked for, checked to exist
};

// Locks the parameter and resolves the version (the latest when absent).
Result<LockedParameter> LockVersion(Transaction& tx, const ItemKey& key,
                                    std::optional<std::int64_t> version) {
  PS_ASSIGN_OR_RETURN(
      PgResult item,
      tx.Run(kLockParameter, Params().Text(key.account_id).Text(key.region).Text(key.lookup_name)));
  if (item.rows() == 0) return Status(Code::kNotFound, "Parameter " + key.name + " not found.");
  LockedParameter p{item.Int(0, 0), version.value_or(item.Int(0, 1))};
  PS_ASSIGN_OR_RETURN(PgResult exists,
                      tx.Run(kVersionExists, Params().Int(p.item_id).Int(p.version)));
  if (exists.rows() == 0) {
    return Status(Code::kVersionNotFound, "Systems Manager could not find version " +
                                              std::to_string(p.version) + " of " + key.name +
                                              ". Verify the version and try again.");
  }
  return p;
}

}  // namespace

Result<std::int64_t> PgLabelRepository::Attach(const ItemKey& key,
                                               std::optional<std::int64_t> version,
                                               const std::vector<std::string>& labels) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(*conn));
  PS_ASSIGN_OR_RETURN(LockedParameter p, LockVersion(tx, key, version));
  const std::vector<std::string> wanted = Distinct(labels);
  if (!wanted.empty()) {
    const std::string array = TextArrayLiteral(wanted);
    PS_ASSIGN_OR_RETURN(
        PgResult others,
        tx.Run(kCountOtherLabels, Params().Int(p.item_id).Int(p.version).Text(array)));
    if (others.Int(0, 0) + static_cast<std::int64_t>(wanted.size()) > kMaxLabelsPerVersion) {
      return Status(Code::kLimitExceeded, core::Detail::kLabelLimit,
                    "A parameter version can have maximum 10 labels.Move one or more labels to "
                    "another version and try again.");
    }
    auto attached = tx.Run(kAttach, Params().Int(p.item_id).Int(p.version).Text(array));
    if (!attached.ok()) return attached.status();
  }
  PS_RETURN_IF_ERROR(tx.Commit());
  return p.version;
}

Result<std::vector<std::string>> PgLabelRepository::Detach(const ItemKey& key, std::int64_t version,
                                                           const std::vector<std::string>& labels) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(*conn));
  PS_ASSIGN_OR_RETURN(LockedParameter p, LockVersion(tx, key, version));
  const std::vector<std::string> wanted = Distinct(labels);
  std::vector<std::string> removed;
  if (!wanted.empty()) {
    PS_ASSIGN_OR_RETURN(
        PgResult gone,
        tx.Run(kDetach, Params().Int(p.item_id).Int(p.version).Text(TextArrayLiteral(wanted))));
    std::vector<std::string> deleted;
    for (int i = 0; i < gone.rows(); ++i) deleted.push_back(gone.String(i, 0));
    // In the order the caller named them, not the order the rows went.
    for (const auto& l : wanted) {
      if (std::find(deleted.begin(), deleted.end(), l) != deleted.end()) removed.push_back(l);
    }
  }
  PS_RETURN_IF_ERROR(tx.Commit());
  return removed;
}

}  // namespace paramsafe::store
