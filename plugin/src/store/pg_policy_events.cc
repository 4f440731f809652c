#include "store/pg_policy_events.h"

namespace paramsafe::store {

namespace {

// The detail is built by PostgreSQL from $n values, so no JSON text is
// assembled here and the values need no escaping.
constexpr Statement kInsertEvent{
    "events_insert_policy_action",
    "INSERT INTO paramsafe.events (account_id, region, source, detail_type, resources, detail)"
    " VALUES ($1, $2, 'aws.ssm', 'Parameter Store Policy Action', ARRAY[$3::text],"
    "   jsonb_build_object('parameter-name', $4::text, 'parameter-type', $5::text,"
    "                      'policy-type', $6::text, 'action-status', 'Finished',"
    "                      'action-reason', $7::text))"};

}  // namespace

core::Status InsertPolicyEvent(Transaction& tx, const PolicyEvent& e) {
  auto r = tx.Run(kInsertEvent, Params()
                                    .Text(e.account_id)
                                    .Text(e.region)
                                    .Text(e.arn)
                                    .Text(e.parameter_name)
                                    .OptionalText(e.parameter_type)
                                    .Text(e.policy_type)
                                    .Text(e.action_reason));
  return r.ok() ? core::Status::Ok() : r.status();
}

}  // namespace paramsafe::store
