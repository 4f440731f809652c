// Parameter Store names that reach Secrets Manager:
// /aws/reference/secretsmanager/<secret-id>[:<version-id or staging label>].
#ifndef PARAMSAFE_ADAPTERS_REFERENCE_REFERENCE_NAME_H_
#define PARAMSAFE_ADAPTERS_REFERENCE_REFERENCE_NAME_H_

#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace paramsafe::adapters::reference {

inline constexpr std::string_view kSecretsManagerPrefix = "/aws/reference/secretsmanager/";

// AWS's text for a malformed reference (two spaces before '<' included).
inline constexpr const char* kBadReferenceSyntax =
    "Invalid parameter name. Please use correct syntax for referencing a version/label  "
    "<name>:<version/label>";

// True for every name under the prefix (case-sensitive, as AWS's reserved
// path is); such names are served by the bridge and never by parameters.
bool IsSecretsManagerReference(std::string_view name);

struct ReferenceName {
  std::string path;                     // the name without the selector: what "Name" answers
  std::string secret_id;                // everything after the prefix, up to the selector
  std::optional<std::string> selector;  // without its ':'
};

// Splits a reference name. kInvalidArgument with kBadReferenceSyntax for more
// than one ':', an empty selector, or an ARN after the prefix (the bridge takes
// names only). REQUIRES: IsSecretsManagerReference(name).
core::Result<ReferenceName> ParseReferenceName(std::string_view name);

// Whether a selector can be a VersionId (a ClientRequestToken: 32-64
// characters) and whether it can be a staging label as the bridge accepts them
// (1-256 letters, digits, '.', '-', '_'). A selector may be both.
bool HasVersionIdShape(std::string_view selector);
bool HasStageShape(std::string_view selector);

}  // namespace paramsafe::adapters::reference

#endif  // PARAMSAFE_ADAPTERS_REFERENCE_REFERENCE_NAME_H_
