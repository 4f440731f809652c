// The Prometheus text format writer: names, escaping, numbers, sample lines.
#include "core/metrics_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

namespace paramsafe::core::metrics_text {
namespace {

std::string Escaped(std::string_view v) {
  std::string out;
  AppendLabelValue(&out, v);
  return out;
}

std::string Double(double v) {
  std::string out;
  AppendDouble(&out, v);
  return out;
}

TEST(CoreMetricsText, MetricNamesFollowThePrometheusGrammar) {
  EXPECT_TRUE(IsValidMetricName("paramsafe_db_pool_size"));
  EXPECT_TRUE(IsValidMetricName("a:b_c9"));
  EXPECT_TRUE(IsValidMetricName("_x"));
  EXPECT_FALSE(IsValidMetricName(""));
  EXPECT_FALSE(IsValidMetricName("9lives"));
  EXPECT_FALSE(IsValidMetricName("has-dash"));
  EXPECT_FALSE(IsValidMetricName("has space"));
  EXPECT_FALSE(IsValidMetricName("caf\xc3\xa9"));
}

TEST(CoreMetricsText, LabelNamesFollowThePrometheusGrammar) {
  EXPECT_TRUE(IsValidLabelName("pool"));
  EXPECT_TRUE(IsValidLabelName("_state2"));
  EXPECT_FALSE(IsValidLabelName(""));
  EXPECT_FALSE(IsValidLabelName("__reserved"));
  EXPECT_FALSE(IsValidLabelName("a:b"));  // colons are for metric names only
  EXPECT_FALSE(IsValidLabelName("2x"));
}

TEST(CoreMetricsText, LabelValuesEscapeBackslashQuoteAndLineFeed) {
  EXPECT_EQ(Escaped(R"(a\b)"), R"(a\\b)");
  EXPECT_EQ(Escaped(R"(say "hi")"), R"(say \"hi\")");
  EXPECT_EQ(Escaped("two\nlines"), R"(two\nlines)");
  EXPECT_EQ(Escaped("tab\tand caf\xc3\xa9"), "tab\tand caf\xc3\xa9");  // copied as is
  EXPECT_EQ(Escaped(""), "");
}

TEST(CoreMetricsText, FamilyHeaderEscapesTheHelpText) {
  std::string out;
  AppendFamilyHeader(&out, "m_total", "a \\ b\nc \"q\"", "counter");
  EXPECT_EQ(out, "# HELP m_total a \\\\ b\\nc \"q\"\n# TYPE m_total counter\n");
}

TEST(CoreMetricsText, DoublesAreShortestAndSpecialValuesSpelledOut) {
  EXPECT_EQ(Double(0.0005), "0.0005");
  EXPECT_EQ(Double(1), "1");
  EXPECT_EQ(Double(2.5), "2.5");
  EXPECT_EQ(Double(0), "0");
  EXPECT_EQ(Double(-3.25), "-3.25");
  EXPECT_EQ(Double(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(Double(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(Double(std::nan("")), "NaN");
  EXPECT_EQ(Double(7.0028), "7.0028");
  EXPECT_EQ(Double(1e20), "1e+20");  // very large or small: scientific
  EXPECT_EQ(Double(2.5e-9), "2.5e-09");
  EXPECT_EQ(Double(123456789012.5), "123456789012.5");
  EXPECT_EQ(std::stod(Double(0.1 + 0.2)), 0.1 + 0.2);  // reads back exactly
  EXPECT_EQ(std::stod(Double(1.0 / 3e5)), 1.0 / 3e5);
}

TEST(CoreMetricsText, UnsignedValuesAreWrittenInFull) {
  std::string out;
  AppendUnsigned(&out, 18446744073709551615ULL);
  EXPECT_EQ(out, "18446744073709551615");
}

TEST(CoreMetricsText, SampleWithoutLabelsHasNoBraces) {
  std::string out;
  AppendSample(&out, "up", {}, std::uint64_t{1});
  EXPECT_EQ(out, "up 1\n");
}

TEST(CoreMetricsText, SampleLabelsAreQuotedEscapedAndInOrder) {
  std::string out;
  const Label labels[] = {{"pool", "main"}, {"state", "in \"use\""}};
  AppendSample(&out, "paramsafe_db_pool_connections", labels, 2.0);
  EXPECT_EQ(out, "paramsafe_db_pool_connections{pool=\"main\",state=\"in \\\"use\\\"\"} 2\n");
}

}  // namespace
}  // namespace paramsafe::core::metrics_text
