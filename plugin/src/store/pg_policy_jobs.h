// The jobs of a parameter's policy set, written inside the parameter write's
// transaction so the jobs always match the policies of the latest version.
#ifndef PARAMSAFE_STORE_PG_POLICY_JOBS_H_
#define PARAMSAFE_STORE_PG_POLICY_JOBS_H_

#include <cstdint>
#include <vector>

#include "core/parameter.h"
#include "core/status.h"
#include "store/transaction.h"

namespace paramsafe::store {

// Deletes every job of item_id and inserts `jobs` (a new policy set; empty
// clears it).
core::Status ReplacePolicyJobs(Transaction& tx, std::int64_t item_id,
                               const std::vector<core::PolicyJob>& jobs);

// Restarts the NoChangeNotification clock of item_id after a write that kept
// the policy set: run_at = the creation time of `version` + period, pending
// again even when it had already notified.
core::Status RestartNoChangeJobs(Transaction& tx, std::int64_t item_id, std::int64_t version);

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_PG_POLICY_JOBS_H_
