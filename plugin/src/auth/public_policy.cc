#include "auth/public_policy.h"

#include <algorithm>
#include <optional>
#include <string>

namespace paramsafe::auth {
namespace {

constexpr std::string_view kIamArn = "arn:aws:iam::";
constexpr std::string_view kStsArn = "arn:aws:sts::";
constexpr std::string_view kFederated = "Federated:";
constexpr std::string_view kCanonicalUser = "CanonicalUser:";

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return out;
}

bool IsAccountId(std::string_view s) {
  return s.size() == 12 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The account field (the fifth) of an ARN, or nullopt when s is not one.
std::optional<std::string_view> ArnAccount(std::string_view s) {
  if (!StartsWith(s, "arn:")) return std::nullopt;
  std::size_t start = 0;
  for (int field = 0; field < 4; ++field) {
    start = s.find(':', start);
    if (start == std::string_view::npos) return std::nullopt;
    ++start;
  }
  const std::size_t end = s.find(':', start);
  if (end == std::string_view::npos) return std::nullopt;
  return s.substr(start, end - start);
}

// Why `principal` (as auth's parser stores it) reaches past the account, or
// nullopt when it stays inside.
std::optional<std::string> ReachesOut(const std::string& principal, std::string_view account) {
  if (principal == "*") return "every principal (\"*\")";
  if (IsAccountId(principal)) {
    if (principal == account) return std::nullopt;
    return "account " + principal;
  }
  if (StartsWith(principal, kIamArn) || StartsWith(principal, kStsArn)) {
    if (ArnAccount(principal) == account) return std::nullopt;
    return "the principal " + principal + " of another account";
  }
  if (StartsWith(principal, kFederated)) {
    const std::string_view provider = std::string_view(principal).substr(kFederated.size());
    if (ArnAccount(provider) == account) return std::nullopt;
    return "the federated principal " + std::string(provider);
  }
  if (StartsWith(principal, kCanonicalUser)) return "a canonical user of another account";
  return std::nullopt;  // "Service:...": an AWS service, not a caller
}

bool IsFixedValue(std::string_view v) {
  return !v.empty() && v.find_first_of("*?") == std::string_view::npos &&
         v.find("${") == std::string_view::npos;
}

// Whether `c` holds only for callers of `account` (see public_policy.h).
bool PinsToAccount(const core::PolicyCondition& c, std::string_view account) {
  if (c.if_exists || c.set_qualifier != core::SetQualifier::kNone || c.values.empty()) {
    return false;
  }
  static constexpr std::string_view kMatching[] = {"StringEquals", "StringEqualsIgnoreCase",
                                                   "StringLike", "ArnEquals", "ArnLike"};
  if (std::find(std::begin(kMatching), std::end(kMatching), c.op) == std::end(kMatching)) {
    return false;
  }
  const std::string key = Lower(c.key);
  auto every = [&](auto&& pred) { return std::all_of(c.values.begin(), c.values.end(), pred); };
  if (key == "aws:principalaccount" || key == "aws:sourceaccount") {
    return every([&](const std::string& v) { return v == account; });
  }
  if (key == "aws:principalarn" || key == "aws:sourcearn") {
    return every([&](const std::string& v) { return ArnAccount(v) == account; });
  }
  if (key == "aws:principalorgid" || key == "aws:sourcevpc" || key == "aws:sourcevpce") {
    return every([](const std::string& v) { return IsFixedValue(v); });
  }
  return false;
}

// Why the statement grants broad access, or nullopt.
std::optional<std::string> BroadReason(const core::PolicyStatement& s, std::string_view account) {
  if (!s.allow) return std::nullopt;
  std::optional<std::string> reason;
  if (s.not_principal) {
    reason = "every principal it does not name (NotPrincipal with Allow)";
  } else {
    for (const std::string& p : s.principals) {
      reason = ReachesOut(p, account);
      if (reason) break;
    }
  }
  if (!reason) return std::nullopt;
  for (const core::PolicyCondition& c : s.conditions) {
    if (PinsToAccount(c, account)) return std::nullopt;
  }
  return reason;
}

}  // namespace

std::vector<core::PolicyFinding> FindBroadAccess(const core::Policy& policy,
                                                 std::string_view account_id) {
  std::vector<core::PolicyFinding> findings;
  for (std::size_t i = 0; i < policy.statements.size(); ++i) {
    std::optional<std::string> reason = BroadReason(policy.statements[i], account_id);
    if (!reason) continue;
    findings.push_back(core::PolicyFinding{
        std::string(kBroadAccessCheck),
        "Statement " + std::to_string(i + 1) + " allows " + *reason +
            " and has no condition that limits it to account " + std::string(account_id) + "."});
  }
  return findings;
}

}  // namespace paramsafe::auth
