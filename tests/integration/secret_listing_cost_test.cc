// The cost of a ListSecrets page is bounded by the page, not by the store: a
// selective filter over thousands of secrets answers short pages whose walk
// still finds every match, and EXPLAIN ANALYZE of every page statement, under
// generic and custom plans, shows index ranges and bounded row counts.
#include <algorithm>
#include <string>
#include <vector>

#include "plan_explain.h"
#include "secret_listing_fixture.h"
#include "store/pg_secret_listing_sql.h"
#include "store/pg_secret_state.h"

namespace paramsafe::integration {
namespace {

using core::SecretQuery;
using core::SecretSortKey;

constexpr int kSecrets = 2000;

std::vector<std::string> BulkNames(int n) {
  std::vector<std::string> names;
  for (int k = 0; k < n; ++k) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "bulk/%05d", k);
    names.push_back(buf);
  }
  return names;
}

class IntegrationSecretListingCost : public IntegrationSecretListing {
 protected:
  void SetUp() override {
    IntegrationSecretListing::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_NO_FATAL_FAILURE(InsertSecrets(BulkNames(kSecrets)));
    // A tag on every secret, so the tags table is no free whole read either.
    SqlResult r =
        Sql("INSERT INTO paramsafe.tags (item_id, key, value)"
            " SELECT item_id, 'env', CASE WHEN item_id % 3 = 0 THEN 'prod' ELSE 'dev' END"
            " FROM paramsafe.items WHERE kind = 'secret'");
    ASSERT_TRUE(r.ok) << r.error;
  }

  // Needles in the haystack: secrets 5, 300, 301, 999, 1500, 1998, 1999.
  std::vector<std::string> PlantNeedles() {
    std::vector<std::string> needles;
    for (int k : {5, 300, 301, 999, 1500, 1998, 1999}) {
      const std::string name = BulkNames(kSecrets)[static_cast<std::size_t>(k)];
      TagWithSql(name, "needle", "yes");
      needles.push_back(name);
    }
    return needles;
  }
};

TEST_F(IntegrationSecretListingCost, SelectiveFilterAnswersShortPagesAndFindsEveryMatch) {
  const std::vector<std::string> needles = PlantNeedles();
  for (std::size_t max_results : {10, 1}) {
    SCOPED_TRACE("max results " + std::to_string(max_results));
    SecretQuery q = Query({{"tag-key", {"needle"}}});
    q.max_results = max_results;
    int pages = 0;
    EXPECT_EQ(ListAll(q, &pages), needles);
    // Each call examines at most max(50, 10 x max results) candidates (100
    // or 50), fewer when its page fills up first; one more call finds the end.
    const int scan = static_cast<int>(std::max<std::size_t>(50, 10 * max_results));
    EXPECT_GE(pages, kSecrets / scan + 1);
    EXPECT_LE(pages, kSecrets / scan + 1 + static_cast<int>(needles.size()));
  }
}

TEST_F(IntegrationSecretListingCost, SelectiveFilterWalksInEverySortOrder) {
  const std::vector<std::string> needles = PlantNeedles();
  std::vector<std::string> reversed(needles.rbegin(), needles.rend());
  for (SecretSortKey key : kEverySortKey) {
    for (bool descending : {false, true}) {
      SCOPED_TRACE(SortTrace(key, descending));
      SecretQuery q = Query({{"all", {"needle"}}, {"tag-value", {"y"}}});
      q.sort_by = key;
      q.descending = descending;
      q.max_results = 5;
      std::vector<std::string> found = ListAll(q);
      // Bulk secrets are created and changed in name order and never read.
      EXPECT_EQ(found, descending ? reversed : needles);
    }
  }
}

class IntegrationSecretListingPlan : public IntegrationSecretListingCost {
 protected:
  static constexpr int kScanLimit = 50;
  static constexpr int kPageSize = 5;

  // A secret is a row of paramsafe.items and one of paramsafe.secrets (its
  // sort keys live in both): the bounds below count the rows read from either.
  PlanTotals Explain(const store::Statement& statement, const std::vector<std::string>& args,
                     const std::string& plan_mode, double* result_rows) {
    return ExplainAnalyze(sql_client(), statement, args, plan_mode, {"items", "secrets"},
                          result_rows);
  }
};

// The lookup behind every read and write of one secret probes a unique key,
// by name or by ARN, also on a store no ANALYZE has seen yet (where the bench
// once caught it reading the whole region through the listing index).
TEST_F(IntegrationSecretListingPlan, LookupOfOneSecretProbesAUniqueKeyWithoutStatistics) {
  const store::Statement lookup{"lookup", PS_SECRET_LOOKUP_QUERY};
  const std::string arn =
      Sql("SELECT arn FROM paramsafe.items WHERE name = 'bulk/01000'").Scalar();
  const std::vector<std::vector<std::string>> ids = {
      {kAccount, kRegion, "", "bulk/01000"}, {kAccount, kRegion, arn, "bulk/01000-xxxxxx"}};
  for (const std::vector<std::string>& args : ids) {
    for (const char* mode : kPlanCacheModes) {
      SCOPED_TRACE(args[2] + " " + args[3] + " " + mode);
      double result_rows = 0;
      PlanTotals t = Explain(lookup, args, mode, &result_rows);
      EXPECT_EQ(result_rows, 1);
      EXPECT_TRUE(t.seq_scans.empty());
      EXPECT_LE(t.table_rows, 2);
    }
  }
}

// Every candidate is read once by the scan and probed once more by the
// filter step; every hit once more for its columns.
TEST_F(IntegrationSecretListingPlan, EveryPageStatementReadsABoundedIndexRange) {
  ASSERT_TRUE(Sql("ANALYZE").ok);
  // A position in the middle of the store for each sort key.
  const std::vector<std::string> middle_values = {
      Sql("SELECT (extract(epoch FROM created_at) * 1000000)::bigint FROM paramsafe.items"
          " WHERE name = 'bulk/01000'")
          .Scalar(),
      "-infinity",
      Sql("SELECT (extract(epoch FROM s.last_changed_at) * 1000000)::bigint"
          " FROM paramsafe.secrets s JOIN paramsafe.items i USING (item_id)"
          " WHERE i.name = 'bulk/01000'")
          .Scalar(),
      "bulk/01000"};
  const std::string middle_id =
      Sql("SELECT item_id FROM paramsafe.items WHERE name = 'bulk/01000'").Scalar();
  for (int key = 0; key < 4; ++key) {
    for (int desc = 0; desc < 2; ++desc) {
      for (int after = 0; after < 2; ++after) {
        const store::Statement& statement = store::secret_listing_sql::kPage[key][desc][after];
        std::vector<std::string> args = {kAccount,
                                         kRegion,
                                         std::to_string(kScanLimit),
                                         "false",
                                         store::TextArrayLiteral({"0", "1"}),
                                         store::TextArrayLiteral({"tag-value", "all"}),
                                         store::TextArrayLiteral({"prod", "bulk"}),
                                         std::to_string(kPageSize)};
        if (after) {
          args.push_back(middle_values[static_cast<std::size_t>(key)]);
          args.push_back(middle_id);
        }
        for (const char* mode : kPlanCacheModes) {
          SCOPED_TRACE(std::string(statement.name) + " " + mode);
          double result_rows = 0;
          PlanTotals t = Explain(statement, args, mode, &result_rows);
          EXPECT_TRUE(t.seq_scans.empty()) << "Seq Scan on " << t.seq_scans.front();
          EXPECT_LE(t.table_rows, 4 * kScanLimit + 2 * (kPageSize + 1));
          EXPECT_LE(t.rows, 40 * kScanLimit);
          EXPECT_EQ(result_rows, kPageSize + 1);
        }
      }
    }
  }
}

// The check above can fail: a statement that reads the whole store does.
TEST_F(IntegrationSecretListingPlan, PlanCheckSeesAWholeStoreScan) {
  ASSERT_TRUE(Sql("ANALYZE").ok);
  double result_rows = 0;
  PlanTotals t = Explain(store::Statement{"whole",
                                          "SELECT count(*) FROM paramsafe.items"
                                          " WHERE name LIKE $1"},
                         {"%bulk%"}, "force_generic_plan", &result_rows);
  EXPECT_GE(t.table_rows, 0.9 * kSecrets);
  EXPECT_FALSE(t.seq_scans.empty());
}

}  // namespace
}  // namespace paramsafe::integration
