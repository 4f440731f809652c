// Prints JSON the way the aws CLI does: indented by four spaces.
#ifndef PARAMSAFE_CLI_JSON_PRINT_H_
#define PARAMSAFE_CLI_JSON_PRINT_H_

#include <boost/json/value.hpp>
#include <ostream>

namespace paramsafe::cli {

void PrintJson(std::ostream& os, const boost::json::value& v, int indent = 0);

}  // namespace paramsafe::cli

#endif  // PARAMSAFE_CLI_JSON_PRINT_H_
