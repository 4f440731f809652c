// What authorization reads about a resource (PgAccessFacts): a secret's ARN,
// name, tags, resource policy and key, found the way every secret operation
// finds it, and a parameter's tags; and, with EXPLAIN ANALYZE on a store no
// ANALYZE has seen, that each is one probe of a unique key.
#include <string>
#include <vector>

#include "plan_explain.h"
#include "secret_listing_fixture.h"
#include "store/pg_access_facts.h"
#include "store/pg_access_facts_sql.h"

namespace paramsafe::integration {
namespace {

using core::Code;
using core::Tag;

class AccessFactsTest : public IntegrationSecretListing {
 protected:
  void SetUp() override {
    IntegrationSecretListing::SetUp();
    if (HasFatalFailure()) return;
    facts_ = std::make_unique<store::PgAccessFacts>(rt().pool());
  }
  void TearDown() override {
    facts_.reset();
    IntegrationSecretListing::TearDown();
  }

  store::PgAccessFacts& facts() { return *facts_; }

  std::string ArnOf(const std::string& name, const std::string& region = kRegion) {
    return SqlScalar("SELECT arn FROM paramsafe.items WHERE kind = 'secret' AND name = $1"
                     " AND region = $2",
                     {name, region});
  }
  core::Result<core::SecretAccessFacts> Find(const std::string& id,
                                             const std::string& region = kRegion) {
    return facts().FindSecret(core::ParseSecretId(kAccount, region, id));
  }

 private:
  std::unique_ptr<store::PgAccessFacts> facts_;
};

TEST_F(AccessFactsTest, SecretByNameHasItsArnNameAndTagsInKeyOrder) {
  ASSERT_NO_FATAL_FAILURE(
      Create("app/db", SecretSpec{}.WithTags({{"b", "2"}, {"a", "1"}, {"B", "3"}}).WithValue()));
  auto f = Find("app/db");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->arn, ArnOf("app/db"));
  EXPECT_EQ(f->name, "app/db");
  EXPECT_EQ(f->tags, (std::vector<Tag>{{"B", "3"}, {"a", "1"}, {"b", "2"}}));
  EXPECT_FALSE(f->resource_policy);
  EXPECT_FALSE(f->kms_key_id);
}

TEST_F(AccessFactsTest, SecretCarriesItsResourcePolicyAndKeyAsStored) {
  ASSERT_NO_FATAL_FAILURE(Create("app/db"));
  const std::string policy =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*",)"
      R"("Action":"secretsmanager:*","Resource":"*"}]})";
  ASSERT_NO_FATAL_FAILURE(UpdateSecretRow("resource_policy = $2", "app/db", policy));
  ASSERT_NO_FATAL_FAILURE(UpdateSecretRow("kms_key_ref = $2", "app/db", "alias/team"));
  auto f = Find("app/db");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->resource_policy, policy);
  EXPECT_EQ(f->kms_key_id, "alias/team");
}

TEST_F(AccessFactsTest, SecretByFullArn) {
  ASSERT_NO_FATAL_FAILURE(Create("app/db"));
  auto f = Find(ArnOf("app/db"));
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->name, "app/db");
}

// A secret may be named like the resource part of another's ARN; the ARN
// names the other one, as in every secret operation.
TEST_F(AccessFactsTest, ExactArnWinsOverANameThatSpellsIt) {
  ASSERT_NO_FATAL_FAILURE(Create("app/db"));
  const std::string arn = ArnOf("app/db");
  const std::string spelled = arn.substr(arn.find(":secret:") + 8);  // app/db-XXXXXX
  ASSERT_NO_FATAL_FAILURE(Create(spelled));
  auto f = Find(arn);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->name, "app/db");
  f = Find(spelled);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->name, spelled);
}

TEST_F(AccessFactsTest, SecretScheduledForDeletionIsFound) {
  ASSERT_NO_FATAL_FAILURE(Create("app/db"));
  ASSERT_NO_FATAL_FAILURE(ScheduleDeletion("app/db"));
  auto f = Find("app/db");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->arn, ArnOf("app/db"));
}

TEST_F(AccessFactsTest, MissingSecretIsNotFound) {
  ASSERT_NO_FATAL_FAILURE(Create("app/db"));
  auto f = Find("app/other");
  EXPECT_EQ(f.status().code(), Code::kNotFound) << f.status().ToString();
  EXPECT_EQ(f.status().reason(), "Secrets Manager can't find the specified secret.");
}

TEST_F(AccessFactsTest, SecretOfAnotherRegionIsNotFound) {
  ASSERT_NO_FATAL_FAILURE(Create("app/db", SecretSpec{}.InRegion("eu-west-1")));
  EXPECT_EQ(Find("app/db").status().code(), Code::kNotFound);
  EXPECT_EQ(Find(ArnOf("app/db", "eu-west-1")).status().code(), Code::kNotFound);
  EXPECT_TRUE(Find("app/db", "eu-west-1").ok());
}

TEST_F(AccessFactsTest, AParameterIsNotASecret) {
  ASSERT_TRUE(Put("app/db", "String", "v").ok());
  EXPECT_EQ(Find("app/db").status().code(), Code::kNotFound);
}

TEST_F(AccessFactsTest, ParameterTagsInKeyOrder) {
  ASSERT_TRUE(Put("/app/db", "String", "v").ok());
  SqlResult r = Sql(
      "INSERT INTO paramsafe.tags (item_id, key, value)"
      " SELECT item_id, t.k, t.v FROM paramsafe.items,"
      "  (VALUES ('team', 'x'), ('Env', 'prod'), ('env', 'dev')) AS t(k, v)"
      " WHERE kind = 'parameter' AND name = '/app/db'");
  ASSERT_TRUE(r.ok) << r.error;
  auto tags = facts().ParameterTags(Key("/app/db"));
  ASSERT_TRUE(tags.ok()) << tags.status().ToString();
  EXPECT_EQ(*tags, (std::vector<Tag>{{"Env", "prod"}, {"env", "dev"}, {"team", "x"}}));
}

TEST_F(AccessFactsTest, ParameterWithoutTagsHasNone) {
  ASSERT_TRUE(Put("/app/db", "String", "v").ok());
  auto tags = facts().ParameterTags(Key("/app/db"));
  ASSERT_TRUE(tags.ok()) << tags.status().ToString();
  EXPECT_TRUE(tags->empty());
}

TEST_F(AccessFactsTest, MissingParameterIsNotFound) {
  ASSERT_NO_FATAL_FAILURE(Create("/app/db", SecretSpec{}.WithTags({{"team", "x"}})));
  auto tags = facts().ParameterTags(Key("/app/db"));
  EXPECT_EQ(tags.status().code(), Code::kNotFound) << tags.status().ToString();
}

// Authorization reads these facts before every secret operation, so they must
// cost what the operation's own lookup costs: one unique-key probe, also on a
// freshly loaded store without statistics (where an OR of the two keys once
// read a whole region).
class AccessFactsPlanTest : public AccessFactsTest {
 protected:
  static constexpr int kItems = 2000;

  void SetUp() override {
    AccessFactsTest::SetUp();
    if (HasFatalFailure()) return;
    std::vector<std::string> names;
    for (int k = 0; k < kItems; ++k) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "bulk/%05d", k);
      names.push_back(buf);
    }
    ASSERT_NO_FATAL_FAILURE(InsertSecrets(names));
    // As many parameters, and two tags on every item, so that neither the
    // items nor the tags are a free whole read.
    SqlResult r = Sql(
        "INSERT INTO paramsafe.items (account_id, region, kind, name, lookup_name, arn)"
        " SELECT $1, $2, 'parameter', '/bulk/' || n, '/bulk/' || n,"
        "  'arn:aws:ssm:' || $2 || ':' || $1 || ':parameter/bulk/' || n"
        " FROM generate_series(1, $3::int) n",
        {kAccount, kRegion, std::to_string(kItems)});
    ASSERT_TRUE(r.ok) << r.error;
    r = Sql("INSERT INTO paramsafe.tags (item_id, key, value)"
            " SELECT item_id, k, 'v' FROM paramsafe.items, unnest(ARRAY['env', 'team']) k");
    ASSERT_TRUE(r.ok) << r.error;
  }

  void ExpectOneProbe(const store::Statement& statement, const std::vector<std::string>& args) {
    for (const char* mode : kPlanCacheModes) {
      SCOPED_TRACE(std::string(statement.name) + " " + mode);
      double result_rows = 0;
      PlanTotals t = ExplainAnalyze(sql_client(), statement, args, mode,
                                    {"items", "secrets", "tags"}, &result_rows);
      EXPECT_EQ(result_rows, 1);
      EXPECT_TRUE(t.seq_scans.empty()) << "Seq Scan on " << t.seq_scans.front();
      // The item (twice at most: the lookup, then its row), its secrets row
      // and its two tags, read once for the keys and once for the values.
      EXPECT_LE(t.table_rows, 8);
    }
  }
};

TEST_F(AccessFactsPlanTest, SecretFactsByNameProbeTheNameKeyWithoutStatistics) {
  ExpectOneProbe(store::access_facts_sql::kSecret, {kAccount, kRegion, "", "bulk/01000"});
}

TEST_F(AccessFactsPlanTest, SecretFactsByArnProbeTheArnKeyWithoutStatistics) {
  const std::string arn = ArnOf("bulk/01000");
  ASSERT_FALSE(arn.empty());
  ExpectOneProbe(store::access_facts_sql::kSecret, {kAccount, kRegion, arn, "bulk/01000-Bulk00"});
}

TEST_F(AccessFactsPlanTest, ParameterTagsProbeTheNameKeyWithoutStatistics) {
  ExpectOneProbe(store::access_facts_sql::kParameterTags, {kAccount, kRegion, "/bulk/1000"});
}

}  // namespace
}  // namespace paramsafe::integration
