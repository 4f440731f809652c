#include "store/pg_policy_jobs.h"

#include "store/pg_time_param.h"

namespace paramsafe::store {

namespace {

constexpr Statement kDeleteJobs{"jobs_delete_of_item",
                                "DELETE FROM paramsafe.jobs WHERE item_id = $1"};

constexpr Statement kInsertJob{
    "jobs_insert",
    "INSERT INTO paramsafe.jobs (kind, item_id, policy_index, run_at, period)"
    " VALUES ($1, $2, $3, " PS_TIMESTAMP_FROM_US("$4") ", $5::bigint * interval '1 second')"};

// The clock counts from the version's created_at, the LastModifiedDate clients
// see, rather than from this host's clock.
constexpr Statement kRestartNoChange{
    "jobs_restart_no_change",
    "UPDATE paramsafe.jobs j SET run_at = v.created_at + j.period, state = 'pending',"
    " finished_at = NULL, last_error = NULL"
    " FROM paramsafe.versions v"
    " WHERE j.item_id = $1 AND j.kind = 'parameter-no-change-notification'"
    "   AND j.period IS NOT NULL AND v.item_id = $1 AND v.version = $2"};

}  // namespace

core::Status ReplacePolicyJobs(Transaction& tx, std::int64_t item_id,
                               const std::vector<core::PolicyJob>& jobs) {
  auto deleted = tx.Run(kDeleteJobs, Params().Int(item_id));
  if (!deleted.ok()) return deleted.status();
  for (const auto& job : jobs) {
    Params p;
    p.Text(job.kind).Int(item_id).Int(job.policy_index).Int(ToEpochMicros(job.run_at));
    if (job.period) {
      p.Int(job.period->count());
    } else {
      p.Null();
    }
    auto inserted = tx.Run(kInsertJob, p);
    if (!inserted.ok()) return inserted.status();
  }
  return core::Status::Ok();
}

core::Status RestartNoChangeJobs(Transaction& tx, std::int64_t item_id, std::int64_t version) {
  auto r = tx.Run(kRestartNoChange, Params().Int(item_id).Int(version));
  return r.ok() ? core::Status::Ok() : r.status();
}

}  // namespace paramsafe::store
