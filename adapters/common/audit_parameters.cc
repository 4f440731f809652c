#include "common/audit_parameters.h"

#include <algorithm>
#include <array>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace paramsafe::adapters {

namespace {

// The operations of each face whose request shapes the models define (all of
// Secrets Manager; Parameter Store's part of SSM), sorted for binary search.
constexpr std::array<std::string_view, 23> kSecretsManagerOperations = {
    "BatchGetSecretValue",
    "CancelRotateSecret",
    "CreateSecret",
    "DeleteResourcePolicy",
    "DeleteSecret",
    "DescribeSecret",
    "GetRandomPassword",
    "GetResourcePolicy",
    "GetSecretValue",
    "ListSecretVersionIds",
    "ListSecrets",
    "PutResourcePolicy",
    "PutSecretValue",
    "RemoveRegionsFromReplication",
    "ReplicateSecretToRegions",
    "RestoreSecret",
    "RotateSecret",
    "StopReplicationToReplica",
    "TagResource",
    "UntagResource",
    "UpdateSecret",
    "UpdateSecretVersionStage",
    "ValidateResourcePolicy",
};
constexpr std::array<std::string_view, 13> kParameterStoreOperations = {
    "AddTagsToResource",       "DeleteParameter",     "DeleteParameters",
    "DescribeParameters",      "GetParameter",        "GetParameterHistory",
    "GetParameters",           "GetParametersByPath", "LabelParameterVersion",
    "ListTagsForResource",     "PutParameter",        "RemoveTagsFromResource",
    "UnlabelParameterVersion",
};

// The top-level members whose model shapes are sensitive (SecretStringType,
// SecretBinaryType, RotationTokenType; PSParameterValue). In the operations
// above no sensitive shape sits deeper than the top level.
constexpr std::array<std::string_view, 3> kSecretsManagerSecretMembers = {
    "SecretString", "SecretBinary", "RotationToken"};
constexpr std::array<std::string_view, 1> kParameterStoreSecretMembers = {"Value"};

static_assert(std::is_sorted(kSecretsManagerOperations.begin(), kSecretsManagerOperations.end()));
static_assert(std::is_sorted(kParameterStoreOperations.begin(), kParameterStoreOperations.end()));

template <std::size_t N>
bool Contains(const std::array<std::string_view, N>& sorted, std::string_view name) {
  return std::binary_search(sorted.begin(), sorted.end(), name);
}

template <std::size_t N>
bool Lists(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// `s` with every U+0000 replaced by U+FFFD.
std::string WithoutNul(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\0') {
      out += "\xEF\xBF\xBD";
    } else {
      out += c;
    }
  }
  return out;
}

// A copy of `v` in default (non-wiping) storage, without U+0000. Depth is
// bounded by the request parser (ParseRequestObject's max_depth).
boost::json::value Clean(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::string:
      return boost::json::value(WithoutNul(v.get_string()));
    case boost::json::kind::array: {
      boost::json::array out;
      out.reserve(v.get_array().size());
      for (const auto& e : v.get_array()) out.push_back(Clean(e));
      return out;
    }
    case boost::json::kind::object: {
      boost::json::object out;
      for (const auto& m : v.get_object()) out[WithoutNul(m.key())] = Clean(m.value());
      return out;
    }
    default:
      return boost::json::value(v, boost::json::storage_ptr());
  }
}

}  // namespace

std::optional<std::string> AuditParameters(std::string_view target_prefix,
                                           std::string_view operation,
                                           const boost::json::object& request) {
  auto is_secret = [&](std::string_view member) {
    return target_prefix == "secretsmanager" ? Lists(kSecretsManagerSecretMembers, member)
                                             : Lists(kParameterStoreSecretMembers, member);
  };
  if (target_prefix == "secretsmanager") {
    if (!Contains(kSecretsManagerOperations, operation)) return std::nullopt;
  } else if (target_prefix == "AmazonSSM") {
    if (!Contains(kParameterStoreOperations, operation)) return std::nullopt;
  } else {
    return std::nullopt;
  }
  boost::json::object kept;
  for (const auto& m : request) {
    // The member is left out by name before its value is looked at, so the
    // secret is never copied, not even into a temporary.
    if (is_secret(m.key())) continue;
    kept[WithoutNul(m.key())] = Clean(m.value());
  }
  return boost::json::serialize(kept);
}

bool IsReadOnlyOperation(std::string_view operation) {
  for (std::string_view prefix : {"Get", "List", "Describe", "BatchGet", "Validate"}) {
    if (operation.starts_with(prefix)) return true;
  }
  return false;
}

}  // namespace paramsafe::adapters
