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

constexpr std::string_view kOperation = "ListSecrets";
constexpr std::int64_t kMaxResults = 100;

core::SecretSortKey SortKeyOf(const std::optional<std::string>& sort_by) {
  if (!sort_by || *sort_by == "created-date") return core::SecretSortKey::kCreatedDate;
  if (*sort_by == "last-accessed-date") return core::SecretSortKey::kLastAccessedDate;
  if (*sort_by == "last-changed-date") return core::SecretSortKey::kLastChangedDate;
  return core::SecretSortKey::kName;
}

// What a page token is bound to: everything that decides the order and the
// selection, spelt as on the wire so tokens outlive a change of the enums.
// MaxResults is not: a caller may change it between pages.
std::string Fingerprint(const core::SecretQuery& q, std::string_view sort_by) {
  return FiltersFingerprint(q.filters) + "|" + std::string(sort_by) +
         (q.descending ? "|desc" : "|asc") + (q.include_planned_deletion ? "|planned" : "");
}

}  // namespace

Outcome ListSecrets(Services& s, const CallContext& ctx, const Request& req) {
  RequestReader r(req);
  ListReader lists(r, req);
  auto planned = r.Bool("IncludePlannedDeletion");
  auto max_results = r.Int("MaxResults", 1, kMaxResults);
  auto next_token = r.String("NextToken", kNextTokenRule);
  auto filters = ReadSecretFilters(lists, "Filters");
  auto sort_order = r.String("SortOrder", {.allowed = {"asc", "desc"}});
  auto sort_by = r.String(
      "SortBy", {.allowed = {"created-date", "last-accessed-date", "last-changed-date", "name"}});
  if (auto e = lists.Error()) return *e;
  if (filters && filters->invalid) return *filters->invalid;
  if (auto e = AuthorizeAction(s, ctx, "ListSecrets")) return *e;

  core::SecretQuery query;
  query.account_id = ctx.account_id;
  query.region = ctx.region;
  if (filters) query.filters = std::move(filters->filters);
  query.include_planned_deletion = planned.value_or(false);
  query.sort_by = SortKeyOf(sort_by);
  query.descending = sort_order && *sort_order == "desc";
  query.max_results = static_cast<std::size_t>(max_results.value_or(kMaxResults));
  const std::string fingerprint = Fingerprint(query, sort_by.value_or("created-date"));
  if (next_token) {
    auto position = DecodeNextToken(*next_token, kOperation, fingerprint);
    if (!position) return InvalidNextToken();
    query.after = std::move(*position);
  }
  auto page = s.secrets.List(query);
  if (!page.ok()) return ErrorFromStatus(page.status(), Access::kRead);

  boost::json::object resp = NewResponseObject();
  boost::json::array list(resp.storage());
  for (const core::Secret& secret : page->secrets) list.emplace_back(ListEntryShape(secret));
  resp["SecretList"] = std::move(list);
  if (page->next_position) {
    resp["NextToken"] = EncodeNextToken(kOperation, fingerprint, *page->next_position);
  }
  return resp;
}

}  // namespace paramsafe::adapters::secretsmanager
