#include "cli/options.h"

#include <iostream>

namespace paramsafe::cli {

namespace po = boost::program_options;

std::optional<int> ParseOptions(const Args& args, const po::options_description& desc,
                                po::variables_map& vm) {
  try {
    po::store(po::command_line_parser(args).options(desc).run(), vm);
    if (vm.count("help")) {
      std::cout << desc << "\n";
      return 0;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    return ReportUsage(e.what());
  }
  return std::nullopt;
}

}  // namespace paramsafe::cli
