// EXPLAIN ANALYZE of a store statement, summed over its plan, for the tests
// that bound what a listing page costs (parameters and secrets alike): they
// differ only in which tables count as "the store" a page must not read whole.
#ifndef PARAMSAFE_TESTS_INTEGRATION_PLAN_EXPLAIN_H_
#define PARAMSAFE_TESTS_INTEGRATION_PLAN_EXPLAIN_H_

#include <array>
#include <set>
#include <string>
#include <vector>

#include "sql_client.h"
#include "store/statement.h"

namespace paramsafe::integration {

// Both plans a prepared statement can run under: a generic plan, made without
// the values, and a custom plan, made for them. Either may be the one in use.
inline constexpr std::array<const char*, 2> kPlanCacheModes = {"force_generic_plan",
                                                               "force_custom_plan"};

// What EXPLAIN ANALYZE says a statement touched, summed over every node.
struct PlanTotals {
  double rows = 0;                     // rows a node produced or filtered out, times its loops
  double table_rows = 0;               // the part of it read from the tables asked about
  std::vector<std::string> seq_scans;  // relations a Seq Scan read
  double subplan_loops = 0;            // runs of correlated subqueries (SubPlans), summed
};

// Runs `statement` with `args` under EXPLAIN (ANALYZE) on `sql`'s session with
// the given plan_cache_mode, prepared as PgConnection prepares it (types
// inferred). `tables` names the relations whose rows go to table_rows;
// *result_rows is what the statement returned. Failures are test failures.
PlanTotals ExplainAnalyze(SqlClient& sql, const store::Statement& statement,
                          const std::vector<std::string>& args, const std::string& plan_mode,
                          const std::set<std::string>& tables, double* result_rows);

}  // namespace paramsafe::integration

#endif  // PARAMSAFE_TESTS_INTEGRATION_PLAN_EXPLAIN_H_
