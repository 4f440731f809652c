// The admin CLI's commands. Each takes the arguments after its name and returns
// the process exit code. Errors are printed to stderr the way the aws CLI does:
//   An error occurred (NoSuchEntity) when calling the CreateAccessKey operation: ...
#ifndef PARAMSAFE_CLI_COMMANDS_H_
#define PARAMSAFE_CLI_COMMANDS_H_

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"

namespace paramsafe::cli {

using Args = std::vector<std::string>;

int RunMigrate(const Args& args);
int RunBootstrap(const Args& args);
int RunIam(const std::string& command, const Args& args);
int RunKms(const std::string& command, const Args& args);
int RunPromoteToSecret(const Args& args);
int RunJobs(const std::string& command, const Args& args);
int RunAudit(const Args& args);

// Prints the aws-style error line and returns the aws CLI's exit code for a
// service error (254).
int ReportError(const std::string& operation, const core::Status& status);
// The same, with the error code of another API (e.g. Secrets Manager's).
int ReportError(const std::string& operation, const char* code, const std::string& message);
// For usage mistakes (exit code 252, as the aws CLI uses for bad arguments).
int ReportUsage(const std::string& message);

// ISO 8601 in UTC with an offset, as the aws CLI v2 prints dates.
std::string IsoTime(core::TimePoint t);

}  // namespace paramsafe::cli

#endif  // PARAMSAFE_CLI_COMMANDS_H_
