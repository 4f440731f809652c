// The Parameter Store operations, one function per operation, each defined in
// the file named after it. They read the request, call the core, and shape the
// response; none of them touches storage or crypto directly.
#ifndef PARAMSAFE_ADAPTERS_SSM_OPERATIONS_H_
#define PARAMSAFE_ADAPTERS_SSM_OPERATIONS_H_

#include <boost/json/object.hpp>

#include "common/call_context.h"
#include "common/outcome.h"
#include "core/parameter_service.h"

namespace paramsafe::adapters::ssm {

struct Services {
  core::ParameterService& parameters;
};

Outcome PutParameter(Services& s, const CallContext& ctx, const boost::json::object& req);
Outcome GetParameter(Services& s, const CallContext& ctx, const boost::json::object& req);
Outcome DeleteParameter(Services& s, const CallContext& ctx, const boost::json::object& req);

}  // namespace paramsafe::adapters::ssm

#endif  // PARAMSAFE_ADAPTERS_SSM_OPERATIONS_H_
