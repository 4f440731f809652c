// The plugin's configuration, as the host passes it to open() (a JSON object;
// docs/abi.md lists the members) and as the CLI builds it from the environment.
#ifndef PARAMSAFE_ABI_CONFIG_H_
#define PARAMSAFE_ABI_CONFIG_H_

#include <string>
#include <string_view>

#include "core/status.h"

namespace paramsafe::abi {

struct Config {
  // PARAMSAFE_HOME: when set, database_url defaults to the embedded cluster in
  // it and root_key_file to home/root.key.
  std::string home;
  std::string database_url;        // libpq URL
  std::string root_key_file;       // path of the 0600 root key file (created if absent)
  std::string root_key_hex;        // or the root key itself, 64 hex characters
  std::string account_id = "123456789012";
  std::string default_region = "us-east-1";  // where init-time keys are created
  int pool_size = 8;
  int pool_acquire_timeout_ms = 5000;
  int auth_cache_ms = 2000;  // how long a verified access key is trusted without a lookup
  bool cache = true;         // cache latest parameter versions (sealed) in memory
  int cache_ttl_ms = 2000;
  bool migrate = true;  // apply pending migrations on open
  // How often the background worker runs due jobs (parameter policies); 0
  // starts no worker (the admin CLI's runtime, or hosts that leave the jobs
  // to another process).
  int job_poll_ms = 1000;
};

// kInvalidArgument naming the offending member; never echoes root_key_hex.
core::Result<Config> ParseConfig(std::string_view json);

// Fills the defaults that derive from `home` and checks the whole config.
core::Status Finish(Config& config);

// The libpq URL of the embedded cluster under `home` (unix socket in home/pgrun),
// as scripts/lib/pg.sh starts it.
std::string EmbeddedDatabaseUrl(const std::string& home);

}  // namespace paramsafe::abi

#endif  // PARAMSAFE_ABI_CONFIG_H_
