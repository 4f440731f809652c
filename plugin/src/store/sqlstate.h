// The one translation point from PostgreSQL errors to core::Status.
#ifndef PARAMSAFE_STORE_SQLSTATE_H_
#define PARAMSAFE_STORE_SQLSTATE_H_

#include <libpq-fe.h>

#include <string_view>

#include "core/status.h"

namespace paramsafe::store {

// Maps a failed result (SQLSTATE and constraint name) to a Status. `what` names
// the operation for the reason text. Never includes parameter values.
core::Status StatusFromResult(const PGresult* result, PGconn* conn, std::string_view what);

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_SQLSTATE_H_
