#include "ssm/parameter_name.h"

#include <algorithm>
#include <cctype>

#include "core/parameter_names.h"

namespace paramsafe::adapters::ssm {

using core::Code;
using core::Detail;
using core::Status;

namespace {

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-' ||
         c == '/';
}

bool StartsWithReserved(std::string_view segment) {
  auto lower3 = [&] {
    std::string s(segment.substr(0, 3));
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
  }();
  return lower3 == "aws" || lower3 == "ssm";
}

}  // namespace

Status ValidateNameForRead(std::string_view name) {
  if (!std::all_of(name.begin(), name.end(), IsNameChar)) {
    return Status(Code::kInvalidArgument,
                  "Parameter name: can only contain letters, numbers and the symbols "
                  "period (.), hyphen (-), underscore (_) and forward slash (/) as a hierarchy "
                  "separator.");
  }
  return Status::Ok();
}

Status ValidateNameForWrite(std::string_view name, std::string_view region,
                            std::string_view account_id) {
  if (name.empty()) {
    return Status(Code::kInvalidArgument, "Parameter name: can't be empty.");
  }
  PS_RETURN_IF_ERROR(ValidateNameForRead(name));
  bool hierarchical = name.find('/') != std::string_view::npos;
  if (hierarchical && name.front() != '/') {
    return Status(Code::kInvalidArgument,
                  "Parameter name: a name in a hierarchy must be fully qualified, beginning "
                  "with a forward slash (/).");
  }
  if (name.find("//") != std::string_view::npos || (name.size() > 1 && name.back() == '/') ||
      name == "/") {
    return Status(Code::kInvalidArgument,
                  "Parameter name: hierarchy levels can't be empty: no '//' and no trailing '/'.");
  }
  std::string_view first = name.front() == '/' ? name.substr(1) : name;
  first = first.substr(0, first.find('/'));
  if (StartsWithReserved(first)) {
    std::size_t levels = std::count(name.begin(), name.end(), '/');
    if (levels <= 1) {
      return Status(Code::kInvalidArgument,
                    "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive).");
    }
    // In a hierarchy AWS answers differently for the two prefixes: /aws... is a
    // reserved (access-denied) name, /ssm... an invalid one.
    if (std::tolower(static_cast<unsigned char>(first[0])) == 'a') {
      return Status(Code::kInvalidArgument, Detail::kReservedName,
                    "No access to reserved parameter name: " + std::string(name) + ".");
    }
    return Status(Code::kInvalidArgument,
                  "Parameter name: can't be prefixed with \"ssm\" (case-insensitive). If formed "
                  "as a path, it can consist of sub-paths divided by slash symbol; each sub-path "
                  "can be formed as a mix of letters, numbers and the following 3 symbols .-_");
  }
  long levels = std::count(name.begin(), name.end(), '/');
  if (levels == 0) levels = 1;
  if (levels > kMaxHierarchyLevels) {
    return Status(Code::kInvalidArgument, Detail::kHierarchyTooDeep,
                  "A hierarchy can have a maximum of 15 levels. To resolve this error, remove "
                  "one or more levels from the parameter name and try again.");
  }
  if (core::ParameterArn(region, account_id, name).size() > kMaxQualifiedNameChars) {
    return Status(Code::kInvalidArgument,
                  "Parameter name: the fully qualified name (with the ARN prefix) can be at most "
                  "1011 characters.");
  }
  return Status::Ok();
}

core::Result<Selector> ParseSelector(std::string_view full) {
  Selector s;
  auto colon = full.find(':');
  if (colon == std::string_view::npos) {
    s.name = std::string(full);
    return s;
  }
  std::string_view sel = full.substr(colon + 1);
  if (sel.empty() || sel.find(':') != std::string_view::npos) {
    return Status(Code::kInvalidArgument,
                  "Invalid parameter name. Please use correct syntax for referencing a "
                  "version/label  <name>:<version/label>");
  }
  s.name = std::string(full.substr(0, colon));
  s.text = ":" + std::string(sel);
  if (std::all_of(sel.begin(), sel.end(), [](unsigned char c) { return std::isdigit(c); })) {
    if (sel.size() > 18) {
      return Status(Code::kInvalidArgument, "Parameter version is out of range.");
    }
    s.version = std::stoll(std::string(sel));
  } else {
    s.label = std::string(sel);
  }
  return s;
}

core::Result<Selector> ParseNameOrArn(std::string_view full, std::string_view region,
                                      std::string_view account_id) {
  constexpr std::string_view kArn = "arn:";
  if (full.substr(0, kArn.size()) != kArn) return ParseSelector(full);
  // arn:<partition>:ssm:<region>:<account>:parameter/<name>[:<selector>]
  std::string_view rest = full;
  std::string_view fields[5];
  for (std::string_view& f : fields) {
    auto colon = rest.find(':');
    if (colon == std::string_view::npos) {
      return Status(Code::kInvalidArgument, "Parameter ARN is not valid: " + std::string(full));
    }
    f = rest.substr(0, colon);
    rest.remove_prefix(colon + 1);
  }
  constexpr std::string_view kResource = "parameter/";
  if (fields[1].empty() || fields[2] != "ssm" || rest.substr(0, kResource.size()) != kResource ||
      rest.size() == kResource.size()) {
    return Status(Code::kInvalidArgument, "Parameter ARN is not valid: " + std::string(full));
  }
  rest.remove_prefix(kResource.size());
  auto colon = rest.find(':');
  std::string_view name_part = rest.substr(0, colon);
  // The ARN drops a hierarchical name's leading slash.
  std::string name = name_part.find('/') == std::string_view::npos ? std::string(name_part)
                                                                     : "/" + std::string(name_part);
  if (fields[3] != region || fields[4] != account_id) {
    return Status(Code::kNotFound, "Parameter " + std::string(full) + " not found.");
  }
  std::string with_selector = name;
  if (colon != std::string_view::npos) with_selector += rest.substr(colon);
  return ParseSelector(with_selector);
}

}  // namespace paramsafe::adapters::ssm
