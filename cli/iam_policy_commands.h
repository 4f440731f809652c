// paramsafe iam put-user-policy, get-user-policy, list-user-policies and
// delete-user-policy: inline identity policies, with the aws CLI's option
// names and IAM's response shapes and error codes.
#ifndef PARAMSAFE_CLI_IAM_POLICY_COMMANDS_H_
#define PARAMSAFE_CLI_IAM_POLICY_COMMANDS_H_

#include <optional>
#include <string>

#include "cli/commands.h"

namespace paramsafe::cli {

// The exit code of `command` when it is one of the policy commands, else
// nullopt (the caller reports the unknown command).
std::optional<int> RunIamPolicyCommand(const std::string& command, const Args& args);

}  // namespace paramsafe::cli

#endif  // PARAMSAFE_CLI_IAM_POLICY_COMMANDS_H_
