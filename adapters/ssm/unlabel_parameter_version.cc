#include <limits>

#include "common/json_io.h"
#include "common/list_reader.h"
#include "common/request_reader.h"
#include "core/parameter_names.h"
#include "ssm/access.h"
#include "ssm/errors.h"
#include "ssm/operations.h"
#include "ssm/parameter_name.h"

namespace paramsafe::adapters::ssm {

Outcome UnlabelParameterVersion(Services& s, const CallContext& ctx,
                                const boost::json::object& req) {
  RequestReader r(req);
  ListReader lists(r, req);
  auto name = r.String("Name", {.min = 1, .max = 2048}, /*required=*/true);
  auto version = r.Int("ParameterVersion", std::numeric_limits<std::int64_t>::min(),
                       std::numeric_limits<std::int64_t>::max(), /*required=*/true);
  auto labels = lists.Strings("Labels", {.min = 1, .max = 10}, {.min = 1, .max = 100},
                              /*required=*/true);
  if (auto e = lists.Error()) return *e;
  core::Status name_ok = ValidateNameForRead(*name);
  if (!name_ok.ok()) return ErrorFromStatus(name_ok);

  if (auto e = AuthorizeParameter(s, ctx, "UnlabelParameterVersion", *name)) return *e;
  auto out =
      s.labels.Unlabel(core::ParameterKey(ctx.account_id, ctx.region, *name), *version, *labels);
  if (!out.ok()) return ErrorFromStatus(out.status());

  boost::json::object resp = NewResponseObject();
  boost::json::array removed(resp.storage());
  boost::json::array invalid(resp.storage());
  for (const std::string& l : out->removed) removed.emplace_back(l);
  for (const std::string& l : out->invalid) invalid.emplace_back(l);
  resp["RemovedLabels"] = std::move(removed);
  resp["InvalidLabels"] = std::move(invalid);
  return resp;
}

}  // namespace paramsafe::adapters::ssm
