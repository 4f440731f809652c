// The statements of PgParameterListing. In a header so that tests can EXPLAIN
// exactly what runs; nothing else should include it.
//
// A list statement reads one page in one round trip:
//   cand   the candidates: at most $5 items in lookup-name order strictly
//          after $3, found by an index range (never a filter on a scan), so
//          the cost of a page is bounded by $5 whatever the store holds;
//   hit    per candidate the version the terms see (the latest, or with
//          labels, $9, the highest version carrying one of them) and, when
//          a term asks for tags, its tags as one map; kept when it passes the
//          terms; at most page size ($10) + 1 of them, the extra one telling
//          "more matches";
// and answers one row per hit (version columns, statuses, lookup name) with
// how many candidates were examined and the last of them on every row. With
// no hit it answers one row whose version columns are NULL.
//
// Terms are three parallel text[] ($6 fields, $7 options, $8 values). A
// version passes when no term's field lacks a matching term of that field:
// ORed within a field, ANDed across fields, for any number of terms with one
// fixed statement.
//
// Parameters shared by the list statements:
//   $1 account  $2 region  $3 after  $4 lower bound (prefix, or '')
//   $5 scan limit  $6 fields  $7 options  $8 values  $9 labels  $10 page size
// then, per statement: upper bound ($11), or parent ($11) [and upper bound ($12)].
#ifndef PARAMSAFE_STORE_PG_PARAMETER_LISTING_SQL_H_
#define PARAMSAFE_STORE_PG_PARAMETER_LISTING_SQL_H_

#include "store/parameter_rows.h"
#include "store/statement.h"

// One PolicyStatus per element of v.policies, joined by ',', NULL when none.
// The status is that of the item's latest job for the policy index (one probe
// of jobs per row, folded into an index -> state map); a job exists only for
// the item's current policy set, so a version whose policies differ from the
// latest version's (lv) has superseded policies: they report Finished.
#define PS_POLICY_STATUSES                                                                  \
  "(SELECT string_agg(CASE WHEN v.policies IS DISTINCT FROM lv.policies THEN 'Finished'"    \
  "   ELSE CASE js.states ->> n::text"                                                      \
  "        WHEN 'done' THEN 'Finished' WHEN 'failed' THEN 'Failed' ELSE 'Pending' END END," \
  "   ',' ORDER BY n)"                                                                      \
  " FROM (SELECT jsonb_object_agg(j.policy_index, j.state ORDER BY j.job_id) AS states"     \
  "       FROM paramsafe.jobs j"                                                            \
  "       WHERE j.item_id = i.item_id AND j.policy_index IS NOT NULL) js,"                  \
  "   generate_series(0, CASE jsonb_typeof(v.policies::jsonb)"                              \
  "     WHEN 'array' THEN jsonb_array_length(v.policies::jsonb) ELSE 0 END - 1) n)"

// The value a term of field u.field compares, for candidate c, version v and
// tag map tg.
#define PS_TERM_SUBJECT                                                        \
  "CASE u.field WHEN 'Name' THEN c.lookup_name WHEN 'Type' THEN v.value_type"  \
  " WHEN 'KeyId' THEN v.key_ref WHEN 'Tier' THEN COALESCE(v.tier, 'Standard')" \
  " WHEN 'DataType' THEN v.data_type ELSE tg.tags ->> substr(u.field, 5) END"

// Every lookup after the candidate scan is a LATERAL subquery the planner
// cannot flatten into a join (LIMIT 1, or an aggregate): it stays one index
// probe per candidate (or per hit) whatever the statistics say, so no plan,
// generic or custom, hashes or scans a whole table.
#define PS_LIST_STATEMENT(scan_bounds)                                                   \
  "WITH cand AS MATERIALIZED ("                                                          \
  "  SELECT i.item_id, i.lookup_name, i.latest_version FROM paramsafe.items i"           \
  "  WHERE i.account_id = $1 AND i.region = $2 AND i.kind = 'parameter'"                 \
  "    AND i.lookup_name > $3 AND i.lookup_name >= $4" scan_bounds                       \
  "  ORDER BY i.lookup_name LIMIT $5::int),"                                             \
  " terms AS (SELECT * FROM unnest($6::text[], $7::text[], $8::text[])"                  \
  "   AS t(field, option, value)),"                                                      \
  " hit AS MATERIALIZED ("                                                               \
  "  SELECT c.item_id, c.lookup_name, v.version FROM cand c"                             \
  "  CROSS JOIN LATERAL (SELECT x.version, x.value_type, x.key_ref, x.tier, x.data_type" \
  "    FROM paramsafe.versions x WHERE x.item_id = c.item_id AND x.version ="            \
  "      CASE WHEN cardinality($9::text[]) = 0 THEN c.latest_version"                    \
  "      ELSE (SELECT max(l.version) FROM paramsafe.labels l"                            \
  "            WHERE l.item_id = c.item_id AND l.label = ANY ($9::text[])) END"          \
  "    LIMIT 1) v"                                                                       \
  "  CROSS JOIN LATERAL (SELECT jsonb_object_agg(g.key, g.value) AS tags"                \
  "    FROM paramsafe.tags g WHERE g.item_id = c.item_id"                                \
  "      AND (SELECT bool_or(starts_with(field, 'tag:')) FROM terms)) tg"                \
  "  WHERE NOT EXISTS (SELECT 1 FROM terms t WHERE NOT EXISTS ("                         \
  "    SELECT 1 FROM terms u CROSS JOIN LATERAL (SELECT " PS_TERM_SUBJECT                \
  " AS subject) s"                                                                       \
  "    WHERE u.field = t.field AND CASE u.option"                                        \
  "      WHEN 'Equals' THEN s.subject = u.value"                                         \
  "      WHEN 'BeginsWith' THEN starts_with(s.subject, u.value)"                         \
  "      WHEN 'Contains' THEN strpos(s.subject, u.value) > 0"                            \
  "      WHEN 'Exists' THEN s.subject IS NOT NULL ELSE false END))"                      \
  "  ORDER BY c.lookup_name LIMIT $10::bigint + 1)"                                      \
  " SELECT " PS_PARAMETER_VERSION_COLUMNS ", " PS_POLICY_STATUSES                        \
  ","                                                                                    \
  "   h.lookup_name, s.examined, s.last_examined"                                        \
  " FROM (SELECT count(*) AS examined, max(lookup_name) AS last_examined FROM cand) s"   \
  " LEFT JOIN (hit h"                                                                    \
  "   CROSS JOIN LATERAL (SELECT * FROM paramsafe.items x"                               \
  "     WHERE x.item_id = h.item_id LIMIT 1) i"                                          \
  "   CROSS JOIN LATERAL (SELECT * FROM paramsafe.versions x"                            \
  "     WHERE x.item_id = h.item_id AND x.version = h.version LIMIT 1) v"                \
  "   CROSS JOIN LATERAL (SELECT x.policies FROM paramsafe.versions x"                   \
  "     WHERE x.item_id = h.item_id AND x.version = i.latest_version LIMIT 1) lv)"       \
  "   ON true"                                                                           \
  " ORDER BY h.lookup_name"

namespace paramsafe::store::listing_sql {

// Columns of a list row after the version columns.
inline constexpr int kListStatuses = kParameterVersionColumns;
inline constexpr int kListLookupName = kParameterVersionColumns + 1;
inline constexpr int kListExamined = kParameterVersionColumns + 2;
inline constexpr int kListLastExamined = kParameterVersionColumns + 3;

// Names with a prefix that has an upper bound ($11).
inline constexpr Statement kListRange{"param_list_range",
                                      PS_LIST_STATEMENT(" AND i.lookup_name < $11")};
// Names from the lower bound to the end.
inline constexpr Statement kListFrom{"param_list_from", PS_LIST_STATEMENT("")};
// One hierarchy level ($11), through items_parent_path_idx.
inline constexpr Statement kListLevel{"param_list_level",
                                      PS_LIST_STATEMENT(" AND i.parent_path = $11")};
// One hierarchy level ($11) and a bounded prefix ($12).
inline constexpr Statement kListLevelRange{
    "param_list_level_range",
    PS_LIST_STATEMENT(" AND i.parent_path = $11 AND i.lookup_name < $12")};

// $1 account, $2 region, $3 lookup name, $4 after version, $5 limit. One row
// per version after $4 (at most $5 + 1), oldest first; one row with NULL
// version columns when the item exists but has none; no row without item.
inline constexpr int kHistoryStatuses = kParameterVersionColumns;
inline constexpr int kHistoryLabels = kParameterVersionColumns + 1;
inline constexpr Statement kHistory{
    "param_history",
    "SELECT " PS_PARAMETER_VERSION_COLUMNS ", " PS_POLICY_STATUSES
    ","
    "  (SELECT string_agg(l.label, ',' ORDER BY l.label COLLATE \"C\") FROM paramsafe.labels l"
    "   WHERE l.item_id = i.item_id AND l.version = v.version)"
    " FROM paramsafe.items i"
    " LEFT JOIN LATERAL (SELECT * FROM paramsafe.versions x"
    "   WHERE x.item_id = i.item_id AND x.version > $4"
    "   ORDER BY x.version LIMIT $5::bigint + 1) v ON true"
    " LEFT JOIN LATERAL (SELECT x.policies FROM paramsafe.versions x"
    "   WHERE x.item_id = i.item_id AND x.version = i.latest_version LIMIT 1) lv ON true"
    " WHERE i.account_id = $1 AND i.region = $2 AND i.kind = 'parameter' AND i.lookup_name = $3"
    " ORDER BY v.version"};

}  // namespace paramsafe::store::listing_sql

#undef PS_LIST_STATEMENT
#undef PS_TERM_SUBJECT
#undef PS_POLICY_STATUSES

#endif  // PARAMSAFE_STORE_PG_PARAMETER_LISTING_SQL_H_
