// paramsafe kms create-key: customer keys for SecureString and secrets.
#include <boost/json/object.hpp>
#include <iostream>

#include "cli/commands.h"
#include "cli/environment.h"
#include "cli/json_print.h"
#include "cli/options.h"
#include "core/keys.h"

namespace paramsafe::cli {

namespace po = boost::program_options;

namespace {

int CreateKey(const Args& args) {
  std::string alias, description, region;
  po::options_description d("paramsafe kms create-key");
  d.add_options()("help", "")("alias", po::value(&alias), "alias/NAME for the new key")(
      "description", po::value(&description)->default_value(""), "what the key protects")(
      "region", po::value(&region), "region of the key (default: PARAMSAFE_REGION or us-east-1)");
  po::variables_map vm;
  if (auto rc = ParseOptions(args, d, vm)) return *rc;
  if (!alias.empty() && !alias.starts_with("alias/")) alias = "alias/" + alias;

  auto rt = OpenRuntime();
  if (!rt.ok()) return ReportError("CreateKey", rt.status());
  if (region.empty()) region = (*rt)->config().default_region;
  auto& keyring = (*rt)->keyring();
  if (!alias.empty() && keyring.ResolveKey(region, alias).ok()) {
    return ReportError("CreateAlias", core::Status(core::Code::kAlreadyExists,
                                                   "An alias with the name arn:aws:kms:" + region +
                                                       ":" + (*rt)->config().account_id + ":" +
                                                       alias + " already exists"));
  }
  auto key = keyring.CreateKey(region, alias, description);
  if (!key.ok()) return ReportError("CreateKey", key.status());
  boost::json::object meta{{"AWSAccountId", (*rt)->config().account_id},
                           {"KeyId", key->key_id},
                           {"Arn", key->arn},
                           {"Description", key->description},
                           {"Enabled", key->enabled},
                           {"KeyUsage", "ENCRYPT_DECRYPT"},
                           {"KeyState", key->enabled ? "Enabled" : "Disabled"},
                           {"Origin", "AWS_KMS"},
                           {"KeyManager", "CUSTOMER"},
                           {"KeySpec", "SYMMETRIC_DEFAULT"},
                           {"EncryptionAlgorithms", boost::json::array{"SYMMETRIC_DEFAULT"}}};
  boost::json::object out{{"KeyMetadata", meta}};
  if (!alias.empty()) out["AliasName"] = alias;
  PrintJson(std::cout, out);
  return 0;
}

}  // namespace

int RunKms(const std::string& command, const Args& args) {
  if (command == "create-key") return CreateKey(args);
  return ReportUsage("unknown kms command '" + command + "'");
}

}  // namespace paramsafe::cli
