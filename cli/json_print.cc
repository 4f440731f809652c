#include "cli/json_print.h"

#include <boost/json/serialize.hpp>
#include <string>

namespace paramsafe::cli {

void PrintJson(std::ostream& os, const boost::json::value& v, int indent) {
  const std::string pad(indent + 4, ' ');
  const std::string close(indent, ' ');
  if (v.is_object() && !v.as_object().empty()) {
    os << "{\n";
    bool first = true;
    for (const auto& kv : v.as_object()) {
      if (!first) os << ",\n";
      first = false;
      os << pad << boost::json::serialize(boost::json::string(kv.key())) << ": ";
      PrintJson(os, kv.value(), indent + 4);
    }
    os << "\n" << close << "}";
  } else if (v.is_array() && !v.as_array().empty()) {
    os << "[\n";
    bool first = true;
    for (const auto& e : v.as_array()) {
      if (!first) os << ",\n";
      first = false;
      os << pad;
      PrintJson(os, e, indent + 4);
    }
    os << "\n" << close << "]";
  } else {
    os << boost::json::serialize(v);
  }
  if (indent == 0) os << "\n";
}

}  // namespace paramsafe::cli
