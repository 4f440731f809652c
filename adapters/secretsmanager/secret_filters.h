// The Filters member of ListSecrets and BatchGetSecretValue: up to 10
// {Key, Values} filters, Key from the model's enum, 1-10 Values of at most 512
// characters matching kFilterValuePattern; a leading '!' negates a value.
// Model violations are ValidationException; a filter without Key or Values, an
// empty Values list or a value that is only "!" is InvalidParameterException.
#ifndef PARAMSAFE_ADAPTERS_SECRETSMANAGER_SECRET_FILTERS_H_
#define PARAMSAFE_ADAPTERS_SECRETSMANAGER_SECRET_FILTERS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/aws_error.h"
#include "common/list_reader.h"
#include "core/secret_repository.h"

namespace paramsafe::adapters::secretsmanager {

// FilterValueStringType's pattern, as messages quote it.
inline constexpr char kFilterValuePattern[] = "^\\!?[a-zA-Z0-9 :_@\\/\\+\\=\\.\\-\\!]*$";

struct SecretFilters {
  std::vector<core::SecretFilter> filters;
  // InvalidParameterException, to answer once the model's violations are out
  // of the way.
  std::optional<AwsError> invalid;
};

// Reads `member`; nullopt when absent or of the wrong JSON type. Use:
//   auto filters = ReadSecretFilters(lists, "Filters");
//   if (auto e = lists.Error()) return *e;
//   if (filters && filters->invalid) return *filters->invalid;
std::optional<SecretFilters> ReadSecretFilters(ListReader& lists, std::string_view member);

// Canonical text of filters, for a NextToken's fingerprint: equal for equal
// filters, different for different ones.
std::string FiltersFingerprint(const std::vector<core::SecretFilter>& filters);

}  // namespace paramsafe::adapters::secretsmanager

#endif  // PARAMSAFE_ADAPTERS_SECRETSMANAGER_SECRET_FILTERS_H_
