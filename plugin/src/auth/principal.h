// Principal: who signed a request, as the Authenticator established it.
// A plain value type that owns its strings; thread-compatible.
#ifndef PARAMSAFE_AUTH_PRINCIPAL_H_
#define PARAMSAFE_AUTH_PRINCIPAL_H_

#include <string>

namespace paramsafe::auth {

struct Principal {
  std::string arn;            // the user's ARN, arn:aws:iam::<account>:user/<name>
  std::string access_key_id;  // the key that signed the request
  std::string user_name;
  std::string account_id;  // from the ARN
  std::string region;      // from the SigV4 credential scope, unchecked
  std::string service;     // from the SigV4 credential scope; the caller checks it
};

}  // namespace paramsafe::auth

#endif  // PARAMSAFE_AUTH_PRINCIPAL_H_
