// PgSecretRepository::List over real PostgreSQL: every filter and its
// negation, the sort keys in both directions, keyset paging (also while
// secrets come and go), planned deletion, and what a listed secret carries.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "secret_listing_fixture.h"

namespace paramsafe::integration {
namespace {

using core::Code;
using core::SecretFilter;
using core::SecretQuery;
using core::SecretSortKey;
using NameList = std::vector<std::string>;

// --- name, primary-region: case-sensitive prefixes ----------------------------

TEST_F(IntegrationSecretListing, NameFilterIsACaseSensitivePrefix) {
  CreateAll({"prod/db", "prod-api", "Prod/x", "dev/prod", "pro"});
  EXPECT_EQ(Sorted(Select({{"name", {"prod"}}})), (NameList{"prod-api", "prod/db"}));
  EXPECT_EQ(Sorted(Select({{"name", {"Prod"}}})), (NameList{"Prod/x"}));
}

TEST_F(IntegrationSecretListing, FilterValuesHaveNoWildcards) {
  // '_' is legal in names and filter values; LIKE would read it as "any
  // character", and '%' as "anything".
  CreateAll({"a_b", "axb", "a%c", "abc", "a\\b"});
  EXPECT_EQ(Select({{"name", {"a_"}}}), (NameList{"a_b"}));
  EXPECT_EQ(Select({{"name", {"a%"}}}), (NameList{"a%c"}));
  EXPECT_EQ(Select({{"name", {"a\\"}}}), (NameList{"a\\b"}));
}

TEST_F(IntegrationSecretListing, NegatedValueSelectsWhatTheValueDoesNot) {
  CreateAll({"prod/db", "prod-api", "dev/db"});
  EXPECT_EQ(Select({{"name", {"!prod"}}}), (NameList{"dev/db"}));
}

TEST_F(IntegrationSecretListing, ValuesOfOneFilterAreOred) {
  CreateAll({"prod/db", "dev/db", "test/db"});
  EXPECT_EQ(Sorted(Select({{"name", {"prod", "dev"}}})), (NameList{"dev/db", "prod/db"}));
  // A negated value ORs like any other: "not prod, or prod/db exactly".
  CreateAll({"prod/api"});
  EXPECT_EQ(Sorted(Select({{"name", {"!prod", "prod/db"}}})),
            (NameList{"dev/db", "prod/db", "test/db"}));
}

TEST_F(IntegrationSecretListing, FiltersAreAnded) {
  ASSERT_NO_FATAL_FAILURE(Create("prod/db", SecretSpec{}.WithTags({{"team", "core"}})));
  ASSERT_NO_FATAL_FAILURE(Create("prod/api", SecretSpec{}.WithTags({{"owner", "x"}})));
  ASSERT_NO_FATAL_FAILURE(Create("dev/db", SecretSpec{}.WithTags({{"team", "core"}})));
  EXPECT_EQ(Select({{"name", {"prod"}}, {"tag-key", {"team"}}}), (NameList{"prod/db"}));
  // Two filters of one key are two conditions, not one list of values.
  EXPECT_EQ(Select({{"name", {"prod"}}, {"name", {"!prod/api"}}}), (NameList{"prod/db"}));
}

TEST_F(IntegrationSecretListing, PrimaryRegionFilterIsACaseSensitivePrefix) {
  ASSERT_NO_FATAL_FAILURE(Create("a", SecretSpec{}.WithPrimaryRegion("us-east-1")));
  ASSERT_NO_FATAL_FAILURE(Create("b", SecretSpec{}.WithPrimaryRegion("eu-west-1")));
  EXPECT_EQ(Select({{"primary-region", {"us-"}}}), (NameList{"a"}));
  EXPECT_EQ(Select({{"primary-region", {"US-"}}}), (NameList{}));
  EXPECT_EQ(Select({{"primary-region", {"!eu"}}}), (NameList{"a"}));
}

// --- tags ------------------------------------------------------------------

TEST_F(IntegrationSecretListing, TagKeyAndTagValueArePrefixesOfAnyTag) {
  ASSERT_NO_FATAL_FAILURE(
      Create("a", SecretSpec{}.WithTags({{"Team", "payments"}, {"env", "prod"}})));
  ASSERT_NO_FATAL_FAILURE(Create("b", SecretSpec{}.WithTags({{"team", "core"}})));
  ASSERT_NO_FATAL_FAILURE(Create("c"));
  EXPECT_EQ(Select({{"tag-key", {"Team"}}}), (NameList{"a"}));
  EXPECT_EQ(Select({{"tag-key", {"te"}}}), (NameList{"b"}));
  EXPECT_EQ(Select({{"tag-key", {"en"}}}), (NameList{"a"}));
  EXPECT_EQ(Select({{"tag-value", {"pay"}}}), (NameList{"a"}));
  EXPECT_EQ(Select({{"tag-value", {"Pay"}}}), (NameList{}));
  EXPECT_EQ(Select({{"tag-value", {"pro"}}}), (NameList{"a"}));
}

TEST_F(IntegrationSecretListing, NegatedTagFilterSelectsSecretsWithoutAnyMatchingTag) {
  // "a" has a tag that does not start with "env" too; it still has one that
  // does, so it is not selected. "c" has no tags at all, so it is.
  ASSERT_NO_FATAL_FAILURE(Create("a", SecretSpec{}.WithTags({{"env", "prod"}, {"team", "x"}})));
  ASSERT_NO_FATAL_FAILURE(Create("b", SecretSpec{}.WithTags({{"team", "y"}})));
  ASSERT_NO_FATAL_FAILURE(Create("c"));
  EXPECT_EQ(Select({{"tag-key", {"!env"}}}), (NameList{"b", "c"}));
  EXPECT_EQ(Select({{"tag-value", {"!prod"}}}), (NameList{"b", "c"}));
}

// --- description, owning-service: case-insensitive ------------------------------

TEST_F(IntegrationSecretListing, DescriptionMatchesItsStartOrTheStartOfAWord) {
  ASSERT_NO_FATAL_FAILURE(Create("a", SecretSpec{}.WithDescription("Database password for Prod")));
  ASSERT_NO_FATAL_FAILURE(Create("b", SecretSpec{}.WithDescription("MyServiceKey")));
  ASSERT_NO_FATAL_FAILURE(Create("c", SecretSpec{}.WithDescription("prod api-key")));
  ASSERT_NO_FATAL_FAILURE(Create("d"));
  EXPECT_EQ(Select({{"description", {"database"}}}), (NameList{"a"}));
  EXPECT_EQ(Select({{"description", {"PROD"}}}), (NameList{"a", "c"}));
  EXPECT_EQ(Select({{"description", {"serv"}}}), (NameList{"b"}));      // a word of MyServiceKey
  EXPECT_EQ(Select({{"description", {"myserv"}}}), (NameList{"b"}));    // its start
  EXPECT_EQ(Select({{"description", {"key"}}}), (NameList{"b", "c"}));  // after '-' too
  EXPECT_EQ(Select({{"description", {"ase"}}}), (NameList{}));          // inside a word
  // Every word of the value starts a word of the description.
  EXPECT_EQ(Select({{"description", {"pass prod"}}}), (NameList{"a"}));
  EXPECT_EQ(Select({{"description", {"pass api"}}}), (NameList{}));
  // Without a description nothing matches, so the negation does.
  EXPECT_EQ(Select({{"description", {"!prod"}}}), (NameList{"b", "d"}));
}

TEST_F(IntegrationSecretListing, OwningServiceIsACaseInsensitivePrefixAndNullNeverMatches) {
  CreateAll({"a", "b", "c"});
  ASSERT_NO_FATAL_FAILURE(SetOwningService("a", "appflow"));
  ASSERT_NO_FATAL_FAILURE(SetOwningService("b", "rds"));
  EXPECT_EQ(Select({{"owning-service", {"APP"}}}), (NameList{"a"}));
  EXPECT_EQ(Select({{"owning-service", {"r", "a"}}}), (NameList{"a", "b"}));
  EXPECT_EQ(Select({{"owning-service", {"!app"}}}), (NameList{"b", "c"}));
}

// --- all: words of every attribute ----------------------------------------------

TEST_F(IntegrationSecretListing, AllMatchesWordsOfNameDescriptionAndTags) {
  ASSERT_NO_FATAL_FAILURE(Create("prod/DatabasePassword"));
  ASSERT_NO_FATAL_FAILURE(Create("plain1", SecretSpec{}.WithDescription("rotated weekly")));
  ASSERT_NO_FATAL_FAILURE(Create("plain2", SecretSpec{}.WithTags({{"CostCenter", "Finance42"}})));
  ASSERT_NO_FATAL_FAILURE(Create("other"));
  EXPECT_EQ(Select({{"all", {"data"}}}), (NameList{"prod/DatabasePassword"}));
  EXPECT_EQ(Select({{"all", {"PASS"}}}), (NameList{"prod/DatabasePassword"}));
  EXPECT_EQ(Select({{"all", {"week"}}}), (NameList{"plain1"}));
  EXPECT_EQ(Select({{"all", {"center"}}}), (NameList{"plain2"}));
  EXPECT_EQ(Select({{"all", {"fin"}}}), (NameList{"plain2"}));
  EXPECT_EQ(Select({{"all", {"42"}}}), (NameList{"plain2"}));
  EXPECT_EQ(Select({{"all", {"plain"}}}), (NameList{"plain1", "plain2"}));
  EXPECT_EQ(Select({{"all", {"ase"}}}), (NameList{}));
  // The words of a value must all start words of one attribute.
  EXPECT_EQ(Select({{"all", {"prod data"}}}), (NameList{"prod/DatabasePassword"}));
  EXPECT_EQ(Select({{"all", {"plain weekly"}}}), (NameList{}));
  EXPECT_EQ(Select({{"all", {"!plain"}}}), (NameList{"prod/DatabasePassword", "other"}));
}

TEST_F(IntegrationSecretListing, AllBreaksWordsAtCaseChangesAcronymsDigitsAndPunctuation) {
  CreateAll({"HTTPServer", "db2Replica", "my.value+x", "camelCaseURLValue"});
  EXPECT_EQ(Select({{"all", {"server"}}}), (NameList{"HTTPServer"}));
  EXPECT_EQ(Select({{"all", {"http"}}}), (NameList{"HTTPServer"}));
  EXPECT_EQ(Select({{"all", {"2"}}}), (NameList{"db2Replica"}));
  EXPECT_EQ(Select({{"all", {"replica"}}}), (NameList{"db2Replica"}));
  EXPECT_EQ(Select({{"all", {"x"}}}), (NameList{"my.value+x"}));
  EXPECT_EQ(Select({{"all", {"value"}}}), (NameList{"my.value+x", "camelCaseURLValue"}));
  EXPECT_EQ(Select({{"all", {"url"}}}), (NameList{"camelCaseURLValue"}));
  // A value spelled like a name is split the same way.
  EXPECT_EQ(Select({{"all", {"CaseURL"}}}), (NameList{"camelCaseURLValue"}));
}

TEST_F(IntegrationSecretListing, AValueWithoutWordsMatchesNothing) {
  CreateAll({"a-b", "c"});
  EXPECT_EQ(Select({{"all", {"-"}}}), (NameList{}));
  EXPECT_EQ(Select({{"all", {"!-"}}}), (NameList{"a-b", "c"}));
}

TEST_F(IntegrationSecretListing, UnknownFilterKeyIsRefused) {
  CreateAll({"a"});
  auto page = repo().List(Query({{"Name", {"a"}}}));
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), Code::kInvalidArgument);
}

TEST_F(IntegrationSecretListing, AFilterWithoutValuesMatchesNothing) {
  CreateAll({"a"});
  EXPECT_EQ(Select({{"name", {}}}), (NameList{}));
}

// --- sorting ---------------------------------------------------------------

class IntegrationSecretSorting : public IntegrationSecretListing {
 protected:
  void SetUp() override {
    IntegrationSecretListing::SetUp();
    if (HasFatalFailure()) return;
    // Names in the opposite order of creation; "b" and "c" created at the
    // same instant (ties go by item id: "b" was inserted first).
    CreateAll({"d", "b", "c", "a", "B"});
    SetCreated("d", "2021-01-01 00:00:00+00");
    SetCreated("b", "2021-01-02 00:00:00+00");
    SetCreated("c", "2021-01-02 00:00:00+00");
    SetCreated("a", "2021-01-03 00:00:00+00");
    SetCreated("B", "2021-01-04 00:00:00.000001+00");
  }

  std::vector<std::string> Walk(SecretSortKey key, bool descending, std::size_t page_size) {
    SecretQuery q = Query();
    q.sort_by = key;
    q.descending = descending;
    q.max_results = page_size;
    return ListAll(q);
  }

  // The order in every page size must be the same.
  void ExpectOrder(SecretSortKey key, bool descending, const NameList& expected) {
    for (std::size_t size : {1, 2, 100}) {
      SCOPED_TRACE("page size " + std::to_string(size));
      EXPECT_EQ(Walk(key, descending, size), expected);
    }
  }
};

TEST_F(IntegrationSecretSorting, ByCreationTimeAscendingTiesByItemId) {
  ExpectOrder(SecretSortKey::kCreatedDate, false, {"d", "b", "c", "a", "B"});
}

TEST_F(IntegrationSecretSorting, ByCreationTimeDescending) {
  ExpectOrder(SecretSortKey::kCreatedDate, true, {"B", "a", "c", "b", "d"});
}

TEST_F(IntegrationSecretSorting, ByNameInByteOrder) {
  ExpectOrder(SecretSortKey::kName, false, {"B", "a", "b", "c", "d"});
  ExpectOrder(SecretSortKey::kName, true, {"d", "c", "b", "a", "B"});
}

TEST_F(IntegrationSecretSorting, ByLastChange) {
  SetChanged("a", "2022-01-01 00:00:00+00");
  SetChanged("b", "2022-03-01 00:00:00+00");
  SetChanged("c", "2022-02-01 00:00:00.5+00");
  SetChanged("d", "2022-02-01 00:00:00.5+00");
  SetChanged("B", "2022-02-01 00:00:00.500001+00");
  // d and c tie: by item id, d (created first) before c.
  ExpectOrder(SecretSortKey::kLastChangedDate, false, {"a", "d", "c", "B", "b"});
  ExpectOrder(SecretSortKey::kLastChangedDate, true, {"b", "B", "c", "d", "a"});
}

TEST_F(IntegrationSecretSorting, ByLastAccessTreatsNeverReadAsOldest) {
  SetAccessed("a", "2023-05-01");
  SetAccessed("b", "2023-04-01");
  SetAccessed("c", "");
  SetAccessed("d", "2023-06-01");
  SetAccessed("B", "");
  // Never read: c and B, by item id (c first).
  ExpectOrder(SecretSortKey::kLastAccessedDate, false, {"c", "B", "b", "a", "d"});
  ExpectOrder(SecretSortKey::kLastAccessedDate, true, {"d", "a", "b", "B", "c"});
}

// --- paging ----------------------------------------------------------------

TEST_F(IntegrationSecretListing, NextPositionOnlyWhenMoreMayFollow) {
  CreateAll({"a", "b", "c"});
  SecretQuery q = Query();
  q.max_results = 3;
  core::SecretPage page = Page(q);
  EXPECT_EQ(Names(page), (NameList{"a", "b", "c"}));
  EXPECT_FALSE(page.next_position.has_value());

  q.max_results = 2;
  page = Page(q);
  EXPECT_EQ(Names(page), (NameList{"a", "b"}));
  ASSERT_TRUE(page.next_position.has_value());
  q.after = page.next_position;
  page = Page(q);
  EXPECT_EQ(Names(page), (NameList{"c"}));
  EXPECT_FALSE(page.next_position.has_value());
}

TEST_F(IntegrationSecretListing, EveryWalkReturnsEachSecretOnce) {
  std::vector<std::string> names;
  for (int k = 0; k < 23; ++k) names.push_back("s" + std::to_string(100 + (k * 7) % 23));
  CreateAll(names);
  // Many ties in every time key.
  for (int k = 0; k < 23; ++k) {
    const std::string& n = names[static_cast<std::size_t>(k)];
    SetCreated(n, "2021-01-0" + std::to_string(1 + k % 3) + " 00:00:00+00");
    SetChanged(n, "2022-01-0" + std::to_string(1 + k % 4) + " 00:00:00+00");
    SetAccessed(n, k % 5 == 0 ? "" : "2023-01-0" + std::to_string(1 + k % 2));
  }
  for (SecretSortKey key : kEverySortKey) {
    for (bool descending : {false, true}) {
      SCOPED_TRACE(SortTrace(key, descending));
      SecretQuery q = Query();
      q.sort_by = key;
      q.descending = descending;
      const std::vector<std::string> whole = ListAll(q);
      EXPECT_EQ(Sorted(whole), Sorted(names));
      q.max_results = 4;
      int pages = 0;
      EXPECT_EQ(ListAll(q, &pages), whole);
      EXPECT_EQ(pages, 6);
    }
  }
}

// Between two pages one secret comes before the position and one after it,
// one already seen and one not yet seen go: the walk goes on from where it
// was, sees each survivor once and the newcomer after the position.
TEST_F(IntegrationSecretListing, WalkByNameContinuesWhileSecretsComeAndGo) {
  CreateAll({"b", "d", "f", "h", "j", "l"});
  SecretQuery q = Query();
  q.sort_by = SecretSortKey::kName;
  q.max_results = 2;
  core::SecretPage first = Page(q);
  ASSERT_EQ(Names(first), (NameList{"b", "d"}));
  CreateAll({"a", "g"});
  ASSERT_NO_FATAL_FAILURE(DeleteWithSql({"d", "h"}));
  q.after = first.next_position;
  EXPECT_EQ(ListAll(q), (NameList{"f", "g", "j", "l"}));
}

TEST_F(IntegrationSecretListing, WalkByCreationContinuesWhileSecretsComeAndGo) {
  CreateAll({"b", "d", "f", "h", "j", "l"});
  SecretQuery q = Query();
  q.max_results = 2;
  core::SecretPage first = Page(q);
  ASSERT_EQ(Names(first), (NameList{"b", "d"}));
  CreateAll({"a", "g"});
  SetCreated("a", "2000-01-01 00:00:00+00");  // before the position
  ASSERT_NO_FATAL_FAILURE(DeleteWithSql({"d", "h"}));
  q.after = first.next_position;
  EXPECT_EQ(ListAll(q), (NameList{"f", "j", "l", "g"}));
}

TEST_F(IntegrationSecretListing, PositionOfAnotherListingIsRefused) {
  CreateAll({"a", "b", "c"});
  SecretQuery q = Query();
  q.max_results = 1;
  core::SecretPage page = Page(q);
  ASSERT_TRUE(page.next_position.has_value());
  SecretQuery other = q;
  other.descending = true;
  other.after = page.next_position;
  auto refused = repo().List(other);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Code::kInvalidArgument);
  other = q;
  other.sort_by = SecretSortKey::kName;
  other.after = page.next_position;
  EXPECT_EQ(repo().List(other).status().code(), Code::kInvalidArgument);
  for (const char* garbage : {"", "created.asc", "created.asc:x:1", "created.asc:1:x",
                              "created.asc:1:", "accessed.asc:1:2023-1-01"}) {
    SCOPED_TRACE(garbage);
    other = q;
    other.sort_by = std::string(garbage).starts_with("accessed") ? SecretSortKey::kLastAccessedDate
                                                                 : SecretSortKey::kCreatedDate;
    other.after = garbage;
    EXPECT_EQ(repo().List(other).status().code(), Code::kInvalidArgument);
  }
}

// --- what is listed --------------------------------------------------------

TEST_F(IntegrationSecretListing, ScheduledForDeletionIsHiddenUnlessIncluded) {
  CreateAll({"a", "b", "c"});
  ASSERT_NO_FATAL_FAILURE(ScheduleDeletion("b"));
  EXPECT_EQ(ListAll(Query()), (NameList{"a", "c"}));
  SecretQuery q = Query();
  q.include_planned_deletion = true;
  q.max_results = 1;
  EXPECT_EQ(ListAll(q), (NameList{"a", "b", "c"}));
  q.max_results = 3;
  core::SecretPage page = Page(q);
  ASSERT_EQ(page.secrets.size(), 3u);
  EXPECT_TRUE(page.secrets[1].deletion_date.has_value());
  EXPECT_FALSE(page.secrets[0].deletion_date.has_value());
}

TEST_F(IntegrationSecretListing, OtherRegionsAndAccountsAreNotListed) {
  ASSERT_NO_FATAL_FAILURE(Create("mine"));
  ASSERT_NO_FATAL_FAILURE(Create("theirs", SecretSpec{}.InRegion("eu-west-1")));
  ASSERT_NO_FATAL_FAILURE(Create("foreign", SecretSpec{}.InAccount("210987654321")));
  for (SecretSortKey key : kEverySortKey) {
    SecretQuery q = Query();
    q.sort_by = key;
    q.max_results = 1;
    EXPECT_EQ(ListAll(q), (NameList{"mine"}));
  }
}

TEST_F(IntegrationSecretListing, ListedSecretCarriesItsTagsAndOnlyLabelledVersions) {
  ASSERT_NO_FATAL_FAILURE(Create(
      "s", SecretSpec{}.WithDescription("d").WithTags({{"b", "2"}, {"a", "1"}}).WithValue()));
  ASSERT_NO_FATAL_FAILURE(Create("t", SecretSpec{}.WithValue()));
  // Versions 2 and 3 beside the created one (their sealed columns copied:
  // the listing never opens a value); 2 becomes current, 1 previous, 3 has
  // no label (deprecated) and must not be listed.
  SqlResult r = Sql(
      "WITH it AS (SELECT item_id FROM paramsafe.items WHERE kind = 'secret' AND name = 's'),"
      " ins AS (INSERT INTO paramsafe.versions (item_id, version, version_id, value_type,"
      "   key_id, key_version, wrapped_data_key, ciphertext, created_by)"
      "  SELECT v.item_id, g, 'version-' || g, v.value_type, v.key_id, v.key_version,"
      "    v.wrapped_data_key, v.ciphertext, v.created_by"
      "  FROM paramsafe.versions v JOIN it USING (item_id), generate_series(2, 3) g"
      "  WHERE v.version = 1 RETURNING item_id)"
      " UPDATE paramsafe.items SET latest_version = 3 WHERE item_id IN (SELECT item_id FROM it);"
      "UPDATE paramsafe.labels SET version = 2 WHERE label = 'AWSCURRENT'"
      " AND item_id = (SELECT item_id FROM paramsafe.items WHERE kind = 'secret' AND name = 's');"
      "INSERT INTO paramsafe.labels (item_id, label, version)"
      " SELECT item_id, l, 1 FROM paramsafe.items, unnest(ARRAY['AWSPREVIOUS', 'custom']) l"
      " WHERE kind = 'secret' AND name = 's'");
  ASSERT_TRUE(r.ok) << r.error;

  core::SecretPage page = Page(Query());
  ASSERT_EQ(Names(page), (NameList{"s", "t"}));
  const core::Secret& s = page.secrets[0];
  EXPECT_EQ(s.description, std::optional<std::string>("d"));
  EXPECT_EQ(s.tags, (std::vector<core::Tag>{{"a", "1"}, {"b", "2"}}));
  EXPECT_EQ(s.latest_number, 3);
  ASSERT_EQ(s.versions.size(), 2u);
  EXPECT_EQ(s.versions[0].version_id, "version-2");
  EXPECT_EQ(s.versions[0].stages, (NameList{"AWSCURRENT"}));
  EXPECT_EQ(s.versions[1].version_id, kFirstVersionId);
  EXPECT_EQ(s.versions[1].stages, (NameList{"AWSPREVIOUS", "custom"}));
  const core::Secret& t = page.secrets[1];
  EXPECT_TRUE(t.tags.empty());
  ASSERT_EQ(t.versions.size(), 1u);
  EXPECT_EQ(t.versions[0].stages, (NameList{"AWSCURRENT"}));
}

}  // namespace
}  // namespace paramsafe::integration
