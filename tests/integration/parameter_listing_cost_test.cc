// The cost of a PgParameterListing page grows with the page, not with the
// store: EXPLAIN ANALYZE of every listing statement, under generic and custom
// plans, on a store of thousands of parameters.
#include <algorithm>
#include <string>
#include <vector>

#include "parameter_listing_fixture.h"
#include "plan_explain.h"
#include "store/pg_parameter_listing_sql.h"
#include "store/pg_text_array.h"

namespace paramsafe::integration {
namespace {

using core::ParameterQuery;

class IntegrationParameterListingCost : public IntegrationParameterListing {
 protected:
  // In 8 levels of 625: for a level of a few dozen, the planner rightly reads
  // the whole level (a bitmap scan and a sort) rather than walk the index, a
  // cost bounded by that small level; the bound below is for levels past that.
  static constexpr int kParameters = 5000;
  static constexpr int kScanLimit = 25;
  static constexpr int kPageSize = 10;

  void SetUp() override {
    IntegrationParameterListing::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_NO_FATAL_FAILURE(EnsureSeed());
    // Every parameter with a tag, a label and a policy job, so no table the
    // statements read is small enough to be scanned whole for free.
    SqlResult r =
        Sql("WITH ins AS (INSERT INTO paramsafe.items"
            "  (account_id, region, kind, name, lookup_name, arn, latest_version)"
            "  SELECT $1, $2, 'parameter', n, n,"
            "    'arn:aws:ssm:' || $2 || ':' || $1 || ':parameter' || n, 1"
            "  FROM generate_series(1, $3::int) g,"
            "       LATERAL (SELECT '/bulk/d' || (g % 8) || '/p' || lpad(g::text, 5, '0') AS n) x"
            "  RETURNING item_id, (item_id % 3 = 0) AS prod)"
            " , v AS (INSERT INTO paramsafe.versions (item_id, version, value_type, tier, policies,"
            "   key_id, key_version, wrapped_data_key, ciphertext, created_by)"
            "   SELECT ins.item_id, 1, 'String', 'Advanced', '[{\"Type\":\"Expiration\"}]',"
            "     s.key_id, s.key_version, s.wrapped_data_key, s.ciphertext, 'bulk'"
            "   FROM ins, listing_seed s RETURNING item_id)"
            " , t AS (INSERT INTO paramsafe.tags SELECT item_id, 'env',"
            "   CASE WHEN prod THEN 'prod' ELSE 'dev' END FROM ins)"
            " , j AS (INSERT INTO paramsafe.jobs (kind, item_id, policy_index, run_at)"
            "   SELECT 'parameter-expiration', item_id, 0, now() + interval '10 years' FROM ins)"
            " SELECT count(*) FROM v",
            {kAccount, kRegion, std::to_string(kParameters)});
    ASSERT_TRUE(r.ok) << r.error;
    SqlResult l =
        Sql("INSERT INTO paramsafe.labels (item_id, label, version)"
            " SELECT item_id, 'stable', 1 FROM paramsafe.items WHERE name LIKE '/bulk/%'");
    ASSERT_TRUE(l.ok) << l.error;
    ASSERT_TRUE(Sql("ANALYZE").ok);
  }

  // The bounds below are on the rows read from paramsafe.items, where every
  // parameter has its row.
  PlanTotals Explain(const store::Statement& statement, const std::vector<std::string>& args,
                     const std::string& plan_mode, double* result_rows) {
    return ExplainAnalyze(sql_client(), statement, args, plan_mode, {"items"}, result_rows);
  }

  // The page is bounded by the scan limit: no whole-table scan, items read
  // only for the candidates and the hits, and a total far below the store.
  // A custom plan, which sees the values, may instead read a small selected
  // set whole (a bitmap scan and a sort): `selected` is that set's size, so
  // the read stays bounded by what the request selects, never by the store.
  void ExpectBounded(const store::Statement& statement, const std::vector<std::string>& args,
                     double selected = 0) {
    for (const char* mode : kPlanCacheModes) {
      SCOPED_TRACE(std::string(statement.name) + " " + mode);
      double result_rows = 0;
      PlanTotals t = Explain(statement, args, mode, &result_rows);
      EXPECT_TRUE(t.seq_scans.empty()) << "Seq Scan on " << t.seq_scans.front();
      const double custom_extra = std::string(mode) == "force_custom_plan" ? selected : 0;
      EXPECT_LE(t.table_rows, std::max<double>(kScanLimit, custom_extra) + kPageSize + 1);
      EXPECT_LE(t.rows, 40 * kScanLimit);
      EXPECT_GE(result_rows, 1);
    }
  }

  static std::vector<std::string> ListArgs(const std::string& after, const std::string& lower) {
    return {kAccount,
            kRegion,
            after,
            lower,
            std::to_string(kScanLimit),
            store::TextArrayLiteral({"tag:env", "Type", "Type"}),
            store::TextArrayLiteral({"Equals", "Equals", "BeginsWith"}),
            store::TextArrayLiteral({"prod", "String", "Secure"}),
            store::TextArrayLiteral({"stable"}),
            std::to_string(kPageSize)};
  }
};

TEST_F(IntegrationParameterListingCost, EveryListStatementReadsABoundedPage) {
  namespace sql = store::listing_sql;
  std::vector<std::string> args = ListArgs("/bulk/d2", "/bulk/");
  args.push_back("/bulk0");
  ExpectBounded(sql::kListRange, args);

  ExpectBounded(sql::kListFrom, ListArgs("/bulk/d3", ""));

  // One level of 625; its names p01000..p01999, 125 of them.
  args = ListArgs("/bulk/d7/p00100", "");
  args.push_back("/bulk/d7");
  ExpectBounded(sql::kListLevel, args, kParameters / 8);

  args = ListArgs("", "/bulk/d7/p01");
  args.push_back("/bulk/d7");
  args.push_back("/bulk/d7/p02");
  ExpectBounded(sql::kListLevelRange, args, 125);
}

TEST_F(IntegrationParameterListingCost, HistoryReadsABoundedPage) {
  ASSERT_TRUE(Put("/bulk-history/p", "String", "v1").ok());
  SqlResult r =
      Sql("WITH i AS (UPDATE paramsafe.items SET latest_version = 100"
          "  WHERE name = '/bulk-history/p' RETURNING item_id)"
          " INSERT INTO paramsafe.versions (item_id, version, value_type, key_id, key_version,"
          "   wrapped_data_key, ciphertext, created_by)"
          " SELECT i.item_id, g, 'String', s.key_id, s.key_version, s.wrapped_data_key,"
          "   s.ciphertext, 'bulk' FROM i, listing_seed s, generate_series(2, 100) g");
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_TRUE(Sql("ANALYZE").ok);
  for (const char* mode : kPlanCacheModes) {
    SCOPED_TRACE(mode);
    double result_rows = 0;
    PlanTotals t = Explain(store::listing_sql::kHistory,
                           {kAccount, kRegion, "/bulk-history/p", "40", "5"}, mode, &result_rows);
    EXPECT_TRUE(t.seq_scans.empty()) << "Seq Scan on " << t.seq_scans.front();
    EXPECT_EQ(result_rows, 6);  // limit + 1
    EXPECT_LE(t.table_rows, 1);
    EXPECT_LE(t.rows, 100);
  }
  auto page = listing().History(Key("/bulk-history/p"), 40, 5);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->versions.size(), 5u);
  EXPECT_EQ(page->versions.front().version, 41);
  EXPECT_EQ(page->resume_after, std::optional<std::int64_t>(45));
}

// The check above can fail: a statement that reads the whole store does.
TEST_F(IntegrationParameterListingCost, PlanCheckSeesAWholeStoreScan) {
  double result_rows = 0;
  PlanTotals t = Explain(store::Statement{"whole",
                                          "SELECT count(*) FROM paramsafe.items"
                                          " WHERE name LIKE $1"},
                         {"%p%"}, "force_generic_plan", &result_rows);
  EXPECT_GE(t.table_rows, 0.9 * kParameters);  // parallel workers round their counts
  EXPECT_GT(t.rows, 40 * kScanLimit);
}

// The reads by name (GetParameter's) must use the unique key even when the
// planner has no statistics, as right after a bulk load: an index that ends in
// lookup_name behind the same leading columns once tied with it on cost, and
// a generic plan then scanned a whole region's entries for every read.
TEST_F(IntegrationParameterListingCost, LookupByNameReadsOneItemWithoutStatistics) {
  ASSERT_TRUE(Sql("DELETE FROM pg_statistic WHERE starelid = 'paramsafe.items'::regclass").ok);
  ASSERT_TRUE(Sql("UPDATE pg_class SET reltuples = -1, relpages = 0 WHERE oid = 'paramsafe.items'::regclass").ok);
  for (const char* mode : kPlanCacheModes) {
    SCOPED_TRACE(mode);
    double result_rows = 0;
    PlanTotals t = Explain(
        store::Statement{"by_name",
                         "SELECT i.arn FROM paramsafe.items i"
                         " WHERE i.account_id = $1 AND i.region = $2 AND i.kind = 'parameter'"
                         "   AND i.lookup_name = $3"},
        {kAccount, kRegion, "/bulk/d7/p00007"}, mode, &result_rows);
    EXPECT_EQ(result_rows, 1);
    EXPECT_TRUE(t.seq_scans.empty()) << "Seq Scan on " << t.seq_scans.front();
    EXPECT_LE(t.table_rows, 1);
  }
}

// The guard behind the test above, which a planner that happens to pick well
// would pass anyway: the only index of items that may start with the unique
// key's columns is the unique key itself.
TEST_F(IntegrationParameterListingCost, NoOtherIndexSharesTheNameKeysLeadingColumns) {
  SqlResult r = Sql(
      "SELECT c.relname FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid"
      " WHERE x.indrelid = 'paramsafe.items'::regclass AND NOT x.indisunique"
      "   AND (SELECT array_agg(a.attname ORDER BY k.n) FROM unnest(x.indkey) WITH ORDINALITY"
      "        AS k(attnum, n) JOIN pg_attribute a"
      "        ON a.attrelid = x.indrelid AND a.attnum = k.attnum WHERE k.n <= 3)"
      "       = ARRAY['account_id', 'region', 'kind']::name[]");
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_TRUE(r.rows.empty()) << "index " << r.rows[0][0].value_or("")
                              << " leads with the name key's columns";
}

TEST_F(IntegrationParameterListingCost, PagesOfTheLargeStoreAreCorrect) {
  ParameterQuery q = Query();
  q.parent = "/bulk/d7";
  q.terms = {{"tag:env", "Equals", "prod"}};
  q.labels = {"stable"};
  q.page_size = kPageSize;
  q.scan_limit = kScanLimit;
  std::vector<std::string> got = ListAll(q);
  std::vector<std::string> want;
  SqlResult r =
      Sql("SELECT i.name FROM paramsafe.items i JOIN paramsafe.tags t USING (item_id)"
          " WHERE i.parent_path = '/bulk/d7' AND t.key = 'env' AND t.value = 'prod'"
          " ORDER BY i.lookup_name COLLATE \"C\"");
  ASSERT_TRUE(r.ok) << r.error;
  for (const auto& row : r.rows) want.push_back(*row[0]);
  EXPECT_EQ(got, want);
  EXPECT_GT(want.size(), 10u);
}

}  // namespace
}  // namespace paramsafe::integration
