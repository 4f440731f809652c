#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <vector>

#include "common/json_io.h"
#include "common/request_reader.h"
#include "secretsmanager/access.h"
#include "secretsmanager/errors.h"
#include "secretsmanager/members.h"
#include "secretsmanager/operations.h"
#include "secretsmanager/resource_policy.h"

namespace paramsafe::adapters::secretsmanager {

namespace {

// Only a document that is not a JSON object at all is an error; everything
// the policy grammar or the broad-access rules find is an answer.
bool IsJsonObject(const std::string& text) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  return !ec && v.is_object();
}

}  // namespace

Outcome ValidateResourcePolicy(Services& s, const CallContext& ctx, const Request& req) {
  RequestReader r(req);
  auto policy = r.String("ResourcePolicy", kResourcePolicyRule, /*required=*/true);
  auto id = r.String("SecretId", kSecretIdRule);
  if (auto e = r.Error()) return *e;
  if (id) {
    if (auto e = AuthorizeSecret(s, ctx, "ValidateResourcePolicy", *id)) return *e;
  } else if (auto e = AuthorizeAction(s, ctx, "ValidateResourcePolicy")) {
    return *e;
  }

  if (!IsJsonObject(*policy)) {
    return SmError(400, "MalformedPolicyDocumentException", "Syntax errors in policy.");
  }
  if (id) {
    auto secret = s.secrets.Describe(LookupOf(ctx, *id));
    if (!secret.ok()) return ErrorFromStatus(secret.status(), Access::kRead);
  }
  std::vector<core::PolicyFinding> findings;
  auto parsed = s.policies.Parse(*policy, core::PolicyKind::kResource);
  if (parsed.ok()) {
    findings = s.policies.BroadAccess(*parsed, ctx.account_id);
  } else if (parsed.status().code() == core::Code::kInvalidArgument) {
    findings.push_back({kSyntaxCheck, parsed.status().reason()});
  } else {
    return ErrorFromStatus(parsed.status(), Access::kRead);
  }

  boost::json::object o = NewResponseObject();
  o["PolicyValidationPassed"] = findings.empty();
  boost::json::array errors(o.storage());
  for (const core::PolicyFinding& f : findings) {
    boost::json::object entry(o.storage());
    entry["CheckName"] = f.check;
    entry["ErrorMessage"] = f.message;
    errors.push_back(std::move(entry));
  }
  o["ValidationErrors"] = std::move(errors);
  return o;
}

}  // namespace paramsafe::adapters::secretsmanager
