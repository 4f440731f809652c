// CallContext: who is calling and where, as the adapters need it.
#ifndef PARAMSAFE_ADAPTERS_COMMON_CALL_CONTEXT_H_
#define PARAMSAFE_ADAPTERS_COMMON_CALL_CONTEXT_H_

#include <string>

namespace paramsafe::adapters {

struct CallContext {
  std::string principal_arn;
  std::string access_key_id;
  std::string account_id;
  std::string region;
  std::string request_id;
};

}  // namespace paramsafe::adapters

#endif  // PARAMSAFE_ADAPTERS_COMMON_CALL_CONTEXT_H_
