// The Prometheus text exposition format (version 0.0.4), the writing side only:
// names, escaping, numbers and sample lines. Metrics (metrics.h) uses these to
// render; they are separate so that the format rules are tested on their own.
//
// Thread-safety: pure functions.
#ifndef PARAMSAFE_CORE_METRICS_TEXT_H_
#define PARAMSAFE_CORE_METRICS_TEXT_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace paramsafe::core::metrics_text {

// One label of a sample. Borrowed: valid while the sample is written.
struct Label {
  std::string_view name;
  std::string_view value;
};

// [a-zA-Z_:][a-zA-Z0-9_:]*
bool IsValidMetricName(std::string_view name);
// [a-zA-Z_][a-zA-Z0-9_]*, and not starting with "__" (reserved by Prometheus).
bool IsValidLabelName(std::string_view name);

// Appends `value` as it goes between a label's quotes: \ -> \\, " -> \", and a
// line feed -> \n. Everything else (UTF-8 included) is copied as is.
void AppendLabelValue(std::string* out, std::string_view value);

// Appends "# HELP <name> <help>" and "# TYPE <name> <type>" lines. In the help
// text a backslash is doubled and a line feed becomes \n, as the format
// requires. `type` is "counter", "gauge" or "histogram".
void AppendFamilyHeader(std::string* out, std::string_view name, std::string_view help,
                        std::string_view type);

// A sample value: the shortest decimal that reads back as `value`; NaN, +Inf
// and -Inf spelled as Prometheus spells them.
void AppendDouble(std::string* out, double value);
void AppendUnsigned(std::string* out, std::uint64_t value);

// "<name>{<l1>=\"<v1>\",...} <value>\n", or "<name> <value>\n" without labels.
// REQUIRES: name and the label names are valid (callers check once, when a
// series is registered, not on every render).
void AppendSample(std::string* out, std::string_view name, std::span<const Label> labels,
                  std::uint64_t value);
void AppendSample(std::string* out, std::string_view name, std::span<const Label> labels,
                  double value);

}  // namespace paramsafe::core::metrics_text

#endif  // PARAMSAFE_CORE_METRICS_TEXT_H_
