#include "secretsmanager/dispatch.h"

#include <string>

namespace paramsafe::adapters::secretsmanager {

Outcome Dispatch(std::string_view operation, const CallContext&, const boost::json::object&) {
  AwsError e{400, "UnknownOperationException",
             "Operation secretsmanager." + std::string(operation) +
                 " is not supported by this paramsafe server yet."};
  e.message_member = "Message";
  return e;
}

}  // namespace paramsafe::adapters::secretsmanager
