// PgSecretRepository::List: one page of ListSecrets in two statements of one
// read-only snapshot (the page with tags, then the page's labelled versions).
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/pg_secret_listing_sql.h"
#include "store/pg_secret_repository.h"
#include "store/pg_text_array.h"
#include "store/transaction.h"

namespace paramsafe::store {

using core::Code;
using core::Result;
using core::SecretSortKey;
using core::Status;

namespace {

// A page examines at most this many candidates per result asked for (and at
// least kMinScan), so a selective filter costs a bounded amount per call.
constexpr std::size_t kScanPerResult = 10;
constexpr std::size_t kMinScan = 50;

constexpr std::string_view kFilterKeys[] = {
    "name", "description", "tag-key", "tag-value", "primary-region", "owning-service", "all"};

// The statements evaluate any key they are given; one they do not know would
// silently match nothing, so it is refused here instead.
Status CheckQuery(const core::SecretQuery& q) {
  if (q.max_results < 1) return Status(Code::kInvalidArgument, "max results must be at least 1");
  for (const auto& f : q.filters) {
    if (std::find(std::begin(kFilterKeys), std::end(kFilterKeys), f.key) == std::end(kFilterKeys)) {
      return Status(Code::kInvalidArgument, "unknown secret filter key: " + f.key);
    }
  }
  return Status::Ok();
}

const char* SortName(SecretSortKey k) {
  switch (k) {
    case SecretSortKey::kCreatedDate:
      return "created";
    case SecretSortKey::kLastAccessedDate:
      return "accessed";
    case SecretSortKey::kLastChangedDate:
      return "changed";
    case SecretSortKey::kName:
      return "name";
  }
  return "created";
}

// A position is "<sort>.<asc|desc>:<item id>:<sort value>". It names its
// sort, so a position is never read under another sort or direction.
std::string PositionPrefix(const core::SecretQuery& q) {
  return std::string(SortName(q.sort_by)) + (q.descending ? ".desc" : ".asc");
}

std::string EncodePosition(const core::SecretQuery& q, std::string_view item_id,
                           std::string_view sort_value) {
  std::string out = PositionPrefix(q);
  out += ':';
  out += item_id;
  out += ':';
  out += sort_value;
  return out;
}

bool IsInteger(std::string_view s) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return !s.empty() && ec == std::errc() && end == s.data() + s.size();
}

// YYYY-MM-DD as the statements print a day; PostgreSQL checks the calendar.
bool IsDay(std::string_view s) {
  if (s == "-infinity") return true;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return false;
  }
  return true;
}

struct Position {
  std::string item_id;
  std::string sort_value;
};

Result<Position> DecodePosition(const core::SecretQuery& q, std::string_view text) {
  const Status bad(Code::kInvalidArgument, "not a position of this listing");
  const std::string prefix = PositionPrefix(q) + ":";
  if (!text.starts_with(prefix)) return bad;
  text.remove_prefix(prefix.size());
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) return bad;
  Position p{std::string(text.substr(0, colon)), std::string(text.substr(colon + 1))};
  if (!IsInteger(p.item_id)) return bad;
  const bool value_ok = q.sort_by == SecretSortKey::kName               ? true
                        : q.sort_by == SecretSortKey::kLastAccessedDate ? IsDay(p.sort_value)
                                                                        : IsInteger(p.sort_value);
  if (!value_ok) return bad;
  return p;
}

// The filters as the statements' three parallel arrays, one element per value.
struct FilterArrays {
  std::vector<std::string> groups, keys, values;
};

FilterArrays Flatten(const std::vector<core::SecretFilter>& filters) {
  FilterArrays a;
  for (std::size_t g = 0; g < filters.size(); ++g) {
    for (const auto& v : filters[g].values) {
      a.groups.push_back(std::to_string(g));
      a.keys.push_back(filters[g].key);
      a.values.push_back(v);
    }
  }
  return a;
}

// A filter without values matches nothing (nothing ORed); the statements would
// skip it, so the page is known to be empty.
bool HasEmptyFilter(const std::vector<core::SecretFilter>& filters) {
  return std::any_of(filters.begin(), filters.end(),
                     [](const core::SecretFilter& f) { return f.values.empty(); });
}

Params PageParams(const core::SecretQuery& q, std::size_t scan,
                  const std::optional<Position>& after) {
  const FilterArrays f = Flatten(q.filters);
  Params p;
  p.Text(q.account_id)
      .Text(q.region)
      .Int(static_cast<std::int64_t>(scan))
      .Bool(q.include_planned_deletion)
      .Text(TextArrayLiteral(f.groups))
      .Text(TextArrayLiteral(f.keys))
      .Text(TextArrayLiteral(f.values))
      .Int(static_cast<std::int64_t>(q.max_results));
  if (after) p.Text(after->sort_value).Text(after->item_id);
  return p;
}

// The secrets of a page (with tags, without versions), their item ids in the
// same order, and where the next page starts.
struct DecodedPage {
  core::SecretPage page;
  std::vector<std::string> item_ids;
};

DecodedPage DecodePage(const PgResult& r, const core::SecretQuery& q, std::size_t scan) {
  namespace sql = secret_listing_sql;
  DecodedPage d;
  bool more_matches = false;
  for (int row = 0; row < r.rows(); ++row) {
    if (r.IsNull(row, sql::kItemId)) continue;  // the row of a page without hits
    if (d.page.secrets.size() == q.max_results) {
      more_matches = true;
      break;
    }
    core::Secret s = RowToSecret(r, row, 0);
    s.tags = RowToSecretTags(r, row, sql::kTagColumn);
    d.page.secrets.push_back(std::move(s));
    d.item_ids.push_back(r.String(row, sql::kItemId));
  }
  if (more_matches) {
    const int last = static_cast<int>(q.max_results) - 1;
    d.page.next_position =
        EncodePosition(q, r.Text(last, sql::kItemId), r.Text(last, sql::kSortValue));
  } else if (static_cast<std::size_t>(r.Int(0, sql::kExamined)) >= scan) {
    // The scan stopped before the store's end: more may follow the last
    // candidate examined, matched or not.
    d.page.next_position =
        EncodePosition(q, r.Text(0, sql::kLastItemId), r.Text(0, sql::kLastSortValue));
  }
  return d;
}

// Adds to each secret of d its labelled versions, newest first, read for the
// whole page in one statement.
Status AddLabelledVersions(Transaction& tx, DecodedPage& d) {
  if (d.item_ids.empty()) return Status::Ok();
  std::map<std::string, std::size_t, std::less<>> index_of;
  for (std::size_t k = 0; k < d.item_ids.size(); ++k) index_of[d.item_ids[k]] = k;
  PS_ASSIGN_OR_RETURN(PgResult v, tx.Run(secret_listing_sql::kLabelledVersions,
                                         Params().Text(TextArrayLiteral(d.item_ids))));
  for (int row = 0; row < v.rows(); ++row) {
    auto it = index_of.find(v.Text(row, 0));
    if (it == index_of.end()) continue;
    d.page.secrets[it->second].versions.push_back(RowToSecretVersion(v, row, 1));
  }
  return Status::Ok();
}

}  // namespace

Result<core::SecretPage> PgSecretRepository::List(const core::SecretQuery& query) {
  PS_RETURN_IF_ERROR(CheckQuery(query));
  std::optional<Position> after;
  if (query.after) {
    PS_ASSIGN_OR_RETURN(Position p, DecodePosition(query, *query.after));
    after = std::move(p);
  }
  if (HasEmptyFilter(query.filters)) return core::SecretPage{};

  const std::size_t scan = std::max(kMinScan, kScanPerResult * query.max_results);
  const Statement& statement = secret_listing_sql::kPage[static_cast<int>(query.sort_by)]
                                                        [query.descending ? 1 : 0][after ? 1 : 0];
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(*conn));
  // The versions must be those of the secrets the page read, as they were.
  PS_RETURN_IF_ERROR(
      conn->Exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").status());
  PS_ASSIGN_OR_RETURN(PgResult r, tx.Run(statement, PageParams(query, scan, after)));
  if (r.rows() == 0) return Status(Code::kInternal, "secret listing returned no row");
  DecodedPage d = DecodePage(r, query, scan);
  PS_RETURN_IF_ERROR(AddLabelledVersions(tx, d));
  PS_RETURN_IF_ERROR(tx.Commit());
  return std::move(d.page);
}

}  // namespace paramsafe::store
