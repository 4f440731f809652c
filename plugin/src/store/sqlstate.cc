#include "store/sqlstate.h"

#include <string>

namespace paramsafe::store {

using core::Code;
using core::Status;

Status StatusFromResult(const PGresult* result, PGconn* conn, std::string_view what) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const char* constraint = result ? PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME) : nullptr;
  // The primary message of PostgreSQL errors names objects, never our parameter
  // values (those travel out of band as $n), so it is safe to keep.
  const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string detail = std::string(what) + ": " +
                       (primary ? primary : (conn ? PQerrorMessage(conn) : "no result"));
  while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();

  if (!state) {
    // No SQLSTATE: the connection itself failed.
    return Status(Code::kUnavailable, detail);
  }
  std::string_view s(state);
  std::string_view c(constraint ? constraint : "");
  if (s == "23505") {  // unique_violation
    return Status(Code::kAlreadyExists, detail + (c.empty() ? "" : " (" + std::string(c) + ")"));
  }
  // Parameter Store rules the migrations enforce with triggers; the writers
  // check them first and give AWS's texts, these are the backstops.
  if (s == "23514" && c == "parameter_label_limit") {
    return Status(Code::kLimitExceeded, core::Detail::kLabelLimit,
                  "A parameter version can have maximum 10 labels.Move one or more labels to "
                  "another version and try again.");
  }
  if (s == "23514" && c == "parameter_version_window") {
    return Status(Code::kLimitExceeded, core::Detail::kOldestVersionLabelled, detail);
  }
  // Secrets Manager's staging-label rules (migration 0003); the core checks
  // them first, these are the backstops.
  if (s == "23514" && c == "secret_label_limit") {
    return Status(Code::kLimitExceeded, core::Detail::kLabelLimit,
                  "A secret can have at most 20 staging labels attached to its versions. Remove "
                  "one or more labels and try again.");
  }
  if (s == "23514" && c == "secret_current_version") {
    // A writer that leaves no AWSCURRENT is a bug, not bad input: the
    // database refused it at COMMIT and nothing was written.
    return Status(Code::kInternal,
                  detail +
                      ": the change would leave the secret without an AWSCURRENT version, "
                      "so nothing was written");
  }
  if (s == "23503" || s == "23514" || s == "23000" || s == "23502") {
    // foreign key, check (parameter_label_syntax too), integrity (immutable
    // versions), not null
    return Status(Code::kInvalidArgument, detail);
  }
  if (s == "40001" || s == "40P01" || s == "55P03") {  // serialization, deadlock, lock
    return Status(Code::kConflict, detail);
  }
  if (s.substr(0, 2) == "08" || s == "57P01" || s == "57P02" || s == "57P03" ||
      s == "53300") {  // connection exceptions, shutdown, too many connections
    return Status(Code::kUnavailable, detail);
  }
  return Status(Code::kInternal, detail + " [SQLSTATE " + std::string(s) + "]");
}

}  // namespace paramsafe::store
