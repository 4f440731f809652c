// Invariants the database itself enforces, whoever writes: a SQL administrator
// connected as superuser cannot break them.
#include "fixtures.h"

namespace paramsafe::integration {
namespace {

using SchemaInvariantsTest = RuntimeTest;

TEST_F(SchemaInvariantsTest, UpdateOfVersionIsRefused) {
  ASSERT_TRUE(Put("/inv/x", "SecureString", "value").ok());
  SqlResult r = Sql("UPDATE paramsafe.versions SET description = 'changed'");
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.sqlstate, "23000") << r.error;
  EXPECT_EQ(r.constraint, "versions_immutable");
  EXPECT_NE(r.error.find("immutable"), std::string::npos) << r.error;
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.versions WHERE description IS NULL"), "1");
}

TEST_F(SchemaInvariantsTest, SecondRowForSameLabelIsRefused) {
  ASSERT_TRUE(Put("/inv/x", "String", "one").ok());
  ASSERT_TRUE(Put("/inv/x", "String", "two", true).ok());
  const std::string item = SqlScalar("SELECT item_id FROM paramsafe.items");
  SqlResult first =
      Sql("INSERT INTO paramsafe.labels (item_id, label, version) VALUES ($1, 'prod', 1)", {item});
  ASSERT_TRUE(first.ok) << first.error;
  SqlResult second =
      Sql("INSERT INTO paramsafe.labels (item_id, label, version) VALUES ($1, 'prod', 2)", {item});
  ASSERT_FALSE(second.ok);
  EXPECT_EQ(second.sqlstate, "23505") << second.error;
  EXPECT_EQ(second.constraint, "labels_pkey");
}

TEST_F(SchemaInvariantsTest, LabelOfMissingVersionIsRefused) {
  ASSERT_TRUE(Put("/inv/x", "String", "one").ok());
  const std::string item = SqlScalar("SELECT item_id FROM paramsafe.items");
  SqlResult r =
      Sql("INSERT INTO paramsafe.labels (item_id, label, version) VALUES ($1, 'prod', 7)", {item});
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.sqlstate, "23503") << r.error;
}

TEST_F(SchemaInvariantsTest, DeletingParameterRemovesVersionsAndLabels) {
  ASSERT_TRUE(Put("/inv/x", "String", "one").ok());
  const std::string item = SqlScalar("SELECT item_id FROM paramsafe.items");
  ASSERT_TRUE(Sql("INSERT INTO paramsafe.labels (item_id, label, version)"
                  " VALUES ($1, 'prod', 1)",
                  {item})
                  .ok);
  ASSERT_TRUE(rt().parameters().Delete(Key("/inv/x")).ok());
  EXPECT_EQ(SqlScalar("SELECT (SELECT count(*) FROM paramsafe.versions)"
                      " + (SELECT count(*) FROM paramsafe.labels)"),
            "0");
}

}  // namespace
}  // namespace paramsafe::integration
