// PgSecretRepository::Promote over real PostgreSQL: a parameter becomes a
// secret with its whole history (order, times, labels, tags, values), the
// parameter is gone, and a failure anywhere leaves both as they were.
#include <set>
#include <string>
#include <vector>

#include "core/parameter_names.h"
#include "core/secret_names.h"
#include "secret_store_fixture.h"

namespace paramsafe::integration {
namespace {

using core::Code;

constexpr const char* kName = "/app/db-password";
const std::vector<std::string> kValues = {"first", "second", "third", "fourth"};

class IntegrationSecretPromotion : public SecretStoreTest {
 protected:
  // kName with one version per value, oldest first.
  void PutVersions(const std::vector<std::string>& values) {
    for (std::size_t k = 0; k < values.size(); ++k) {
      auto put = Put(kName, "SecureString", values[k], k > 0);
      ASSERT_TRUE(put.ok()) << put.status().ToString();
    }
  }

  void LabelWithSql(int version, const std::string& label) {
    SqlResult r =
        Sql("INSERT INTO paramsafe.labels (item_id, label, version)"
            " SELECT item_id, $2, $3::bigint FROM paramsafe.items"
            " WHERE kind = 'parameter' AND name = $1",
            {kName, label, std::to_string(version)});
    ASSERT_TRUE(r.ok) << r.error;
  }

  void TagWithSql(const std::string& key, const std::string& value) {
    SqlResult r =
        Sql("INSERT INTO paramsafe.tags (item_id, key, value)"
            " SELECT item_id, $2, $3 FROM paramsafe.items WHERE kind = 'parameter' AND name = $1",
            {kName, key, value});
    ASSERT_TRUE(r.ok) << r.error;
  }

  core::NewSecret Target() {
    core::NewSecret s;
    s.key = core::SecretKey(kAccount, kRegion, kName);
    s.arn = core::SecretArn(kRegion, kAccount, kName, "Prom01");
    s.description = "promoted";
    s.kms_key_id = "alias/aws/secretsmanager";
    s.primary_region = kRegion;
    return s;
  }

  // Opens the parameter version and seals it as the secret's version
  // `number`; counts its calls. Leaves the version id to the store.
  core::ResealVersion Reseal(int* calls = nullptr, int fail_at = 0) {
    return [this, calls, fail_at](const core::ParameterVersion& v, std::int64_t number,
                                  const std::string& arn) -> core::Result<core::NewSecretVersion> {
      if (calls) ++*calls;
      if (number == fail_at) return core::Status(Code::kKeyNotFound, "reseal refused");
      core::AssociatedData from{"parameter", v.arn, v.version};
      PS_ASSIGN_OR_RETURN(core::SecureBuffer plain, rt().keyring().Open(v.sealed, from));
      core::NewSecretVersion out;
      PS_ASSIGN_OR_RETURN(out.sealed,
                          rt().keyring().Seal(kRegion, core::kDefaultSecretKey,
                                              core::SecretAssociatedData(arn, number), plain));
      out.key_ref = core::kDefaultSecretKey;
      out.created_by = v.last_modified_user;
      return out;
    };
  }

  core::Result<core::Secret> Promote(const core::ResealVersion& reseal) {
    return repo().Promote(Key(kName), Target(), reseal, std::chrono::system_clock::now());
  }

  // True when the secret's version `number` opens to `expected` (compared
  // without printing).
  bool SecretValueIs(const core::Secret& s, const core::SecretVersion& v,
                     const std::string& expected) {
    core::SecretLookup id{kAccount, kRegion, s.arn, s.name};
    auto read = repo().Read(id, core::SecretVersionSelector{v.version_id});
    if (!read.ok() || !read->value) return false;
    auto plain =
        rt().keyring().Open(read->value->sealed, core::SecretAssociatedData(s.arn, v.number));
    return plain.ok() && core::AsStringView(*plain) == expected;
  }

  std::vector<core::TimePoint> ParameterVersionTimes() {
    std::vector<core::TimePoint> out;
    for (std::size_t k = 1; k <= kValues.size(); ++k) {
      auto v = Get(kName, static_cast<std::int64_t>(k));
      EXPECT_TRUE(v.ok()) << v.status().ToString();
      if (v.ok()) out.push_back(v->version.last_modified);
    }
    return out;
  }

  std::string Count(const std::string& kind) {
    return SqlScalar("SELECT count(*) FROM paramsafe.items WHERE kind = $1 AND name = $2",
                     {kind, kName});
  }
};

TEST_F(IntegrationSecretPromotion, KeepsEveryVersionInOrderWithTimesLabelsTagsAndValues) {
  ASSERT_NO_FATAL_FAILURE(PutVersions(kValues));
  ASSERT_NO_FATAL_FAILURE(LabelWithSql(2, "stable"));
  ASSERT_NO_FATAL_FAILURE(LabelWithSql(3, "blue"));
  ASSERT_NO_FATAL_FAILURE(LabelWithSql(3, "green"));
  ASSERT_NO_FATAL_FAILURE(TagWithSql("team", "core"));
  ASSERT_NO_FATAL_FAILURE(TagWithSql("env", "prod"));
  const std::vector<core::TimePoint> times = ParameterVersionTimes();
  ASSERT_EQ(times.size(), 4u);

  auto promoted = Promote(Reseal());
  ASSERT_TRUE(promoted.ok()) << promoted.status().ToString();
  const core::Secret& s = *promoted;
  EXPECT_EQ(s.name, kName);
  EXPECT_EQ(s.arn, Target().arn);
  EXPECT_EQ(s.description, std::optional<std::string>("promoted"));
  EXPECT_EQ(s.latest_number, 4);
  EXPECT_EQ(s.tags, (std::vector<core::Tag>{{"env", "prod"}, {"team", "core"}}));
  ASSERT_EQ(s.versions.size(), 4u);  // newest first
  const std::vector<std::vector<std::string>> stages = {
      {}, {"stable"}, {"AWSPREVIOUS", "blue", "green"}, {"AWSCURRENT"}};
  std::set<std::string> ids;
  for (std::size_t k = 0; k < 4; ++k) {
    const core::SecretVersion& v = s.versions[3 - k];
    SCOPED_TRACE("version " + std::to_string(k + 1));
    EXPECT_EQ(v.number, static_cast<std::int64_t>(k + 1));
    EXPECT_EQ(v.created, times[k]);
    EXPECT_EQ(v.stages, stages[k]);
    EXPECT_FALSE(v.version_id.empty());
    ids.insert(v.version_id);
    EXPECT_TRUE(SecretValueIs(s, v, kValues[k]));
  }
  EXPECT_EQ(ids.size(), 4u) << "the store draws a distinct id per version";
  // Never younger than its versions.
  EXPECT_LE(s.created, times[0]);
}

TEST_F(IntegrationSecretPromotion, ParameterIsGone) {
  ASSERT_NO_FATAL_FAILURE(PutVersions(kValues));
  ASSERT_NO_FATAL_FAILURE(LabelWithSql(1, "old"));
  ASSERT_NO_FATAL_FAILURE(TagWithSql("team", "core"));
  const std::string parameter_id =
      SqlScalar("SELECT item_id FROM paramsafe.items WHERE kind = 'parameter'");
  ASSERT_TRUE(Promote(Reseal()).ok());
  EXPECT_EQ(Get(kName).status().code(), Code::kNotFound);
  EXPECT_EQ(Count("parameter"), "0");
  EXPECT_EQ(Count("secret"), "1");
  for (const char* table : {"versions", "labels", "tags"}) {
    EXPECT_EQ(SqlScalar(std::string("SELECT count(*) FROM paramsafe.") + table +
                            " WHERE item_id = $1::bigint",
                        {parameter_id}),
              "0")
        << table;
  }
}

TEST_F(IntegrationSecretPromotion, OneVersionGetsAWSCURRENTOnly) {
  ASSERT_NO_FATAL_FAILURE(PutVersions({"only"}));
  auto promoted = Promote(Reseal());
  ASSERT_TRUE(promoted.ok()) << promoted.status().ToString();
  ASSERT_EQ(promoted->versions.size(), 1u);
  EXPECT_EQ(promoted->versions[0].stages, (std::vector<std::string>{"AWSCURRENT"}));
  EXPECT_TRUE(SecretValueIs(*promoted, promoted->versions[0], "only"));
}

TEST_F(IntegrationSecretPromotion, VersionIdsGivenByResealAreKept) {
  ASSERT_NO_FATAL_FAILURE(PutVersions({"a", "b"}));
  core::ResealVersion inner = Reseal();
  auto with_ids = [&](const core::ParameterVersion& v, std::int64_t number,
                      const std::string& arn) -> core::Result<core::NewSecretVersion> {
    PS_ASSIGN_OR_RETURN(core::NewSecretVersion out, inner(v, number, arn));
    out.version_id = "promoted-version-" + std::to_string(number) + "-0000000000000000";
    return out;
  };
  auto promoted = Promote(with_ids);
  ASSERT_TRUE(promoted.ok()) << promoted.status().ToString();
  ASSERT_EQ(promoted->versions.size(), 2u);
  EXPECT_EQ(promoted->versions[0].version_id, "promoted-version-2-0000000000000000");
  EXPECT_EQ(promoted->versions[1].version_id, "promoted-version-1-0000000000000000");
}

TEST_F(IntegrationSecretPromotion, SecondPromotionOfTheNameIsAlreadyExists) {
  ASSERT_NO_FATAL_FAILURE(PutVersions(kValues));
  ASSERT_TRUE(Promote(Reseal()).ok());
  ASSERT_NO_FATAL_FAILURE(PutVersions({"again"}));
  int calls = 0;
  auto second = Promote(Reseal(&calls));
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Code::kAlreadyExists);
  EXPECT_EQ(calls, 0) << "nothing is resealed for a secret that cannot be created";
  EXPECT_EQ(Count("parameter"), "1");
  auto kept = Get(kName);
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_TRUE(PlaintextIs(*kept, "again"));
}

TEST_F(IntegrationSecretPromotion, MissingParameterIsNotFound) {
  auto promoted = Promote(Reseal());
  ASSERT_FALSE(promoted.ok());
  EXPECT_EQ(promoted.status().code(), Code::kNotFound);
  EXPECT_EQ(Count("secret"), "0");
}

TEST_F(IntegrationSecretPromotion, ResealFailureLeavesParameterAndSecretUntouched) {
  ASSERT_NO_FATAL_FAILURE(PutVersions(kValues));
  ASSERT_NO_FATAL_FAILURE(LabelWithSql(2, "stable"));
  ASSERT_NO_FATAL_FAILURE(TagWithSql("team", "core"));
  int calls = 0;
  auto promoted = Promote(Reseal(&calls, /*fail_at=*/3));
  ASSERT_FALSE(promoted.ok());
  EXPECT_EQ(promoted.status().code(), Code::kKeyNotFound);
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(Count("secret"), "0");
  EXPECT_EQ(Count("parameter"), "1");
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.versions v JOIN paramsafe.items i"
                      " USING (item_id) WHERE i.kind = 'parameter'"),
            "4");
  EXPECT_EQ(SqlScalar("SELECT string_agg(label || '@' || version, ',') FROM paramsafe.labels"),
            "stable@2");
  EXPECT_EQ(SqlScalar("SELECT string_agg(key, ',') FROM paramsafe.tags"), "team");
  for (std::size_t k = 0; k < kValues.size(); ++k) {
    auto v = Get(kName, static_cast<std::int64_t>(k + 1));
    ASSERT_TRUE(v.ok()) << v.status().ToString();
    EXPECT_TRUE(PlaintextIs(*v, kValues[k]));
  }
  // And the promotion works once the cause is gone.
  EXPECT_TRUE(Promote(Reseal()).ok());
}

TEST_F(IntegrationSecretPromotion, MoreLabelsThanASecretCarriesIsLimitExceeded) {
  // 19 parameter labels + AWSCURRENT + AWSPREVIOUS = 21 > 20.
  ASSERT_NO_FATAL_FAILURE(PutVersions({"a", "b"}));
  for (int k = 0; k < 19; ++k) {
    ASSERT_NO_FATAL_FAILURE(LabelWithSql(k < 10 ? 1 : 2, "label" + std::to_string(k)));
  }
  auto promoted = Promote(Reseal());
  ASSERT_FALSE(promoted.ok());
  EXPECT_EQ(promoted.status().code(), Code::kLimitExceeded);
  EXPECT_EQ(Count("secret"), "0");
  EXPECT_EQ(Count("parameter"), "1");
  // 18 fit.
  ASSERT_TRUE(Sql("DELETE FROM paramsafe.labels WHERE label = 'label18'").ok);
  auto fits = Promote(Reseal());
  ASSERT_TRUE(fits.ok()) << fits.status().ToString();
  std::size_t stages = 0;
  for (const auto& v : fits->versions) stages += v.stages.size();
  EXPECT_EQ(stages, 20u);
}

}  // namespace
}  // namespace paramsafe::integration
