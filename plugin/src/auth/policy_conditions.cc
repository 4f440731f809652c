#include "auth/policy_conditions.h"

#include <optional>
#include <vector>

#include "auth/condition_operators.h"
#include "auth/condition_values.h"
#include "auth/policy_variables.h"
#include "auth/wildcard.h"

namespace paramsafe::auth {
namespace {

using core::SetQualifier;

template <typename T>
bool Compare(const T& request, const T& policy, Comparison comparison) {
  switch (comparison) {
    case Comparison::kEquals:
      return request == policy;
    case Comparison::kLessThan:
      return request < policy;
    case Comparison::kLessThanEquals:
      return request <= policy;
    case Comparison::kGreaterThan:
      return request > policy;
    case Comparison::kGreaterThanEquals:
      return request >= policy;
  }
  return false;
}

template <typename T, typename Parse>
bool CompareParsed(std::string_view request, std::string_view policy, Comparison comparison,
                   Parse parse) {
  const std::optional<T> r = parse(request);
  const std::optional<T> p = parse(policy);
  return r && p && Compare(*r, *p, comparison);
}

// The operator's own comparison of one request value with one policy value,
// before any negation.
bool Satisfies(const ConditionOperator& op, std::string_view request, const Pattern& policy) {
  switch (op.kind) {
    case ValueKind::kString:
      return request == policy.text;
    case ValueKind::kStringIgnoreCase:
      return EqualsIgnoreCase(request, policy.text);
    case ValueKind::kStringLike:
      return WildcardMatch(policy, request, CaseRule::kSensitive);
    case ValueKind::kArn:
      return ArnMatch(policy, request);
    case ValueKind::kBool:
      return CompareParsed<bool>(request, policy.text, Comparison::kEquals, ParseConditionBool);
    case ValueKind::kDate:
      return CompareParsed<std::int64_t>(request, policy.text, op.comparison, ParseConditionDate);
    case ValueKind::kNumeric:
      return CompareParsed<double>(request, policy.text, op.comparison, ParseConditionNumber);
    case ValueKind::kIpAddress: {
      const std::optional<IpBlock> address = ParseIpBlock(request);
      const std::optional<IpBlock> block = ParseIpBlock(policy.text);
      return address && block && IpInBlock(*address, *block);
    }
    case ValueKind::kNull:
      return false;  // handled by ConditionHolds: Null is about presence
  }
  return false;
}

}  // namespace

bool ConditionHolds(const core::PolicyCondition& condition, const ConditionKeys& keys,
                    bool variables) {
  const ConditionOperator* op = FindConditionOperator(condition.op);
  if (op == nullptr) return false;  // the parser admits no such policy: fail closed
  const std::vector<std::string>* request = keys.Find(condition.key);
  const bool present = request != nullptr && !request->empty();

  if (op->kind == ValueKind::kNull) {
    for (const std::string& value : condition.values) {
      const std::optional<bool> wants_absent = ParseConditionBool(value);
      if (wants_absent && *wants_absent != present) return true;
    }
    return false;
  }
  if (!present) {
    if (condition.if_exists) return true;
    if (condition.set_qualifier == SetQualifier::kForAllValues) return true;
    if (condition.set_qualifier == SetQualifier::kForAnyValue) return false;
    return op->negated;
  }

  std::vector<Pattern> policy_values;
  for (const std::string& value : condition.values) {
    // A value whose variable cannot be resolved compares with nothing.
    if (std::optional<Pattern> p = ResolveVariables(value, keys, variables)) {
      policy_values.push_back(std::move(*p));
    }
  }
  // Whether one request value satisfies the (possibly negated) operator.
  auto holds_for = [&](const std::string& r) {
    bool any = false;
    for (const Pattern& p : policy_values) any = any || Satisfies(*op, r, p);
    return op->negated ? !any : any;
  };
  bool all = true;
  bool some = false;
  for (const std::string& r : *request) {
    const bool h = holds_for(r);
    all = all && h;
    some = some || h;
  }
  switch (condition.set_qualifier) {
    case SetQualifier::kForAllValues:
      return all;
    case SetQualifier::kForAnyValue:
      return some;
    case SetQualifier::kNone:
      // One value is the usual case; with several, a negated operator must
      // hold for each (no value may match), a positive one for some.
      return op->negated ? all : some;
  }
  return false;
}

}  // namespace paramsafe::auth
