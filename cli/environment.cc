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

core::Result<abi::Config> ConfigFromEnvironment() {
  abi::Config c;
  c.home = Home();
  c.database_url = Env("PARAMSAFE_DATABASE_URL");
  c.root_key_hex = Env("PARAMSAFE_ROOT_KEY");
  if (c.root_key_hex.empty()) c.root_key_file = Env("PARAMSAFE_ROOT_KEY_FILE");
  if (std::string a = Env("PARAMSAFE_ACCOUNT_ID"); !a.empty()) c.account_id = a;
  if (std::string r = Env("PARAMSAFE_REGION"); !r.empty()) c.default_region = r;
  c.pool_size = 2;
  c.cache = false;  // one-shot commands: nothing to reuse
  c.job_poll_ms = 0;  // no job worker in a one-shot command: the servers run the jobs
  PS_RETURN_IF_ERROR(abi::Finish(c));
  return c;
}

core::Result<std::unique_ptr<abi::Runtime>> OpenRuntime() {
  PS_ASSIGN_OR_RETURN(abi::Config config, ConfigFromEnvironment());
  return abi::Runtime::Open(config);
}

}  // namespace paramsafe::cli
