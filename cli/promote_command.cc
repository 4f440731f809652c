// paramsafe promote-to-secret: turns a parameter into a secret of the same name
// that keeps every version of its history, in order (SecretService::
// PromoteParameter), and prints it as `aws secretsmanager describe-secret`
// would: ARN, Name, VersionIdsToStages.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/program_options.hpp>
#include <iostream>

#include "cli/commands.h"
#include "cli/environment.h"
#include "cli/json_print.h"
#include "core/parameter_names.h"
#include "core/secret_service.h"

namespace paramsafe::cli {

namespace po = boost::program_options;

namespace {

constexpr const char* kOperation = "PromoteToSecret";

// ReportError(operation, status) speaks IAM's codes; a promotion fails with the codes of the two
// APIs it joins: Parameter Store's for the parameter, Secrets Manager's for the
// secret.
int ReportPromoteError(const std::string& name, const core::Status& s) {
  const char* code = "InternalServiceError";
  std::string message = s.reason();
  switch (s.code()) {
    case core::Code::kNotFound:
      code = "ParameterNotFound";
      message = "Parameter " + name + " not found.";
      break;
    case core::Code::kAlreadyExists:
      code = "ResourceExistsException";
      message = "The operation failed because the secret " + name + " already exists.";
      break;
    case core::Code::kFailedPrecondition:
      code = "InvalidRequestException";
      break;
    case core::Code::kInvalidArgument:
      code = "InvalidParameterException";
      break;
    case core::Code::kLimitExceeded:
      code = "LimitExceededException";
      break;
    case core::Code::kKeyNotFound:
      code = "EncryptionFailure";
      break;
    case core::Code::kDecryptFailed:
      code = "DecryptionFailure";
      break;
    default:
      break;
  }
  return ReportError(kOperation, code, message);
}

// The labelled versions, as DescribeSecret's VersionIdsToStages shows them.
boost::json::object VersionIdsToStages(const core::Secret& secret) {
  boost::json::object out;
  for (const core::SecretVersion& v : secret.versions) {
    if (v.stages.empty()) continue;
    boost::json::array stages;
    for (const std::string& s : v.stages) stages.emplace_back(s);
    out[v.version_id] = std::move(stages);
  }
  return out;
}

}  // namespace

int RunPromoteToSecret(const Args& args) {
  std::string name, region;
  po::options_description visible(
      "usage: paramsafe promote-to-secret <parameter-name> [--region R]\n\n"
      "Turns the parameter into a Secrets Manager secret of the same name, keeping\n"
      "every version in order: the newest is AWSCURRENT, the one before AWSPREVIOUS,\n"
      "labels become staging labels. The parameter is gone afterwards.\n\noptions");
  visible.add_options()("help", "")(
      "region", po::value(&region),
      "region of the parameter (default: PARAMSAFE_REGION or us-east-1)");
  po::options_description all;
  all.add(visible).add_options()("parameter-name", po::value(&name));
  po::positional_options_description positional;
  positional.add("parameter-name", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    if (vm.count("help")) {
      std::cout << visible << "\n";
      return 0;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    return ReportUsage(e.what());
  }
  if (name.empty()) return ReportUsage("promote-to-secret needs the parameter's name");

  auto rt = OpenRuntime();
  if (!rt.ok()) return ReportError(kOperation, rt.status());
  const abi::Config& config = (*rt)->config();
  if (region.empty()) region = config.default_region;
  // The administrator acts as the account itself, not as one of its IAM users.
  const std::string principal = "arn:aws:iam::" + config.account_id + ":root";
  auto secret = (*rt)->secrets().PromoteParameter(
      core::ParameterKey(config.account_id, region, name), principal);
  if (!secret.ok()) return ReportPromoteError(name, secret.status());
  PrintJson(std::cout, boost::json::object{{"ARN", secret->arn},
                                           {"Name", secret->name},
                                           {"VersionIdsToStages", VersionIdsToStages(*secret)}});
  return 0;
}

}  // namespace paramsafe::cli
