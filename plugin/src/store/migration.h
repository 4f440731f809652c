// Migration: one file of migrations/, compiled into the binary at build time
// (see migrations_data.cc.in), so the plugin migrates without finding files.
#ifndef PARAMSAFE_STORE_MIGRATION_H_
#define PARAMSAFE_STORE_MIGRATION_H_

#include <span>

namespace paramsafe::store {

struct Migration {
  int version;           // NNNN from the file name
  const char* name;      // the file name, e.g. "0001_create_core.sql"
  const char* checksum;  // SHA-256 of the file, lowercase hex
  const char* sql;
};

// The migrations this binary knows, in version order.
std::span<const Migration> BuiltinMigrations();

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_MIGRATION_H_
