// A secret's resource policy in real PostgreSQL (paramsafe.secrets.
// resource_policy): the store keeps the document byte for byte, sets and
// removes it through SecretChange, leaves it alone on other changes, and the
// database itself refuses a document out of bounds. Then the same through
// the runtime's SecretService.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "core/secret_service.h"
#include "secret_repository_fixture.h"

namespace paramsafe::integration {
namespace {

using std::chrono::hours;

// Quotes, backslashes, a newline, non-ASCII text and trailing spaces: what a
// client sent must come back unchanged, not re-serialized.
const std::string kPolicy =
    "{ \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Sid\": \"caf\xC3\xA9 \\\\ \\\"x\\\"\","
    " \"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::123456789012:user/ops\"},"
    " \"Action\": \"secretsmanager:GetSecretValue\", \"Resource\": \"*\"}] }  ";

core::SecretChange SetPolicy(std::optional<std::string> policy, core::TimePoint now) {
  core::SecretChange c;
  c.resource_policy.emplace(std::move(policy));
  c.changed = true;
  c.now = now;
  return c;
}

using IntegrationSecretResourcePolicy = SecretRepositoryTest;

TEST_F(IntegrationSecretResourcePolicy, ANewSecretHasNone) {
  Create("app/db", "v1");
  EXPECT_FALSE(Find("app/db").resource_policy.has_value());
  EXPECT_EQ(SqlScalar("SELECT resource_policy IS NULL FROM paramsafe.secrets"), "t");
}

TEST_F(IntegrationSecretResourcePolicy, SetKeepsTheDocumentByteForByte) {
  Create("app/db", "v1");
  auto updated = Apply("app/db", SetPolicy(kPolicy, T0() + hours(1)));
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->resource_policy, kPolicy);
  EXPECT_EQ(updated->last_changed, T0() + hours(1));
  EXPECT_EQ(Find(ArnOf("app/db")).resource_policy, kPolicy);
  EXPECT_EQ(SqlScalar("SELECT resource_policy FROM paramsafe.secrets"), kPolicy);
}

TEST_F(IntegrationSecretResourcePolicy, RemoveSetsTheColumnToNull) {
  Create("app/db", "v1");
  ASSERT_TRUE(Apply("app/db", SetPolicy(kPolicy, T0())).ok());
  auto removed = Apply("app/db", SetPolicy(std::nullopt, T0() + hours(2)));
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_FALSE(removed->resource_policy.has_value());
  EXPECT_EQ(removed->last_changed, T0() + hours(2));
  EXPECT_EQ(SqlScalar("SELECT resource_policy IS NULL FROM paramsafe.secrets"), "t");
}

TEST_F(IntegrationSecretResourcePolicy, OtherChangesLeaveThePolicyAlone) {
  Create("app/db", "v1");
  ASSERT_TRUE(Apply("app/db", SetPolicy(kPolicy, T0())).ok());
  core::SecretChange describe;
  describe.description.emplace("main database");
  describe.changed = true;
  describe.now = T0() + hours(1);
  ASSERT_TRUE(Apply("app/db", describe).ok());
  ASSERT_TRUE(PutValue("app/db", Token(2), "v2", T0() + hours(2)).ok());
  const core::Secret s = Find("app/db");
  EXPECT_EQ(s.resource_policy, kPolicy);
  EXPECT_EQ(s.description, "main database");
}

TEST_F(IntegrationSecretResourcePolicy, EachSecretHasItsOwn) {
  Create("app/db", "v1");
  Create("app/cache", "v1");
  ASSERT_TRUE(Apply("app/db", SetPolicy(kPolicy, T0())).ok());
  EXPECT_EQ(Find("app/db").resource_policy, kPolicy);
  EXPECT_FALSE(Find("app/cache").resource_policy.has_value());
}

TEST_F(IntegrationSecretResourcePolicy, TheValueReadAndListingsDoNotCarryIt) {
  Create("app/db", "v1");
  ASSERT_TRUE(Apply("app/db", SetPolicy(kPolicy, T0())).ok());
  auto read = repo_->Read(ById("app/db"), core::SecretVersionSelector{});
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_FALSE(read->secret.resource_policy.has_value());
  core::SecretQuery q;
  q.account_id = kAccount;
  q.region = kRegion;
  auto page = repo_->List(q);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->secrets.size(), 1u);
  EXPECT_FALSE(page->secrets[0].resource_policy.has_value());
}

TEST_F(IntegrationSecretResourcePolicy, TheDatabaseRefusesADocumentOutOfBounds) {
  Create("app/db", "v1");
  ASSERT_TRUE(Apply("app/db", SetPolicy(kPolicy, T0())).ok());
  EXPECT_FALSE(Apply("app/db", SetPolicy(std::string(20481, 'x'), T0() + hours(1))).ok());
  EXPECT_FALSE(Apply("app/db", SetPolicy(std::string(), T0() + hours(1))).ok());
  const core::Secret s = Find("app/db");
  EXPECT_EQ(s.resource_policy, kPolicy);
  EXPECT_EQ(s.last_changed, T0());  // the refused change left nothing behind
  // 20480 characters of two bytes each fit: the bound counts characters.
  std::string wide;
  for (int i = 0; i < 20480; ++i) wide += "\xC3\xA9";
  ASSERT_TRUE(Apply("app/db", SetPolicy(wide, T0() + hours(2))).ok());
  EXPECT_EQ(Find("app/db").resource_policy, wide);
}

TEST_F(IntegrationSecretResourcePolicy, TheServiceRoundTripsThroughTheStore) {
  core::CreateSecretInput in;
  in.account_id = kAccount;
  in.region = kRegion;
  in.name = "svc/db";
  in.principal_arn = kPrincipal;
  auto created = rt().secrets().Create(in);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  const core::SecretLookup id = ById("svc/db");

  auto put = rt().secrets().PutResourcePolicy(id, kPolicy);
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ(put->arn, created->arn);
  EXPECT_EQ(rt().secrets().GetResourcePolicy(id)->resource_policy, kPolicy);

  ASSERT_TRUE(rt().secrets().DeleteResourcePolicy(id).ok());
  ASSERT_TRUE(rt().secrets().DeleteResourcePolicy(id).ok());  // idempotent
  auto got = rt().secrets().GetResourcePolicy(id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_FALSE(got->resource_policy.has_value());
}

}  // namespace
}  // namespace paramsafe::integration
