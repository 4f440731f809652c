#include "store/pg_job_queue.h"

#include <cstdint>
#include <optional>
#include <string>

#include "store/pg_policy_events.h"
#include "store/pg_time_param.h"
#include "store/transaction.h"

namespace paramsafe::store {

using core::Code;
using core::JobRunSummary;
using core::Result;
using core::Status;

namespace {

#define PS_UTC_TEXT(col) "to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

// Claims the most overdue job together with its item. SKIP LOCKED lets hosts
// running at once each take a different job, and never wait. The item is
// locked too, in the order writers lock (item, then its jobs): a writer
// holding the item is skipped rather than deadlocked with.
constexpr Statement kClaim{
    "jobs_claim_due",
    "SELECT j.job_id, j.kind, " PS_UTC_TEXT("j.run_at") ","
    "       extract(epoch FROM j.period)::bigint,"
    "       (SELECT " PS_UTC_TEXT("e.run_at") " FROM paramsafe.jobs e"
    "         WHERE e.item_id = j.item_id AND e.kind = 'parameter-expiration'"
    "         ORDER BY e.run_at LIMIT 1),"
    "       i.item_id, i.account_id, i.region, i.arn, i.name, v.value_type"
    " FROM paramsafe.jobs j"
    " JOIN paramsafe.items i ON i.item_id = j.item_id"
    " LEFT JOIN paramsafe.versions v ON v.item_id = i.item_id AND v.version = i.latest_version"
    " WHERE j.state = 'pending' AND j.run_at <= " PS_TIMESTAMP_FROM_US("$1")
    " ORDER BY j.run_at LIMIT 1"
    " FOR UPDATE OF j, i SKIP LOCKED"};

#undef PS_UTC_TEXT

// Versions, labels, tags and the item's jobs (this one too) go with it.
constexpr Statement kDeleteItem{"jobs_delete_expired_item",
                                "DELETE FROM paramsafe.items WHERE item_id = $1"};

// The end of a recovery window. Only a secret still scheduled, and not for
// later than this job, is purged: a restore or a new schedule replaces the
// pending job, and this guards a job claimed before that change committed.
constexpr Statement kPurgeSecret{
    "jobs_purge_secret",
    "DELETE FROM paramsafe.items i USING paramsafe.secrets s, paramsafe.jobs j"
    " WHERE i.item_id = $1 AND s.item_id = i.item_id AND j.job_id = $2"
    "   AND s.deletion_date IS NOT NULL AND s.deletion_date <= j.run_at"};

constexpr Statement kMarkDone{
    "jobs_mark_done",
    "UPDATE paramsafe.jobs SET state = 'done', attempts = attempts + 1,"
    " finished_at = clock_timestamp(), last_error = NULL WHERE job_id = $1"};

constexpr Statement kMarkFailed{
    "jobs_mark_failed",
    "UPDATE paramsafe.jobs SET state = 'failed', attempts = attempts + 1,"
    " finished_at = clock_timestamp(), last_error = $2 WHERE job_id = $1"};

struct ClaimedJob {
  std::int64_t job_id = 0;
  std::string kind;
  std::string run_at;                     // UTC, ISO 8601
  std::optional<std::int64_t> period_s;   // NoChangeNotification
  std::optional<std::string> expires_at;  // UTC, of the item's Expiration job
  std::int64_t item_id = 0;
  PolicyEvent event;  // policy_type and action_reason still empty
};

ClaimedJob RowToJob(const PgResult& r) {
  ClaimedJob j;
  j.job_id = r.Int(0, 0);
  j.kind = r.String(0, 1);
  j.run_at = r.String(0, 2);
  if (!r.IsNull(0, 3)) j.period_s = r.Int(0, 3);
  if (!r.IsNull(0, 4)) j.expires_at = r.String(0, 4);
  j.item_id = r.Int(0, 5);
  j.event.account_id = r.String(0, 6);
  j.event.region = r.String(0, 7);
  j.event.arn = r.String(0, 8);
  j.event.parameter_name = r.String(0, 9);
  if (!r.IsNull(0, 10)) j.event.parameter_type = r.String(0, 10);
  return j;
}

// "20 days", "1 hour": the unit the policy was most likely written in.
std::string DescribePeriod(std::int64_t seconds) {
  struct Unit {
    std::int64_t seconds;
    const char* name;
  };
  for (Unit u : {Unit{86400, "day"}, Unit{3600, "hour"}, Unit{60, "minute"}, Unit{1, "second"}}) {
    if (seconds % u.seconds == 0) {
      const std::int64_t n = seconds / u.seconds;
      return std::to_string(n) + " " + u.name + (n == 1 ? "" : "s");
    }
  }
  return std::to_string(seconds) + " seconds";
}

// The job's effect, inside its transaction. `deleted` tells the caller the
// job row went with its item.
Status RunEffect(Transaction& tx, ClaimedJob& job, bool* deleted) {
  *deleted = false;
  PolicyEvent& e = job.event;
  if (job.kind == "parameter-expiration") {
    e.policy_type = "Expiration";
    e.action_reason =
        "Parameter deleted: its Expiration policy's time " + job.run_at + " has passed.";
    PS_RETURN_IF_ERROR(InsertPolicyEvent(tx, e));
    auto gone = tx.Run(kDeleteItem, Params().Int(job.item_id));
    if (!gone.ok()) return gone.status();
    *deleted = true;
    return Status::Ok();
  }
  if (job.kind == "parameter-expiration-notification") {
    e.policy_type = "ExpirationNotification";
    e.action_reason = job.expires_at ? "The parameter expires at " + *job.expires_at + "."
                                     : "The parameter's expiration notification time " +
                                           job.run_at + " has been reached.";
    return InsertPolicyEvent(tx, e);
  }
  if (job.kind == "parameter-no-change-notification") {
    e.policy_type = "NoChangeNotification";
    e.action_reason = job.period_s ? "The parameter has not been changed for " +
                                         DescribePeriod(*job.period_s) + "."
                                   : "The parameter has not been changed since its "
                                     "NoChangeNotification policy was set.";
    return InsertPolicyEvent(tx, e);
  }
  if (job.kind == "secret-purge") {
    PS_ASSIGN_OR_RETURN(PgResult gone,
                        tx.Run(kPurgeSecret, Params().Int(job.item_id).Int(job.job_id)));
    *deleted = gone.AffectedRows() == 1;
    return Status::Ok();
  }
  return Status(Code::kInternal, "unknown job kind " + job.kind);
}

enum class Outcome { kNone, kDone, kFailed };

// Claims and runs one due job in one transaction. kNone when nothing is due
// (or everything due is held by another runner); otherwise *kind is the job's.
Result<Outcome> RunOne(PgConnection& conn, core::TimePoint now, std::string* kind) {
  PS_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(conn));
  PS_ASSIGN_OR_RETURN(PgResult claimed, tx.Run(kClaim, Params().Int(ToEpochMicros(now))));
  if (claimed.rows() == 0) return Outcome::kNone;
  ClaimedJob job = RowToJob(claimed);
  *kind = job.kind;

  // A failed effect is undone to the savepoint; the claim (the row lock) stays,
  // so recording the failure cannot race another runner.
  auto savepoint = conn.Exec("SAVEPOINT job_effect");
  if (!savepoint.ok()) return savepoint.status();
  bool deleted = false;
  Status effect = RunEffect(tx, job, &deleted);
  if (!effect.ok()) {
    auto undo = conn.Exec("ROLLBACK TO SAVEPOINT job_effect");
    if (!undo.ok()) return undo.status();
    auto marked = tx.Run(kMarkFailed, Params().Int(job.job_id).Text(effect.reason()));
    if (!marked.ok()) return marked.status();
    PS_RETURN_IF_ERROR(tx.Commit());
    return Outcome::kFailed;
  }
  if (!deleted) {
    auto marked = tx.Run(kMarkDone, Params().Int(job.job_id));
    if (!marked.ok()) return marked.status();
  }
  PS_RETURN_IF_ERROR(tx.Commit());
  return Outcome::kDone;
}

}  // namespace

Result<JobRunSummary> PgJobQueue::RunDue(core::TimePoint now, int max_jobs) {
  JobRunSummary summary;
  if (max_jobs <= 0) return summary;
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  for (int n = 0; n < max_jobs; ++n) {
    std::string kind;
    PS_ASSIGN_OR_RETURN(Outcome outcome, RunOne(*conn, now, &kind));
    if (outcome == Outcome::kNone) break;
    summary.runs.push_back({std::move(kind), outcome == Outcome::kDone});
    if (outcome == Outcome::kDone) ++summary.done;
    if (outcome == Outcome::kFailed) ++summary.failed;
  }
  return summary;
}

}  // namespace paramsafe::store
