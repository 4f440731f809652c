// The bounds of a prefix as one index range over a COLLATE "C" column.
// Pure functions; thread-safe.
#ifndef PARAMSAFE_STORE_PG_PARAMETER_LISTING_BOUNDS_H_
#define PARAMSAFE_STORE_PG_PARAMETER_LISTING_BOUNDS_H_

#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace paramsafe::store {

// The least string above every string that starts with prefix, in the byte
// order of a COLLATE "C" column: so `name >= prefix AND name < bound` is
// exactly "name starts with prefix", as one index range. nullopt when no such
// string exists (prefix empty or only U+10FFFF): then `name >= prefix` alone
// is exact. kInvalidArgument when prefix is not valid UTF-8.
core::Result<std::optional<std::string>> PrefixUpperBound(std::string_view prefix);

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_PG_PARAMETER_LISTING_BOUNDS_H_
