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

Outcome LabelParameterVersion(Services& s, const CallContext& ctx, const boost::json::object& req) {
  RequestReader r(req);
  ListReader lists(r, req);
  auto name = r.String("Name", {.min = 1, .max = 2048}, /*required=*/true);
  // The model puts no bounds on a version: one that cannot exist is
  // ParameterVersionNotFound, not a validation error.
  auto version = r.Int("ParameterVersion", std::numeric_limits<std::int64_t>::min(),
                       std::numeric_limits<std::int64_t>::max());
  auto labels = lists.Strings("Labels", {.min = 1, .max = 10}, {.min = 1, .max = 100},
                              /*required=*/true);
  if (auto e = lists.Error()) return *e;
  // No selector here: "name:label" is a malformed name (ValidationException).
  core::Status name_ok = ValidateNameForRead(*name);
  if (!name_ok.ok()) return ErrorFromStatus(name_ok);

  if (auto e = AuthorizeParameter(s, ctx, "LabelParameterVersion", *name)) return *e;
  auto out =
      s.labels.Label(core::ParameterKey(ctx.account_id, ctx.region, *name), version, *labels);
  if (!out.ok()) return ErrorFromStatus(out.status());

  boost::json::object resp = NewResponseObject();
  boost::json::array invalid(resp.storage());
  for (const std::string& l : out->invalid_labels) invalid.emplace_back(l);
  resp["InvalidLabels"] = std::move(invalid);
  resp["ParameterVersion"] = out->version;
  return resp;
}

}  // namespace paramsafe::adapters::ssm
