#include "core/parameter_listing_service.h"

#include <algorithm>
#include <utility>

namespace paramsafe::core {

namespace {

// A page that may examine fewer candidates than it may return would end every
// page early for no gain; the scan bound is never below the page size.
Result<ParameterQuery> Bounded(const ParameterQuery& query) {
  if (query.page_size < 1) {
    return Status(Code::kInvalidArgument, "A listing page holds at least one item.");
  }
  ParameterQuery q = query;
  q.scan_limit = std::max(q.scan_limit, q.page_size);
  return q;
}

}  // namespace

ParameterListingService::ParameterListingService(ParameterListing& listing, Keyring& keyring)
    : listing_(listing), keyring_(keyring) {}

Result<std::vector<ParameterValue>> ParameterListingService::OpenAll(
    std::vector<ParameterVersion> versions, bool with_decryption) {
  std::vector<ParameterValue> out;
  out.reserve(versions.size());
  for (ParameterVersion& v : versions) {
    PS_ASSIGN_OR_RETURN(ParameterValue opened,
                        OpenParameterValue(keyring_, std::move(v), with_decryption));
    out.push_back(std::move(opened));
  }
  return out;
}

Result<ParameterPage> ParameterListingService::Describe(const ParameterQuery& query) {
  PS_ASSIGN_OR_RETURN(ParameterQuery q, Bounded(query));
  return listing_.List(q);
}

Result<ParameterValuePage> ParameterListingService::ByPath(const ParameterQuery& query,
                                                           bool with_decryption) {
  PS_ASSIGN_OR_RETURN(ParameterQuery q, Bounded(query));
  PS_ASSIGN_OR_RETURN(ParameterPage page, listing_.List(q));
  ParameterValuePage out;
  // A value that cannot be opened fails the page, as it fails GetParameter:
  // leaving the parameter out would make the listing silently incomplete.
  PS_ASSIGN_OR_RETURN(out.parameters, OpenAll(std::move(page.parameters), with_decryption));
  out.resume_after = std::move(page.resume_after);
  return out;
}

Result<ParameterHistoryPage> ParameterListingService::History(const ItemKey& key,
                                                              std::int64_t after_version,
                                                              int limit, bool with_decryption) {
  if (limit < 1) return Status(Code::kInvalidArgument, "A history page holds at least one item.");
  PS_ASSIGN_OR_RETURN(HistoryPage page, listing_.History(key, after_version, limit));
  ParameterHistoryPage out;
  PS_ASSIGN_OR_RETURN(out.versions, OpenAll(std::move(page.versions), with_decryption));
  out.resume_after = page.resume_after;
  return out;
}

}  // namespace paramsafe::core
