// Values are stored only as ciphertext: a canary written through the service
// appears nowhere in a full pg_dump (data and schema) of the database.
#include "dump_search.h"
#include "fixtures.h"
#include "pg_dump.h"

namespace paramsafe::integration {
namespace {

using CanaryTest = RuntimeTest;

TEST_F(CanaryTest, CanaryValuesNeverAppearInDatabaseDump) {
  const std::string secure_canary = RandomCanary("canary-");
  const std::string string_canary = RandomCanary("canary-");
  const std::string list_canary = RandomCanary("canary-");
  ASSERT_TRUE(Put("/canary/secure", "SecureString", secure_canary).ok());
  ASSERT_TRUE(Put("/canary/string", "String", string_canary).ok());
  ASSERT_TRUE(Put("/canary/list", "StringList", list_canary + "," + list_canary).ok());
  ASSERT_TRUE(Put("/canary/secure", "SecureString", secure_canary + "-v2", true).ok());

  Dump dump = PgDump(db().url());
  ASSERT_TRUE(dump.ok) << dump.error;
  // The dump does hold the rows (names are not secret).
  ASSERT_NE(dump.text.find("/canary/secure"), std::string::npos);
  ASSERT_NE(dump.text.find("COPY paramsafe.versions"), std::string::npos);

  EXPECT_FALSE(DumpContainsSecret(dump.text, "canary-")) << "a canary value is in the dump";
  EXPECT_FALSE(DumpContainsSecret(dump.text, secure_canary));
  EXPECT_FALSE(DumpContainsSecret(dump.text, string_canary));
  EXPECT_FALSE(DumpContainsSecret(dump.text, list_canary));
}

}  // namespace
}  // namespace paramsafe::integration
