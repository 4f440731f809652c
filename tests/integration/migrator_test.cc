// store::Migrate against a real, empty PostgreSQL database.
#include "store/migrator.h"

#include <fstream>
#include <sstream>
#include <thread>

#include "crypto/hash.h"
#include "fixtures.h"
#include "store/pg_connection.h"

namespace paramsafe::integration {
namespace {

using store::BuiltinMigrations;
using store::Migrate;
using store::Migration;
using store::MigrationReport;

class MigratorTest : public ScratchDatabaseTest {
 protected:
  std::unique_ptr<store::PgConnection> Connect() {
    auto conn = store::PgConnection::Open(db().url());
    EXPECT_TRUE(conn.ok()) << conn.status().ToString();
    return conn.ok() ? std::move(conn).value() : nullptr;
  }
  core::Result<MigrationReport> MigrateOnce(
      std::span<const Migration> migrations = BuiltinMigrations()) {
    auto conn = Connect();
    if (!conn) return core::Status(core::Code::kUnavailable, "no connection");
    return Migrate(*conn, migrations);
  }
  std::string Count(const std::string& table) { return SqlScalar("SELECT count(*) FROM " + table); }
};

std::string ReadSourceFile(const std::string& relative) {
  std::ifstream in(std::string(PARAMSAFE_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(MigrationsData, BuiltinChecksumIsSha256OfTheFile) {
  ASSERT_FALSE(BuiltinMigrations().empty());
  const Migration& first = BuiltinMigrations().front();
  EXPECT_STREQ(first.name, "0001_create_core.sql");
  EXPECT_EQ(first.checksum, crypto::Sha256Hex(ReadSourceFile("migrations/0001_create_core.sql")));
}

// Every built-in migration's name, in order.
std::vector<std::string> BuiltinNames() {
  std::vector<std::string> names;
  for (const Migration& m : BuiltinMigrations()) names.emplace_back(m.name);
  return names;
}

int LatestBuiltinVersion() { return BuiltinMigrations().back().version; }

TEST_F(MigratorTest, AppliesEveryMigrationToEmptyDatabaseAndRecordsChecksums) {
  auto report = MigrateOnce();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->applied, BuiltinNames());
  EXPECT_EQ(report->schema_version, LatestBuiltinVersion());

  SqlResult rows =
      Sql("SELECT version, name, checksum FROM paramsafe.schema_migrations ORDER BY version");
  ASSERT_TRUE(rows.ok) << rows.error;
  ASSERT_EQ(rows.rows.size(), BuiltinMigrations().size());
  for (std::size_t i = 0; i < rows.rows.size(); ++i) {
    const Migration& m = BuiltinMigrations()[i];
    EXPECT_EQ(rows.rows[i][0], std::to_string(m.version));
    EXPECT_EQ(rows.rows[i][1], m.name);
    EXPECT_EQ(rows.rows[i][2], std::string(m.checksum));
  }
  EXPECT_EQ(SqlScalar("SELECT to_regclass('paramsafe.versions') IS NOT NULL"), "t");
}

TEST_F(MigratorTest, SecondMigrateAppliesNothing) {
  ASSERT_TRUE(MigrateOnce().ok());
  auto again = MigrateOnce();
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->applied.empty());
  EXPECT_EQ(again->schema_version, LatestBuiltinVersion());
  EXPECT_EQ(Count("paramsafe.schema_migrations"), std::to_string(BuiltinMigrations().size()));
}

TEST_F(MigratorTest, EditedMigrationIsRefusedNamingTheFile) {
  ASSERT_TRUE(MigrateOnce().ok());
  ASSERT_TRUE(Sql("UPDATE paramsafe.schema_migrations SET checksum = repeat('0', 64)"
                  " WHERE version = 1")
                  .ok);
  auto refused = MigrateOnce();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), core::Code::kInvalidArgument);
  EXPECT_NE(refused.status().reason().find("0001_create_core.sql"), std::string::npos)
      << refused.status().reason();
  EXPECT_NE(refused.status().reason().find("edited"), std::string::npos)
      << refused.status().reason();
}

TEST_F(MigratorTest, DatabaseNewerThanBinaryIsRefused) {
  ASSERT_TRUE(MigrateOnce().ok());
  ASSERT_TRUE(Sql("INSERT INTO paramsafe.schema_migrations (version, name, checksum)"
                  " VALUES (9999, '9999_from_the_future.sql', repeat('a', 64))")
                  .ok);
  auto refused = MigrateOnce();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), core::Code::kInvalidArgument);
  EXPECT_NE(refused.status().reason().find("newer"), std::string::npos)
      << refused.status().reason();
  EXPECT_NE(refused.status().reason().find("9999_from_the_future.sql"), std::string::npos)
      << refused.status().reason();
}

TEST_F(MigratorTest, ConcurrentMigratorsApplyEachMigrationOnce) {
  auto first = Connect();
  auto second = Connect();
  ASSERT_TRUE(first && second);
  std::optional<core::Result<MigrationReport>> a, b;
  std::thread ta([&] { a.emplace(Migrate(*first)); });
  std::thread tb([&] { b.emplace(Migrate(*second)); });
  ta.join();
  tb.join();
  ASSERT_TRUE(a->ok()) << a->status().ToString();
  ASSERT_TRUE(b->ok()) << b->status().ToString();
  EXPECT_EQ((*a)->applied.size() + (*b)->applied.size(), BuiltinMigrations().size());
  EXPECT_EQ((*a)->schema_version, LatestBuiltinVersion());
  EXPECT_EQ((*b)->schema_version, LatestBuiltinVersion());
  EXPECT_EQ(Count("paramsafe.schema_migrations"), std::to_string(BuiltinMigrations().size()));
}

TEST_F(MigratorTest, FailedMigrationLeavesNothingBehind) {
  const Migration migrations[] = {
      {1, "0001_good.sql", "1111", "CREATE TABLE paramsafe.good (x integer);"},
      {2, "0002_broken.sql", "2222",
       "CREATE TABLE paramsafe.half (x integer);\n"
       "INSERT INTO paramsafe.half VALUES (1);\n"
       "SELECT 1 / 0;\n"},
  };
  auto failed = MigrateOnce(migrations);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().reason().find("0002_broken.sql"), std::string::npos)
      << failed.status().reason();

  SqlResult recorded = Sql("SELECT version FROM paramsafe.schema_migrations ORDER BY 1");
  ASSERT_TRUE(recorded.ok) << recorded.error;
  ASSERT_EQ(recorded.rows.size(), 1u);
  EXPECT_EQ(recorded.rows[0][0], "1");
  EXPECT_EQ(SqlScalar("SELECT to_regclass('paramsafe.good') IS NOT NULL"), "t");
  EXPECT_EQ(SqlScalar("SELECT to_regclass('paramsafe.half') IS NULL"), "t");
}

TEST_F(MigratorTest, FailedMigrationReleasesLockAndTransaction) {
  const Migration broken[] = {{1, "0001_broken.sql", "1111", "SELECT 1 / 0;"}};
  auto conn = Connect();
  ASSERT_TRUE(conn);
  ASSERT_FALSE(Migrate(*conn, broken).ok());
  // The session that failed is still open: it must hold neither the advisory
  // lock (other starters would wait forever) nor an open transaction.
  EXPECT_FALSE(conn->InTransaction());
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = $1",
                      {std::to_string(PQbackendPID(conn->raw()))}),
            "0");
}

}  // namespace
}  // namespace paramsafe::integration
