#include "ssm/operations.h"

namespace paramsafe::adapters::ssm {

// SKELETON: replaced by the operation's implementation.
Outcome RemoveTagsFromResource(Services&, const CallContext&, const Request&) {
  return AwsError{400, "UnknownOperationException", "RemoveTagsFromResource is being built."};
}

}  // namespace paramsafe::adapters::ssm
