#include <ctime>
#include <iostream>

#include "cli/commands.h"

namespace paramsafe::cli {

namespace {
// IAM's error codes for the failures the CLI can hit.
const char* IamCode(const core::Status& s) {
  switch (s.code()) {
    case core::Code::kNotFound: return "NoSuchEntity";
    case core::Code::kAlreadyExists: return "EntityAlreadyExists";
    case core::Code::kInvalidArgument: return "ValidationError";
    case core::Code::kConflict: return "DeleteConflict";
    case core::Code::kLimitExceeded: return "LimitExceeded";
    case core::Code::kKeyNotFound: return "NotFoundException";
    case core::Code::kUnavailable: return "ServiceUnavailable";
    default: return "ServiceFailure";
  }
}
}  // namespace

int ReportError(const std::string& operation, const core::Status& status) {
  return ReportError(operation, IamCode(status), status.reason());
}

int ReportError(const std::string& operation, const char* code, const std::string& message) {
  std::cerr << "\nAn error occurred (" << code << ") when calling the " << operation
            << " operation: " << message << "\n";
  return 254;
}

int ReportUsage(const std::string& message) {
  std::cerr << "paramsafe: " << message << "\nRun 'paramsafe help' for the commands.\n";
  return 252;
}

std::string IsoTime(core::TimePoint t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[40];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S+00:00", &tm);
  return buf;
}

}  // namespace paramsafe::cli
