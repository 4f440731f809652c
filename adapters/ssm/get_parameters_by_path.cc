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

constexpr std::string_view kOperation = "GetParametersByPath";
constexpr int kMaxResults = 10;

}  // namespace

Outcome GetParametersByPath(Services& s, const CallContext& ctx, const Request& req) {
  RequestReader r(req);
  auto path = r.String("Path", {.min = 1, .max = 2048}, /*required=*/true);
  auto recursive = r.Bool("Recursive");
  auto with_decryption = r.Bool("WithDecryption");
  auto max_results = r.Int("MaxResults", 1, kMaxResults);
  auto next_token = r.String("NextToken", {});
  auto filters = ReadParameterFilters(r, req);
  if (auto* e = std::get_if<AwsError>(&filters)) return *e;
  if (auto e = r.Error()) return *e;

  auto scope = ByPathScope(*path, recursive.value_or(false), std::get<0>(filters));
  if (auto* e = std::get_if<AwsError>(&scope)) return *e;
  const QueryScope& selected = std::get<0>(scope);

  // The token is bound to the path, recursion and filters, not to MaxResults
  // nor to WithDecryption.
  auto query = PageQuery(selected, ctx, max_results.value_or(kMaxResults), kOperation, next_token);
  if (auto* e = std::get_if<AwsError>(&query)) return *e;

  // The path is the resource: it grants everything below it, as on AWS.
  if (auto e = AuthorizeParameter(s, ctx, kOperation, *path)) return *e;
  auto page = s.listing.ByPath(std::get<0>(query), with_decryption.value_or(false));
  if (!page.ok()) return ErrorFromStatus(page.status());
  if (with_decryption.value_or(false)) {
    for (const core::ParameterValue& v : page->parameters) {
      if (auto e = AuthorizeDecrypt(s, ctx, v.version)) return *e;
    }
  }
  boost::json::object resp = NewResponseObject();
  boost::json::array parameters(resp.storage());
  for (const core::ParameterValue& v : page->parameters) {
    parameters.push_back(ParameterShape(v, ""));
  }
  resp["Parameters"] = std::move(parameters);
  if (page->resume_after) {
    resp["NextToken"] = EncodeNextToken(kOperation, selected.canonical, *page->resume_after);
  }
  return resp;
}

}  // namespace paramsafe::adapters::ssm
