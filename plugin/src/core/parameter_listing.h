// ParameterListing: the paged reads of parameters (DescribeParameters,
// GetParametersByPath, GetParameterHistory), implemented by store/. Thread-safe.
//
// Pages are keyset pages: a page resumes strictly after the last name (or
// version) the previous page examined, so pages of an unchanged set never skip
// or repeat an item, whatever is inserted or deleted elsewhere meanwhile. A page
// examines at most scan_limit candidates, so its cost grows with the page and
// never with the store; it may hold fewer than page_size items (even none) and
// still have a successor, as AWS's "best effort" pages do.
#ifndef PARAMSAFE_CORE_PARAMETER_LISTING_H_
#define PARAMSAFE_CORE_PARAMETER_LISTING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/item_key.h"
#include "core/parameter.h"
#include "core/status.h"

namespace paramsafe::core {

// One test on the latest version (or on the labelled one, see labels). Terms of
// the same field are ORed, terms of different fields ANDed.
struct FilterTerm {
  // "Name" (compared with the lookup name), "Type", "KeyId" (the reported key
  // reference), "Tier", "DataType", or "tag:<key>".
  std::string field;
  // "Equals", "BeginsWith", "Contains" (Name only), or "Exists" (tag fields:
  // the tag is present, value ignored).
  std::string option;
  std::string value;
};

struct ParameterQuery {
  std::string account_id;
  std::string region;
  // Resume strictly after this lookup name; "" starts at the beginning.
  std::string after;
  // Only lookup names starting with prefix (a recursive path "/a/", or a name
  // prefix); absent: no bound.
  std::optional<std::string> prefix;
  // Only items whose hierarchy level (items.parent_path) is exactly this
  // ("/a" for the one-level listing of /a); absent: any level.
  std::optional<std::string> parent;
  std::vector<FilterTerm> terms;
  // When not empty: per parameter, the version carrying one of these labels
  // (the highest such version); parameters without any are left out.
  std::vector<std::string> labels;
  int page_size = 10;
  int scan_limit = 100;
};

struct ParameterPage {
  // In lookup-name order. Each carries policy_statuses; labels stay empty.
  std::vector<ParameterVersion> parameters;
  // Where the next page starts (ParameterQuery::after); absent on the last page.
  std::optional<std::string> resume_after;
};

struct HistoryPage {
  // Oldest first. Each carries its labels and policy_statuses.
  std::vector<ParameterVersion> versions;
  std::optional<std::int64_t> resume_after;
};

class ParameterListing {
 public:
  virtual ~ParameterListing() = default;

  virtual Result<ParameterPage> List(const ParameterQuery& query) = 0;

  // Retained versions with number > after_version, at most limit of them;
  // kNotFound when the parameter does not exist.
  virtual Result<HistoryPage> History(const ItemKey& key, std::int64_t after_version,
                                      int limit) = 0;
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_PARAMETER_LISTING_H_
