#include "auth/condition_operators.h"

#include <array>

#include "auth/policy_text.h"

namespace paramsafe::auth {
namespace {

using C = Comparison;
using K = ValueKind;

constexpr std::array<ConditionOperator, 26> kOperators = {{
    {"StringEquals", K::kString, C::kEquals, false},
    {"StringNotEquals", K::kString, C::kEquals, true},
    {"StringEqualsIgnoreCase", K::kStringIgnoreCase, C::kEquals, false},
    {"StringNotEqualsIgnoreCase", K::kStringIgnoreCase, C::kEquals, true},
    {"StringLike", K::kStringLike, C::kEquals, false},
    {"StringNotLike", K::kStringLike, C::kEquals, true},
    {"Bool", K::kBool, C::kEquals, false},
    {"Null", K::kNull, C::kEquals, false},
    {"DateEquals", K::kDate, C::kEquals, false},
    {"DateNotEquals", K::kDate, C::kEquals, true},
    {"DateLessThan", K::kDate, C::kLessThan, false},
    {"DateLessThanEquals", K::kDate, C::kLessThanEquals, false},
    {"DateGreaterThan", K::kDate, C::kGreaterThan, false},
    {"DateGreaterThanEquals", K::kDate, C::kGreaterThanEquals, false},
    {"NumericEquals", K::kNumeric, C::kEquals, false},
    {"NumericNotEquals", K::kNumeric, C::kEquals, true},
    {"NumericLessThan", K::kNumeric, C::kLessThan, false},
    {"NumericLessThanEquals", K::kNumeric, C::kLessThanEquals, false},
    {"NumericGreaterThan", K::kNumeric, C::kGreaterThan, false},
    {"NumericGreaterThanEquals", K::kNumeric, C::kGreaterThanEquals, false},
    {"IpAddress", K::kIpAddress, C::kEquals, false},
    {"NotIpAddress", K::kIpAddress, C::kEquals, true},
    // On AWS ArnEquals and ArnLike behave alike: both take wildcards.
    {"ArnEquals", K::kArn, C::kEquals, false},
    {"ArnLike", K::kArn, C::kEquals, false},
    {"ArnNotEquals", K::kArn, C::kEquals, true},
    {"ArnNotLike", K::kArn, C::kEquals, true},
}};

constexpr std::string_view kForAnyValue = "ForAnyValue:";
constexpr std::string_view kForAllValues = "ForAllValues:";
constexpr std::string_view kIfExists = "IfExists";

const ConditionOperator* FindIgnoringCase(std::string_view name) {
  for (const ConditionOperator& op : kOperators) {
    if (EqualsIgnoreCase(op.name, name)) return &op;
  }
  return nullptr;
}

}  // namespace

const ConditionOperator* FindConditionOperator(std::string_view name) {
  for (const ConditionOperator& op : kOperators) {
    if (op.name == name) return &op;
  }
  return nullptr;
}

std::optional<WrittenOperator> ParseWrittenOperator(std::string_view written) {
  WrittenOperator out;
  if (StartsWithIgnoreCase(written, kForAnyValue)) {
    out.qualifier = core::SetQualifier::kForAnyValue;
    written.remove_prefix(kForAnyValue.size());
  } else if (StartsWithIgnoreCase(written, kForAllValues)) {
    out.qualifier = core::SetQualifier::kForAllValues;
    written.remove_prefix(kForAllValues.size());
  }
  out.op = FindIgnoringCase(written);
  if (out.op == nullptr && written.size() > kIfExists.size() &&
      EqualsIgnoreCase(written.substr(written.size() - kIfExists.size()), kIfExists)) {
    out.op = FindIgnoringCase(written.substr(0, written.size() - kIfExists.size()));
    out.if_exists = true;
    // "NullIfExists" would be a contradiction: Null is about existence.
    if (out.op != nullptr && out.op->kind == ValueKind::kNull) return std::nullopt;
  }
  if (out.op == nullptr) return std::nullopt;
  return out;
}

}  // namespace paramsafe::auth
