// The fixture of the PgParameterListing integration tests: a runtime on a
// scratch database, a listing over its pool, and helpers that write what the
// listing reads (parameters, versions, tags, labels, jobs) directly with SQL,
// so a test controls every attribute, including combinations the service
// would refuse.
#ifndef PARAMSAFE_TESTS_INTEGRATION_PARAMETER_LISTING_FIXTURE_H_
#define PARAMSAFE_TESTS_INTEGRATION_PARAMETER_LISTING_FIXTURE_H_

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/parameter_listing.h"
#include "core/parameter_names.h"
#include "fixtures.h"
#include "store/pg_parameter_listing.h"
#include "store/pg_text_array.h"

namespace paramsafe::integration {

// The attributes a version inserted with SQL gets (the service would refuse
// some combinations the listing must still report faithfully).
struct VersionSpec {
  std::string type = "String";
  std::string data_type = "text";
  std::string tier = "Standard";
  std::optional<std::string> key_ref = std::nullopt;
  std::optional<std::string> policies = std::nullopt;
};

class IntegrationParameterListing : public RuntimeTest {
 protected:
  void SetUp() override {
    RuntimeTest::SetUp();
    if (HasFatalFailure()) return;
    listing_ = std::make_unique<store::PgParameterListing>(rt().pool());
  }
  void TearDown() override {
    listing_.reset();
    RuntimeTest::TearDown();
  }

  store::PgParameterListing& listing() { return *listing_; }

  static core::ParameterQuery Query() {
    core::ParameterQuery q;
    q.account_id = kAccount;
    q.region = kRegion;
    return q;
  }

  void PutAll(const std::vector<std::string>& names, const std::string& type = "String") {
    for (const auto& n : names) {
      auto put = Put(n, type, "value");
      ASSERT_TRUE(put.ok()) << n << ": " << put.status().ToString();
    }
  }

  // Inserts parameters with SQL, each with one version whose sealed columns
  // are copied from a real Put (the listing never opens them), in `region`.
  void InsertParameters(const std::vector<std::string>& names, const std::string& region = kRegion,
                        const std::string& account = kAccount,
                        const std::string& kind = "parameter") {
    std::vector<std::string> lookups;
    for (const auto& n : names) lookups.push_back(core::ParameterLookupName(n));
    EnsureSeed();
    SqlResult r = Sql(
        "WITH ins AS (INSERT INTO paramsafe.items"
        "  (account_id, region, kind, name, lookup_name, arn, latest_version)"
        "  SELECT $1, $2, $5, n.name, n.lookup,"
        "    'arn:aws:ssm:' || $2 || ':' || $1 || ':parameter/' || ltrim(n.name, '/'), 1"
        "  FROM unnest($3::text[], $4::text[]) AS n(name, lookup) RETURNING item_id)"
        " INSERT INTO paramsafe.versions (item_id, version, value_type, key_id, key_version,"
        "   wrapped_data_key, ciphertext, created_by)"
        " SELECT ins.item_id, 1, 'String', s.key_id, s.key_version, s.wrapped_data_key,"
        "   s.ciphertext, 'arn:aws:iam::123456789012:user/sql' FROM ins, listing_seed s",
        {account, region, store::TextArrayLiteral(names), store::TextArrayLiteral(lookups), kind});
    ASSERT_TRUE(r.ok) << r.error;
  }

  // Adds a version with the given attributes to a parameter, with SQL.
  void AddVersion(const std::string& name, const VersionSpec& spec) {
    EnsureSeed();
    // SqlClient sends no NULL: '' stands for an absent key_ref or policies.
    SqlResult r =
        Sql("WITH i AS (UPDATE paramsafe.items SET latest_version = latest_version + 1"
            "  WHERE name = $1 AND kind = 'parameter' RETURNING item_id, latest_version)"
            " INSERT INTO paramsafe.versions (item_id, version, value_type, data_type, tier,"
            "   key_ref, policies, key_id, key_version, wrapped_data_key, ciphertext, created_by)"
            " SELECT i.item_id, i.latest_version, $2, $3, $4, NULLIF($5, ''), NULLIF($6, ''),"
            "   s.key_id, s.key_version, s.wrapped_data_key, s.ciphertext,"
            "   'arn:aws:iam::123456789012:user/sql'"
            " FROM i, listing_seed s",
            {name, spec.type, spec.data_type, spec.tier, spec.key_ref.value_or(""),
             spec.policies.value_or("")});
    ASSERT_TRUE(r.ok) << r.error;
  }

  void Tag(const std::string& name, const std::string& key, const std::string& value) {
    SqlResult r =
        Sql("INSERT INTO paramsafe.tags (item_id, key, value)"
            " SELECT item_id, $2, $3 FROM paramsafe.items WHERE name = $1 AND kind = 'parameter'",
            {name, key, value});
    ASSERT_TRUE(r.ok) << r.error;
  }

  void Label(const std::string& name, int version, const std::string& label) {
    SqlResult r =
        Sql("INSERT INTO paramsafe.labels (item_id, label, version)"
            " SELECT item_id, $2, $3::bigint FROM paramsafe.items"
            " WHERE name = $1 AND kind = 'parameter'",
            {name, label, std::to_string(version)});
    ASSERT_TRUE(r.ok) << r.error;
  }

  // A job of the item's policy set, due far in the future so that the
  // runtime's job worker leaves it alone.
  void Job(const std::string& name, int policy_index, const std::string& state) {
    SqlResult r =
        Sql("INSERT INTO paramsafe.jobs (kind, item_id, policy_index, run_at, state)"
            " SELECT 'parameter-expiration', item_id, $2::int, now() + interval '10 years', $3"
            " FROM paramsafe.items WHERE name = $1 AND kind = 'parameter'",
            {name, std::to_string(policy_index), state});
    ASSERT_TRUE(r.ok) << r.error;
  }

  void DeleteParameter(const std::string& name) {
    SqlResult r = Sql("DELETE FROM paramsafe.items WHERE name = $1", {name});
    ASSERT_TRUE(r.ok) << r.error;
  }

  static std::vector<std::string> Names(const core::ParameterPage& page) {
    std::vector<std::string> out;
    for (const auto& p : page.parameters) out.push_back(p.name);
    return out;
  }

  // One page; fails the test on an error.
  core::ParameterPage Page(const core::ParameterQuery& q) {
    auto page = listing().List(q);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() ? std::move(page).value() : core::ParameterPage{};
  }

  // Every page from q.after on, following resume_after; the names in order.
  std::vector<std::string> ListAll(core::ParameterQuery q, int* pages = nullptr) {
    std::vector<std::string> names;
    for (int n = 1; n <= 10000; ++n) {
      core::ParameterPage page = Page(q);
      for (auto& p : page.parameters) names.push_back(p.name);
      if (!page.resume_after) {
        if (pages) *pages = n;
        return names;
      }
      EXPECT_GT(*page.resume_after, q.after) << "the cursor must move forward";
      q.after = *page.resume_after;
    }
    ADD_FAILURE() << "paging did not end";
    return names;
  }

  // The sealed columns of one real version, kept in a table so SQL inserts
  // can copy them after the seed parameter is gone.
  void EnsureSeed() {
    if (seeded_) return;
    auto put = Put("/listing-seed/value", "SecureString", "seed");
    ASSERT_TRUE(put.ok()) << put.status().ToString();
    SqlResult r =
        Sql("CREATE TABLE listing_seed AS SELECT v.key_id, v.key_version, v.wrapped_data_key,"
            " v.ciphertext FROM paramsafe.versions v JOIN paramsafe.items i USING (item_id)"
            " WHERE i.name = '/listing-seed/value';"
            " DELETE FROM paramsafe.items WHERE name = '/listing-seed/value'");
    ASSERT_TRUE(r.ok) << r.error;
    seeded_ = true;
  }

 private:
  std::unique_ptr<store::PgParameterListing> listing_;
  bool seeded_ = false;
};

// stem + 0000, stem + 0001, ...: n names in lookup-name order.
inline std::vector<std::string> Numbered(const std::string& stem, int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d", i);
    out.push_back(stem + buf);
  }
  return out;
}

}  // namespace paramsafe::integration

#endif  // PARAMSAFE_TESTS_INTEGRATION_PARAMETER_LISTING_FIXTURE_H_
