// ParameterListingService: the paged reads of Parameter Store
// (DescribeParameters, GetParametersByPath, GetParameterHistory) over a
// ParameterListing, opening values through the Keyring as GetParameter does.
// Thread-safe; the listing and keyring must outlive it.
#ifndef PARAMSAFE_CORE_PARAMETER_LISTING_SERVICE_H_
#define PARAMSAFE_CORE_PARAMETER_LISTING_SERVICE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/keys.h"
#include "core/parameter_listing.h"
#include "core/parameter_service.h"
#include "core/status.h"

namespace paramsafe::core {

struct ParameterValuePage {
  std::vector<ParameterValue> parameters;
  std::optional<std::string> resume_after;
};

struct ParameterHistoryPage {
  std::vector<ParameterValue> versions;  // oldest first
  std::optional<std::int64_t> resume_after;
};

class ParameterListingService {
 public:
  ParameterListingService(ParameterListing& listing, Keyring& keyring);

  // DescribeParameters: metadata only; no value is opened. kInvalidArgument
  // when query.page_size < 1; a scan_limit below page_size is raised to it.
  Result<ParameterPage> Describe(const ParameterQuery& query);

  // GetParametersByPath: each value opened as GetParameter opens it; a value
  // that cannot be opened fails the page (its Status is returned).
  Result<ParameterValuePage> ByPath(const ParameterQuery& query, bool with_decryption);

  // GetParameterHistory: retained versions after after_version, oldest first,
  // at most limit (>= 1) of them; kNotFound when the parameter does not exist.
  Result<ParameterHistoryPage> History(const ItemKey& key, std::int64_t after_version, int limit,
                                       bool with_decryption);

 private:
  Result<std::vector<ParameterValue>> OpenAll(std::vector<ParameterVersion> versions,
                                              bool with_decryption);

  ParameterListing& listing_;
  Keyring& keyring_;
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_PARAMETER_LISTING_SERVICE_H_
