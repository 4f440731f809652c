// Request timestamps as SigV4 uses them: ISO-8601 basic format
// ("20150830T123600Z", always UTC) in X-Amz-Date, and the HTTP Date header as
// a fallback. Pure functions; thread-safe.
#ifndef PARAMSAFE_AUTH_AMZ_DATE_H_
#define PARAMSAFE_AUTH_AMZ_DATE_H_

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace paramsafe::auth {

// Parses "YYYYMMDD'T'HHMMSS'Z'" exactly (16 characters, a real calendar date,
// 00-23 hours, 00-59 minutes and seconds). nullopt otherwise.
std::optional<core::TimePoint> ParseAmzDate(std::string_view text);

// Parses a Date header: the ISO-8601 basic form above, or the HTTP
// IMF-fixdate form "Sun, 06 Nov 1994 08:49:37 GMT". nullopt otherwise.
std::optional<core::TimePoint> ParseHttpDate(std::string_view text);

// Formats t (truncated to whole seconds) as "YYYYMMDD'T'HHMMSS'Z'".
std::string FormatAmzDate(core::TimePoint t);

}  // namespace paramsafe::auth

#endif  // PARAMSAFE_AUTH_AMZ_DATE_H_
