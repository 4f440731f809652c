// Where the CLI finds the store: the same settings as the server, with the
// embedded-database defaults under PARAMSAFE_HOME.
#ifndef PARAMSAFE_CLI_ENVIRONMENT_H_
#define PARAMSAFE_CLI_ENVIRONMENT_H_

#include <string>

#include <memory>

#include "abi/config.h"
#include "abi/runtime.h"
#include "core/status.h"

namespace paramsafe::cli {

// PARAMSAFE_HOME, default "./.paramsafe", made absolute.
std::string Home();

// The store config from the environment:
//   PARAMSAFE_DATABASE_URL  (default: the embedded cluster of PARAMSAFE_HOME)
//   PARAMSAFE_ROOT_KEY      (64 hex) or PARAMSAFE_ROOT_KEY_FILE (default HOME/root.key)
//   PARAMSAFE_ACCOUNT_ID, PARAMSAFE_REGION (the default region)
core::Result<abi::Config> ConfigFromEnvironment();

// Opens the store the environment names (migrating it first).
core::Result<std::unique_ptr<abi::Runtime>> OpenRuntime();

}  // namespace paramsafe::cli

#endif  // PARAMSAFE_CLI_ENVIRONMENT_H_
