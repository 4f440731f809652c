// paramsafe bootstrap: the first-start work of scripts/run. Migrates, creates the
// keys, and makes sure an admin access key exists and is written to client.env,
// and that its user holds the inline policy AdministratorAccess (allow
// everything). A second run reuses the credential in client.env when it is
// still valid, and keeps the user's AdministratorAccess as it finds it.
#include <sys/stat.h>

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <map>
#include <optional>

#include "abi/iam_admin.h"
#include "cli/commands.h"
#include "cli/environment.h"
#include "cli/options.h"
#include "core/credentials.h"
#include "core/keys.h"
#include "core/user_policies.h"

namespace paramsafe::cli {

namespace po = boost::program_options;

namespace {

constexpr const char* kAdminPolicyName = "AdministratorAccess";
constexpr const char* kAdminPolicyDocument =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})";

std::map<std::string, std::string> ReadEnvFile(const std::string& path) {
  std::map<std::string, std::string> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    auto eq = line.find('=');
    if (eq != std::string::npos && line[0] != '#') out[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return out;
}

// The key's user when the key exists, is active, and its stored secret
// equals `secret`; else nullopt.
std::optional<std::string> ValidKeyOwner(abi::Runtime& rt, const std::string& key_id,
                                         const std::string& secret) {
  auto k = rt.credentials().FindAccessKey(key_id);
  if (!k.ok() || !k->active) return std::nullopt;
  auto plain = rt.keyring().Open(k->sealed_secret, core::AssociatedData{"access-key", key_id, 1});
  if (!plain.ok() || core::AsStringView(*plain) != secret) return std::nullopt;
  return k->user_name;
}

// Once policies are enforced a user without one may do nothing, so the admin
// gets AdministratorAccess. A policy of that name the user already has is
// kept as it is (an operator may have narrowed it); a missing one is put
// back, as a missing or disabled admin key is replaced.
core::Status EnsureAdminPolicy(abi::Runtime& rt, const std::string& user) {
  auto existing = rt.user_policies().Get(user, kAdminPolicyName);
  if (existing.ok()) return core::Status::Ok();
  if (existing.status().code() != core::Code::kNotFound) return existing.status();
  return rt.user_policies().Put(user, kAdminPolicyName, kAdminPolicyDocument);
}

bool WriteEnvFile(const std::string& path, const std::map<std::string, std::string>& values) {
  std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return false;
  std::string text = "# Written by paramsafe bootstrap. Load with: set -a; . " + path + "; set +a\n";
  for (const auto& [k, v] : values) text += k + "=" + v + "\n";
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ok = ::fchmod(fd, 0600) == 0 && ok;
  ok = ::close(fd) == 0 && ok;
  return ok && ::rename(tmp.c_str(), path.c_str()) == 0;
}

}  // namespace

int RunBootstrap(const Args& args) {
  std::string env_file, endpoint, region, user = "admin", metrics;
  po::options_description d("paramsafe bootstrap");
  d.add_options()("help", "")("client-env", po::value(&env_file)->required(),
                              "file to write the client settings to")(
      "endpoint", po::value(&endpoint)->required(), "the server's URL")(
      "region", po::value(&region)->default_value("us-east-1"), "AWS_DEFAULT_REGION to write")(
      "user-name", po::value(&user)->default_value("admin"), "the bootstrap admin user")(
      "metrics-endpoint", po::value(&metrics),
      "the server's metrics URL, written as PARAMSAFE_METRICS_ENDPOINT (left out when not "
      "given)");
  po::variables_map vm;
  if (auto rc = ParseOptions(args, d, vm)) return *rc;

  auto rt = OpenRuntime();
  if (!rt.ok()) return ReportError("Bootstrap", rt.status());
  auto values = ReadEnvFile(env_file);
  std::string key_id = values["AWS_ACCESS_KEY_ID"];
  std::string secret = values["AWS_SECRET_ACCESS_KEY"];
  std::optional<std::string> owner;
  if (!key_id.empty()) owner = ValidKeyOwner(**rt, key_id, secret);
  const bool reuse = owner.has_value();
  if (reuse) {
    user = *owner;
  } else {
    if (!(*rt)->credentials().FindUser(user).ok()) {
      auto u = (*rt)->credentials().CreateUser(user, (*rt)->config().account_id);
      if (!u.ok()) return ReportError("CreateUser", u.status());
    }
    auto key = abi::CreateAccessKey(**rt, user);
    if (!key.ok()) return ReportError("CreateAccessKey", key.status());
    key_id = key->record.access_key_id;
    secret.assign(key->secret_access_key.begin(), key->secret_access_key.end());
  }
  if (core::Status s = EnsureAdminPolicy(**rt, user); !s.ok()) {
    return ReportError("PutUserPolicy", s);
  }
  values["AWS_ACCESS_KEY_ID"] = key_id;
  values["AWS_SECRET_ACCESS_KEY"] = secret;
  values["AWS_DEFAULT_REGION"] = region;
  values["PARAMSAFE_ENDPOINT"] = endpoint;
  // Only what this run was told: a URL from an earlier run may be stale.
  if (metrics.empty()) {
    values.erase("PARAMSAFE_METRICS_ENDPOINT");
  } else {
    values["PARAMSAFE_METRICS_ENDPOINT"] = metrics;
  }
  values["PARAMSAFE_DATABASE_URL"] = (*rt)->config().database_url;
  if (!WriteEnvFile(env_file, values)) {
    return ReportError("Bootstrap", core::Status(core::Code::kInternal,
                                                 "cannot write " + env_file));
  }
  std::cout << (reuse ? "reusing" : "created") << " access key " << key_id << " of user " << user
            << "; client settings in " << env_file << "\n";
  return 0;
}

}  // namespace paramsafe::cli
