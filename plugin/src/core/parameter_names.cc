#include "core/parameter_names.h"

namespace paramsafe::core {

std::string ParameterLookupName(std::string_view name) {
  if (name.size() > 1 && name.front() == '/' && name.find('/', 1) == std::string_view::npos) {
    return std::string(name.substr(1));
  }
  return std::string(name);
}

std::string ParameterArn(std::string_view region, std::string_view account_id,
                         std::string_view name) {
  if (!name.empty() && name.front() == '/') name.remove_prefix(1);
  std::string arn = "arn:aws:ssm:";
  arn.append(region).append(":").append(account_id).append(":parameter/").append(name);
  return arn;
}

ItemKey ParameterKey(std::string account_id, std::string region, std::string name) {
  ItemKey key;
  key.account_id = std::move(account_id);
  key.region = std::move(region);
  key.kind = ItemKind::kParameter;
  key.lookup_name = ParameterLookupName(name);
  key.name = std::move(name);
  return key;
}

}  // namespace paramsafe::core
