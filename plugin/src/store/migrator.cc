#include "store/migrator.h"

#include <map>

#include "store/transaction.h"

namespace paramsafe::store {

using core::Code;
using core::Result;
using core::Status;

namespace {

// Any fixed number works; this one spells "paramsaf" in ASCII.
constexpr const char* kLockKey = "8097302233958342246";

constexpr Statement kLock{"migr_lock", "SELECT pg_advisory_lock($1::bigint)"};
constexpr Statement kUnlock{"migr_unlock", "SELECT pg_advisory_unlock($1::bigint)"};
constexpr Statement kApplied{
    "migr_applied", "SELECT version, name, checksum FROM paramsafe.schema_migrations ORDER BY version"};
constexpr Statement kRecord{
    "migr_record",
    "INSERT INTO paramsafe.schema_migrations (version, name, checksum) VALUES ($1, $2, $3)"};

constexpr const char* kBootstrap =
    "CREATE SCHEMA IF NOT EXISTS paramsafe; "
    "CREATE TABLE IF NOT EXISTS paramsafe.schema_migrations ("
    " version integer PRIMARY KEY,"
    " name text NOT NULL,"
    " checksum text NOT NULL,"
    " applied_at timestamptz NOT NULL DEFAULT now())";

// Holds the session advisory lock for its lifetime.
class AdvisoryLock {
 public:
  explicit AdvisoryLock(PgConnection& conn) : conn_(conn) {}
  Status Lock() {
    auto r = conn_.Run(kLock, Params().Text(kLockKey));
    locked_ = r.ok();
    return r.ok() ? Status::Ok() : r.status();
  }
  ~AdvisoryLock() {
    if (locked_) (void)conn_.Run(kUnlock, Params().Text(kLockKey));
  }

 private:
  PgConnection& conn_;
  bool locked_ = false;
};

Status CheckApplied(const PgResult& applied, std::span<const Migration> known) {
  std::map<int, const Migration*> by_version;
  for (const auto& m : known) by_version[m.version] = &m;
  int newest_known = known.empty() ? 0 : known.back().version;
  for (int i = 0; i < applied.rows(); ++i) {
    int version = static_cast<int>(applied.Int(i, 0));
    std::string name = applied.String(i, 1);
    if (version > newest_known) {
      return Status(Code::kInvalidArgument,
                    "database schema is newer than this binary: migration " + name +
                        " is applied, but this paramsafe knows migrations up to version " +
                        std::to_string(newest_known) + "; run a newer paramsafe");
    }
    auto it = by_version.find(version);
    if (it == by_version.end()) {
      return Status(Code::kInvalidArgument, "database has migration " + name +
                                                " applied, which this binary does not know");
    }
    if (applied.Text(i, 2) != it->second->checksum) {
      return Status(Code::kInvalidArgument,
                    "migration " + std::string(it->second->name) +
                        " was edited after it was applied (checksum in database " +
                        applied.String(i, 2) + ", in binary " + it->second->checksum +
                        "); migrations are forward-only: restore the file and add a new one");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<MigrationReport> Migrate(PgConnection& conn, std::span<const Migration> migrations) {
  AdvisoryLock lock(conn);
  PS_RETURN_IF_ERROR(lock.Lock());
  {
    auto boot = conn.Exec(kBootstrap);
    if (!boot.ok()) return boot.status();
  }
  auto applied = conn.Run(kApplied);
  if (!applied.ok()) return applied.status();
  PS_RETURN_IF_ERROR(CheckApplied(*applied, migrations));

  int current = applied->rows() == 0 ? 0 : static_cast<int>(applied->Int(applied->rows() - 1, 0));
  MigrationReport report;
  for (const auto& m : migrations) {
    if (m.version <= current) continue;
    PS_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(conn));
    auto run = conn.Exec(m.sql);
    if (!run.ok()) {
      return Status(Code::kInternal,
                    "migration " + std::string(m.name) + " failed: " + run.status().reason());
    }
    auto rec = tx.Run(kRecord, Params().Int(m.version).Text(m.name).Text(m.checksum));
    if (!rec.ok()) return rec.status();
    PS_RETURN_IF_ERROR(tx.Commit());
    report.applied.emplace_back(m.name);
    current = m.version;
  }
  report.schema_version = current;
  return report;
}

}  // namespace paramsafe::store
