#include <algorithm>
#include <climits>
#include <cstdint>

#include "common/json_io.h"
#include "common/request_reader.h"
#include "secretsmanager/access.h"
#include "secretsmanager/errors.h"
#include "secretsmanager/members.h"
#include "secretsmanager/operations.h"
#include "secretsmanager/shapes.h"

namespace paramsafe::adapters::secretsmanager {

Outcome DeleteSecret(Services& s, const CallContext& ctx, const Request& req) {
  RequestReader r(req);
  auto id = ReadSecretId(r);
  // A long without limits in the model: the 7-30 days are a rule of the
  // service (InvalidParameterException), checked by the core.
  auto window = r.Int("RecoveryWindowInDays", INT64_MIN, INT64_MAX);
  auto force = r.Bool("ForceDeleteWithoutRecovery");
  if (auto e = r.Error()) return *e;
  if (auto e = AuthorizeSecret(s, ctx, "DeleteSecret", *id)) return *e;

  core::DeleteSecretInput in;
  in.id = LookupOf(ctx, *id);
  // Clamped into int: a value out of its range is as wrong as the bound.
  if (window) {
    in.recovery_window_days = static_cast<int>(std::clamp<std::int64_t>(*window, INT_MIN, INT_MAX));
  }
  in.force = force.value_or(false);
  auto out = s.secrets.Delete(in);
  if (!out.ok()) return ErrorFromStatus(out.status(), Access::kWrite);

  boost::json::object resp = ArnAndName(out->arn, out->name);
  resp["DeletionDate"] = EpochSeconds(out->deletion_date);
  return resp;
}

}  // namespace paramsafe::adapters::secretsmanager
