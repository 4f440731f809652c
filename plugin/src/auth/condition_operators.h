// The IAM condition operators paramsafe knows: their canonical names, the
// kind of value each compares and how. Shared by the document parser (which
// refuses unknown operators) and the evaluator. Constant data; thread-safe.
#ifndef PARAMSAFE_AUTH_CONDITION_OPERATORS_H_
#define PARAMSAFE_AUTH_CONDITION_OPERATORS_H_

#include <optional>
#include <string_view>

#include "core/policy.h"

namespace paramsafe::auth {

enum class ValueKind {
  kString,            // exact, case-sensitive
  kStringIgnoreCase,  // exact, case-insensitive
  kStringLike,        // case-sensitive with * and ?
  kBool,              // "true" / "false"
  kNull,              // "true": the key is absent; "false": it is present
  kDate,              // ISO 8601 or epoch seconds
  kNumeric,           // integers and decimals
  kIpAddress,         // IPv4/IPv6 addresses and CIDR blocks
  kArn,               // ArnEquals / ArnLike: field-wise, with * and ?
};

enum class Comparison { kEquals, kLessThan, kLessThanEquals, kGreaterThan, kGreaterThanEquals };

struct ConditionOperator {
  std::string_view name;  // canonical spelling, e.g. "StringNotEqualsIgnoreCase"
  ValueKind kind;
  Comparison comparison;
  // The negated operators (StringNotEquals, NotIpAddress, ArnNotLike, ...):
  // true when no value matches, and true when the key is missing.
  bool negated;
};

// The operator with exactly this canonical name, or null.
const ConditionOperator* FindConditionOperator(std::string_view name);

// An operator as written in a document: an optional "ForAnyValue:" or
// "ForAllValues:" prefix, the operator (matched case-insensitively), and an
// optional "IfExists" suffix (not allowed on Null).
struct WrittenOperator {
  const ConditionOperator* op = nullptr;
  bool if_exists = false;
  core::SetQualifier qualifier = core::SetQualifier::kNone;
};
std::optional<WrittenOperator> ParseWrittenOperator(std::string_view written);

}  // namespace paramsafe::auth

#endif  // PARAMSAFE_AUTH_CONDITION_OPERATORS_H_
