#include <boost/json/array.hpp>

#include "common/json_io.h"
#include "common/list_reader.h"
#include "common/next_token.h"
#include "common/request_reader.h"
#include "secretsmanager/access.h"
#include "secretsmanager/errors.h"
#include "secretsmanager/members.h"
#include "secretsmanager/operations.h"
#include "secretsmanager/secret_filters.h"
#include "secretsmanager/shapes.h"

namespace paramsafe::adapters::secretsmanager {

namespace {

constexpr std::string_view kOperation = "BatchGetSecretValue";
constexpr std::int64_t kMaxResults = 20;

// A failure that belongs to one secret goes into Errors; one of the service
// itself (database down, a bug) fails the call, so the SDK retries it.
bool IsPerSecret(const core::Status& s) {
  switch (s.code()) {
    case core::Code::kNotFound:
    case core::Code::kVersionNotFound:
    case core::Code::kFailedPrecondition:
    case core::Code::kKeyNotFound:
    case core::Code::kDecryptFailed:
    case core::Code::kPermissionDenied:
      return true;
    default:
      return false;
  }
}

class Batch {
 public:
  Batch(Services& s, const CallContext& ctx, boost::json::storage_ptr sp)
      : s_(s), ctx_(ctx), values_(sp), errors_(sp) {}

  // Reads the AWSCURRENT value of one secret into SecretValues or Errors.
  // A read of a secret scheduled for deletion is recorded under this
  // operation's name.
  std::optional<AwsError> Read(const std::string& secret_id) {
    // Each secret needs GetSecretValue (and its key) as if read alone; a
    // denial is that secret's error, not the call's.
    if (auto denied = AuthorizeSecret(s_, ctx_, "GetSecretValue", secret_id, kDecrypt)) {
      if (denied->type != "AccessDeniedException") return denied;
      AddError(secret_id, *denied);
      return std::nullopt;
    }
    core::GetSecretValueInput in;
    in.id = LookupOf(ctx_, secret_id);
    in.principal_arn = ctx_.principal_arn;
    in.operation = std::string(kOperation);
    auto out = s_.secrets.GetValue(in);
    if (out.ok()) {
      values_.emplace_back(SecretValueShape(*out));
      return std::nullopt;
    }
    AwsError e = ErrorFromStatus(out.status(), Access::kRead);
    if (!IsPerSecret(out.status())) return e;
    AddError(secret_id, e);
    return std::nullopt;
  }

  void Answer(boost::json::object& resp) {
    resp["SecretValues"] = std::move(values_);
    resp["Errors"] = std::move(errors_);
  }

 private:
  void AddError(const std::string& secret_id, const AwsError& e) {
    boost::json::object entry(errors_.storage());
    entry["SecretId"] = secret_id;
    entry["ErrorCode"] = e.type;
    entry["Message"] = e.message;
    errors_.emplace_back(std::move(entry));
  }

  Services& s_;
  const CallContext& ctx_;
  boost::json::array values_;
  boost::json::array errors_;
};

}  // namespace

Outcome BatchGetSecretValue(Services& s, const CallContext& ctx, const Request& req) {
  RequestReader r(req);
  ListReader lists(r, req);
  auto ids = lists.Strings("SecretIdList", {.min = 1, .max = 20}, {.min = 1, .max = 2048});
  auto filters = ReadSecretFilters(lists, "Filters");
  auto max_results = r.Int("MaxResults", 1, kMaxResults);
  auto next_token = r.String("NextToken", kNextTokenRule);
  if (auto e = lists.Error()) return *e;
  if (filters && filters->invalid) return *filters->invalid;
  // An empty Filters list selects nothing to filter by: as if absent.
  const bool by_filters = filters && !filters->filters.empty();
  if (ids.has_value() == by_filters) {
    return InvalidParameter("Either 'SecretIdList' or 'Filters' must be provided, but not both.");
  }
  if (max_results && !by_filters) {
    return InvalidParameter(
        "'Filters' not specified. 'Filters' must also be specified when 'MaxResults' is "
        "provided.");
  }

  if (auto e = AuthorizeAction(s, ctx, kOperation)) return *e;
  // Selecting secrets by filters lists them, which needs ListSecrets too.
  if (by_filters) {
    if (auto e = AuthorizeAction(s, ctx, "ListSecrets")) return *e;
  }

  boost::json::object resp = NewResponseObject();
  Batch batch(s, ctx, resp.storage());
  if (ids) {
    // Only a listing by Filters has pages: no token belongs to a list of ids.
    if (next_token) return InvalidNextToken();
    for (const std::string& id : *ids) {
      if (auto e = batch.Read(id)) return *e;
    }
    batch.Answer(resp);
    return resp;
  }

  const std::string fingerprint = FiltersFingerprint(filters->filters);
  core::SecretQuery query;
  query.account_id = ctx.account_id;
  query.region = ctx.region;
  query.filters = std::move(filters->filters);
  query.max_results = static_cast<std::size_t>(max_results.value_or(kMaxResults));
  if (next_token) {
    auto position = DecodeNextToken(*next_token, kOperation, fingerprint);
    if (!position) return InvalidNextToken();
    query.after = std::move(*position);
  }
  auto page = s.secrets.List(query);
  if (!page.ok()) return ErrorFromStatus(page.status(), Access::kRead);
  for (const core::Secret& secret : page->secrets) {
    if (auto e = batch.Read(secret.arn)) return *e;
  }
  batch.Answer(resp);
  if (page->next_position) {
    resp["NextToken"] = EncodeNextToken(kOperation, fingerprint, *page->next_position);
  }
  return resp;
}

}  // namespace paramsafe::adapters::secretsmanager
