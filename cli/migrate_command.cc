// paramsafe migrate: apply pending migrations and report the schema version.
#include <iostream>

#include "cli/commands.h"
#include "cli/environment.h"
#include "store/migrator.h"
#include "store/pg_connection.h"

namespace paramsafe::cli {

int RunMigrate(const Args& args) {
  if (!args.empty()) return ReportUsage("migrate takes no arguments");
  auto config = ConfigFromEnvironment();
  if (!config.ok()) return ReportError("Migrate", config.status());
  auto conn = store::PgConnection::Open(config->database_url);
  if (!conn.ok()) return ReportError("Migrate", conn.status());
  auto report = store::Migrate(**conn);
  if (!report.ok()) return ReportError("Migrate", report.status());
  for (const auto& name : report->applied) std::cout << "applied " << name << "\n";
  std::cout << "schema version " << report->schema_version << "\n";
  return 0;
}

}  // namespace paramsafe::cli
