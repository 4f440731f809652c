// paramsafe iam ...: users and access keys, with the aws CLI's command and
// option names and IAM's JSON response shapes. Inline user policies are in
// iam_policy_commands.cc.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <iostream>

#include "abi/iam_admin.h"
#include "cli/commands.h"
#include "cli/environment.h"
#include "cli/iam_policy_commands.h"
#include "cli/json_print.h"
#include "cli/options.h"
#include "core/credentials.h"

namespace paramsafe::cli {

namespace po = boost::program_options;
namespace json = boost::json;

namespace {

json::object UserJson(const core::UserRecord& u) {
  return {{"Path", u.path}, {"UserName", u.user_name}, {"UserId", u.user_id},
          {"Arn", u.arn}, {"CreateDate", IsoTime(u.created_at)}};
}

json::object KeyMetadataJson(const core::AccessKeyRecord& k) {
  return {{"UserName", k.user_name}, {"AccessKeyId", k.access_key_id},
          {"Status", k.active ? "Active" : "Inactive"}, {"CreateDate", IsoTime(k.created_at)}};
}

// Every command opens the store the environment names; this keeps the
// boilerplate in one place. `body` gets the runtime and returns the exit code.
template <typename F>
int WithRuntime(const std::string& operation, F&& body) {
  auto rt = OpenRuntime();
  if (!rt.ok()) return ReportError(operation, rt.status());
  return body(**rt);
}

int CreateUser(const Args& args) {
  std::string user;
  po::options_description d("paramsafe iam create-user");
  d.add_options()("help", "")("user-name", po::value(&user)->required(), "name of the new user");
  po::variables_map vm;
  if (auto rc = ParseOptions(args, d, vm)) return *rc;
  return WithRuntime("CreateUser", [&](abi::Runtime& rt) {
    auto u = rt.credentials().CreateUser(user, rt.config().account_id);
    if (!u.ok()) return ReportError("CreateUser", u.status());
    PrintJson(std::cout, json::object{{"User", UserJson(*u)}});
    return 0;
  });
}

int GetUser(const Args& args) {
  std::string user;
  po::options_description d("paramsafe iam get-user");
  d.add_options()("help", "")("user-name", po::value(&user)->required(), "user name");
  po::variables_map vm;
  if (auto rc = ParseOptions(args, d, vm)) return *rc;
  return WithRuntime("GetUser", [&](abi::Runtime& rt) {
    auto u = rt.credentials().FindUser(user);
    if (!u.ok()) return ReportError("GetUser", u.status());
    PrintJson(std::cout, json::object{{"User", UserJson(*u)}});
    return 0;
  });
}

int ListUsers(const Args& args) {
  po::options_description d("paramsafe iam list-users");
  d.add_options()("help", "");
  po::variables_map vm;
  if (auto rc = ParseOptions(args, d, vm)) return *rc;
  return WithRuntime("ListUsers", [&](abi::Runtime& rt) {
    auto users = rt.credentials().ListUsers();
    if (!users.ok()) return ReportError("ListUsers", users.status());
    json::array a;
    for (const auto& u : *users) a.push_back(UserJson(u));
    PrintJson(std::cout, json::object{{"Users", a}});
    return 0;
  });
}

int DeleteUser(const Args& args) {
  std::string user;
  po::options_description d("paramsafe iam delete-user");
  d.add_options()("help", "")("user-name", po::value(&user)->required(), "user name");
  po::variables_map vm;
  if (auto rc = ParseOptions(args, d, vm)) return *rc;
  return WithRuntime("DeleteUser", [&](abi::Runtime& rt) {
    core::Status s = rt.credentials().DeleteUser(user);
    return s.ok() ? 0 : ReportError("DeleteUser", s);
  });
}

int CreateAccessKey(const Args& args) {
  std::string user;
  po::options_description d("paramsafe iam create-access-key");
  d.add_options()("help", "")("user-name", po::value(&user)->required(), "owner of the key");
  po::variables_map vm;
  if (auto rc = ParseOptions(args, d, vm)) return *rc;
  return WithRuntime("CreateAccessKey", [&](abi::Runtime& rt) {
    auto key = abi::CreateAccessKey(rt, user);
    if (!key.ok()) return ReportError("CreateAccessKey", key.status());
    json::object k = KeyMetadataJson(key->record);
    // The only time the secret is shown; it is stored sealed.
    k["SecretAccessKey"] = std::string_view(key->secret_access_key);
    PrintJson(std::cout, json::object{{"AccessKey", k}});
    return 0;
  });
}

int ListAccessKeys(const Args& args) {
  std::string user;
  po::options_description d("paramsafe iam list-access-keys");
  d.add_options()("help", "")("user-name", po::value(&user)->required(), "owner of the keys");
  po::variables_map vm;
  if (auto rc = ParseOptions(args, d, vm)) return *rc;
  return WithRuntime("ListAccessKeys", [&](abi::Runtime& rt) {
    if (auto u = rt.credentials().FindUser(user); !u.ok()) {
      return ReportError("ListAccessKeys", u.status());
    }
    auto keys = rt.credentials().ListAccessKeys(user);
    if (!keys.ok()) return ReportError("ListAccessKeys", keys.status());
    json::array a;
    for (const auto& k : *keys) a.push_back(KeyMetadataJson(k));
    PrintJson(std::cout, json::object{{"AccessKeyMetadata", a}, {"IsTruncated", false}});
    return 0;
  });
}

// update-access-key and delete-access-key accept --user-name as the aws CLI
// does; without it, the key's own user is used.
struct KeyTarget {
  std::string user;
  std::string key_id;
};

core::Result<std::string> OwnerOf(abi::Runtime& rt, const KeyTarget& t) {
  if (!t.user.empty()) return t.user;
  auto k = rt.credentials().FindAccessKey(t.key_id);
  if (!k.ok()) {
    return core::Status(core::Code::kNotFound,
                        "The Access Key with id " + t.key_id + " cannot be found.");
  }
  return k->user_name;
}

int UpdateAccessKey(const Args& args) {
  KeyTarget t;
  std::string status;
  po::options_description d("paramsafe iam update-access-key");
  d.add_options()("help", "")("user-name", po::value(&t.user), "owner of the key")(
      "access-key-id", po::value(&t.key_id)->required(), "the key")(
      "status", po::value(&status)->required(), "Active or Inactive");
  po::variables_map vm;
  if (auto rc = ParseOptions(args, d, vm)) return *rc;
  if (status != "Active" && status != "Inactive") {
    return ReportUsage("--status must be Active or Inactive");
  }
  return WithRuntime("UpdateAccessKey", [&](abi::Runtime& rt) {
    auto owner = OwnerOf(rt, t);
    if (!owner.ok()) return ReportError("UpdateAccessKey", owner.status());
    core::Status s = rt.credentials().SetAccessKeyActive(*owner, t.key_id, status == "Active");
    return s.ok() ? 0 : ReportError("UpdateAccessKey", s);
  });
}

int DeleteAccessKey(const Args& args) {
  KeyTarget t;
  po::options_description d("paramsafe iam delete-access-key");
  d.add_options()("help", "")("user-name", po::value(&t.user), "owner of the key")(
      "access-key-id", po::value(&t.key_id)->required(), "the key");
  po::variables_map vm;
  if (auto rc = ParseOptions(args, d, vm)) return *rc;
  return WithRuntime("DeleteAccessKey", [&](abi::Runtime& rt) {
    auto owner = OwnerOf(rt, t);
    if (!owner.ok()) return ReportError("DeleteAccessKey", owner.status());
    core::Status s = rt.credentials().DeleteAccessKey(*owner, t.key_id);
    return s.ok() ? 0 : ReportError("DeleteAccessKey", s);
  });
}

}  // namespace

int RunIam(const std::string& command, const Args& args) {
  if (command == "create-user") return CreateUser(args);
  if (command == "get-user") return GetUser(args);
  if (command == "list-users") return ListUsers(args);
  if (command == "delete-user") return DeleteUser(args);
  if (command == "create-access-key") return CreateAccessKey(args);
  if (command == "list-access-keys") return ListAccessKeys(args);
  if (command == "update-access-key") return UpdateAccessKey(args);
  if (command == "delete-access-key") return DeleteAccessKey(args);
  if (auto rc = RunIamPolicyCommand(command, args)) return *rc;
  return ReportUsage("unknown iam command '" + command + "'");
}

}  // namespace paramsafe::cli
