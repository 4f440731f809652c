// paramsafe bootstrap: the first-start work of scripts/run. Migrates, creates the
// keys, and makes sure an admin access key exists and is written to client.env.
// A second run reuses the credential in client.env when it is still valid.
#include <sys/stat.h>

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <map>

#include "abi/iam_admin.h"
#include "cli/commands.h"
#include "cli/environment.h"
#include "cli/options.h"
#include "core/credentials.h"
#include "core/keys.h"

namespace paramsafe::cli {

namespace po = boost::program_options;

namespace {

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

// True when the key exists, is active, and its stored secret equals `secret`.
bool StillValid(abi::Runtime& rt, const std::string& key_id, const std::string& secret) {
  auto k = rt.credentials().FindAccessKey(key_id);
  if (!k.ok() || !k->active) return false;
  auto plain = rt.keyring().Open(k->sealed_secret, core::AssociatedData{"access-key", key_id, 1});
  return plain.ok() && core::AsStringView(*plain) == secret;
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
      "user-name", po::value(&user)->default_value("admin"), "the bootstrap admin user");
  po::variables_map vm;
  if (auto rc = ParseOptions(args, d, vm)) return *rc;

  auto rt = OpenRuntime();
  if (!rt.ok()) return ReportError("Bootstrap", rt.status());
  auto values = ReadEnvFile(env_file);
  std::string key_id = values["AWS_ACCESS_KEY_ID"];
  std::string secret = values["AWS_SECRET_ACCESS_KEY"];
  bool reuse = !key_id.empty() && StillValid(**rt, key_id, secret);
  if (!reuse) {
    if (!(*rt)->credentials().FindUser(user).ok()) {
      auto u = (*rt)->credentials().CreateUser(user, (*rt)->config().account_id);
      if (!u.ok()) return ReportError("CreateUser", u.status());
    }
    auto key = abi::CreateAccessKey(**rt, user);
    if (!key.ok()) return ReportError("CreateAccessKey", key.status());
    key_id = key->record.access_key_id;
    secret.assign(key->secret_access_key.begin(), key->secret_access_key.end());
  }
  values["AWS_ACCESS_KEY_ID"] = key_id;
  values["AWS_SECRET_ACCESS_KEY"] = secret;
  values["AWS_DEFAULT_REGION"] = region;
  values["PARAMSAFE_ENDPOINT"] = endpoint;
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
