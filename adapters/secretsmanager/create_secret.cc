#include <regex>

#include "common/json_io.h"
#include "common/list_reader.h"
#include "common/request_reader.h"
#include "secretsmanager/access.h"
#include "secretsmanager/errors.h"
#include "secretsmanager/members.h"
#include "secretsmanager/operations.h"
#include "secretsmanager/secret_values.h"
#include "secretsmanager/shapes.h"
#include "secretsmanager/tag_list.h"

namespace paramsafe::adapters::secretsmanager {

namespace {

constexpr const char* kRegionPattern = "^([a-z]+-)+\\d+$";

// Checks AddReplicaRegions against the model (a malformed request is a
// ValidationException before it is anything else) and tells whether replicas
// were asked for.
bool ReadReplicaRegions(ListReader& lists) {
  const boost::json::array* regions = lists.Array("AddReplicaRegions", {.min = 1});
  if (regions == nullptr) return false;
  static const std::regex kRegion(kRegionPattern);
  for (std::size_t i = 0; i < regions->size(); ++i) {
    const std::string place = "addReplicaRegions." + std::to_string(i + 1) + ".member.";
    const boost::json::object* entry = (*regions)[i].if_object();
    if (entry == nullptr) {
      lists.TypeError("Member AddReplicaRegions must be a JSON array of ReplicaRegionType objects.");
      return true;
    }
    if (const boost::json::value* region = entry->if_contains("Region")) {
      const boost::json::string* text = region->if_string();
      if (text == nullptr) {
        lists.TypeError("Member AddReplicaRegions[" + std::to_string(i) +
                        "].Region must be a JSON string.");
        return true;
      }
      const std::string value(text->data(), text->size());
      if (value.empty()) {
        lists.reader().Violation(place + "region", value,
                                 "Member must have length greater than or equal to 1");
      } else if (value.size() > 128) {
        lists.reader().Violation(place + "region", value,
                                 "Member must have length less than or equal to 128");
      } else if (!std::regex_match(value, kRegion)) {
        lists.reader().Violation(place + "region", value,
                                 std::string("Member must satisfy regular expression pattern: ") +
                                     kRegionPattern);
      }
    }
    if (const boost::json::value* key = entry->if_contains("KmsKeyId")) {
      const boost::json::string* text = key->if_string();
      if (text == nullptr) {
        lists.TypeError("Member AddReplicaRegions[" + std::to_string(i) +
                        "].KmsKeyId must be a JSON string.");
      } else if (text->size() > 2048) {
        lists.reader().Violation(place + "kmsKeyId", std::string(text->data(), text->size()),
                                 "Member must have length less than or equal to 2048");
      }
    }
  }
  return true;
}

}  // namespace

Outcome CreateSecret(Services& s, const CallContext& ctx, const Request& req) {
  RequestReader r(req);
  ListReader lists(r, req);
  auto name = r.String("Name", {.min = 1, .max = 512}, /*required=*/true);
  auto token = r.String("ClientRequestToken", kTokenRule);
  auto description = r.String("Description", kDescriptionRule);
  auto kms_key_id = r.String("KmsKeyId", kKmsKeyIdRule);
  SecretValueMembers value(r);
  auto tags = ReadTags(lists, "Tags", /*required=*/false);
  const bool replicas = ReadReplicaRegions(lists);
  auto force_overwrite_replica = r.Bool("ForceOverwriteReplicaSecret");
  // Type marks secrets of partner integrations; read for its limits, ignored.
  (void)r.String("Type", {.min = 0, .max = 256});
  if (auto e = lists.Error()) return *e;
  if (auto e = value.Error()) return *e;
  // Refused before anything is written: a secret created without the replicas
  // the caller asked for would look like a success.
  if (replicas || force_overwrite_replica.value_or(false)) {
    return InvalidRequest("Replication is not supported by this paramsafe server yet.");
  }

  std::optional<core::SecretValueInput> secret_value = value.Take();
  if (auto e = AuthorizeNewSecret(s, ctx, "CreateSecret", *name,
                                  tags.value_or(std::vector<core::Tag>{}))) {
    return *e;
  }
  if (secret_value) {
    if (auto e = AuthorizeSecretKey(s, ctx, kGenerateDataKey, kms_key_id)) return *e;
  }

  core::CreateSecretInput in;
  in.account_id = ctx.account_id;
  in.region = ctx.region;
  in.name = std::move(*name);
  in.description = std::move(description);
  in.kms_key_id = std::move(kms_key_id);
  in.value = std::move(secret_value);
  // The SDKs fill in a token; a hand-made request without one still gets a
  // version id of the same form.
  if (in.value) in.token = token ? std::move(*token) : NewClientRequestToken(s.random);
  if (tags) in.tags = std::move(*tags);
  in.principal_arn = ctx.principal_arn;
  auto out = s.secrets.Create(in);
  if (!out.ok()) return ErrorFromStatus(out.status(), Access::kWrite);

  boost::json::object resp = ArnAndName(out->arn, out->name);
  if (out->version_id) resp["VersionId"] = *out->version_id;
  return resp;
}

}  // namespace paramsafe::adapters::secretsmanager
