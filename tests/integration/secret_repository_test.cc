// PgSecretRepository over real PostgreSQL: creating secrets, and finding and
// reading them by name, full ARN and partial ARN within one account and region.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "secret_repository_fixture.h"

namespace paramsafe::integration {
namespace {

using std::chrono::hours;

constexpr const char* kValue = "pa55w0rd-value";

std::vector<std::string> Ids(const core::Secret& s) {
  std::vector<std::string> ids;
  for (const auto& v : s.versions) ids.push_back(v.version_id);
  return ids;
}

using IntegrationSecretRepository = SecretRepositoryTest;

TEST_F(IntegrationSecretRepository, CreateReturnsEveryFieldAndFindAgrees) {
  core::NewSecret in = NewSecret("app/db", kValue);
  in.description = "the database";
  in.kms_key_id = "alias/aws/secretsmanager";
  in.tags = {{"team", "core"}, {"env", "prod"}};
  auto created = repo_->Create(in, T0());
  ASSERT_TRUE(created.ok()) << created.status().ToString();

  const std::string key_arn = SqlScalar(
      "SELECT k.arn FROM paramsafe.kms_keys k JOIN paramsafe.kms_aliases a USING (key_id)"
      " WHERE a.alias_name = 'alias/aws/secretsmanager'");
  ASSERT_FALSE(key_arn.empty());
  for (const core::Secret& s : {*created, Find("app/db")}) {
    EXPECT_EQ(s.account_id, kAccount);
    EXPECT_EQ(s.region, kRegion);
    EXPECT_EQ(s.name, "app/db");
    EXPECT_EQ(s.arn, ArnOf("app/db"));
    EXPECT_EQ(s.description, "the database");
    EXPECT_EQ(s.kms_key_id, "alias/aws/secretsmanager");
    EXPECT_EQ(s.created, T0());
    EXPECT_EQ(s.last_changed, T0());
    EXPECT_FALSE(s.last_accessed);
    EXPECT_FALSE(s.deletion_date);
    EXPECT_EQ(s.primary_region, kRegion);
    EXPECT_FALSE(s.owning_service);
    EXPECT_EQ(s.tags, (std::vector<core::Tag>{{"env", "prod"}, {"team", "core"}}));
    EXPECT_EQ(s.latest_number, 1);
    EXPECT_EQ(s.reads_while_scheduled, 0);
    ASSERT_EQ(s.versions.size(), 1u);
    EXPECT_EQ(s.versions[0].number, 1);
    EXPECT_EQ(s.versions[0].version_id, Token(1));
    EXPECT_EQ(s.versions[0].stages, std::vector<std::string>{"AWSCURRENT"});
    EXPECT_EQ(s.versions[0].created, T0());
    EXPECT_FALSE(s.versions[0].last_accessed);
    EXPECT_EQ(s.versions[0].kms_key_arn, key_arn);
  }
  EXPECT_EQ(SqlScalar("SELECT kind || '|' || lookup_name || '|' || latest_version"
                      " FROM paramsafe.items"),
            "secret|app/db|1");
  EXPECT_EQ(SqlScalar("SELECT value_type || '|' || key_ref || '|' || created_by"
                      " FROM paramsafe.versions"),
            std::string("SecretString|alias/aws/secretsmanager|") + kPrincipal);
}

TEST_F(IntegrationSecretRepository, CreateWithoutValueHasNoVersions) {
  auto created = repo_->Create(NewSecret("empty", std::nullopt), T0());
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_TRUE(created->versions.empty());
  EXPECT_EQ(created->latest_number, 0);
  EXPECT_FALSE(created->description);
  EXPECT_FALSE(created->kms_key_id);
  EXPECT_TRUE(Find("empty").versions.empty());
}

TEST_F(IntegrationSecretRepository, FindsByNameFullArnAndPartialArn) {
  Create("app/db", kValue);
  Create("app/other", kValue);
  const std::string partial = "arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db";
  for (const std::string& id : {std::string("app/db"), ArnOf("app/db"), partial}) {
    auto found = repo_->Find(ById(id));
    ASSERT_TRUE(found.ok()) << id << ": " << found.status().ToString();
    EXPECT_EQ(found->arn, ArnOf("app/db")) << id;
  }
}

TEST_F(IntegrationSecretRepository, ExactArnWinsOverANameSpellingIt) {
  // "app-AbCdEf" is both the resource part of app's ARN and a name of its own.
  Create("app", kValue);
  Create("app-AbCdEf", kValue);
  EXPECT_EQ(Find(ArnOf("app")).name, "app");
  EXPECT_EQ(Find("app-AbCdEf").name, "app-AbCdEf");
}

TEST_F(IntegrationSecretRepository, ArnOfAnotherRegionFindsNothing) {
  ASSERT_TRUE(repo_->Create(NewSecret("app/db", kValue, "eu-west-1"), T0()).ok());
  Create("app/db", kValue);  // the same name here, another ARN
  const std::string there = ArnOf("app/db", "eu-west-1");
  auto found = repo_->Find(ById(there));
  EXPECT_EQ(found.status().code(), core::Code::kNotFound);
  auto read = repo_->Read(ById(there), {});
  EXPECT_EQ(read.status().code(), core::Code::kNotFound);
  // ... and from its own region, it is found.
  EXPECT_EQ(repo_->Find(ById(there, "eu-west-1"))->region, "eu-west-1");
}

TEST_F(IntegrationSecretRepository, UnknownSecretIsNotFound) {
  Create("app/db", kValue);
  EXPECT_EQ(repo_->Find(ById("app/dbx")).status().code(), core::Code::kNotFound);
  EXPECT_EQ(repo_->Find(ById(ArnOf("app/dbx"))).status().code(), core::Code::kNotFound);
  EXPECT_EQ(repo_->Read(ById("nope"), {}).status().code(), core::Code::kNotFound);
  // A parameter of that name is not a secret.
  ASSERT_TRUE(Put("plain", "String", "x").ok());
  EXPECT_EQ(repo_->Find(ById("plain")).status().code(), core::Code::kNotFound);
}

TEST_F(IntegrationSecretRepository, TakenNameIsAlreadyExistsAndWritesNothing) {
  Create("app/db", kValue);
  core::NewSecret again = NewSecret("app/db", kValue);
  again.arn = core::SecretArn(kRegion, kAccount, "app/db", "ZzZzZz");
  auto r = repo_->Create(again, T0());
  EXPECT_EQ(r.status().code(), core::Code::kAlreadyExists);
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.items"), "1");
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.secrets"), "1");
}

TEST_F(IntegrationSecretRepository, TakenArnIsConflictAndWritesNothing) {
  Create("app/db", kValue);
  core::NewSecret clash = NewSecret("app/other", kValue);
  clash.arn = ArnOf("app/db");
  clash.tags = {{"a", "b"}};
  auto r = repo_->Create(clash, T0());
  EXPECT_EQ(r.status().code(), core::Code::kConflict) << r.status().ToString();
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.items"), "1");
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.tags"), "0");
}

TEST_F(IntegrationSecretRepository, ReadsTheCurrentVersionByDefault) {
  Create("app/db", "first");
  ASSERT_TRUE(PutValue("app/db", Token(2), "second", T0() + hours(1)).ok());
  auto read = repo_->Read(ById("app/db"), {});
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->secret.arn, ArnOf("app/db"));
  EXPECT_EQ(read->secret.latest_number, 2);
  EXPECT_TRUE(read->secret.versions.empty());
  ASSERT_TRUE(read->value);
  EXPECT_EQ(read->value->version.version_id, Token(2));
  EXPECT_EQ(read->value->version.number, 2);
  EXPECT_EQ(read->value->version.stages, std::vector<std::string>{"AWSCURRENT"});
  EXPECT_EQ(read->value->version.created, T0() + hours(1));
  EXPECT_EQ(read->value->type, core::SecretValueType::kString);
  EXPECT_TRUE(Opens(read->secret.arn, *read->value, "second"));
}

TEST_F(IntegrationSecretRepository, ReadsByStageAndByVersionId) {
  Create("app/db", "first");
  ASSERT_TRUE(PutValue("app/db", Token(2), "second").ok());
  core::SecretVersionSelector previous;
  previous.stage = core::kStagePrevious;
  auto by_stage = repo_->Read(ById(ArnOf("app/db")), previous);
  ASSERT_TRUE(by_stage.ok() && by_stage->value) << by_stage.status().ToString();
  EXPECT_EQ(by_stage->value->version.version_id, Token(1));
  EXPECT_TRUE(Opens(ArnOf("app/db"), *by_stage->value, "first"));

  core::SecretVersionSelector by_id;
  by_id.version_id = Token(2);
  auto read = repo_->Read(ById("app/db"), by_id);
  ASSERT_TRUE(read.ok() && read->value) << read.status().ToString();
  EXPECT_EQ(read->value->version.stages, std::vector<std::string>{"AWSCURRENT"});
  EXPECT_TRUE(Opens(ArnOf("app/db"), *read->value, "second"));
}

TEST_F(IntegrationSecretRepository, ReadOfAMissingVersionOrStageHasNoValue) {
  Create("app/db", kValue);
  core::SecretVersionSelector stage;
  stage.stage = core::kStagePending;
  auto by_stage = repo_->Read(ById("app/db"), stage);
  ASSERT_TRUE(by_stage.ok()) << by_stage.status().ToString();
  EXPECT_EQ(by_stage->secret.name, "app/db");
  EXPECT_FALSE(by_stage->value);

  core::SecretVersionSelector id;
  id.version_id = Token(9);
  auto by_id = repo_->Read(ById("app/db"), id);
  ASSERT_TRUE(by_id.ok()) << by_id.status().ToString();
  EXPECT_FALSE(by_id->value);

  ASSERT_TRUE(repo_->Create(NewSecret("empty", std::nullopt), T0()).ok());
  auto empty = repo_->Read(ById("empty"), {});
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_FALSE(empty->value);
}

TEST_F(IntegrationSecretRepository, BinaryValuesKeepTheirType) {
  core::NewSecret in = NewSecret("bin", std::string("\x00\x01\xff", 3));
  in.first_version->type = core::SecretValueType::kBinary;
  ASSERT_TRUE(repo_->Create(in, T0()).ok());
  auto read = repo_->Read(ById("bin"), {});
  ASSERT_TRUE(read.ok() && read->value);
  EXPECT_EQ(read->value->type, core::SecretValueType::kBinary);
  EXPECT_TRUE(Opens(ArnOf("bin"), *read->value, std::string("\x00\x01\xff", 3)));
  EXPECT_EQ(SqlScalar("SELECT value_type FROM paramsafe.versions"), "SecretBinary");
}

// Staging labels and tags may hold any characters: what PostgreSQL quotes in
// an array must come back unchanged.
TEST_F(IntegrationSecretRepository, LabelsAndTagsWithAnyCharactersRoundTrip) {
  const std::vector<std::string> odd = {"a,b", "{brace}", "quote\"d", "back\\slash", "NULL",
                                        "with space", "ünï"};
  core::NewSecret in = NewSecret("odd", kValue);
  for (const auto& s : odd) in.tags.push_back({s, s + "!"});
  ASSERT_TRUE(repo_->Create(in, T0()).ok());
  core::SecretChange c;
  for (const auto& s : odd) c.attach.emplace_back(s, Token(1));
  c.now = T0();
  auto updated = Apply("odd", c);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();

  std::vector<std::string> stages = odd;
  stages.push_back("AWSCURRENT");
  std::sort(stages.begin(), stages.end());
  std::vector<core::Tag> tags;
  for (const auto& s : stages) {
    if (s != "AWSCURRENT") tags.push_back({s, s + "!"});
  }
  for (const core::Secret& s : {*updated, Find("odd")}) {
    ASSERT_EQ(s.versions.size(), 1u);
    EXPECT_EQ(s.versions[0].stages, stages);
    EXPECT_EQ(s.tags, tags);
  }
  EXPECT_EQ(Ids(*updated), std::vector<std::string>{Token(1)});
}

}  // namespace
}  // namespace paramsafe::integration
