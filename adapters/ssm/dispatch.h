// Routes an AmazonSSM.<Operation> to its handler.
#ifndef PARAMSAFE_ADAPTERS_SSM_DISPATCH_H_
#define PARAMSAFE_ADAPTERS_SSM_DISPATCH_H_

#include <string_view>
#include <vector>

#include "ssm/operations.h"

namespace paramsafe::adapters::ssm {

// UnknownOperationException for operations this face does not serve.
Outcome Dispatch(std::string_view operation, Services& s, const CallContext& ctx,
                 const boost::json::object& req);

// The operations Dispatch serves (without the "AmazonSSM." prefix), e.g. for
// metrics labels. Static strings.
std::vector<std::string_view> OperationNames();

}  // namespace paramsafe::adapters::ssm

#endif  // PARAMSAFE_ADAPTERS_SSM_DISPATCH_H_
