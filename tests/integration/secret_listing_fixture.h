// The fixture of the ListSecrets storage tests: a runtime on a scratch
// database, a PgSecretRepository over its pool, secrets created through it,
// and SQL helpers for what the API cannot set directly (creation and change
// times, read days, owning service, scheduled deletion, bulk inserts and
// deletes).
#ifndef PARAMSAFE_TESTS_INTEGRATION_SECRET_LISTING_FIXTURE_H_
#define PARAMSAFE_TESTS_INTEGRATION_SECRET_LISTING_FIXTURE_H_

#include <array>
#include <cstdio>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/secret_names.h"
#include "secret_store_fixture.h"
#include "store/pg_text_array.h"

namespace paramsafe::integration {

inline constexpr const char* kFirstVersionId = "11111111-1111-4111-8111-111111111111";

// Every order ListSecrets walks in, for what must hold in each of them.
inline constexpr std::array<core::SecretSortKey, 4> kEverySortKey = {
    core::SecretSortKey::kCreatedDate, core::SecretSortKey::kLastAccessedDate,
    core::SecretSortKey::kLastChangedDate, core::SecretSortKey::kName};

// Names a walk in the order `key`, `descending` in failure messages.
inline std::string SortTrace(core::SecretSortKey key, bool descending) {
  return std::to_string(static_cast<int>(key)) + (descending ? " desc" : " asc");
}

struct SecretSpec {
  std::optional<std::string> description;
  std::vector<core::Tag> tags;
  std::string primary_region = kRegion;
  std::string region = kRegion;
  std::string account = kAccount;
  bool with_value = false;  // a first version, labelled AWSCURRENT

  SecretSpec WithDescription(std::string d) const {
    SecretSpec s = *this;
    s.description = std::move(d);
    return s;
  }
  SecretSpec WithTags(std::vector<core::Tag> t) const {
    SecretSpec s = *this;
    s.tags = std::move(t);
    return s;
  }
  SecretSpec WithPrimaryRegion(std::string r) const {
    SecretSpec s = *this;
    s.primary_region = std::move(r);
    return s;
  }
  SecretSpec InRegion(std::string r) const {
    SecretSpec s = *this;
    s.region = std::move(r);
    return s;
  }
  SecretSpec InAccount(std::string a) const {
    SecretSpec s = *this;
    s.account = std::move(a);
    return s;
  }
  SecretSpec WithValue() const {
    SecretSpec s = *this;
    s.with_value = true;
    return s;
  }
};

class IntegrationSecretListing : public SecretStoreTest {
 protected:
  static core::SecretQuery Query(std::vector<core::SecretFilter> filters = {}) {
    core::SecretQuery q;
    q.account_id = kAccount;
    q.region = kRegion;
    q.filters = std::move(filters);
    return q;
  }

  // A distinct six-character suffix per secret of the test.
  std::string NextSuffix() {
    char buf[16];
    std::snprintf(buf, sizeof buf, "S%05d", ++suffixes_ % 100000);
    return buf;
  }

  void Create(const std::string& name, const SecretSpec& spec = {}) {
    core::NewSecret s;
    s.key = core::SecretKey(spec.account, spec.region, name);
    s.arn = core::SecretArn(spec.region, spec.account, name, NextSuffix());
    s.description = spec.description;
    s.primary_region = spec.primary_region;
    s.tags = spec.tags;
    if (spec.with_value) {
      auto sealed = rt().keyring().Seal(spec.region, core::kDefaultSecretKey,
                                        core::SecretAssociatedData(s.arn, 1),
                                        core::ToSecureBuffer("listing-value"));
      ASSERT_TRUE(sealed.ok()) << sealed.status().ToString();
      core::NewSecretVersion v;
      v.version_id = kFirstVersionId;
      v.sealed = std::move(sealed).value();
      v.key_ref = core::kDefaultSecretKey;
      v.created_by = std::string("arn:aws:iam::") + kAccount + ":user/listing";
      s.first_version = std::move(v);
    }
    auto created = repo().Create(s, std::chrono::system_clock::now());
    ASSERT_TRUE(created.ok()) << name << ": " << created.status().ToString();
  }

  void CreateAll(const std::vector<std::string>& names) {
    for (const auto& n : names) ASSERT_NO_FATAL_FAILURE(Create(n));
  }

  // Runs an UPDATE of the secret `name` (of kRegion) and expects one row.
  void UpdateSecretRow(const std::string& set_clause, const std::string& name,
                       const std::string& value) {
    SqlResult r = Sql("UPDATE paramsafe.secrets s SET " + set_clause +
                          " FROM paramsafe.items i WHERE i.item_id = s.item_id"
                          " AND i.kind = 'secret' AND i.region = $3 AND i.name = $1 RETURNING 1",
                      {name, value, kRegion});
    ASSERT_TRUE(r.ok) << r.error;
    ASSERT_EQ(r.rows.size(), 1u) << "no secret " << name;
  }
  void SetCreated(const std::string& name, const std::string& timestamp) {
    SqlResult r =
        Sql("UPDATE paramsafe.items SET created_at = $2::timestamptz"
            " WHERE kind = 'secret' AND region = $3 AND name = $1 RETURNING 1",
            {name, timestamp, kRegion});
    ASSERT_TRUE(r.ok) << r.error;
    ASSERT_EQ(r.rows.size(), 1u) << "no secret " << name;
  }
  void SetChanged(const std::string& name, const std::string& timestamp) {
    UpdateSecretRow("last_changed_at = $2::timestamptz", name, timestamp);
  }
  // '' for "never read".
  void SetAccessed(const std::string& name, const std::string& day) {
    UpdateSecretRow("last_accessed_on = NULLIF($2, '')::date", name, day);
  }
  void SetOwningService(const std::string& name, const std::string& service) {
    UpdateSecretRow("owning_service = $2", name, service);
  }
  void ScheduleDeletion(const std::string& name) {
    UpdateSecretRow("deletion_date = now() + $2::interval", name, "7 days");
  }

  // Inserts secrets with SQL (no versions, no tags), created one second apart
  // in the order given.
  void InsertSecrets(const std::vector<std::string>& names, const std::string& region = kRegion) {
    SqlResult r =
        Sql("WITH n AS (SELECT name, ord FROM unnest($3::text[]) WITH ORDINALITY AS u(name, ord)),"
            " ins AS (INSERT INTO paramsafe.items"
            "  (account_id, region, kind, name, lookup_name, arn, created_at)"
            "  SELECT $1, $2, 'secret', n.name, n.name,"
            "    'arn:aws:secretsmanager:' || $2 || ':' || $1 || ':secret:' || n.name || '-Bulk00',"
            "    timestamptz '2020-01-01 00:00:00+00' + n.ord * interval '1 second'"
            "  FROM n RETURNING item_id)"
            " INSERT INTO paramsafe.secrets (item_id, primary_region)"
            " SELECT item_id, $2 FROM ins",
            {kAccount, region, store::TextArrayLiteral(names)});
    ASSERT_TRUE(r.ok) << r.error;
  }

  // Deletes the secrets `names` (of any region) with SQL, behind the
  // repository's back, as another client's purge would.
  void DeleteWithSql(const std::vector<std::string>& names) {
    SqlResult r =
        Sql("DELETE FROM paramsafe.items WHERE kind = 'secret' AND name = ANY($1::text[])",
            {store::TextArrayLiteral(names)});
    ASSERT_TRUE(r.ok) << r.error;
  }

  void TagWithSql(const std::string& name, const std::string& key, const std::string& value) {
    SqlResult r =
        Sql("INSERT INTO paramsafe.tags (item_id, key, value)"
            " SELECT item_id, $2, $3 FROM paramsafe.items WHERE kind = 'secret' AND name = $1",
            {name, key, value});
    ASSERT_TRUE(r.ok) << r.error;
  }

  static std::vector<std::string> Names(const core::SecretPage& page) {
    std::vector<std::string> out;
    for (const auto& s : page.secrets) out.push_back(s.name);
    return out;
  }

  // One page; fails the test on an error.
  core::SecretPage Page(const core::SecretQuery& q) {
    auto page = repo().List(q);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() ? std::move(page).value() : core::SecretPage{};
  }

  // Every page from q.after on; the names in order. *pages counts the calls.
  std::vector<std::string> ListAll(core::SecretQuery q, int* pages = nullptr) {
    std::vector<std::string> names;
    std::set<std::string> positions;
    for (int n = 1; n <= 10000; ++n) {
      core::SecretPage page = Page(q);
      EXPECT_LE(page.secrets.size(), q.max_results);
      for (auto& s : page.secrets) names.push_back(s.name);
      if (!page.next_position) {
        if (pages) *pages = n;
        return names;
      }
      EXPECT_TRUE(positions.insert(*page.next_position).second) << "the position must move";
      q.after = page.next_position;
    }
    ADD_FAILURE() << "paging did not end";
    return names;
  }

  // The names the filters select, walked in pages of 3 (so every test of a
  // filter also pages).
  std::vector<std::string> Select(std::vector<core::SecretFilter> filters) {
    core::SecretQuery q = Query(std::move(filters));
    q.max_results = 3;
    return ListAll(q);
  }

 private:
  int suffixes_ = 0;
};

}  // namespace paramsafe::integration

#endif  // PARAMSAFE_TESTS_INTEGRATION_SECRET_LISTING_FIXTURE_H_
