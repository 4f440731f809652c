// The filters of Parameter Store's listings, turned into a core::ParameterQuery:
// the ParameterFilters (ParameterStringFilter) of DescribeParameters and
// GetParametersByPath, the legacy Filters (ParametersFilter) of
// DescribeParameters, and GetParametersByPath's Path.
//
// Reading happens in two steps, as AWS reports errors: first the JSON shape and
// the model's constraints (lengths, patterns, list sizes), collected with the
// request's other violations into one ValidationException; then each
// operation's rules (allowed keys, options and values), which answer
// InvalidFilterKey / InvalidFilterOption / InvalidFilterValue or a
// ValidationException with AWS's texts. Pure functions.
#ifndef PARAMSAFE_ADAPTERS_SSM_PARAMETER_FILTERS_H_
#define PARAMSAFE_ADAPTERS_SSM_PARAMETER_FILTERS_H_

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/aws_error.h"
#include "common/call_context.h"
#include "common/request_reader.h"
#include "core/parameter_listing.h"

namespace paramsafe::adapters::ssm {

template <typename T>
using Parsed = std::variant<T, AwsError>;

// One filter as the request spelled it; absent members stay absent.
struct RequestFilter {
  std::string key;
  std::optional<std::string> option;
  std::optional<std::vector<std::string>> values;
};

// What a request's filters (and path) select, as parts of a ParameterQuery.
struct QueryScope {
  std::vector<core::FilterTerm> terms;
  std::vector<std::string> labels;
  std::optional<std::string> prefix;
  std::optional<std::string> parent;
  // The filters in one canonical text (defaults applied, values sorted), so two
  // requests selecting the same listing have the same NextToken fingerprint.
  std::string canonical;
};

// Reads the ParameterStringFilter list in `member` ("ParameterFilters"); an
// absent or null member is an empty list. Constraint violations are added to
// reader; a member of the wrong JSON type is returned (SerializationException).
Parsed<std::vector<RequestFilter>> ReadParameterFilters(RequestReader& reader,
                                                        const boost::json::object& request);

// Reads DescribeParameters' legacy "Filters" (Key Name|Type|KeyId, Values
// required) as ReadParameterFilters does, with the option each legacy key
// implies (Name: BeginsWith; Type, KeyId: Equals).
Parsed<std::vector<RequestFilter>> ReadLegacyFilters(RequestReader& reader,
                                                     const boost::json::object& request);

// DescribeParameters' rules: keys Name, Path, Type, KeyId, Tier, DataType and
// tag:<key> (without Values: the tag must exist).
Parsed<QueryScope> DescribeScope(const std::vector<RequestFilter>& filters);

// GetParametersByPath's rules: the Path (one level below it, or everything
// below it when recursive; "/" is the root) and the keys Type, KeyId and Label.
Parsed<QueryScope> ByPathScope(std::string_view path, bool recursive,
                               const std::vector<RequestFilter>& filters);

// How many candidates one page may examine: enough that sparse filters still
// fill pages, few enough that a page costs a bounded amount of work.
int ScanLimit(int page_size);

// The query of one page: scope, caller's account and region, page size and
// scan limit; `after` left empty for the caller's NextToken.
core::ParameterQuery MakeQuery(const QueryScope& scope, const CallContext& ctx, int page_size);

// MakeQuery, resuming where the caller's NextToken says (absent or "": the
// first page). The token is bound to the operation and the scope, not to the
// page size (clients may change it between pages): InvalidNextToken otherwise.
Parsed<core::ParameterQuery> PageQuery(const QueryScope& scope, const CallContext& ctx,
                                       int page_size, std::string_view operation,
                                       const std::optional<std::string>& next_token);

}  // namespace paramsafe::adapters::ssm

#endif  // PARAMSAFE_ADAPTERS_SSM_PARAMETER_FILTERS_H_
