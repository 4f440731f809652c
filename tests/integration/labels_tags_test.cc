// PgLabelRepository and PgTagRepository over real PostgreSQL: moving labels,
// the 10-label limit (in the repository and as a database trigger), detaching,
// tag upserts, the tag limit, and items that do not exist.
#include <memory>
#include <string>
#include <vector>

#include "fixtures.h"
#include "store/pg_connection.h"
#include "store/pg_label_repository.h"
#include "store/pg_tag_repository.h"

namespace paramsafe::integration {
namespace {

using Labels = std::vector<std::string>;

class IntegrationLabelsTags : public RuntimeTest {
 protected:
  void SetUp() override {
    RuntimeTest::SetUp();
    if (HasFatalFailure()) return;
    labels_ = std::make_unique<store::PgLabelRepository>(rt().pool());
    tags_ = std::make_unique<store::PgTagRepository>(rt().pool());
  }
  void TearDown() override {
    tags_.reset();
    labels_.reset();
    RuntimeTest::TearDown();
  }

  void PutVersions(const std::string& name, int n) {
    for (int v = 1; v <= n; ++v) {
      auto put = Put(name, "String", "value", /*overwrite=*/v > 1);
      ASSERT_TRUE(put.ok()) << put.status().ToString();
    }
  }

  // "label@version" of every label of every item, ordered by label.
  std::string StoredLabels() {
    return SqlScalar(
        "SELECT coalesce(string_agg(label || '@' || version, ',' ORDER BY label COLLATE \"C\"),"
        " '') FROM paramsafe.labels");
  }

  std::string StoredTags() {
    return SqlScalar(
        "SELECT coalesce(string_agg(key || '=' || value, ',' ORDER BY key COLLATE \"C\"), '')"
        " FROM paramsafe.tags");
  }

  // Ten labels l0..l9 on `version` of /app/x.
  void FillVersion(std::int64_t version) {
    Labels ten;
    for (int i = 0; i < 10; ++i) ten.push_back("l" + std::to_string(i));
    auto r = labels_->Attach(Key("/app/x"), version, ten);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }

  std::unique_ptr<store::PgLabelRepository> labels_;
  std::unique_ptr<store::PgTagRepository> tags_;
};

constexpr const char* kLabelLimitText =
    "A parameter version can have maximum 10 labels.Move one or more labels to another version "
    "and try again.";

// --- labels -----------------------------------------------------------------

TEST_F(IntegrationLabelsTags, AttachWithoutVersionLabelsTheLatest) {
  PutVersions("/app/x", 3);
  auto r = labels_->Attach(Key("/app/x"), std::nullopt, {"prod", "blue"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, 3);
  EXPECT_EQ(StoredLabels(), "blue@3,prod@3");
}

TEST_F(IntegrationLabelsTags, AttachMovesALabelFromAnotherVersion) {
  PutVersions("/app/x", 3);
  ASSERT_TRUE(labels_->Attach(Key("/app/x"), 1, {"prod", "keep"}).ok());
  auto r = labels_->Attach(Key("/app/x"), 2, {"prod"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, 2);
  EXPECT_EQ(StoredLabels(), "keep@1,prod@2");
  core::GetParameterInput in;
  in.key = Key("/app/x");
  in.label = "prod";
  auto got = rt().parameters().Get(in);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->version.version, 2);
}

TEST_F(IntegrationLabelsTags, AttachAgainToTheSameVersionChangesNothing) {
  PutVersions("/app/x", 2);
  ASSERT_TRUE(labels_->Attach(Key("/app/x"), 1, {"prod"}).ok());
  auto r = labels_->Attach(Key("/app/x"), 1, {"prod", "prod"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(StoredLabels(), "prod@1");
}

TEST_F(IntegrationLabelsTags, LabelsOfOneParameterDoNotMoveOthers) {
  PutVersions("/app/x", 1);
  PutVersions("/app/y", 2);
  ASSERT_TRUE(labels_->Attach(Key("/app/x"), 1, {"prod"}).ok());
  ASSERT_TRUE(labels_->Attach(Key("/app/y"), 2, {"prod"}).ok());
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.labels WHERE label = 'prod'"), "2");
}

TEST_F(IntegrationLabelsTags, EmptyAttachResolvesTheVersion) {
  PutVersions("/app/x", 3);
  auto latest = labels_->Attach(Key("/app/x"), std::nullopt, {});
  ASSERT_TRUE(latest.ok()) << latest.status().ToString();
  EXPECT_EQ(*latest, 3);
  auto second = labels_->Attach(Key("/app/x"), 2, {});
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(*second, 2);
  auto missing = labels_->Attach(Key("/app/x"), 7, {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), core::Code::kVersionNotFound);
  EXPECT_EQ(StoredLabels(), "");
}

TEST_F(IntegrationLabelsTags, AttachToAMissingParameterIsNotFound) {
  auto r = labels_->Attach(Key("/app/none"), std::nullopt, {"prod"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::Code::kNotFound);
  EXPECT_EQ(r.status().reason(), "Parameter /app/none not found.");
}

TEST_F(IntegrationLabelsTags, AttachToAMissingVersionIsVersionNotFound) {
  PutVersions("/app/x", 2);
  auto r = labels_->Attach(Key("/app/x"), 99, {"prod"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::Code::kVersionNotFound);
  EXPECT_EQ(r.status().reason(),
            "Systems Manager could not find version 99 of /app/x. Verify the version and try "
            "again.");
  EXPECT_EQ(StoredLabels(), "");
}

TEST_F(IntegrationLabelsTags, TenLabelsFitOnAVersion) {
  PutVersions("/app/x", 1);
  FillVersion(1);
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.labels WHERE version = 1"), "10");
}

TEST_F(IntegrationLabelsTags, EleventhLabelIsRefusedAndNothingIsWritten) {
  PutVersions("/app/x", 2);
  ASSERT_TRUE(labels_->Attach(Key("/app/x"), 2, {"moving"}).ok());
  FillVersion(1);
  const std::string before = StoredLabels();
  // "moving" would leave version 2 and "extra" is new: both or neither.
  auto r = labels_->Attach(Key("/app/x"), 1, {"moving", "extra"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::Code::kLimitExceeded);
  EXPECT_EQ(r.status().detail(), core::Detail::kLabelLimit);
  EXPECT_EQ(r.status().reason(), kLabelLimitText);
  EXPECT_EQ(StoredLabels(), before);
}

TEST_F(IntegrationLabelsTags, ReattachingLabelsOfAFullVersionIsFine) {
  PutVersions("/app/x", 1);
  FillVersion(1);
  auto r = labels_->Attach(Key("/app/x"), 1, {"l0", "l9"});
  EXPECT_TRUE(r.ok()) << r.status().ToString();
}

TEST_F(IntegrationLabelsTags, MovingALabelOffAFullVersionMakesRoom) {
  PutVersions("/app/x", 2);
  FillVersion(1);
  ASSERT_TRUE(labels_->Attach(Key("/app/x"), 2, {"l0"}).ok());
  auto r = labels_->Attach(Key("/app/x"), 1, {"fresh"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.labels WHERE version = 1"), "10");
  EXPECT_EQ(SqlScalar("SELECT version FROM paramsafe.labels WHERE label = 'l0'"), "2");
}

TEST_F(IntegrationLabelsTags, DetachReturnsOnlyTheLabelsTheVersionCarried) {
  PutVersions("/app/x", 2);
  ASSERT_TRUE(labels_->Attach(Key("/app/x"), 1, {"a", "b"}).ok());
  ASSERT_TRUE(labels_->Attach(Key("/app/x"), 2, {"c"}).ok());
  auto r = labels_->Detach(Key("/app/x"), 1, {"zzz", "b", "c", "b"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, (Labels{"b"}));
  EXPECT_EQ(StoredLabels(), "a@1,c@2");
}

TEST_F(IntegrationLabelsTags, DetachOfTheLastLabelIsFine) {
  PutVersions("/app/x", 1);
  ASSERT_TRUE(labels_->Attach(Key("/app/x"), 1, {"only"}).ok());
  auto r = labels_->Detach(Key("/app/x"), 1, {"only"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, (Labels{"only"}));
  EXPECT_EQ(StoredLabels(), "");
}

TEST_F(IntegrationLabelsTags, DetachErrorsNameTheParameterAndVersion) {
  PutVersions("/app/x", 1);
  auto none = labels_->Detach(Key("/app/none"), 1, {"a"});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), core::Code::kNotFound);
  EXPECT_EQ(none.status().reason(), "Parameter /app/none not found.");
  auto version = labels_->Detach(Key("/app/x"), 4, {"a"});
  ASSERT_FALSE(version.ok());
  EXPECT_EQ(version.status().code(), core::Code::kVersionNotFound);
  EXPECT_EQ(version.status().reason(),
            "Systems Manager could not find version 4 of /app/x. Verify the version and try "
            "again.");
}

TEST_F(IntegrationLabelsTags, DatabaseRefusesAnEleventhLabel) {
  PutVersions("/app/x", 2);
  FillVersion(1);
  SqlResult insert =
      Sql("INSERT INTO paramsafe.labels (item_id, label, version)"
          " SELECT item_id, 'sql', 1 FROM paramsafe.items");
  EXPECT_FALSE(insert.ok);
  EXPECT_EQ(insert.sqlstate, "23514");
  EXPECT_EQ(insert.constraint, "parameter_label_limit");
  ASSERT_TRUE(labels_->Attach(Key("/app/x"), 2, {"other"}).ok());
  SqlResult move = Sql("UPDATE paramsafe.labels SET version = 1 WHERE label = 'other'");
  EXPECT_FALSE(move.ok);
  EXPECT_EQ(move.constraint, "parameter_label_limit");
}

TEST_F(IntegrationLabelsTags, DatabaseRefusesBadLabelSyntax) {
  PutVersions("/app/x", 1);
  for (const char* bad : {"1abc", "awsLabel", "SSM-x", "has space", ""}) {
    SqlResult r =
        Sql("INSERT INTO paramsafe.labels (item_id, label, version)"
            " SELECT item_id, $1, 1 FROM paramsafe.items",
            {bad});
    EXPECT_FALSE(r.ok) << bad;
    EXPECT_EQ(r.constraint, "parameter_label_syntax") << bad;
  }
  EXPECT_TRUE(Sql("INSERT INTO paramsafe.labels (item_id, label, version)"
                  " SELECT item_id, 'Good_1.x-y', 1 FROM paramsafe.items")
                  .ok);
}

// The triggers are backstops for SQL administrators and for bugs; when the
// plugin meets them anyway, sqlstate.cc gives the statuses the adapter maps.
TEST_F(IntegrationLabelsTags, TriggerErrorsMapToTheirStatuses) {
  PutVersions("/app/x", 1);
  FillVersion(1);
  auto conn = store::PgConnection::Open(db().url());
  ASSERT_TRUE(conn.ok()) << conn.status().ToString();
  auto limit = (*conn)->Exec(
      "INSERT INTO paramsafe.labels (item_id, label, version)"
      " SELECT item_id, 'sql', 1 FROM paramsafe.items");
  ASSERT_FALSE(limit.ok());
  EXPECT_EQ(limit.status().code(), core::Code::kLimitExceeded);
  EXPECT_EQ(limit.status().detail(), core::Detail::kLabelLimit);
  EXPECT_EQ(limit.status().reason(), kLabelLimitText);

  auto syntax = (*conn)->Exec(
      "INSERT INTO paramsafe.labels (item_id, label, version)"
      " SELECT item_id, '9lives', 1 FROM paramsafe.items");
  ASSERT_FALSE(syntax.ok());
  EXPECT_EQ(syntax.status().code(), core::Code::kInvalidArgument);
}

// --- tags -------------------------------------------------------------------

TEST_F(IntegrationLabelsTags, AddUpsertsAndListOrdersByKey) {
  PutVersions("/app/x", 1);
  ASSERT_TRUE(tags_->Add(Key("/app/x"), {{"b", "1"}, {"a", "2"}}, 50).ok());
  ASSERT_TRUE(tags_->Add(Key("/app/x"), {{"b", "3"}, {"C", "4"}}, 50).ok());
  auto list = tags_->List(Key("/app/x"));
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(*list, (std::vector<core::Tag>{{"C", "4"}, {"a", "2"}, {"b", "3"}}));
}

TEST_F(IntegrationLabelsTags, ListOfAnUntaggedParameterIsEmpty) {
  PutVersions("/app/x", 1);
  auto list = tags_->List(Key("/app/x"));
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_TRUE(list->empty());
}

TEST_F(IntegrationLabelsTags, SingleLevelNameFindsTagsWithOrWithoutSlash) {
  PutVersions("plain", 1);
  ASSERT_TRUE(tags_->Add(Key("/plain"), {{"k", "v"}}, 50).ok());
  auto list = tags_->List(Key("plain"));
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(*list, (std::vector<core::Tag>{{"k", "v"}}));
}

TEST_F(IntegrationLabelsTags, AddBeyondTheLimitWritesNothing) {
  PutVersions("/app/x", 1);
  ASSERT_TRUE(tags_->Add(Key("/app/x"), {{"a", "1"}, {"b", "2"}}, 3).ok());
  auto r = tags_->Add(Key("/app/x"), {{"a", "changed"}, {"c", "3"}, {"d", "4"}}, 3);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), core::Code::kLimitExceeded);
  EXPECT_EQ(r.detail(), core::Detail::kTagLimit);
  EXPECT_EQ(StoredTags(), "a=1,b=2");
}

TEST_F(IntegrationLabelsTags, ReplacingValuesOfAFullItemIsFine) {
  PutVersions("/app/x", 1);
  ASSERT_TRUE(tags_->Add(Key("/app/x"), {{"a", "1"}, {"b", "2"}, {"c", "3"}}, 3).ok());
  auto r = tags_->Add(Key("/app/x"), {{"a", "new"}, {"a", "newer"}}, 3);
  ASSERT_TRUE(r.ok()) << r.ToString();
  EXPECT_EQ(StoredTags(), "a=newer,b=2,c=3");
}

TEST_F(IntegrationLabelsTags, TagValuesAreStoredVerbatim) {
  PutVersions("/app/x", 1);
  const std::string odd = "a,b {c} \"d\" \\e NULL";
  ASSERT_TRUE(tags_->Add(Key("/app/x"), {{"odd", odd}, {"empty", ""}}, 50).ok());
  auto list = tags_->List(Key("/app/x"));
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(*list, (std::vector<core::Tag>{{"empty", ""}, {"odd", odd}}));
}

TEST_F(IntegrationLabelsTags, RemoveIgnoresAbsentKeys) {
  PutVersions("/app/x", 1);
  ASSERT_TRUE(tags_->Add(Key("/app/x"), {{"a", "1"}, {"b", "2"}}, 50).ok());
  auto r = tags_->Remove(Key("/app/x"), {"a", "nope"});
  ASSERT_TRUE(r.ok()) << r.ToString();
  EXPECT_EQ(StoredTags(), "b=2");
}

TEST_F(IntegrationLabelsTags, TagsOfAMissingParameterAreNotFound) {
  auto list = tags_->List(Key("/app/none"));
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), core::Code::kNotFound);
  EXPECT_EQ(list.status().reason(), "Parameter /app/none not found.");
  core::Status add = tags_->Add(Key("/app/none"), {{"a", "1"}}, 50);
  EXPECT_EQ(add.code(), core::Code::kNotFound);
  EXPECT_EQ(add.reason(), "Parameter /app/none not found.");
  core::Status remove = tags_->Remove(Key("/app/none"), {"a"});
  EXPECT_EQ(remove.code(), core::Code::kNotFound);
  EXPECT_EQ(StoredTags(), "");
}

TEST_F(IntegrationLabelsTags, TagsFollowTheKindOfTheKey) {
  ASSERT_TRUE(Sql("INSERT INTO paramsafe.items (account_id, region, kind, name, lookup_name, arn)"
                  " VALUES ($1, $2, 'secret', 'shared', 'shared', 'arn:secret')",
                  {kAccount, kRegion})
                  .ok);
  core::ItemKey secret = Key("shared");
  secret.kind = core::ItemKind::kSecret;
  ASSERT_TRUE(tags_->Add(secret, {{"k", "v"}}, 50).ok());
  auto as_parameter = tags_->List(Key("shared"));
  ASSERT_FALSE(as_parameter.ok());
  EXPECT_EQ(as_parameter.status().code(), core::Code::kNotFound);
  core::ItemKey other = Key("missing");
  other.kind = core::ItemKind::kSecret;
  auto missing = tags_->List(other);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().reason(), "Secrets Manager can't find the specified secret.");
  EXPECT_EQ(StoredTags(), "k=v");
}

TEST_F(IntegrationLabelsTags, DeletingTheParameterDeletesItsTagsAndLabels) {
  PutVersions("/app/x", 1);
  ASSERT_TRUE(tags_->Add(Key("/app/x"), {{"a", "1"}}, 50).ok());
  ASSERT_TRUE(labels_->Attach(Key("/app/x"), 1, {"prod"}).ok());
  ASSERT_TRUE(rt().parameters().Delete(Key("/app/x")).ok());
  EXPECT_EQ(StoredTags(), "");
  EXPECT_EQ(StoredLabels(), "");
}

}  // namespace
}  // namespace paramsafe::integration
