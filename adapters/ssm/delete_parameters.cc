#include <set>

#include "common/json_io.h"
#include "common/list_reader.h"
#include "common/request_reader.h"
#include "core/parameter_names.h"
#include "ssm/access.h"
#include "ssm/errors.h"
#include "ssm/operations.h"
#include "ssm/parameter_name.h"

namespace paramsafe::adapters::ssm {

Outcome DeleteParameters(Services& s, const CallContext& ctx, const boost::json::object& req) {
  RequestReader r(req);
  ListReader lists(r, req);
  auto names = lists.Strings("Names", {.min = 1, .max = 10}, {.min = 1, .max = 2048},
                             /*required=*/true);
  if (auto e = lists.Error()) return *e;

  // Every name is authorized before any is deleted: a denial deletes nothing.
  for (const std::string& name : *names) {
    if (!ValidateNameForRead(name).ok()) continue;
    if (auto e = AuthorizeParameter(s, ctx, "DeleteParameters", name)) return *e;
  }

  boost::json::object resp = NewResponseObject();
  boost::json::array deleted(resp.storage());
  boost::json::array invalid(resp.storage());
  std::set<std::string> seen;
  for (const std::string& name : *names) {
    if (!seen.insert(name).second) continue;  // answered once, like GetParameters
    // A name no parameter can have (a selector, a bad character) is as absent
    // as a parameter that does not exist.
    if (!ValidateNameForRead(name).ok()) {
      invalid.emplace_back(name);
      continue;
    }
    core::Status st = s.parameters.Delete(core::ParameterKey(ctx.account_id, ctx.region, name));
    if (st.code() == core::Code::kNotFound) {
      invalid.emplace_back(name);
    } else if (!st.ok()) {
      // Each delete commits on its own, so the names before this one stay
      // deleted; a retry lists them as invalid.
      return ErrorFromStatus(st);
    } else {
      deleted.emplace_back(name);
    }
  }
  resp["DeletedParameters"] = std::move(deleted);
  resp["InvalidParameters"] = std::move(invalid);
  return resp;
}

}  // namespace paramsafe::adapters::ssm
