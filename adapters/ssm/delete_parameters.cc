#include "ssm/operations.h"

namespace paramsafe::adapters::ssm {

// SKELETON: replaced by the operation's implementation.
Outcome DeleteParameters(Services&, const CallContext&, const Request&) {
  return AwsError{400, "UnknownOperationException", "DeleteParameters is being built."};
}

}  // namespace paramsafe::adapters::ssm
