#include <regex>

#include "common/json_io.h"
#include "common/list_reader.h"
#include "common/request_reader.h"
#include "core/parameter_names.h"
#include "ssm/access.h"
#include "ssm/errors.h"
#include "ssm/operations.h"
#include "ssm/parameter_name.h"
#include "ssm/parameter_policies.h"
#include "ssm/tag_list.h"

namespace paramsafe::adapters::ssm {

namespace {

// DataType rules: "text" for anything; "aws:ec2:image" only for String values
// that look like an AMI id. AWS also checks that the AMI exists; we cannot.
std::optional<AwsError> CheckDataType(const std::optional<std::string>& data_type,
                                      const std::optional<std::string>& type,
                                      const core::SecureBuffer& value) {
  if (!data_type || data_type->empty() || *data_type == "text") return std::nullopt;
  if (*data_type == "aws:ec2:image") {
    if (type && *type != core::kTypeString) {
      return ValidationError("Parameters with the aws:ec2:image data type must be of type String.");
    }
    static const std::regex kAmi("ami-[0-9a-f]{8}([0-9a-f]{9})?");
    std::string v(core::AsStringView(value));
    if (!std::regex_match(v, kAmi)) {
      return ValidationError("Parameter value is not a valid Amazon Machine Image (AMI) id.");
    }
    return std::nullopt;
  }
  if (*data_type == "aws:ssm:integration") return std::nullopt;
  return ValidationError("The following data type is not supported: " + *data_type +
                         " (Data type names are all lowercase.)");
}

// A value may not reference another parameter ("{{ssm:/other}}"): AWS refuses
// any "{{ ... }}" in a value, since such references are resolved elsewhere
// (CloudFormation, documents) and nesting is not supported.
bool ReferencesAnotherParameter(const core::SecureBuffer& value) {
  std::string_view v = core::AsStringView(value);
  auto open = v.find("{{");
  return open != std::string_view::npos && v.find("}}", open + 2) != std::string_view::npos;
}

}  // namespace

Outcome PutParameter(Services& s, const CallContext& ctx, const boost::json::object& req) {
  RequestReader r(req);
  ListReader lists(r, req);
  auto name = r.String("Name", {.min = 1, .max = 2048}, /*required=*/true);
  auto value = r.SecretString("Value", {.min = 1}, /*required=*/true);
  auto type = r.String("Type", {.allowed = {"String", "StringList", "SecureString"}});
  auto description = r.String("Description", {.min = 0, .max = 1024});
  auto key_id = r.String("KeyId", {.min = 1, .max = 256, .pattern = "^([a-zA-Z0-9:/_-]+)$"});
  auto overwrite = r.Bool("Overwrite");
  auto allowed_pattern = r.String("AllowedPattern", {.min = 0, .max = 1024});
  auto tier = r.String("Tier", {.allowed = {"Standard", "Advanced", "Intelligent-Tiering"}});
  auto policies = r.String("Policies", {.min = 1, .max = 4096});
  auto data_type = r.String("DataType", {.min = 0, .max = 128});
  auto tags = ReadTagList(lists, "Tags", /*required=*/false);
  if (auto e = lists.Error()) return *e;

  if (tags && overwrite.value_or(false)) {
    return ValidationError(
        "Invalid request: tags and overwrite can't be used together. To create a parameter "
        "with tags, please remove overwrite flag. To update tags for an existing parameter, "
        "please use AddTagsToResource or RemoveTagsFromResource.");
  }
  if (auto e = CheckDataType(data_type, type, *value)) return *e;
  if (ReferencesAnotherParameter(*value)) {
    return ValidationError(
        "Parameter value can't nest another parameter. Do not use \"{{}}\" in the value.");
  }

  core::Status name_ok = ValidateNameForWrite(*name, ctx.region, ctx.account_id);
  if (!name_ok.ok()) return ErrorFromStatus(name_ok);
  std::optional<ParsedPolicies> parsed_policies;
  if (policies) {
    auto parsed = ParsePolicies(*policies);
    if (!parsed.ok()) return ErrorFromStatus(parsed.status());
    parsed_policies = std::move(parsed).value();
  }

  {
    std::vector<core::Tag> request_tags = tags.value_or(std::vector<core::Tag>{});
    std::vector<std::string> tag_keys;
    for (const core::Tag& t : request_tags) tag_keys.push_back(t.key);
    if (auto e = AuthorizeParameter(s, ctx, "PutParameter", *name, std::move(request_tags),
                                    std::move(tag_keys))) {
      return *e;
    }
  }
  // Sealing a SecureString uses its key. (An overwrite without a Type keeps
  // the parameter's type; it is checked when it names a key.)
  if ((type && *type == "SecureString") || key_id) {
    if (auto e = AuthorizeEncrypt(s, ctx, key_id)) return *e;
  }

  core::PutParameterInput in;
  in.key = core::ParameterKey(ctx.account_id, ctx.region, *name);
  in.value = std::move(*value);
  in.type = type;
  in.overwrite = overwrite.value_or(false);
  in.description = description;
  in.key_id = key_id;
  in.allowed_pattern = allowed_pattern;
  in.tier = tier;
  in.data_type = data_type;
  // The core refuses "aws:" keys and more than 50 tags before writing.
  if (tags) in.tags = std::move(*tags);
  if (parsed_policies) {
    in.policies_text = std::move(parsed_policies->text);
    in.policies = std::move(parsed_policies->policies);
  }
  in.principal_arn = ctx.principal_arn;
  auto out = s.parameters.Put(in);
  if (!out.ok()) return ErrorFromStatus(out.status());

  boost::json::object resp = NewResponseObject();
  resp["Version"] = out->version;
  resp["Tier"] = out->tier;
  return resp;
}

}  // namespace paramsafe::adapters::ssm
