#include "store/pg_parameter_listing.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/parameter_rows.h"
#include "store/pg_parameter_listing_bounds.h"
#include "store/pg_parameter_listing_sql.h"
#include "store/pg_text_array.h"

namespace paramsafe::store {

using core::Code;
using core::Result;
using core::Status;

namespace {

constexpr std::string_view kTagPrefix = "tag:";

bool IsTagField(std::string_view field) {
  return field.size() > kTagPrefix.size() && field.starts_with(kTagPrefix);
}

// The statements evaluate any field and option they are given; a term they do
// not know would silently match nothing, so it is refused here instead.
Status CheckTerm(const core::FilterTerm& t) {
  const bool tag = IsTagField(t.field);
  const bool known_field = tag || t.field == "Name" || t.field == "Type" || t.field == "KeyId" ||
                           t.field == "Tier" || t.field == "DataType";
  if (!known_field) return Status(Code::kInvalidArgument, "unknown filter field: " + t.field);
  const bool option_ok = t.option == "Equals" || t.option == "BeginsWith" ||
                         (t.option == "Contains" && t.field == "Name") ||
                         (t.option == "Exists" && tag);
  if (!option_ok) {
    return Status(Code::kInvalidArgument,
                  "filter option " + t.option + " does not apply to field " + t.field);
  }
  return Status::Ok();
}

Status CheckQuery(const core::ParameterQuery& q) {
  if (q.page_size < 1 || q.scan_limit < 1) {
    return Status(Code::kInvalidArgument, "page size and scan limit must be at least 1");
  }
  for (const auto& t : q.terms) PS_RETURN_IF_ERROR(CheckTerm(t));
  return Status::Ok();
}

// "a,b" -> {"a", "b"}; NULL or "" -> {}. The joined values (statuses, labels)
// never contain a comma: labels are restricted to [a-zA-Z0-9._-].
std::vector<std::string> SplitList(const PgResult& r, int row, int col) {
  std::vector<std::string> out;
  if (r.IsNull(row, col)) return out;
  std::string_view s = r.Text(row, col);
  while (!s.empty()) {
    std::size_t comma = s.find(',');
    out.emplace_back(s.substr(0, comma));
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace

Result<core::ParameterPage> PgParameterListing::List(const core::ParameterQuery& query) {
  PS_RETURN_IF_ERROR(CheckQuery(query));
  const std::string lower = query.prefix.value_or("");
  PS_ASSIGN_OR_RETURN(std::optional<std::string> upper, PrefixUpperBound(lower));

  std::vector<std::string> fields, options, values;
  for (const auto& t : query.terms) {
    fields.push_back(t.field);
    options.push_back(t.option);
    values.push_back(t.value);
  }
  Params params;
  params.Text(query.account_id)
      .Text(query.region)
      .Text(query.after)
      .Text(lower)
      .Int(query.scan_limit)
      .Text(TextArrayLiteral(fields))
      .Text(TextArrayLiteral(options))
      .Text(TextArrayLiteral(values))
      .Text(TextArrayLiteral(query.labels))
      .Int(query.page_size);
  const Statement* statement = nullptr;
  if (query.parent) {
    params.Text(*query.parent);
    statement = upper ? &listing_sql::kListLevelRange : &listing_sql::kListLevel;
  } else {
    statement = upper ? &listing_sql::kListRange : &listing_sql::kListFrom;
  }
  if (upper) params.Text(*upper);

  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(PgResult r, conn->Run(*statement, params));
  if (r.rows() == 0) return Status(Code::kInternal, "parameter listing returned no row");

  core::ParameterPage page;
  const auto page_size = static_cast<std::size_t>(query.page_size);
  bool more_matches = false;
  for (int row = 0; row < r.rows(); ++row) {
    if (r.IsNull(row, 2)) continue;  // the row of a page without matches
    if (page.parameters.size() == page_size) {
      more_matches = true;
      break;
    }
    core::ParameterVersion v = RowToVersion(r, row);
    v.policy_statuses = SplitList(r, row, listing_sql::kListStatuses);
    page.parameters.push_back(std::move(v));
  }
  if (more_matches) {
    page.resume_after = r.String(static_cast<int>(page_size) - 1, listing_sql::kListLookupName);
  } else if (r.Int(0, listing_sql::kListExamined) >= query.scan_limit) {
    page.resume_after = r.String(0, listing_sql::kListLastExamined);
  }
  return page;
}

Result<core::HistoryPage> PgParameterListing::History(const core::ItemKey& key,
                                                      std::int64_t after_version, int limit) {
  if (limit < 1) return Status(Code::kInvalidArgument, "history limit must be at least 1");
  Params params;
  params.Text(key.account_id).Text(key.region).Text(key.lookup_name).Int(after_version).Int(limit);
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(PgResult r, conn->Run(listing_sql::kHistory, params));
  if (r.rows() == 0) return Status(Code::kNotFound, "Parameter " + key.name + " not found.");

  core::HistoryPage page;
  for (int row = 0; row < r.rows() && !r.IsNull(row, 2); ++row) {
    if (static_cast<int>(page.versions.size()) == limit) {
      page.resume_after = page.versions.back().version;
      break;
    }
    core::ParameterVersion v = RowToVersion(r, row);
    v.policy_statuses = SplitList(r, row, listing_sql::kHistoryStatuses);
    v.labels = SplitList(r, row, listing_sql::kHistoryLabels);
    page.versions.push_back(std::move(v));
  }
  return page;
}

}  // namespace paramsafe::store
