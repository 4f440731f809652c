// The aws CLI's parameter files: an option value of the form file://PATH or
// fileb://PATH stands for the content of PATH (a leading ~/ is the home
// directory); any other value stands for itself.
#ifndef PARAMSAFE_CLI_PARAM_FILE_H_
#define PARAMSAFE_CLI_PARAM_FILE_H_

#include <string>

#include "core/status.h"

namespace paramsafe::cli {

// The value `raw` of option `option` (e.g. "--policy-document"), read from
// its file when it names one. kInvalidArgument with the aws CLI's message
// ("Error parsing parameter '--policy-document': Unable to load paramfile
// file://p.json: ...") when the file cannot be read.
core::Result<std::string> ResolveParamFile(const std::string& option, const std::string& raw);

}  // namespace paramsafe::cli

#endif  // PARAMSAFE_CLI_PARAM_FILE_H_
