#include <boost/json/array.hpp>

#include "common/json_io.h"
#include "common/next_token.h"
#include "common/request_reader.h"
#include "ssm/access.h"
#include "ssm/errors.h"
#include "ssm/operations.h"
#include "ssm/parameter_filters.h"
#include "ssm/shapes.h"

namespace paramsafe::adapters::ssm {

namespace {

constexpr std::string_view kOperation = "DescribeParameters";
constexpr int kMaxResults = 50;

bool HasFilters(const Request& req, std::string_view member) {
  const boost::json::value* v = req.if_contains(member);
  return v != nullptr && v->is_array() && !v->as_array().empty();
}

}  // namespace

Outcome DescribeParameters(Services& s, const CallContext& ctx, const Request& req) {
  if (HasFilters(req, "Filters") && HasFilters(req, "ParameterFilters")) {
    return ValidationError("You can use either Filters or ParameterFilters in a single request.");
  }
  RequestReader r(req);
  auto max_results = r.Int("MaxResults", 1, kMaxResults);
  auto next_token = r.String("NextToken", {});
  auto shared = r.Bool("Shared");
  auto legacy = ReadLegacyFilters(r, req);
  if (auto* e = std::get_if<AwsError>(&legacy)) return *e;
  auto filters = ReadParameterFilters(r, req);
  if (auto* e = std::get_if<AwsError>(&filters)) return *e;
  if (auto e = r.Error()) return *e;

  const auto& legacy_list = std::get<0>(legacy);
  auto scope = DescribeScope(legacy_list.empty() ? std::get<0>(filters) : legacy_list);
  if (auto* e = std::get_if<AwsError>(&scope)) return *e;
  const QueryScope& selected = std::get<0>(scope);

  auto query = PageQuery(selected, ctx, max_results.value_or(kMaxResults), kOperation, next_token);
  if (auto* e = std::get_if<AwsError>(&query)) return *e;

  boost::json::object resp = NewResponseObject();
  boost::json::array parameters(resp.storage());
  // Shared=true lists what other accounts share with the caller through RAM.
  // Nothing is ever shared into this store, so that listing is empty (and has
  // no next page); refusing the member would break newer clients.
  if (shared.value_or(false)) {
    resp["Parameters"] = std::move(parameters);
    return resp;
  }
  if (auto e = AuthorizeAction(s, ctx, kOperation)) return *e;
  auto page = s.listing.Describe(std::get<0>(query));
  if (!page.ok()) return ErrorFromStatus(page.status());
  for (const core::ParameterVersion& v : page->parameters) parameters.push_back(MetadataShape(v));
  resp["Parameters"] = std::move(parameters);
  if (page->resume_after) {
    resp["NextToken"] = EncodeNextToken(kOperation, selected.canonical, *page->resume_after);
  }
  return resp;
}

}  // namespace paramsafe::adapters::ssm
