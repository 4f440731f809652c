#include "cli/param_file.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>

namespace paramsafe::cli {

namespace {

std::string ExpandHome(const std::string& path) {
  const char* home = std::getenv("HOME");
  if (home != nullptr && (path == "~" || path.starts_with("~/"))) return home + path.substr(1);
  return path;
}

}  // namespace

core::Result<std::string> ResolveParamFile(const std::string& option, const std::string& raw) {
  std::string path;
  if (raw.starts_with("file://")) {
    path = raw.substr(7);
  } else if (raw.starts_with("fileb://")) {
    path = raw.substr(8);
  } else {
    return raw;
  }
  // The bytes as they are in the file: a policy document is stored as written.
  std::ifstream in(ExpandHome(path), std::ios::binary);
  if (!in) {
    return core::Status(core::Code::kInvalidArgument, "Error parsing parameter '" + option +
                                                          "': Unable to load paramfile " + raw +
                                                          ": " + std::strerror(errno));
  }
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace paramsafe::cli
