// Parameter Store's rules for names and selectors.
#ifndef PARAMSAFE_ADAPTERS_SSM_PARAMETER_NAME_H_
#define PARAMSAFE_ADAPTERS_SSM_PARAMETER_NAME_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace paramsafe::adapters::ssm {

inline constexpr int kMaxHierarchyLevels = 15;
// AWS caps the ARN-qualified name at 1011 characters.
inline constexpr std::size_t kMaxQualifiedNameChars = 1011;

// Checks a name for a write: characters, slashes, reserved prefixes, depth and
// length (with the ARN prefix of region and account). kInvalidArgument with a
// Detail where AWS answers with a specific error type.
core::Status ValidateNameForWrite(std::string_view name, std::string_view region,
                                  std::string_view account_id);

// Checks the characters and shape of a name used to read or delete.
core::Status ValidateNameForRead(std::string_view name);

struct Selector {
  std::string name;                     // without the selector
  std::optional<std::int64_t> version;  // name:3
  std::optional<std::string> label;     // name:prod
  std::string text;                     // ":3" as echoed in "Selector"
};

// Splits "name[:version|:label]". kInvalidArgument for an empty selector or more
// than one ':'.
core::Result<Selector> ParseSelector(std::string_view name_with_selector);

// As ParseSelector, for the operations that also take the parameter's ARN
// (GetParameter, GetParameters, GetParameterHistory):
// "arn:aws:ssm:<region>:<account>:parameter/a/b[:selector]" names "/a/b" (and
// ".../parameter/x" the single-level "x"). An ARN of another region or account
// names a parameter that is not here (kNotFound: we share nothing across them).
core::Result<Selector> ParseNameOrArn(std::string_view name_or_arn, std::string_view region,
                                      std::string_view account_id);

}  // namespace paramsafe::adapters::ssm

#endif  // PARAMSAFE_ADAPTERS_SSM_PARAMETER_NAME_H_
