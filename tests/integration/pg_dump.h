// Runs pg_dump (data and schema) of a database and captures its output, so a
// test can search the whole dump for bytes that must never be stored.
#ifndef PARAMSAFE_TESTS_INTEGRATION_PG_DUMP_H_
#define PARAMSAFE_TESTS_INTEGRATION_PG_DUMP_H_

#include <string>

namespace paramsafe::integration {

struct Dump {
  bool ok = false;
  std::string error;  // why it failed (no dump content)
  std::string text;   // the plain-format dump
};

// pg_dump --dbname=<conninfo> (plain format, data and schema). The binary is
// the one CMake found (PARAMSAFE_PG_DUMP), else `pg_dump` from PATH.
Dump PgDump(const std::string& conninfo);

}  // namespace paramsafe::integration

#endif  // PARAMSAFE_TESTS_INTEGRATION_PG_DUMP_H_
