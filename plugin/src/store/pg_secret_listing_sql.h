// The statements of PgSecretRepository::List. In a header so that tests can
// EXPLAIN exactly what runs; nothing else should include it.
//
// A page statement reads one page in one round trip:
//   cand   the candidates: at most $3 secrets in sort order strictly after the
//          position ($9 sort value, $10 item id; the first page has none),
//          read as one index range, so the cost of a page is bounded by $3
//          whatever the store holds. For the sort keys of the secrets table
//          (last change, last access) the range holds every region's secrets,
//          and those of other regions drop out like a filter;
//   hit    the candidates of the region that pass the filters, in order, at
//          most page size ($8) + 1, the extra one telling "more matches";
// and answers one row per hit (the secret, its tags, its sort value) with how
// many candidates were examined and the last of them on every row. With no
// hit it answers one row whose secret columns are NULL.
//
// Filters are three parallel arrays, one element per value: $5 the filter's
// index, $6 its key, $7 the value. A secret passes when no filter lacks a
// value it matches: ORed within a filter, ANDed across filters. A value
// starting with '!' matches exactly the secrets its rest does not.
//
// Parameters of the page statements:
//   $1 account  $2 region  $3 scan limit  $4 include planned deletion
//   $5 filter indexes  $6 keys  $7 values  $8 page size
//   and, after a position, $9 its sort value and $10 its item id.
#ifndef PARAMSAFE_STORE_PG_SECRET_LISTING_SQL_H_
#define PARAMSAFE_STORE_PG_SECRET_LISTING_SQL_H_

#include "store/pg_secret_rows.h"
#include "store/pg_time_param.h"
#include "store/statement.h"

// Whether the secret of items row i, secrets row s matches the value u.v of a
// filter of key u.key (u.folded: u.v folded; u.words: its words). Every
// prefix test is starts_with, so no character of a value is a wildcard.
#define PS_SECRET_FILTER_MATCH                                                       \
  "CASE u.key"                                                                       \
  " WHEN 'name' THEN starts_with(i.name, u.v)"                                       \
  " WHEN 'description' THEN COALESCE("                                               \
  "   starts_with(paramsafe.secret_search_fold(s.description), u.folded)"            \
  "   OR paramsafe.secret_search_match(u.words, s.description), false)"              \
  " WHEN 'tag-key' THEN EXISTS (SELECT 1 FROM paramsafe.tags g"                      \
  "   WHERE g.item_id = i.item_id AND starts_with(g.key, u.v))"                      \
  " WHEN 'tag-value' THEN EXISTS (SELECT 1 FROM paramsafe.tags g"                    \
  "   WHERE g.item_id = i.item_id AND starts_with(g.value, u.v))"                    \
  " WHEN 'primary-region' THEN starts_with(s.primary_region, u.v)"                   \
  " WHEN 'owning-service' THEN COALESCE("                                            \
  "   starts_with(paramsafe.secret_search_fold(s.owning_service), u.folded), false)" \
  " WHEN 'all' THEN paramsafe.secret_search_match(u.words, i.name)"                  \
  "   OR COALESCE(paramsafe.secret_search_match(u.words, s.description), false)"     \
  "   OR EXISTS (SELECT 1 FROM paramsafe.tags g WHERE g.item_id = i.item_id"         \
  "     AND (paramsafe.secret_search_match(u.words, g.key)"                          \
  "          OR paramsafe.secret_search_match(u.words, g.value)))"                   \
  " ELSE false END"

// cand_sql selects (item_id, sort_value, n) for at most $3 candidates, n
// counting them from 1 in sort order. Every lookup after the candidate scan
// is a LATERAL subquery the planner cannot flatten (LIMIT 1): one primary key
// probe per candidate (or hit), so no plan scans or hashes a whole table.
#define PS_SECRET_LIST_STATEMENT(cand_sql)                                                        \
  "WITH cand AS MATERIALIZED (" cand_sql                                                          \
  "),"                                                                                            \
  " terms AS MATERIALIZED (SELECT t.grp, t.key, t.neg, t.v,"                                      \
  "   paramsafe.secret_search_fold(t.v) AS folded, paramsafe.secret_search_words(t.v) AS words"   \
  "   FROM (SELECT f.grp, f.key, starts_with(f.value, '!') AS neg,"                               \
  "     CASE WHEN starts_with(f.value, '!') THEN substr(f.value, 2) ELSE f.value END AS v"        \
  "     FROM unnest($5::int[], $6::text[], $7::text[]) AS f(grp, key, value)) t),"                \
  " hit AS MATERIALIZED ("                                                                        \
  "  SELECT c.item_id, c.sort_value, c.n FROM cand c"                                             \
  "  CROSS JOIN LATERAL (SELECT x.item_id, x.account_id, x.region, x.kind, x.name"                \
  "    FROM paramsafe.items x WHERE x.item_id = c.item_id LIMIT 1) i"                             \
  "  CROSS JOIN LATERAL (SELECT y.description, y.deletion_date, y.primary_region,"                \
  "    y.owning_service FROM paramsafe.secrets y WHERE y.item_id = c.item_id LIMIT 1) s"          \
  "  WHERE i.account_id = $1 AND i.region = $2 AND i.kind = 'secret'"                             \
  "    AND ($4::boolean OR s.deletion_date IS NULL)"                                              \
  "    AND NOT EXISTS (SELECT 1 FROM terms t WHERE NOT EXISTS ("                                  \
  "      SELECT 1 FROM terms u WHERE u.grp = t.grp AND (" PS_SECRET_FILTER_MATCH                  \
  ") <> u.neg))"                                                                                  \
  "  ORDER BY c.n LIMIT $8::bigint + 1)"                                                          \
  " SELECT " PS_SECRET_COLUMNS ", " PS_SECRET_TAG_COLUMNS                                         \
  ", h.item_id, h.sort_value, e.examined, l.item_id, l.sort_value"                                \
  " FROM (SELECT count(*) AS examined FROM cand) e"                                               \
  " LEFT JOIN LATERAL (SELECT c.item_id, c.sort_value FROM cand c"                                \
  "   ORDER BY c.n DESC LIMIT 1) l ON true"                                                       \
  " LEFT JOIN (hit h"                                                                             \
  "   CROSS JOIN LATERAL (SELECT * FROM paramsafe.items x WHERE x.item_id = h.item_id LIMIT 1) i" \
  "   CROSS JOIN LATERAL (SELECT * FROM paramsafe.secrets y"                                      \
  "     WHERE y.item_id = h.item_id LIMIT 1) s)"                                                  \
  "   ON true"                                                                                    \
  " ORDER BY h.n"

// Candidates from items: by name through the items' unique key, within the
// account and region; by creation through items_secret_created_idx, which
// holds every region's secrets (the hit step filters account and region).
#define PS_SECRET_CAND_FROM_ITEMS_WHERE(where, value, order, after)                  \
  "SELECT i.item_id, " value " AS sort_value, row_number() OVER (ORDER BY " order    \
  ") AS n"                                                                           \
  " FROM paramsafe.items i WHERE " where after " ORDER BY " order " LIMIT $3::int"
#define PS_SECRET_CAND_BY_NAME(value, order, after)                                              \
  PS_SECRET_CAND_FROM_ITEMS_WHERE("i.account_id = $1 AND i.region = $2 AND i.kind = 'secret'", \
                                  value, order, after)
#define PS_SECRET_CAND_BY_CREATION(value, order, after) \
  PS_SECRET_CAND_FROM_ITEMS_WHERE("i.kind = 'secret'", value, order, after)

// Candidates from secrets (sort keys of the secret: last change, last access),
// through secrets_last_changed_idx or secrets_last_accessed_idx.
#define PS_SECRET_CAND_FROM_SECRETS(value, order, after)                          \
  "SELECT s.item_id, " value " AS sort_value, row_number() OVER (ORDER BY " order \
  ") AS n"                                                                        \
  " FROM paramsafe.secrets s WHERE true" after " ORDER BY " order " LIMIT $3::int"

// The sort value of each key as text (the position carries it): epoch
// microseconds, the read day (YYYY-MM-DD, or -infinity when never read), the
// name. And the same as a $9 parameter.
#define PS_SECRET_CREATED_VALUE PS_EPOCH_US("i.created_at") "::text"
#define PS_SECRET_CREATED_PARAM PS_TIMESTAMP_FROM_US("$9")
#define PS_SECRET_CHANGED_VALUE PS_EPOCH_US("s.last_changed_at") "::text"
#define PS_SECRET_CHANGED_PARAM PS_TIMESTAMP_FROM_US("$9")
#define PS_SECRET_ACCESSED_KEY "COALESCE(s.last_accessed_on, '-infinity'::date)"
#define PS_SECRET_ACCESSED_VALUE                          \
  "CASE WHEN s.last_accessed_on IS NULL THEN '-infinity'" \
  " ELSE to_char(s.last_accessed_on, 'YYYY-MM-DD') END"
#define PS_SECRET_ACCESSED_PARAM "$9::date"

// The four statements of one sort key: ascending and descending, from the
// start and after a position. `row` is (sort key, item id), the order of a
// position; `asc` and `desc` the matching ORDER BY lists.
// clang-format off
#define PS_SECRET_SORT_PAIR(name, dir, cand, value, order, row, cmp, param)              \
  {Statement{"secret_list_" name "_" dir, PS_SECRET_LIST_STATEMENT(cand(value, order, ""))}, \
   Statement{"secret_list_" name "_" dir "_after",                                          \
             PS_SECRET_LIST_STATEMENT(cand(value, order,                                    \
                 " AND " row " " cmp " (" param ", $10::bigint)"))}}
#define PS_SECRET_SORT_STATEMENTS(name, cand, value, row, asc, desc, param)                 \
  {PS_SECRET_SORT_PAIR(name, "asc", cand, value, asc, row, ">", param),                     \
   PS_SECRET_SORT_PAIR(name, "desc", cand, value, desc, row, "<", param)}
// clang-format on

namespace paramsafe::store::secret_listing_sql {

// Columns of a page row: the secret, its tags, then these.
inline constexpr int kTagColumn = kSecretColumns;
inline constexpr int kItemId = kSecretColumns + kSecretTagColumns;
inline constexpr int kSortValue = kItemId + 1;
inline constexpr int kExamined = kItemId + 2;
inline constexpr int kLastItemId = kItemId + 3;
inline constexpr int kLastSortValue = kItemId + 4;

// [sort key][descending][after a position], sort keys in the order of
// core::SecretSortKey: created, last accessed, last changed, name.
inline constexpr Statement kPage[4][2][2] = {
    PS_SECRET_SORT_STATEMENTS("created", PS_SECRET_CAND_BY_CREATION, PS_SECRET_CREATED_VALUE,
                              "(i.created_at, i.item_id)", "i.created_at, i.item_id",
                              "i.created_at DESC, i.item_id DESC", PS_SECRET_CREATED_PARAM),
    PS_SECRET_SORT_STATEMENTS(
        "accessed", PS_SECRET_CAND_FROM_SECRETS, PS_SECRET_ACCESSED_VALUE,
        "(" PS_SECRET_ACCESSED_KEY ", s.item_id)", PS_SECRET_ACCESSED_KEY ", s.item_id",
        PS_SECRET_ACCESSED_KEY " DESC, s.item_id DESC", PS_SECRET_ACCESSED_PARAM),
    PS_SECRET_SORT_STATEMENTS("changed", PS_SECRET_CAND_FROM_SECRETS, PS_SECRET_CHANGED_VALUE,
                              "(s.last_changed_at, s.item_id)", "s.last_changed_at, s.item_id",
                              "s.last_changed_at DESC, s.item_id DESC", PS_SECRET_CHANGED_PARAM),
    // A name is unique in its region: the item id never breaks a tie, and
    // ordering by it too would only cost a sort step.
    PS_SECRET_SORT_STATEMENTS("name", PS_SECRET_CAND_BY_NAME, "i.lookup_name",
                              "(i.lookup_name, i.item_id)", "i.lookup_name", "i.lookup_name DESC",
                              "$9::text"),
};

// $1 item ids (bigint[]): one row per labelled version of those secrets, the
// item id then the version columns, by item id and newest first.
inline constexpr Statement kLabelledVersions{
    "secret_list_labelled_versions",
    "SELECT lv.item_id, " PS_SECRET_VERSION_COLUMNS
    " FROM (SELECT DISTINCT l.item_id, l.version FROM paramsafe.labels l"
    "   WHERE l.item_id = ANY ($1::bigint[])) lv"
    " CROSS JOIN LATERAL (SELECT * FROM paramsafe.versions x"
    "   WHERE x.item_id = lv.item_id AND x.version = lv.version LIMIT 1) v"
    " ORDER BY lv.item_id, lv.version DESC"};

}  // namespace paramsafe::store::secret_listing_sql

#undef PS_SECRET_SORT_STATEMENTS
#undef PS_SECRET_SORT_PAIR
#undef PS_SECRET_ACCESSED_PARAM
#undef PS_SECRET_ACCESSED_VALUE
#undef PS_SECRET_ACCESSED_KEY
#undef PS_SECRET_CHANGED_PARAM
#undef PS_SECRET_CHANGED_VALUE
#undef PS_SECRET_CREATED_PARAM
#undef PS_SECRET_CREATED_VALUE
#undef PS_SECRET_CAND_FROM_SECRETS
#undef PS_SECRET_CAND_BY_CREATION
#undef PS_SECRET_CAND_BY_NAME
#undef PS_SECRET_CAND_FROM_ITEMS_WHERE
#undef PS_SECRET_LIST_STATEMENT
#undef PS_SECRET_FILTER_MATCH

#endif  // PARAMSAFE_STORE_PG_SECRET_LISTING_SQL_H_
