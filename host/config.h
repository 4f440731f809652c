// Turns paramsafe-server's environment into the plugin's config JSON, and parses
// "HOST:PORT". Pure functions: the environment is passed in, so tests need not
// touch the process's own.
//
// Thread-safety: all functions are pure.
#ifndef PARAMSAFE_HOST_CONFIG_H_
#define PARAMSAFE_HOST_CONFIG_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace paramsafe::host {

// Returns the value of an environment variable, or nullopt when it is unset.
using EnvLookup = std::function<std::optional<std::string>(const char* name)>;

// The real environment (getenv).
std::optional<std::string> ProcessEnv(const char* name);

// Builds the plugin config object from the environment:
//   PARAMSAFE_DATABASE_URL  -> "database_url"  (string)
//   PARAMSAFE_ROOT_KEY_FILE -> "root_key_file" (string)
//   PARAMSAFE_ROOT_KEY      -> "root_key_hex"  (string)
//   PARAMSAFE_ACCOUNT_ID    -> "account_id"    (string)
//   PARAMSAFE_REGION        -> "default_region" (string)
//   PARAMSAFE_HOME          -> "home"          (string; the plugin's defaults derive from it)
//   PARAMSAFE_POOL_SIZE     -> "pool_size"     (non-negative integer)
//   PARAMSAFE_AUTH_CACHE_MS -> "auth_cache_ms" (non-negative integer)
//   PARAMSAFE_CACHE_TTL_MS  -> "cache_ttl_ms"  (non-negative integer)
//   PARAMSAFE_JOB_POLL_MS   -> "job_poll_ms"   (non-negative integer; 0: no job worker)
//   PARAMSAFE_CACHE         -> "cache"         (on|off, also true|false, 1|0)
// Unset variables are left out. Returns false with a one-line reason in *error for
// a malformed value (the reason names the variable, never its value: it may be a
// key). The result may hold key material: the caller wipes it after open().
bool BuildPluginConfig(const EnvLookup& env, std::string* json, std::string* error);

// Checks that `json` is a JSON object (for --config-json). Returns false with a
// reason otherwise.
bool ValidateConfigJson(std::string_view json, std::string* error);

struct ListenAddress {
  std::string host;  // without brackets for IPv6
  uint16_t port = 0;
};

// Parses "HOST:PORT" or "[V6]:PORT"; PORT may be 0 (pick a free port).
std::optional<ListenAddress> ParseListen(std::string_view text);

}  // namespace paramsafe::host

#endif  // PARAMSAFE_HOST_CONFIG_H_
