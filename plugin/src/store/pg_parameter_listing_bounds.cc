#include "store/pg_parameter_listing_bounds.h"

#include "core/utf8.h"

namespace paramsafe::store {

using core::AppendUtf8;
using core::DecodeUtf8;
using core::kMaxCodePoint;
using core::kSurrogateFirst;
using core::kSurrogateLast;

core::Result<std::optional<std::string>> PrefixUpperBound(std::string_view prefix) {
  std::u32string cps;
  if (!DecodeUtf8(prefix, &cps)) {
    return core::Status(core::Code::kInvalidArgument, "a listing prefix must be valid UTF-8");
  }
  // UTF-8 byte order is code point order, so raising the last code point that
  // can be raised bounds the range. Raising the last byte instead would be the
  // same bound in bytes, but often not valid UTF-8, which PostgreSQL refuses.
  while (!cps.empty() && cps.back() == kMaxCodePoint) cps.pop_back();
  if (cps.empty()) return std::optional<std::string>();
  char32_t& last = cps.back();
  last = last + 1 == kSurrogateFirst ? kSurrogateLast + 1 : last + 1;
  std::string bound;
  for (char32_t cp : cps) AppendUtf8(cp, &bound);
  return std::optional<std::string>(std::move(bound));
}

}  // namespace paramsafe::store
