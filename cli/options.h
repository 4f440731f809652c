// Parses "--name value" options the way the aws CLI spells them.
#ifndef PARAMSAFE_CLI_OPTIONS_H_
#define PARAMSAFE_CLI_OPTIONS_H_

#include <boost/program_options.hpp>
#include <optional>
#include <string>

#include "cli/commands.h"

namespace paramsafe::cli {

// Parses args against desc into vm. On a usage error prints it and returns the
// exit code to use; on success returns nullopt.
std::optional<int> ParseOptions(const Args& args,
                                const boost::program_options::options_description& desc,
                                boost::program_options::variables_map& vm);

}  // namespace paramsafe::cli

#endif  // PARAMSAFE_CLI_OPTIONS_H_
