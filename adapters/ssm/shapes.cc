#include "ssm/shapes.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "common/base64.h"
#include "common/json_io.h"
#include "common/wiping_resource.h"

namespace paramsafe::adapters::ssm {

namespace {

void PutValue(boost::json::object& o, const core::ParameterValue& v) {
  if (v.plaintext) {
    o["Value"] = core::AsStringView(*v.plaintext);
  } else {
    // Without decryption AWS returns the ciphertext, base64: opaque to clients.
    o["Value"] = Base64Encode(v.version.sealed.ciphertext);
  }
}

// Members every metadata-like shape shares.
void PutMetadata(boost::json::object& o, const core::ParameterVersion& v) {
  const core::ParameterAttributes& a = v.attributes;
  o["Name"] = v.name;
  o["Type"] = a.type;
  if (a.type == core::kTypeSecureString && a.key_ref) o["KeyId"] = *a.key_ref;
  o["LastModifiedDate"] = EpochSeconds(v.last_modified);
  o["LastModifiedUser"] = v.last_modified_user;
  if (a.description) o["Description"] = *a.description;
  if (a.allowed_pattern) o["AllowedPattern"] = *a.allowed_pattern;
  o["Version"] = v.version;
  o["Tier"] = a.tier;
  o["Policies"] = PoliciesShape(v);
  o["DataType"] = a.data_type;
}

}  // namespace

boost::json::object ParameterShape(const core::ParameterValue& v, std::string_view selector) {
  const core::ParameterVersion& p = v.version;
  boost::json::object o = NewResponseObject();
  o["Name"] = p.name;
  o["Type"] = p.attributes.type;
  PutValue(o, v);
  o["Version"] = p.version;
  if (!selector.empty()) o["Selector"] = selector;
  o["LastModifiedDate"] = EpochSeconds(p.last_modified);
  o["ARN"] = p.arn;
  o["DataType"] = p.attributes.data_type;
  return o;
}

boost::json::object MetadataShape(const core::ParameterVersion& v) {
  boost::json::object o = NewResponseObject();
  PutMetadata(o, v);
  o["ARN"] = v.arn;
  return o;
}

boost::json::object HistoryShape(const core::ParameterValue& v) {
  boost::json::object o = NewResponseObject();
  PutMetadata(o, v.version);
  PutValue(o, v);
  boost::json::array labels(o.storage());
  for (const std::string& l : v.version.labels) labels.emplace_back(l);
  o["Labels"] = std::move(labels);
  return o;
}

boost::json::array PoliciesShape(const core::ParameterVersion& v) {
  boost::json::array out(WipingStorage());
  const auto& text = v.attributes.policies;
  if (!text || text->empty()) return out;
  // The adapter stored a JSON array it had checked; anything else is shown as
  // no policies rather than failing the read.
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(*text, ec);
  if (ec || !parsed.is_array()) return out;
  std::size_t i = 0;
  for (const boost::json::value& p : parsed.as_array()) {
    boost::json::object entry(out.storage());
    entry["PolicyText"] = boost::json::serialize(p);
    const boost::json::object* po = p.if_object();
    const boost::json::value* type = po ? po->if_contains("Type") : nullptr;
    entry["PolicyType"] = type && type->is_string() ? type->as_string() : "";
    entry["PolicyStatus"] =
        i < v.policy_statuses.size() ? v.policy_statuses[i] : std::string("Pending");
    out.emplace_back(std::move(entry));
    ++i;
  }
  return out;
}

}  // namespace paramsafe::adapters::ssm
