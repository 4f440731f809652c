#include "core/parameter_label_service.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace paramsafe::core {

namespace {

constexpr std::size_t kMaxLabelChars = 100;

bool IsLabelChar(unsigned char c) { return std::isalnum(c) || c == '.' || c == '-' || c == '_'; }

bool StartsWithReservedPrefix(std::string_view label) {
  if (label.size() < 3) return false;
  std::string head(label.substr(0, 3));
  std::transform(head.begin(), head.end(), head.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return head == "aws" || head == "ssm";
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// One message for the limit whichever repository reports it, in the words AWS
// clients have seen.
Status LabelLimit() {
  return Status(Code::kLimitExceeded, Detail::kLabelLimit,
                "A parameter version can have maximum 10 labels.Move one or more labels to "
                "another version and try again.");
}

}  // namespace

// Only ASCII counts as a letter or digit: AWS documents the label alphabet as
// letters, numbers, '.', '-' and '_', and a non-ASCII label is safer reported
// in InvalidLabels than attached under rules AWS may not share.
bool IsValidParameterLabel(std::string_view label) {
  if (label.empty() || label.size() > kMaxLabelChars) return false;
  if (!std::all_of(label.begin(), label.end(), IsLabelChar)) return false;
  if (std::isdigit(static_cast<unsigned char>(label.front()))) return false;
  return !StartsWithReservedPrefix(label);
}

ParameterLabelService::ParameterLabelService(LabelRepository& labels) : labels_(labels) {}

Result<LabelOutcome> ParameterLabelService::Label(const ItemKey& key,
                                                  std::optional<std::int64_t> version,
                                                  const std::vector<std::string>& labels) {
  LabelOutcome out;
  std::vector<std::string> valid;
  for (const std::string& label : labels) {
    if (!IsValidParameterLabel(label)) {
      out.invalid_labels.push_back(label);
    } else if (!Contains(valid, label)) {
      // A label named twice is attached once and counts once toward the limit.
      valid.push_back(label);
    }
  }
  // Called even when nothing is valid: the answer still names the version, and
  // a missing parameter or version is still an error.
  Result<std::int64_t> labelled = labels_.Attach(key, version, valid);
  if (!labelled.ok()) {
    if (labelled.status().code() == Code::kLimitExceeded) return LabelLimit();
    return labelled.status();
  }
  out.version = *labelled;
  return out;
}

Result<UnlabelOutcome> ParameterLabelService::Unlabel(const ItemKey& key, std::int64_t version,
                                                      const std::vector<std::string>& labels) {
  std::vector<std::string> distinct;
  for (const std::string& label : labels) {
    if (!Contains(distinct, label)) distinct.push_back(label);
  }
  PS_ASSIGN_OR_RETURN(std::vector<std::string> detached, labels_.Detach(key, version, distinct));
  const std::set<std::string> removed(detached.begin(), detached.end());
  // Both lists in request order, whatever order the repository answered in.
  UnlabelOutcome out;
  for (const std::string& label : distinct) {
    (removed.count(label) != 0 ? out.removed : out.invalid).push_back(label);
  }
  return out;
}

}  // namespace paramsafe::core
