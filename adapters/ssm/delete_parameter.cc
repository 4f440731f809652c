#include "common/json_io.h"
#include "common/request_reader.h"
#include "core/parameter_names.h"
#include "ssm/access.h"
#include "ssm/errors.h"
#include "ssm/operations.h"
#include "ssm/parameter_name.h"

namespace paramsafe::adapters::ssm {

Outcome DeleteParameter(Services& s, const CallContext& ctx, const boost::json::object& req) {
  RequestReader r(req);
  auto name = r.String("Name", {.min = 1, .max = 2048}, /*required=*/true);
  if (auto e = r.Error()) return *e;
  core::Status name_ok = ValidateNameForRead(*name);
  if (!name_ok.ok()) {
    // A name that cannot exist is simply not found, as AWS answers.
    return AwsError{400, "ParameterNotFound", "Parameter " + *name + " not found."};
  }
  if (auto e = AuthorizeParameter(s, ctx, "DeleteParameter", *name)) return *e;
  core::Status st = s.parameters.Delete(core::ParameterKey(ctx.account_id, ctx.region, *name));
  if (!st.ok()) return ErrorFromStatus(st);
  return NewResponseObject();
}

}  // namespace paramsafe::adapters::ssm
