#include "auth/policy_document.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <charconv>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "auth/condition_operators.h"
#include "auth/condition_values.h"

namespace paramsafe::auth {
namespace {

namespace json = boost::json;
using core::Code;
using core::Status;

// IAM's words. None of them carries document text other than a member name:
// the document may hold anything, and the message travels back to clients.
constexpr std::string_view kSyntaxErrors = "Syntax errors in policy.";
constexpr std::string_view kLegacyParsing = "The policy failed legacy parsing";
constexpr std::string_view kNeedsActions = "Policy statement must contain actions.";
constexpr std::string_view kNeedsResources = "Policy statement must contain resources.";
constexpr std::string_view kNoPrincipalAllowed = "Policy document should not specify a principal.";
constexpr std::string_view kVendorPrefix =
    "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
constexpr std::string_view kResourceFormat = "Resource must be in ARN format or \"*\".";
constexpr std::string_view kInvalidPrincipal = "Invalid principal in policy.";
constexpr std::string_view kInvalidEffect = "Invalid effect: Effect must be Allow or Deny.";
constexpr std::string_view kDuplicateSid = "Statement IDs (SID) in a single policy must be unique.";
constexpr std::string_view kSidFormat =
    "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular "
    "expression [0-9A-Za-z]*";
constexpr std::string_view kEmptyStatement = "Could not parse the policy: Statement is empty!";

constexpr std::string_view kVersion2012 = "2012-10-17";
constexpr std::string_view kVersion2008 = "2008-10-17";

Status Malformed(std::string_view message) {
  return Status(Code::kInvalidArgument, std::string(message));
}

std::string Missing(std::string_view field) {
  return "Missing required field " + std::string(field);
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool IsAccountId(std::string_view s) {
  if (s.size() != 12) return false;
  for (const char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

bool HasWhitespaceOrControl(std::string_view s) {
  for (const char c : s) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) return true;
  }
  return false;
}

// A string, or an array of strings (empty allowed: the callers decide).
bool ReadStrings(const json::value& value, std::vector<std::string>* out) {
  if (const json::string* s = value.if_string()) {
    out->emplace_back(s->data(), s->size());
    return true;
  }
  const json::array* array = value.if_array();
  if (array == nullptr) return false;
  for (const json::value& item : *array) {
    const json::string* s = item.if_string();
    if (s == nullptr) return false;
    out->emplace_back(s->data(), s->size());
  }
  return true;
}

// "*" or "<vendor>:<action pattern>".
bool IsActionPattern(std::string_view action) {
  if (action == "*") return true;
  const std::size_t colon = action.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon + 1 == action.size()) return false;
  for (const char c : action.substr(0, colon)) {
    if (!IsAlnum(c) && c != '-' && c != '_') return false;
  }
  return !HasWhitespaceOrControl(action);
}

bool HasControl(std::string_view s) {
  for (const char c : s) {
    if (static_cast<unsigned char>(c) < ' ' || c == 0x7f) return true;
  }
  return false;
}

// "*" or an ARN pattern: "arn:", a partition, a service and the six
// colon-separated fields, or fewer fields ended by a wildcard
// ("arn:aws:ssm:*"). Spaces are allowed: names may hold them, and so may a
// policy variable's default ("${aws:userid, 'shared'}").
bool IsResourcePattern(std::string_view resource) {
  if (resource == "*") return true;
  if (resource.substr(0, 4) != "arn:" || HasControl(resource)) return false;
  std::size_t colons = 0;
  for (const char c : resource) colons += c == ':' ? 1 : 0;
  if (colons < 5) return colons >= 2 && resource.back() == '*';
  const std::size_t service = resource.find(':', 4) + 1;
  return service > 5 && resource[service] != ':';
}

// An "AWS" principal: "*", an account id, or an IAM ARN of an account root,
// user or role (roles and assumed roles never match a paramsafe user).
bool IsAwsPrincipal(std::string_view p) {
  if (p == "*" || IsAccountId(p)) return true;
  for (const std::string_view service :
       {std::string_view("arn:aws:iam::"), std::string_view("arn:aws:sts::")}) {
    if (p.substr(0, service.size()) != service) continue;
    const std::string_view rest = p.substr(service.size());
    if (rest.size() < 14 || !IsAccountId(rest.substr(0, 12)) || rest[12] != ':') return false;
    const std::string_view resource = rest.substr(13);
    if (HasWhitespaceOrControl(resource)) return false;
    if (service == "arn:aws:sts::") return resource.substr(0, 13) == "assumed-role/";
    return resource == "root" || (resource.substr(0, 5) == "user/" && resource.size() > 5) ||
           (resource.substr(0, 5) == "role/" && resource.size() > 5);
  }
  return false;
}

Status ReadPrincipal(const json::value& value, std::vector<std::string>* out) {
  if (const json::string* s = value.if_string()) {
    if (*s != "*") return Malformed(kInvalidPrincipal);
    out->emplace_back("*");
    return Status::Ok();
  }
  const json::object* object = value.if_object();
  if (object == nullptr || object->empty()) return Malformed(kInvalidPrincipal);
  for (const auto& [type, values] : *object) {
    std::vector<std::string> names;
    if (!ReadStrings(values, &names) || names.empty()) return Malformed(kInvalidPrincipal);
    if (type == "AWS") {
      for (std::string& name : names) {
        if (!IsAwsPrincipal(name)) return Malformed(kInvalidPrincipal);
        out->push_back(std::move(name));
      }
    } else if (type == "Service" || type == "Federated" || type == "CanonicalUser") {
      for (const std::string& name : names) {
        if (name.empty() || HasWhitespaceOrControl(name)) return Malformed(kInvalidPrincipal);
        out->push_back(std::string(type) + ":" + name);
      }
    } else {
      return Malformed(kInvalidPrincipal);
    }
  }
  return Status::Ok();
}

// JSON scalars become the strings IAM compares: numbers in their shortest
// decimal form, booleans as "true"/"false".
bool ScalarText(const json::value& value, std::string* out) {
  switch (value.kind()) {
    case json::kind::string:
      *out = std::string(value.get_string());
      return true;
    case json::kind::bool_:
      *out = value.get_bool() ? "true" : "false";
      return true;
    case json::kind::int64:
      *out = std::to_string(value.get_int64());
      return true;
    case json::kind::uint64:
      *out = std::to_string(value.get_uint64());
      return true;
    case json::kind::double_: {
      char buf[64];
      const auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), value.get_double());
      if (ec != std::errc()) return false;
      *out = std::string(buf, end);
      return true;
    }
    default:
      return false;
  }
}

bool IsConditionKey(std::string_view key) {
  const std::size_t colon = key.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon + 1 == key.size()) return false;
  for (const char c : key.substr(0, colon)) {
    if (!IsAlnum(c) && c != '-' && c != '_') return false;
  }
  return true;
}

Status ReadCondition(const json::value& value, bool variables,
                     std::vector<core::PolicyCondition>* out) {
  const json::object* operators = value.if_object();
  if (operators == nullptr) return Malformed(kSyntaxErrors);
  for (const auto& [written, keys_value] : *operators) {
    const std::optional<WrittenOperator> op = ParseWrittenOperator(written);
    if (!op) return Malformed("Invalid Condition type : " + std::string(written));
    const json::object* keys = keys_value.if_object();
    if (keys == nullptr || keys->empty()) return Malformed(kSyntaxErrors);
    for (const auto& [key, values] : *keys) {
      if (!IsConditionKey(key)) return Malformed(kVendorPrefix);
      core::PolicyCondition condition;
      condition.op = std::string(op->op->name);
      condition.if_exists = op->if_exists;
      condition.set_qualifier = op->qualifier;
      condition.key = std::string(key);
      std::string text;
      if (const json::array* array = values.if_array()) {
        if (array->empty()) return Malformed(kSyntaxErrors);
        for (const json::value& item : *array) {
          if (!ScalarText(item, &text)) return Malformed(kSyntaxErrors);
          condition.values.push_back(std::move(text));
        }
      } else {
        if (!ScalarText(values, &text)) return Malformed(kSyntaxErrors);
        condition.values.push_back(std::move(text));
      }
      for (const std::string& v : condition.values) {
        if (!IsValidConditionValue(op->op->kind, v, variables)) {
          return Malformed("Invalid value for condition operator " + std::string(op->op->name) +
                           ".");
        }
      }
      out->push_back(std::move(condition));
    }
  }
  return Status::Ok();
}

// Reads one of a pair of exclusive members (Action/NotAction, ...): sets
// *present when either is there, *negated when it is the Not form.
struct Pair {
  const json::value* value = nullptr;
  bool negated = false;
  bool both = false;
};
Pair FindPair(const json::object& statement, std::string_view name, std::string_view not_name) {
  Pair pair;
  const json::value* plain = statement.if_contains(name);
  const json::value* negated = statement.if_contains(not_name);
  pair.both = plain != nullptr && negated != nullptr;
  pair.value = plain != nullptr ? plain : negated;
  pair.negated = plain == nullptr && negated != nullptr;
  return pair;
}

Status ReadStatement(const json::value& value, PolicyKind kind, bool variables,
                     core::PolicyStatement* out) {
  const json::object* statement = value.if_object();
  if (statement == nullptr) return Malformed(kSyntaxErrors);
  for (const auto& [member, unused] : *statement) {
    static constexpr std::string_view kMembers[] = {"Sid",       "Effect",       "Action",
                                                    "NotAction", "Resource",     "NotResource",
                                                    "Principal", "NotPrincipal", "Condition"};
    bool known = false;
    for (const std::string_view m : kMembers) known = known || member == m;
    if (!known) return Malformed(kSyntaxErrors);
  }

  if (const json::value* sid = statement->if_contains("Sid")) {
    const json::string* s = sid->if_string();
    if (s == nullptr) return Malformed(kSyntaxErrors);
    out->sid = std::string(*s);
    if (kind == PolicyKind::kIdentity) {
      for (const char c : out->sid) {
        if (!IsAlnum(c)) return Malformed(kSidFormat);
      }
    }
  }

  const json::value* effect = statement->if_contains("Effect");
  if (effect == nullptr) return Malformed(Missing("Effect"));
  if (!effect->is_string()) return Malformed(kSyntaxErrors);
  if (effect->get_string() == "Allow") {
    out->allow = true;
  } else if (effect->get_string() != "Deny") {
    return Malformed(kInvalidEffect);
  }

  const Pair principal = FindPair(*statement, "Principal", "NotPrincipal");
  if (kind == PolicyKind::kIdentity) {
    if (principal.value != nullptr) return Malformed(kNoPrincipalAllowed);
  } else {
    if (principal.both) return Malformed(kSyntaxErrors);
    if (principal.value == nullptr) return Malformed(Missing("Principal"));
    out->not_principal = principal.negated;
    PS_RETURN_IF_ERROR(ReadPrincipal(*principal.value, &out->principals));
  }

  const Pair action = FindPair(*statement, "Action", "NotAction");
  if (action.both) return Malformed(kSyntaxErrors);
  if (action.value == nullptr) return Malformed(kNeedsActions);
  out->not_action = action.negated;
  if (!ReadStrings(*action.value, &out->actions)) return Malformed(kSyntaxErrors);
  if (out->actions.empty()) return Malformed(kNeedsActions);
  for (const std::string& a : out->actions) {
    if (!IsActionPattern(a)) return Malformed(kVendorPrefix);
  }

  const Pair resource = FindPair(*statement, "Resource", "NotResource");
  if (resource.both) return Malformed(kSyntaxErrors);
  if (resource.value == nullptr) {
    // A resource policy's statement may leave it out: it then means the
    // resource the policy is attached to.
    if (kind == PolicyKind::kIdentity) return Malformed(kNeedsResources);
  } else {
    out->not_resource = resource.negated;
    if (!ReadStrings(*resource.value, &out->resources)) return Malformed(kSyntaxErrors);
    if (out->resources.empty()) return Malformed(kNeedsResources);
    for (const std::string& r : out->resources) {
      if (!IsResourcePattern(r)) return Malformed(kResourceFormat);
    }
  }

  if (const json::value* condition = statement->if_contains("Condition")) {
    PS_RETURN_IF_ERROR(ReadCondition(*condition, variables, &out->conditions));
  }
  return Status::Ok();
}

}  // namespace

core::Result<core::Policy> ParsePolicyDocument(std::string_view text, PolicyKind kind) {
  boost::system::error_code ec;
  const json::value document = json::parse(json::string_view(text.data(), text.size()), ec);
  if (ec) return Malformed(kSyntaxErrors);
  const json::object* top = document.if_object();
  if (top == nullptr) return Malformed(kSyntaxErrors);
  for (const auto& [member, unused] : *top) {
    if (member != "Version" && member != "Id" && member != "Statement") {
      return Malformed(kSyntaxErrors);
    }
  }

  core::Policy policy;
  policy.version = std::string(kVersion2008);  // IAM's default when Version is left out
  if (const json::value* version = top->if_contains("Version")) {
    if (!version->is_string()) return Malformed(kSyntaxErrors);
    if (version->get_string() != kVersion2012 && version->get_string() != kVersion2008) {
      return Malformed(kLegacyParsing);
    }
    policy.version = std::string(version->get_string());
  }
  if (const json::value* id = top->if_contains("Id")) {
    if (!id->is_string()) return Malformed(kSyntaxErrors);
  }
  const json::value* statements = top->if_contains("Statement");
  if (statements == nullptr) return Malformed(Missing("Statement"));

  // Policy variables (${aws:username}, ...) exist only in the 2012 grammar.
  const bool variables = policy.version == kVersion2012;
  std::set<std::string> sids;
  auto read_one = [&](const json::value& value) -> Status {
    core::PolicyStatement statement;
    PS_RETURN_IF_ERROR(ReadStatement(value, kind, variables, &statement));
    if (!statement.sid.empty() && !sids.insert(statement.sid).second) {
      return Malformed(kDuplicateSid);
    }
    policy.statements.push_back(std::move(statement));
    return Status::Ok();
  };
  if (const json::array* array = statements->if_array()) {
    if (array->empty()) return Malformed(kEmptyStatement);
    for (const json::value& value : *array) PS_RETURN_IF_ERROR(read_one(value));
  } else if (statements->is_object()) {
    PS_RETURN_IF_ERROR(read_one(*statements));
  } else {
    return Malformed(kSyntaxErrors);
  }
  return policy;
}

}  // namespace paramsafe::auth
