// Inline user policies. A changed policy reaches running servers within their
// auth_cache_ms (default 2 s): each caches a user's parsed policies that long.
#include "cli/iam_policy_commands.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <cctype>
#include <iostream>
#include <string_view>

#include "abi/runtime.h"
#include "auth/policy_document.h"
#include "cli/environment.h"
#include "cli/json_print.h"
#include "cli/options.h"
#include "cli/param_file.h"
#include "core/user_policies.h"

namespace paramsafe::cli {

namespace po = boost::program_options;
namespace json = boost::json;

namespace {

// IAM's limits on PutUserPolicy's members.
constexpr std::size_t kMaxNameLength = 128;
constexpr std::size_t kMaxDocumentLength = 131072;

// IAM's pattern for user and policy names, [\w+=,.@-]+, where \w is ASCII.
bool IsIamName(const std::string& s) {
  for (unsigned char c : s) {
    if (!std::isalnum(c) &&
        std::string_view("_+=,.@-").find(static_cast<char>(c)) == std::string_view::npos) {
      return false;
    }
  }
  return !s.empty();
}

// IAM's ValidationError text for a name that breaks its pattern or length;
// nullopt when the name is fine. `member` as IAM names it: userName, policyName.
std::optional<std::string> NameProblem(const std::string& member, const std::string& value) {
  const std::string prefix = "1 validation error detected: Value '" + value + "' at '" + member +
                             "' failed to satisfy constraint: ";
  if (value.size() > kMaxNameLength) {
    return prefix + "Member must have length less than or equal to " +
           std::to_string(kMaxNameLength);
  }
  if (!IsIamName(value)) {
    return prefix + "Member must satisfy regular expression pattern: [\\w+=,.@-]+";
  }
  return std::nullopt;
}

// Checks the names before anything else runs; the exit code of a refusal.
std::optional<int> CheckNames(const std::string& operation, const std::string& user,
                              const std::string* policy) {
  if (auto p = NameProblem("userName", user)) return ReportError(operation, "ValidationError", *p);
  if (policy != nullptr) {
    if (auto p = NameProblem("policyName", *policy)) {
      return ReportError(operation, "ValidationError", *p);
    }
  }
  return std::nullopt;
}

template <typename F>
int WithRuntime(const std::string& operation, F&& body) {
  auto rt = OpenRuntime();
  if (!rt.ok()) return ReportError(operation, rt.status());
  return body(**rt);
}

int PutUserPolicy(const Args& args) {
  std::string user, policy, document_arg;
  po::options_description d("paramsafe iam put-user-policy");
  d.add_options()("help", "")("user-name", po::value(&user)->required(), "the user")(
      "policy-name", po::value(&policy)->required(), "the policy's name")(
      "policy-document", po::value(&document_arg)->required(),
      "the IAM policy document: JSON text, or file://PATH");
  po::variables_map vm;
  if (auto rc = ParseOptions(args, d, vm)) return *rc;
  auto document = ResolveParamFile("--policy-document", document_arg);
  if (!document.ok()) return ReportUsage(document.status().reason());
  if (auto rc = CheckNames("PutUserPolicy", user, &policy)) return *rc;
  if (document->empty() || document->size() > kMaxDocumentLength) {
    return ReportError("PutUserPolicy", "ValidationError",
                       "1 validation error detected: Value at 'policyDocument' failed to satisfy "
                       "constraint: Member must have length between 1 and " +
                           std::to_string(kMaxDocumentLength));
  }
  // The grammar is checked before the store is touched; the document is
  // stored as written, as IAM returns it.
  auto parsed = auth::ParsePolicyDocument(*document, core::PolicyKind::kIdentity);
  if (!parsed.ok()) {
    if (parsed.status().code() == core::Code::kInvalidArgument) {
      return ReportError("PutUserPolicy", "MalformedPolicyDocument", parsed.status().reason());
    }
    return ReportError("PutUserPolicy", parsed.status());
  }
  return WithRuntime("PutUserPolicy", [&](abi::Runtime& rt) {
    core::Status s = rt.user_policies().Put(user, policy, *document);
    return s.ok() ? 0 : ReportError("PutUserPolicy", s);
  });
}

// The document as the aws CLI prints it: a JSON object, not a string. A
// document an SQL administrator stored unparsable is printed as the string.
json::value DocumentJson(const std::string& document) {
  boost::system::error_code ec;
  json::value v = json::parse(document, ec);
  if (ec) return json::string(document);
  return v;
}

int GetUserPolicy(const Args& args) {
  std::string user, policy;
  po::options_description d("paramsafe iam get-user-policy");
  d.add_options()("help", "")("user-name", po::value(&user)->required(), "the user")(
      "policy-name", po::value(&policy)->required(), "the policy's name");
  po::variables_map vm;
  if (auto rc = ParseOptions(args, d, vm)) return *rc;
  if (auto rc = CheckNames("GetUserPolicy", user, &policy)) return *rc;
  return WithRuntime("GetUserPolicy", [&](abi::Runtime& rt) {
    auto p = rt.user_policies().Get(user, policy);
    if (!p.ok()) return ReportError("GetUserPolicy", p.status());
    PrintJson(std::cout, json::object{{"UserName", p->user_name},
                                      {"PolicyName", p->policy_name},
                                      {"PolicyDocument", DocumentJson(p->document)}});
    return 0;
  });
}

int ListUserPolicies(const Args& args) {
  std::string user;
  po::options_description d("paramsafe iam list-user-policies");
  d.add_options()("help", "")("user-name", po::value(&user)->required(), "the user");
  po::variables_map vm;
  if (auto rc = ParseOptions(args, d, vm)) return *rc;
  if (auto rc = CheckNames("ListUserPolicies", user, nullptr)) return *rc;
  return WithRuntime("ListUserPolicies", [&](abi::Runtime& rt) {
    auto policies = rt.user_policies().List(user);
    if (!policies.ok()) return ReportError("ListUserPolicies", policies.status());
    json::array names;
    for (const auto& p : *policies) names.push_back(json::string(p.policy_name));
    PrintJson(std::cout, json::object{{"PolicyNames", names}});
    return 0;
  });
}

int DeleteUserPolicy(const Args& args) {
  std::string user, policy;
  po::options_description d("paramsafe iam delete-user-policy");
  d.add_options()("help", "")("user-name", po::value(&user)->required(), "the user")(
      "policy-name", po::value(&policy)->required(), "the policy's name");
  po::variables_map vm;
  if (auto rc = ParseOptions(args, d, vm)) return *rc;
  if (auto rc = CheckNames("DeleteUserPolicy", user, &policy)) return *rc;
  return WithRuntime("DeleteUserPolicy", [&](abi::Runtime& rt) {
    core::Status s = rt.user_policies().Delete(user, policy);
    return s.ok() ? 0 : ReportError("DeleteUserPolicy", s);
  });
}

}  // namespace

std::optional<int> RunIamPolicyCommand(const std::string& command, const Args& args) {
  if (command == "put-user-policy") return PutUserPolicy(args);
  if (command == "get-user-policy") return GetUserPolicy(args);
  if (command == "list-user-policies") return ListUserPolicies(args);
  if (command == "delete-user-policy") return DeleteUserPolicy(args);
  return std::nullopt;
}

}  // namespace paramsafe::cli
