// The Secrets Manager operations, one function per operation, each defined in
// the file named after it. Only GetRandomPassword is built so far; the rest
// answer UnknownOperationException from the dispatcher.
#ifndef PARAMSAFE_ADAPTERS_SECRETSMANAGER_OPERATIONS_H_
#define PARAMSAFE_ADAPTERS_SECRETSMANAGER_OPERATIONS_H_

#include <boost/json/object.hpp>

#include "common/call_context.h"
#include "common/outcome.h"
#include "core/random_source.h"

namespace paramsafe::adapters::secretsmanager {

struct Services {
  core::RandomSource& random;
};

using Request = boost::json::object;

Outcome GetRandomPassword(Services& s, const CallContext& ctx, const Request& req);

}  // namespace paramsafe::adapters::secretsmanager

#endif  // PARAMSAFE_ADAPTERS_SECRETSMANAGER_OPERATIONS_H_
