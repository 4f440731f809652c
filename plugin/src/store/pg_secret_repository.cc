#include "store/pg_secret_repository.h"

#include "store/pg_item_tags.h"
#include "store/pg_secret_change.h"
#include "store/pg_secret_rows.h"
#include "store/pg_secret_state.h"
#include "store/pg_time_param.h"
#include "store/transaction.h"

namespace paramsafe::store {

using core::Code;
using core::Result;
using core::Secret;
using core::Status;

namespace {

constexpr Statement kFind{"secret_find", PS_SECRET_STATE_QUERY(PS_SECRET_LOOKUP)};

// GetSecretValue's one round trip: the secret, the selected version's
// metadata and its sealed value. The secret row comes back without a version
// when none matches, which tells "no such secret" from "no such version".
#define PS_SECRET_READ_SELECT                                                              \
  "SELECT " PS_SECRET_COLUMNS ", " PS_SECRET_VERSION_COLUMNS ", " PS_SECRET_SEALED_COLUMNS \
  " FROM paramsafe.items i JOIN paramsafe.secrets s ON s.item_id = i.item_id"

constexpr Statement kReadById{
    "secret_read_by_id", PS_SECRET_READ_SELECT
    " LEFT JOIN paramsafe.versions v ON v.item_id = i.item_id AND v.version_id = $5"
    " WHERE i.item_id = " PS_SECRET_LOOKUP};

constexpr Statement kReadByStage{
    "secret_read_by_stage", PS_SECRET_READ_SELECT
    " LEFT JOIN paramsafe.labels l ON l.item_id = i.item_id AND l.label = $5"
    " LEFT JOIN paramsafe.versions v ON v.item_id = l.item_id AND v.version = l.version"
    " WHERE i.item_id = " PS_SECRET_LOOKUP};

#undef PS_SECRET_READ_SELECT

constexpr int kReadVersionColumn = kSecretColumns;
constexpr int kReadSealedColumn = kSecretColumns + kSecretVersionColumns;

constexpr Statement kLabelFirstVersion{
    "secret_label_first_version",
    "INSERT INTO paramsafe.labels (item_id, label, version) VALUES ($1, 'AWSCURRENT', 1)"};

// Writers of one secret queue on its item row: Update decides on the state it
// reads after the lock, so every decision sees the previous writer's result.
constexpr Statement kLock{
    "secret_lock",
    "SELECT i.item_id FROM paramsafe.items i WHERE i.item_id = " PS_SECRET_LOOKUP " FOR UPDATE"};

constexpr Statement kSealedValue{
    "secret_sealed_value", "SELECT " PS_SECRET_VERSION_COLUMNS ", " PS_SECRET_SEALED_COLUMNS
                           " FROM paramsafe.versions v WHERE v.item_id = $1 AND v.version = $2"};

// Writes a row only when its day moves forward, so the hot read path costs
// one write per secret and version per day, and a host whose clock lags
// cannot move LastAccessedDate back. Returns whether the secret exists.
constexpr Statement kRecordRead{
    "secret_record_read",
    "WITH it AS (SELECT item_id FROM paramsafe.items WHERE arn = $1 AND kind = 'secret'),"
    " day AS (SELECT (" PS_TIMESTAMP_FROM_US("$3") " AT TIME ZONE 'UTC')::date AS d),"
    " sec AS (UPDATE paramsafe.secrets s SET last_accessed_on = day.d FROM it, day"
    "         WHERE s.item_id = it.item_id"
    "           AND (s.last_accessed_on IS NULL OR s.last_accessed_on < day.d)),"
    " ver AS (INSERT INTO paramsafe.secret_version_access (item_id, version, accessed_on)"
    "         SELECT v.item_id, v.version, day.d FROM it, day"
    "         JOIN paramsafe.versions v ON v.version = $2"
    "         WHERE v.item_id = it.item_id"
    "         ON CONFLICT (item_id, version) DO UPDATE SET accessed_on = EXCLUDED.accessed_on"
    "         WHERE secret_version_access.accessed_on < EXCLUDED.accessed_on)"
    " SELECT count(*) FROM it"};

// The count and the event in one statement, hence one transaction. The
// event names the secret, the operation and the caller, never a value.
constexpr Statement kRecordReadWhileScheduled{
    "secret_record_read_while_scheduled",
    "WITH counted AS ("
    "  UPDATE paramsafe.secrets s SET reads_while_scheduled = s.reads_while_scheduled + 1"
    "  FROM paramsafe.items i WHERE i.arn = $1 AND i.kind = 'secret' AND s.item_id = i.item_id"
    "  RETURNING i.account_id, i.region, i.arn, s.deletion_date)"
    " INSERT INTO paramsafe.events (account_id, region, source, detail_type, resources, detail)"
    " SELECT c.account_id, c.region, 'aws.secretsmanager',"
    "   'Secret Read While Scheduled For Deletion', ARRAY[c.arn],"
    "   jsonb_build_object('eventName', $2::text, 'secretArn', c.arn, 'principal', $3::text,"
    "     'deletionDate',"
    "     to_char(c.deletion_date AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))"
    " FROM counted c"};

Status NotFound() {
  return Status(Code::kNotFound, "Secrets Manager can't find the specified secret.");
}

// Reads sealed values for a SecretDecision on Update's transaction.
class TransactionValues final : public core::SecretValueSource {
 public:
  TransactionValues(Transaction& tx, std::int64_t item_id) : tx_(tx), item_id_(item_id) {}

  Result<core::SecretSealedValue> Value(std::int64_t number) override {
    PS_ASSIGN_OR_RETURN(PgResult r, tx_.Run(kSealedValue, Params().Int(item_id_).Int(number)));
    if (r.rows() == 0) {
      return Status(Code::kVersionNotFound,
                    "the secret has no version number " + std::to_string(number));
    }
    return RowToSecretSealedValue(r, 0, 0, kSecretVersionColumns);
  }

 private:
  Transaction& tx_;
  std::int64_t item_id_;
};

}  // namespace

Result<Secret> PgSecretRepository::Create(const core::NewSecret& secret, core::TimePoint now) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(*conn));
  PS_ASSIGN_OR_RETURN(const std::int64_t item_id, InsertSecretItem(tx, secret, now, now));
  PS_RETURN_IF_ERROR(UpsertTags(tx, item_id, secret.tags));
  if (secret.first_version) {
    PS_RETURN_IF_ERROR(InsertSecretVersion(tx, item_id, 1, *secret.first_version, now));
    auto labelled = tx.Run(kLabelFirstVersion, Params().Int(item_id));
    if (!labelled.ok()) return labelled.status();
  }
  PS_ASSIGN_OR_RETURN(Secret created, LoadSecret(tx, item_id));
  PS_RETURN_IF_ERROR(tx.Commit());
  return created;
}

Result<Secret> PgSecretRepository::Find(const core::SecretLookup& id) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(PgResult r, conn->Run(kFind, SecretLookupParams(id)));
  return SecretFromStateRows(r);
}

Result<core::SecretRead> PgSecretRepository::Read(const core::SecretLookup& id,
                                                  const core::SecretVersionSelector& which) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  Params p = SecretLookupParams(id);
  PS_ASSIGN_OR_RETURN(PgResult r, which.version_id ? conn->Run(kReadById, p.Text(*which.version_id))
                                                   : conn->Run(kReadByStage, p.Text(which.stage)));
  if (r.rows() == 0) return NotFound();
  core::SecretRead read{RowToSecret(r, 0, 0), std::nullopt};
  if (!r.IsNull(0, kReadVersionColumn)) {
    read.value = RowToSecretSealedValue(r, 0, kReadVersionColumn, kReadSealedColumn);
  }
  return read;
}

Result<Secret> PgSecretRepository::Update(const core::SecretLookup& id,
                                          const core::SecretDecision& decide) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(*conn));
  PS_ASSIGN_OR_RETURN(PgResult locked, tx.Run(kLock, SecretLookupParams(id)));
  if (locked.rows() == 0) return NotFound();
  const std::int64_t item_id = locked.Int(0, 0);
  PS_ASSIGN_OR_RETURN(Secret current, LoadSecret(tx, item_id));

  TransactionValues values(tx, item_id);
  PS_ASSIGN_OR_RETURN(core::SecretChange change, decide(current, values));
  if (change.empty()) return current;  // the transaction rolls back: it wrote nothing

  PS_RETURN_IF_ERROR(ApplySecretChange(tx, item_id, current, change));
  if (change.purge) {
    PS_RETURN_IF_ERROR(tx.Commit());
    return NotFound();
  }
  PS_ASSIGN_OR_RETURN(Secret updated, LoadSecret(tx, item_id));
  // The deferred one-AWSCURRENT check runs here.
  PS_RETURN_IF_ERROR(tx.Commit());
  return updated;
}

Status PgSecretRepository::RecordRead(const std::string& arn, std::int64_t number,
                                      core::TimePoint day) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(
      PgResult r, conn->Run(kRecordRead, Params().Text(arn).Int(number).Int(ToEpochMicros(day))));
  return r.Int(0, 0) == 0 ? NotFound() : Status::Ok();
}

Status PgSecretRepository::RecordReadWhileScheduled(const std::string& arn,
                                                    const std::string& operation,
                                                    const std::string& principal_arn) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(
      PgResult r,
      conn->Run(kRecordReadWhileScheduled, Params().Text(arn).Text(operation).Text(principal_arn)));
  return r.AffectedRows() == 0 ? NotFound() : Status::Ok();
}

}  // namespace paramsafe::store
