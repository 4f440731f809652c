#include "cli/environment.h"

#include <cstdlib>
#include <filesystem>

namespace paramsafe::cli {

namespace {
std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}
}  // namespace

std::string Home() {
  std::string home = Env("PARAMSAFE_HOME");
  if (home.empty()) home = ".paramsafe";
  return std::filesystem::absolute(home).lexically_normal().string();
}

std::string EmbeddedDatabaseUrl(const std::string& home) {
  return "postgresql://paramsafe@/paramsafe?host=" + home + "/pgrun";
}

core::Result<abi::Config> ConfigFromEnvironment() {
  abi::Config c;
  std::string home = Home();
  c.database_url = Env("PARAMSAFE_DATABASE_URL");
  if (c.database_url.empty()) c.database_url = EmbeddedDatabaseUrl(home);
  c.root_key_hex = Env("PARAMSAFE_ROOT_KEY");
  c.root_key_file = Env("PARAMSAFE_ROOT_KEY_FILE");
  if (c.root_key_hex.empty() && c.root_key_file.empty()) c.root_key_file = home + "/root.key";
  if (!c.root_key_hex.empty()) c.root_key_file.clear();
  if (std::string a = Env("PARAMSAFE_ACCOUNT_ID"); !a.empty()) c.account_id = a;
  if (std::string r = Env("PARAMSAFE_REGION"); !r.empty()) c.default_region = r;
  c.pool_size = 2;
  c.cache = false;
  return c;
}

core::Result<std::unique_ptr<abi::Runtime>> OpenRuntime() {
  PS_ASSIGN_OR_RETURN(abi::Config config, ConfigFromEnvironment());
  return abi::Runtime::Open(config);
}

}  // namespace paramsafe::cli
