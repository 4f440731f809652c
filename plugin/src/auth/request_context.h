// What the evaluator knows about one request: who asks, for which action on
// which resource, and the condition keys (aws:SourceIp, aws:username,
// secretsmanager:ResourceTag/team, ...) with their values. Keys compare
// case-insensitively, as IAM's do. Plain values; thread-compatible.
#ifndef PARAMSAFE_AUTH_REQUEST_CONTEXT_H_
#define PARAMSAFE_AUTH_REQUEST_CONTEXT_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "auth/policy_text.h"

namespace paramsafe::auth {

class ConditionKeys {
 public:
  // A single-valued key (replaces any earlier value).
  void Set(std::string_view key, std::string value) {
    values_[AsciiLowercase(key)] = std::vector<std::string>{std::move(value)};
  }
  // One more value of a multi-valued key (aws:TagKeys).
  void Add(std::string_view key, std::string value) {
    values_[AsciiLowercase(key)].push_back(std::move(value));
  }
  // The key's values, or null when the request does not carry it.
  const std::vector<std::string>* Find(std::string_view key) const {
    const auto it = values_.find(AsciiLowercase(key));
    return it == values_.end() ? nullptr : &it->second;
  }

 private:
  std::map<std::string, std::vector<std::string>> values_;
};

struct RequestContext {
  std::string principal_arn;      // arn:aws:iam::<account>:user/<name>
  std::string principal_account;  // <account>
  std::string action;             // "secretsmanager:GetSecretValue"
  std::string resource;           // the ARN, or "*"
  ConditionKeys keys;
};

}  // namespace paramsafe::auth

#endif  // PARAMSAFE_AUTH_REQUEST_CONTEXT_H_
