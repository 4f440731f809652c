// paramsafe: the admin CLI. Commands and options follow the aws CLI's names.
#include <iostream>
#include <string>

#include "cli/commands.h"

namespace {

constexpr const char* kUsage = R"(usage: paramsafe <command> [options]

  migrate                          apply pending database migrations
  bootstrap --client-env FILE --endpoint URL [--region R] [--user-name admin]
                                   first-start setup used by scripts/run
  iam create-user --user-name U
  iam get-user --user-name U
  iam list-users
  iam delete-user --user-name U
  iam create-access-key --user-name U
  iam list-access-keys --user-name U
  iam update-access-key [--user-name U] --access-key-id K --status Active|Inactive
  iam delete-access-key [--user-name U] --access-key-id K
  iam put-user-policy --user-name U --policy-name P --policy-document file://p.json|JSON
  iam get-user-policy | delete-user-policy --user-name U --policy-name P
  iam list-user-policies --user-name U
  kms create-key [--alias alias/NAME] [--description D] [--region R]
  promote-to-secret PARAMETER-NAME [--region R]
                                   turn a parameter into a secret, keeping its versions
  jobs run-due [--now 2030-01-31T12:00:00Z] [--max N]
                                   run due background jobs (policies, secret purges)
                                   as if the time were --now
  audit [--start-time T] [--end-time T] [--principal ARN] [--action NAME]
        [--resource ARN] [--error-code CODE | --errors-only] [--max-items N]
                                   the audit trail as JSON lines shaped like
                                   CloudTrail records, newest first

The store is found through PARAMSAFE_HOME (default ./.paramsafe), or
PARAMSAFE_DATABASE_URL and PARAMSAFE_ROOT_KEY_FILE / PARAMSAFE_ROOT_KEY.
Add --help after a command for its options.
)";

}  // namespace

int main(int argc, char** argv) {
  using paramsafe::cli::Args;
  Args args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    std::cout << kUsage;
    return args.empty() ? 252 : 0;
  }
  std::string command = args[0];
  if (command == "migrate") return paramsafe::cli::RunMigrate(Args(args.begin() + 1, args.end()));
  if (command == "bootstrap") {
    return paramsafe::cli::RunBootstrap(Args(args.begin() + 1, args.end()));
  }
  if (command == "promote-to-secret") {
    return paramsafe::cli::RunPromoteToSecret(Args(args.begin() + 1, args.end()));
  }
  if ((command == "iam" || command == "kms") && args.size() >= 2) {
    Args rest(args.begin() + 2, args.end());
    return command == "iam" ? paramsafe::cli::RunIam(args[1], rest)
                            : paramsafe::cli::RunKms(args[1], rest);
  }
  if (command == "audit") return paramsafe::cli::RunAudit(Args(args.begin() + 1, args.end()));
  if (command == "jobs" && args.size() >= 2) {
    return paramsafe::cli::RunJobs(args[1], Args(args.begin() + 2, args.end()));
  }
  std::cerr << kUsage;
  return 252;
}
