// ISO 8601 instants on the command line, with any UTC offset, and the
// CloudTrail form of a time. Pure functions; thread-safe.
#ifndef PARAMSAFE_CLI_ISO_TIME_H_
#define PARAMSAFE_CLI_ISO_TIME_H_

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace paramsafe::cli {

// YYYY-MM-DD (midnight UTC), or YYYY-MM-DDTHH:MM[:SS[.fraction]] followed by
// Z or an offset (+HH:MM, -HH:MM, +HHMM). A time without Z or an offset is
// refused rather than guessed: it would name a different instant in every
// time zone. nullopt when `s` is not one of these forms or not a real date.
std::optional<core::TimePoint> ParseIsoInstant(std::string_view s);

// CloudTrail's eventTime form: YYYY-MM-DDTHH:MM:SSZ (whole seconds, UTC).
std::string CloudTrailTime(core::TimePoint t);

}  // namespace paramsafe::cli

#endif  // PARAMSAFE_CLI_ISO_TIME_H_
