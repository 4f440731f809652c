// Routes a secretsmanager.<Operation> to its handler; operations not built yet
// answer UnknownOperationException, saying so.
#ifndef PARAMSAFE_ADAPTERS_SECRETSMANAGER_DISPATCH_H_
#define PARAMSAFE_ADAPTERS_SECRETSMANAGER_DISPATCH_H_

#include <string_view>
#include <vector>

#include "common/call_context.h"
#include "common/outcome.h"
#include "secretsmanager/operations.h"

namespace paramsafe::adapters::secretsmanager {

Outcome Dispatch(std::string_view operation, Services& s, const CallContext& ctx,
                 const boost::json::object& req);

// The operations Dispatch serves (without the "secretsmanager." prefix), e.g.
// for metrics labels. Static strings.
std::vector<std::string_view> OperationNames();

}  // namespace paramsafe::adapters::secretsmanager

#endif  // PARAMSAFE_ADAPTERS_SECRETSMANAGER_DISPATCH_H_
