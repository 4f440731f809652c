#include "secretsmanager/shapes.h"

#include <boost/json/array.hpp>

#include "common/json_io.h"
#include "secretsmanager/secret_values.h"

namespace paramsafe::adapters::secretsmanager {

namespace {

boost::json::array Strings(const std::vector<std::string>& v, boost::json::storage_ptr sp) {
  boost::json::array a(std::move(sp));
  for (const std::string& s : v) a.emplace_back(s);
  return a;
}

// The key is left out when it is the default one, as AWS does.
bool IsDefaultKey(const std::optional<std::string>& key) {
  return !key || key->empty() || *key == core::kDefaultSecretKey;
}

// Members DescribeSecret and SecretListEntry share; the version map is named
// differently in the two.
boost::json::object Metadata(const core::Secret& s, const char* versions_member) {
  boost::json::object o = NewResponseObject();
  o["ARN"] = s.arn;
  o["Name"] = s.name;
  if (s.description) o["Description"] = *s.description;
  if (!IsDefaultKey(s.kms_key_id)) o["KmsKeyId"] = *s.kms_key_id;
  o["LastChangedDate"] = EpochSeconds(s.last_changed);
  if (s.last_accessed) o["LastAccessedDate"] = EpochSeconds(*s.last_accessed);
  if (s.deletion_date) o["DeletedDate"] = EpochSeconds(*s.deletion_date);
  if (!s.tags.empty()) {
    boost::json::array tags(o.storage());
    for (const core::Tag& t : s.tags) {
      boost::json::object tag(o.storage());
      tag["Key"] = t.key;
      tag["Value"] = t.value;
      tags.emplace_back(std::move(tag));
    }
    o["Tags"] = std::move(tags);
  }
  boost::json::object stages(o.storage());
  for (const core::SecretVersion& v : s.versions) {
    // Versions without a label are deprecated: AWS leaves them out of the map.
    if (!v.stages.empty()) stages[v.version_id] = Strings(v.stages, o.storage());
  }
  if (!stages.empty()) o[versions_member] = std::move(stages);
  if (s.owning_service) o["OwningService"] = *s.owning_service;
  o["CreatedDate"] = EpochSeconds(s.created);
  if (!s.primary_region.empty()) o["PrimaryRegion"] = s.primary_region;
  return o;
}

}  // namespace

boost::json::object ArnAndName(const std::string& arn, const std::string& name) {
  boost::json::object o = NewResponseObject();
  o["ARN"] = arn;
  o["Name"] = name;
  return o;
}

boost::json::object SecretValueShape(const core::SecretValueOutput& v) {
  boost::json::object o = ArnAndName(v.arn, v.name);
  o["VersionId"] = v.version.version_id;
  PutSecretValue(o, v.type, v.plaintext);
  if (!v.version.stages.empty()) o["VersionStages"] = Strings(v.version.stages, o.storage());
  o["CreatedDate"] = EpochSeconds(v.version.created);
  return o;
}

boost::json::object DescribeShape(const core::Secret& s) {
  return Metadata(s, "VersionIdsToStages");
}

boost::json::object ListEntryShape(const core::Secret& s) {
  return Metadata(s, "SecretVersionsToStages");
}

boost::json::object VersionEntryShape(const core::SecretVersion& v) {
  boost::json::object o = NewResponseObject();
  o["VersionId"] = v.version_id;
  if (!v.stages.empty()) o["VersionStages"] = Strings(v.stages, o.storage());
  if (v.last_accessed) o["LastAccessedDate"] = EpochSeconds(*v.last_accessed);
  o["CreatedDate"] = EpochSeconds(v.created);
  if (!v.kms_key_arn.empty()) {
    o["KmsKeyIds"] = Strings(std::vector<std::string>{v.kms_key_arn}, o.storage());
  }
  return o;
}

}  // namespace paramsafe::adapters::secretsmanager
