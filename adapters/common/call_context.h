// CallContext: who is calling and where, as the adapters need it.
#ifndef PARAMSAFE_ADAPTERS_COMMON_CALL_CONTEXT_H_
#define PARAMSAFE_ADAPTERS_COMMON_CALL_CONTEXT_H_

#include <string>

#include "core/audit.h"

namespace paramsafe::adapters {

struct CallContext {
  std::string principal_arn;
  std::string access_key_id;
  std::string account_id;
  std::string region;
  std::string request_id;
  std::string source_ip;
  std::string user_agent;
  bool secure_transport = false;
  // The request's audit record, when it is audited: the router adds the
  // request parameters (secrets removed), each access check the resource it
  // was about. Not owned.
  core::AuditRecord* audit = nullptr;
};

}  // namespace paramsafe::adapters

#endif  // PARAMSAFE_ADAPTERS_COMMON_CALL_CONTEXT_H_
