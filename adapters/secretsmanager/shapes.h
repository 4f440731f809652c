// The response shapes of Secrets Manager, with the model's member names and
// types: timestamps as epoch seconds, members without a value left out (never
// null). Every object is allocated with wiping storage (values are secrets).
#ifndef PARAMSAFE_ADAPTERS_SECRETSMANAGER_SHAPES_H_
#define PARAMSAFE_ADAPTERS_SECRETSMANAGER_SHAPES_H_

#include <boost/json/object.hpp>
#include <string>

#include "core/secret.h"
#include "core/secret_service.h"

namespace paramsafe::adapters::secretsmanager {

// {ARN, Name}: the answer of RestoreSecret, UpdateSecretVersionStage, ...
boost::json::object ArnAndName(const std::string& arn, const std::string& name);

// GetSecretValueResponse and BatchGetSecretValue's SecretValueEntry: ARN,
// Name, VersionId, SecretString or SecretBinary, VersionStages, CreatedDate
// (the version's).
boost::json::object SecretValueShape(const core::SecretValueOutput& v);

// DescribeSecretResponse: the secret's metadata, Tags when it has any,
// VersionIdsToStages over its labelled versions. No rotation or replication
// members: neither is ever configured.
boost::json::object DescribeShape(const core::Secret& s);

// ListSecrets' SecretListEntry: as DescribeShape, the map named
// SecretVersionsToStages.
boost::json::object ListEntryShape(const core::Secret& s);

// ListSecretVersionIds' SecretVersionsListEntry.
boost::json::object VersionEntryShape(const core::SecretVersion& v);

}  // namespace paramsafe::adapters::secretsmanager

#endif  // PARAMSAFE_ADAPTERS_SECRETSMANAGER_SHAPES_H_
