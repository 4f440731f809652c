#include "scratch_database.h"

#include <cstdio>
#include <cstdlib>
#include <random>

namespace paramsafe::integration {

namespace {

// Lowercase letters and digits only, so the name needs no quoting in SQL.
std::string RandomDatabaseName() {
  std::random_device rd;
  std::uniform_int_distribution<int> nibble(0, 15);
  std::string name = "ps_it_";
  for (int i = 0; i < 20; ++i) name.push_back("0123456789abcdef"[nibble(rd)]);
  return name;
}

}  // namespace

std::unique_ptr<ScratchDatabase> ScratchDatabase::Create(std::string* error) {
  const char* admin_url = std::getenv(kAdminUrlVariable);
  if (admin_url == nullptr || *admin_url == '\0') {
    *error = std::string(kAdminUrlVariable) +
             " is not set. The integration tests need a throw-away PostgreSQL cluster and a "
             "superuser libpq URL to its `postgres` database, e.g.: source scripts/lib/pg.sh; "
             "d=$(mktemp -d); chmod 711 $d; pg_start $d; export " +
             kAdminUrlVariable + "=$(pg_url $d postgres)";
    return nullptr;
  }
  std::string connect_error;
  auto admin = SqlClient::Connect(admin_url, &connect_error);
  if (!admin) {
    *error = std::string("cannot connect to ") + kAdminUrlVariable + ": " + connect_error;
    return nullptr;
  }
  std::string name = RandomDatabaseName();
  auto url = WithDatabase(admin_url, name, error);
  if (!url) return nullptr;
  SqlResult created = admin->Exec("CREATE DATABASE " + name);
  if (!created.ok) {
    *error = "CREATE DATABASE " + name + " failed: " + created.error;
    return nullptr;
  }
  return std::unique_ptr<ScratchDatabase>(
      new ScratchDatabase(std::move(admin), std::move(name), std::move(*url)));
}

ScratchDatabase::~ScratchDatabase() {
  SqlResult dropped = admin_->Exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  if (!dropped.ok) {
    std::fprintf(stderr, "warning: could not drop scratch database %s: %s\n", name_.c_str(),
                 dropped.error.c_str());
  }
}

std::unique_ptr<SqlClient> ScratchDatabase::Connect(std::string* error) const {
  return SqlClient::Connect(url_, error);
}

}  // namespace paramsafe::integration
