#include "plan_explain.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "store/pg_text_array.h"

namespace paramsafe::integration {
namespace {

void AddPlan(const boost::json::object& node, const std::set<std::string>& tables, PlanTotals* t) {
  auto num = [&](const char* key) {
    const boost::json::value* v = node.if_contains(key);
    return v ? v->to_number<double>() : 0.0;
  };
  // EXPLAIN reports rows and removed rows per loop.
  const double touched =
      (num("Actual Rows") + num("Rows Removed by Filter") + num("Rows Removed by Join Filter") +
       num("Rows Removed by Index Recheck")) *
      num("Actual Loops");
  t->rows += touched;
  const boost::json::value* relation = node.if_contains("Relation Name");
  const std::string rel = relation ? std::string(relation->as_string()) : "";
  if (tables.contains(rel)) t->table_rows += touched;
  const boost::json::value* parent = node.if_contains("Parent Relationship");
  if (parent && parent->as_string() == "SubPlan") t->subplan_loops += num("Actual Loops");
  if (node.at("Node Type").as_string() == "Seq Scan" && num("Actual Loops") > 0) {
    t->seq_scans.push_back(rel);
  }
  if (const boost::json::value* plans = node.if_contains("Plans")) {
    for (const auto& child : plans->as_array()) AddPlan(child.as_object(), tables, t);
  }
}

}  // namespace

PlanTotals ExplainAnalyze(SqlClient& sql, const store::Statement& statement,
                          const std::vector<std::string>& args, const std::string& plan_mode,
                          const std::set<std::string>& tables, double* result_rows) {
  PlanTotals totals;
  std::string placeholders;
  for (std::size_t i = 0; i < args.size(); ++i) placeholders += i ? ", %L" : "%L";
  EXPECT_TRUE(sql.Exec("DEALLOCATE ALL").ok);
  SqlResult prepared = sql.Exec(std::string("PREPARE s AS ") + statement.sql);
  EXPECT_TRUE(prepared.ok) << prepared.error;
  EXPECT_TRUE(sql.Exec("SET plan_cache_mode = " + plan_mode).ok);
  // The values go in as quoted literals, so each takes the type PREPARE
  // inferred for its parameter, as a bound value would.
  std::string execute = sql.Exec("SELECT format($1, VARIADIC $2::text[])",
                                 {"EXECUTE s(" + placeholders + ")", store::TextArrayLiteral(args)})
                            .Scalar();
  SqlResult explained = sql.Exec("EXPLAIN (ANALYZE, FORMAT JSON) " + execute);
  EXPECT_TRUE(explained.ok) << explained.error;
  if (!explained.ok) return totals;
  boost::json::value doc = boost::json::parse(explained.Scalar());
  const boost::json::object& plan = doc.as_array().at(0).as_object().at("Plan").as_object();
  *result_rows = plan.at("Actual Rows").to_number<double>();
  AddPlan(plan, tables, &totals);
  return totals;
}

}  // namespace paramsafe::integration
