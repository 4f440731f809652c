#include "core/metrics_text.h"

#include <charconv>
#include <cmath>

namespace paramsafe::core::metrics_text {

namespace {

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

void AppendSampleStart(std::string* out, std::string_view name, std::span<const Label> labels) {
  out->append(name);
  if (!labels.empty()) {
    out->push_back('{');
    bool first = true;
    for (const Label& l : labels) {
      if (!first) out->push_back(',');
      first = false;
      out->append(l.name);
      out->append("=\"");
      AppendLabelValue(out, l.value);
      out->push_back('"');
    }
    out->push_back('}');
  }
  out->push_back(' ');
}

}  // namespace

bool IsValidMetricName(std::string_view name) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool ok = IsAsciiLetter(c) || c == '_' || c == ':' || (i > 0 && IsAsciiDigit(c));
    if (!ok) return false;
  }
  return true;
}

bool IsValidLabelName(std::string_view name) {
  if (name.empty() || name.starts_with("__")) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool ok = IsAsciiLetter(c) || c == '_' || (i > 0 && IsAsciiDigit(c));
    if (!ok) return false;
  }
  return true;
}

void AppendLabelValue(std::string* out, std::string_view value) {
  for (char c : value) {
    switch (c) {
      case '\\':
        out->append("\\\\");
        break;
      case '"':
        out->append("\\\"");
        break;
      case '\n':
        out->append("\\n");
        break;
      default:
        out->push_back(c);
    }
  }
}

void AppendFamilyHeader(std::string* out, std::string_view name, std::string_view help,
                        std::string_view type) {
  out->append("# HELP ").append(name).push_back(' ');
  for (char c : help) {
    if (c == '\\') {
      out->append("\\\\");
    } else if (c == '\n') {
      out->append("\\n");
    } else {
      out->push_back(c);
    }
  }
  out->append("\n# TYPE ").append(name).push_back(' ');
  out->append(type).push_back('\n');
}

void AppendDouble(std::string* out, double value) {
  if (std::isnan(value)) {
    out->append("NaN");
    return;
  }
  if (std::isinf(value)) {
    out->append(value > 0 ? "+Inf" : "-Inf");
    return;
  }
  char buf[64];
  // Plain decimals where they stay short ("0.0005", not the shorter "5e-04"):
  // the "le" labels and most values read as people write them. Both forms are
  // the shortest that reads back exactly.
  const double magnitude = std::fabs(value);
  const bool plain = magnitude == 0 || (magnitude >= 1e-6 && magnitude < 1e15);
  auto [end, ec] = plain ? std::to_chars(buf, buf + sizeof(buf), value, std::chars_format::fixed)
                         : std::to_chars(buf, buf + sizeof(buf), value);
  // 64 bytes hold both: at most 16 integer digits, or 6 zeros and 17 digits
  // after the point, or a shortest scientific form (24 bytes at most).
  if (ec != std::errc()) {
    out->append("NaN");
    return;
  }
  out->append(buf, end);
}

void AppendUnsigned(std::string* out, std::uint64_t value) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), value);
  (void)ec;  // 20 digits always fit
  out->append(buf, end);
}

void AppendSample(std::string* out, std::string_view name, std::span<const Label> labels,
                  std::uint64_t value) {
  AppendSampleStart(out, name, labels);
  AppendUnsigned(out, value);
  out->push_back('\n');
}

void AppendSample(std::string* out, std::string_view name, std::span<const Label> labels,
                  double value) {
  AppendSampleStart(out, name, labels);
  AppendDouble(out, value);
  out->push_back('\n');
}

}  // namespace paramsafe::core::metrics_text
