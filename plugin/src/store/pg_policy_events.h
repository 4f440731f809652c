// Events of parameter policies, in EventBridge's envelope ("aws.ssm",
// "Parameter Store Policy Action"), written to paramsafe.events inside the
// caller's transaction; the table's trigger publishes each one with NOTIFY on
// channel paramsafe_events when that transaction commits.
#ifndef PARAMSAFE_STORE_PG_POLICY_EVENTS_H_
#define PARAMSAFE_STORE_PG_POLICY_EVENTS_H_

#include <optional>
#include <string>

#include "core/status.h"
#include "store/transaction.h"

namespace paramsafe::store {

// What an event says. Names and metadata only: never a value.
struct PolicyEvent {
  std::string account_id;
  std::string region;
  std::string arn;  // the event's one resource
  std::string parameter_name;
  std::optional<std::string> parameter_type;
  std::string policy_type;  // Expiration | ExpirationNotification | NoChangeNotification
  std::string action_reason;
};

core::Status InsertPolicyEvent(Transaction& tx, const PolicyEvent& event);

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_PG_POLICY_EVENTS_H_
