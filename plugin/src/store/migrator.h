// Migrator: brings a database's paramsafe schema up to this binary's migrations.
#ifndef PARAMSAFE_STORE_MIGRATOR_H_
#define PARAMSAFE_STORE_MIGRATOR_H_

#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/migration.h"
#include "store/pg_connection.h"

namespace paramsafe::store {

struct MigrationReport {
  std::vector<std::string> applied;  // names applied by this call
  int schema_version = 0;            // the version the database is at afterwards
};

// Applies the pending migrations in order, each in its own transaction, under a
// session advisory lock so concurrent starters serialize. Refuses (kInvalidArgument
// with a clear reason) a database whose applied migration was edited after it was
// applied, or that is newer than `migrations`.
// REQUIRES: conn is not inside a transaction.
core::Result<MigrationReport> Migrate(PgConnection& conn,
                                      std::span<const Migration> migrations = BuiltinMigrations());

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_MIGRATOR_H_
