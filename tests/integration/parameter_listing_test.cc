// PgParameterListing over real PostgreSQL: hierarchy levels and prefixes,
// what a listed version carries, keyset paging (also under concurrent
// changes), and history.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "parameter_listing_fixture.h"

namespace paramsafe::integration {
namespace {

using core::Code;
using core::FilterTerm;
using core::ParameterPage;
using core::ParameterQuery;

// --- hierarchy -------------------------------------------------------------

TEST_F(IntegrationParameterListing, OneLevelListsOnlyDirectChildren) {
  PutAll({"/a/x", "/a/y", "/a/b/c", "/ab/z", "/a", "/b/x"});
  ParameterQuery q = Query();
  q.parent = "/a";
  ParameterPage page = Page(q);
  EXPECT_EQ(Names(page), (std::vector<std::string>{"/a/x", "/a/y"}));
  EXPECT_FALSE(page.resume_after.has_value());
}

TEST_F(IntegrationParameterListing, RecursivePrefixListsDescendantsOnly) {
  // '.' and '-' sort just below '/', '0' just above it: the range "/a/" ..
  // "/a0" must hold every descendant of /a and nothing else.
  PutAll({"/a/x", "/a/b/c", "/a/b/d/e", "/ab/z", "/a0/q", "/a.b/q", "/a-/q", "/a", "/b/x"});
  ParameterQuery q = Query();
  q.prefix = "/a/";
  EXPECT_EQ(ListAll(q), (std::vector<std::string>{"/a/b/c", "/a/b/d/e", "/a/x"}));
}

TEST_F(IntegrationParameterListing, NamePrefixWithoutSlashMatchesLongerNames) {
  PutAll({"/a/x", "/ab/z", "/b/x"});
  ParameterQuery q = Query();
  q.prefix = "/a";
  EXPECT_EQ(ListAll(q), (std::vector<std::string>{"/a/x", "/ab/z"}));
}

TEST_F(IntegrationParameterListing, RootLevelHoldsSingleLevelNamesWithAndWithoutSlash) {
  PutAll({"foo", "/bar", "/dir/x", "/dir/y/z"});
  ParameterQuery q = Query();
  q.parent = "/";
  // Lookup-name order ("bar" < "foo"), names as created.
  EXPECT_EQ(ListAll(q), (std::vector<std::string>{"/bar", "foo"}));
}

TEST_F(IntegrationParameterListing, NoPrefixAndEmptyPrefixListEverything) {
  PutAll({"foo", "/bar", "/dir/x", "/dir/y/z"});
  // Lookup-name order: "bar" (the lookup name of /bar) sorts after "/dir/...".
  std::vector<std::string> all{"/dir/x", "/dir/y/z", "/bar", "foo"};
  EXPECT_EQ(ListAll(Query()), all);
  ParameterQuery q = Query();
  q.prefix = "";
  EXPECT_EQ(ListAll(q), all);
}

TEST_F(IntegrationParameterListing, LevelAndPrefixTogetherAreBothApplied) {
  PutAll({"/a/bx", "/a/by", "/a/c", "/a/b/deep"});
  ParameterQuery q = Query();
  q.parent = "/a";
  q.prefix = "/a/b";
  EXPECT_EQ(ListAll(q), (std::vector<std::string>{"/a/bx", "/a/by"}));
}

TEST_F(IntegrationParameterListing, MultibytePrefixesAreExactRanges) {
  // U+00E9 (C3 A9), U+00EA (C3 AA); U+00BF (C2 BF) whose last byte + 1 would
  // not be UTF-8; U+10FFFF, the last code point, after which nothing sorts.
  InsertParameters({"/u/\u00e9", "/u/\u00e9a", "/u/\u00ea", "/u/\u00bfx", "/u/\u00c0",
                    "/u/\U0010FFFF", "/u/\U0010FFFFz", "/u/z"});
  ParameterQuery q = Query();
  q.prefix = "/u/\u00e9";
  EXPECT_EQ(ListAll(q), (std::vector<std::string>{"/u/\u00e9", "/u/\u00e9a"}));
  q.prefix = "/u/\u00bf";
  EXPECT_EQ(ListAll(q), (std::vector<std::string>{"/u/\u00bfx"}));
  q.prefix = "/u/\U0010FFFF";
  EXPECT_EQ(ListAll(q), (std::vector<std::string>{"/u/\U0010FFFF", "/u/\U0010FFFFz"}));
}

TEST_F(IntegrationParameterListing, OnlyParametersOfTheAccountAndRegionAreListed) {
  PutAll({"/s/mine"});
  InsertParameters({"/s/other-region"}, "eu-west-1");
  InsertParameters({"/s/other-account"}, kRegion, "210987654321");
  InsertParameters({"/s/a-secret"}, kRegion, kAccount, "secret");
  EXPECT_EQ(ListAll(Query()), (std::vector<std::string>{"/s/mine"}));
  ParameterQuery q = Query();
  q.region = "eu-west-1";
  EXPECT_EQ(ListAll(q), (std::vector<std::string>{"/s/other-region"}));
}

// --- what a listed version carries -----------------------------------------

TEST_F(IntegrationParameterListing, ListedVersionIsTheLatestFullyFilled) {
  ASSERT_TRUE(Put("/full/p", "SecureString", "one").ok());
  ASSERT_TRUE(Put("/full/p", "SecureString", "two", /*overwrite=*/true).ok());
  auto got = Get("/full/p");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ParameterPage page = Page(Query());
  ASSERT_EQ(page.parameters.size(), 1u);
  const core::ParameterVersion& listed = page.parameters[0];
  const core::ParameterVersion& want = got->version;
  EXPECT_EQ(listed.name, "/full/p");
  EXPECT_EQ(listed.arn, want.arn);
  EXPECT_EQ(listed.arn, "arn:aws:ssm:us-east-1:123456789012:parameter/full/p");
  EXPECT_EQ(listed.version, 2);
  EXPECT_EQ(listed.attributes.type, "SecureString");
  EXPECT_EQ(listed.attributes.data_type, want.attributes.data_type);
  EXPECT_EQ(listed.attributes.tier, want.attributes.tier);
  EXPECT_EQ(listed.attributes.key_ref, std::optional<std::string>("alias/aws/ssm"));
  EXPECT_EQ(listed.attributes.description, want.attributes.description);
  EXPECT_EQ(listed.attributes.allowed_pattern, want.attributes.allowed_pattern);
  EXPECT_EQ(listed.attributes.policies, want.attributes.policies);
  EXPECT_EQ(listed.sealed.key_id, want.sealed.key_id);
  EXPECT_EQ(listed.sealed.key_version, want.sealed.key_version);
  EXPECT_TRUE(listed.sealed.wrapped_data_key == want.sealed.wrapped_data_key);
  EXPECT_TRUE(listed.sealed.ciphertext == want.sealed.ciphertext);
  EXPECT_FALSE(listed.sealed.ciphertext.empty());
  EXPECT_EQ(listed.last_modified, want.last_modified);
  EXPECT_EQ(listed.last_modified_user, "arn:aws:iam::123456789012:user/integration");
  EXPECT_TRUE(listed.labels.empty());
  EXPECT_TRUE(listed.policy_statuses.empty());
}

TEST_F(IntegrationParameterListing, PolicyStatusesComeFromTheJobsByIndex) {
  InsertParameters({"/pol/p"});
  const std::string policies =
      R"([{"Type":"Expiration","Version":"1.0","Attributes":{"Timestamp":"2030-01-01T00:00:00.000Z"}},)"
      R"({"Type":"ExpirationNotification","Version":"1.0","Attributes":{"Before":"1","Unit":"Days"}},)"
      R"({"Type":"NoChangeNotification","Version":"1.0","Attributes":{"After":"1","Unit":"Days"}},)"
      R"({"Type":"NoChangeNotification","Version":"1.0","Attributes":{"After":"2","Unit":"Days"}}])";
  AddVersion("/pol/p", {.tier = "Advanced", .policies = policies});
  Job("/pol/p", 0, "done");
  Job("/pol/p", 1, "failed");
  Job("/pol/p", 2, "pending");
  // index 3 has no job; a later job of an index wins over an earlier one.
  Job("/pol/p", 0, "failed");
  Job("/pol/p", 0, "done");
  ParameterPage page = Page(Query());
  ASSERT_EQ(page.parameters.size(), 1u);
  EXPECT_EQ(page.parameters[0].attributes.policies, policies);
  EXPECT_EQ(page.parameters[0].policy_statuses,
            (std::vector<std::string>{"Finished", "Failed", "Pending", "Pending"}));
}

// --- paging ----------------------------------------------------------------

TEST_F(IntegrationParameterListing, PagingCollectsEveryItemExactlyOnce) {
  std::vector<std::string> names = Numbered("/pg/d/p", 260);
  std::vector<std::string> deep = Numbered("/pg/d/x/p", 17);
  InsertParameters(names);
  InsertParameters(deep);
  InsertParameters({"/pa/before", "/ph/after"});
  for (int page_size : {1, 3, 10}) {
    for (int scan_limit : {1, 4, 7, 100}) {
      ParameterQuery q = Query();
      q.page_size = page_size;
      q.scan_limit = scan_limit;
      q.parent = "/pg/d";
      int pages = 0;
      EXPECT_EQ(ListAll(q, &pages), names) << page_size << "/" << scan_limit;
      // Each page holds at most page_size items and examines scan_limit names.
      EXPECT_GE(pages, static_cast<int>(names.size()) / std::min(page_size, scan_limit));

      q.parent.reset();
      q.prefix = "/pg/";
      std::vector<std::string> all = names;
      all.insert(all.end(), deep.begin(), deep.end());
      std::sort(all.begin(), all.end());
      EXPECT_EQ(ListAll(q), all) << page_size << "/" << scan_limit;
    }
  }
}

TEST_F(IntegrationParameterListing, FilteredPagingCollectsEveryMatchExactlyOnce) {
  std::vector<std::string> names = Numbered("/fp/p", 300);
  InsertParameters(names);
  std::vector<std::string> tagged;
  for (std::size_t i = 0; i < names.size(); i += 7) {
    Tag(names[i], "pick", "yes");
    tagged.push_back(names[i]);
  }
  ParameterQuery q = Query();
  q.prefix = "/fp/";
  q.terms = {{"tag:pick", "Exists", ""}};
  q.page_size = 4;
  q.scan_limit = 9;
  int pages = 0;
  EXPECT_EQ(ListAll(q, &pages), tagged);
  EXPECT_GE(pages, 300 / 9);
}

TEST_F(IntegrationParameterListing, PageResumesAfterLastMatchWhenMoreMatchesRemain) {
  InsertParameters(Numbered("/m/p", 10));
  ParameterQuery q = Query();
  q.page_size = 3;
  q.scan_limit = 100;
  ParameterPage page = Page(q);
  EXPECT_EQ(Names(page), (std::vector<std::string>{"/m/p0000", "/m/p0001", "/m/p0002"}));
  EXPECT_EQ(page.resume_after, std::optional<std::string>("/m/p0002"));
  q.after = "/m/p0008";
  page = Page(q);
  EXPECT_EQ(Names(page), std::vector<std::string>{"/m/p0009"});
  EXPECT_FALSE(page.resume_after.has_value());
  // Exactly page_size matches left and all of them examined: no next page.
  q.after = "/m/p0006";
  page = Page(q);
  EXPECT_EQ(Names(page).size(), 3u);
  EXPECT_FALSE(page.resume_after.has_value());
}

TEST_F(IntegrationParameterListing, PageWithoutMatchesStillResumesAfterTheScan) {
  InsertParameters(Numbered("/z/p", 8));
  ParameterQuery q = Query();
  q.terms = {{"Name", "Equals", "/z/p0007"}};
  q.page_size = 5;
  q.scan_limit = 3;
  ParameterPage page = Page(q);
  EXPECT_TRUE(page.parameters.empty());
  EXPECT_EQ(page.resume_after, std::optional<std::string>("/z/p0002"));
  q.after = *page.resume_after;
  page = Page(q);
  EXPECT_TRUE(page.parameters.empty());
  EXPECT_EQ(page.resume_after, std::optional<std::string>("/z/p0005"));
  q.after = *page.resume_after;
  page = Page(q);
  EXPECT_EQ(Names(page), std::vector<std::string>{"/z/p0007"});
  EXPECT_FALSE(page.resume_after.has_value());
}

TEST_F(IntegrationParameterListing, EmptyStoreGivesOneEmptyLastPage) {
  ParameterPage page = Page(Query());
  EXPECT_TRUE(page.parameters.empty());
  EXPECT_FALSE(page.resume_after.has_value());
}

TEST_F(IntegrationParameterListing, PagingIsStableUnderInsertsAndDeletes) {
  std::vector<std::string> names = Numbered("/st/p", 40);
  InsertParameters(names);
  ParameterQuery q = Query();
  q.prefix = "/st/";
  q.page_size = 5;
  q.scan_limit = 6;
  std::vector<std::string> seen;
  std::set<std::string> expected(names.begin(), names.end());
  std::size_t next_unseen_victim = names.size() - 1;
  for (int step = 1;; ++step) {
    ASSERT_LT(step, 100) << "paging did not end";
    ParameterPage page = Page(q);
    for (auto& p : page.parameters) seen.push_back(p.name);
    if (!page.resume_after) break;
    q.after = *page.resume_after;
    // Between pages, on both sides of the cursor: a name inserted before it
    // never shows up, one inserted after it does; deleting a name already
    // returned (even the cursor's own) skips nothing, deleting one not yet
    // reached takes it out of the listing.
    const std::string n = std::to_string(100 + step);
    InsertParameters({"/st/a-" + n, "/st/z-" + n, "/sa/" + n, "/su/" + n});
    expected.insert("/st/z-" + n);
    if (step % 2 == 1 && expected.contains(q.after)) DeleteParameter(q.after);
    if (step % 3 == 0 && names[next_unseen_victim] > q.after) {
      DeleteParameter(names[next_unseen_victim]);
      expected.erase(names[next_unseen_victim]);
      --next_unseen_victim;
    }
  }
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), seen.size())
      << "an item was repeated";
  EXPECT_EQ(std::vector<std::string>(expected.begin(), expected.end()), seen);
  EXPECT_LT(next_unseen_victim, names.size() - 1) << "no unseen name was deleted";
}

// --- history ---------------------------------------------------------------

TEST_F(IntegrationParameterListing, HistoryPagesThroughVersionsOldestFirst) {
  for (int i = 1; i <= 5; ++i) {
    ASSERT_TRUE(Put("/h/p", "String", "v" + std::to_string(i), i > 1).ok());
  }
  Label("/h/p", 2, "prod");
  Label("/h/p", 2, "beta");
  Label("/h/p", 2, "Alpha");
  Label("/h/p", 4, "next");

  auto first = listing().History(Key("/h/p"), 0, 2);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->versions.size(), 2u);
  EXPECT_EQ(first->versions[0].version, 1);
  EXPECT_EQ(first->versions[1].version, 2);
  EXPECT_TRUE(first->versions[0].labels.empty());
  EXPECT_EQ(first->versions[1].labels, (std::vector<std::string>{"Alpha", "beta", "prod"}));
  EXPECT_EQ(first->resume_after, std::optional<std::int64_t>(2));
  EXPECT_EQ(first->versions[0].name, "/h/p");
  EXPECT_EQ(first->versions[0].last_modified_user, "arn:aws:iam::123456789012:user/integration");
  EXPECT_EQ(first->versions[0].attributes.type, "String");
  EXPECT_FALSE(first->versions[0].sealed.ciphertext.empty());

  auto second = listing().History(Key("/h/p"), 2, 2);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  ASSERT_EQ(second->versions.size(), 2u);
  EXPECT_EQ(second->versions[0].version, 3);
  EXPECT_EQ(second->versions[1].labels, std::vector<std::string>{"next"});
  EXPECT_EQ(second->resume_after, std::optional<std::int64_t>(4));

  auto last = listing().History(Key("/h/p"), 4, 2);
  ASSERT_TRUE(last.ok()) << last.status().ToString();
  ASSERT_EQ(last->versions.size(), 1u);
  EXPECT_EQ(last->versions[0].version, 5);
  EXPECT_FALSE(last->resume_after.has_value());

  auto exact = listing().History(Key("/h/p"), 3, 2);
  ASSERT_TRUE(exact.ok()) << exact.status().ToString();
  EXPECT_EQ(exact->versions.size(), 2u);
  EXPECT_FALSE(exact->resume_after.has_value()) << "nothing remains after version 5";

  auto beyond = listing().History(Key("/h/p"), 5, 2);
  ASSERT_TRUE(beyond.ok()) << beyond.status().ToString();
  EXPECT_TRUE(beyond->versions.empty());
  EXPECT_FALSE(beyond->resume_after.has_value());
}

TEST_F(IntegrationParameterListing, HistorySkipsVersionsNoLongerRetained) {
  for (int i = 1; i <= 4; ++i) {
    ASSERT_TRUE(Put("/h/w", "String", "v", i > 1).ok());
  }
  ASSERT_TRUE(Sql("DELETE FROM paramsafe.versions WHERE version <= 2").ok);
  auto page = listing().History(Key("/h/w"), 0, 1);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->versions.size(), 1u);
  EXPECT_EQ(page->versions[0].version, 3);
  EXPECT_EQ(page->resume_after, std::optional<std::int64_t>(3));
}

TEST_F(IntegrationParameterListing, HistoryOfSingleLevelNameWorksWithEitherSpelling) {
  ASSERT_TRUE(Put("solo", "String", "v").ok());
  auto page = listing().History(Key("/solo"), 0, 10);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->versions.size(), 1u);
  EXPECT_EQ(page->versions[0].name, "solo");
}

TEST_F(IntegrationParameterListing, HistoryOfMissingParameterIsNotFound) {
  ASSERT_TRUE(Put("/h/exists", "String", "v").ok());
  auto page = listing().History(Key("/h/missing"), 0, 10);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), Code::kNotFound);
  EXPECT_EQ(page.status().reason(), "Parameter /h/missing not found.");
}

TEST_F(IntegrationParameterListing, HistoryReportsSupersededPoliciesAsFinished) {
  InsertParameters({"/h/pol"});
  const std::string old_set = R"([{"Type":"Expiration"},{"Type":"NoChangeNotification"}])";
  const std::string new_set = R"([{"Type":"ExpirationNotification"}])";
  AddVersion("/h/pol", {.tier = "Advanced", .policies = old_set});  // v2
  AddVersion("/h/pol", {.tier = "Advanced", .policies = new_set});  // v3
  AddVersion("/h/pol", {.tier = "Advanced", .policies = new_set});  // v4: the set is kept
  Job("/h/pol", 0, "failed");
  auto page = listing().History(Key("/h/pol"), 0, 10);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->versions.size(), 4u);
  EXPECT_TRUE(page->versions[0].policy_statuses.empty());
  EXPECT_EQ(page->versions[1].policy_statuses, (std::vector<std::string>{"Finished", "Finished"}));
  EXPECT_EQ(page->versions[2].policy_statuses, std::vector<std::string>{"Failed"});
  EXPECT_EQ(page->versions[3].policy_statuses, std::vector<std::string>{"Failed"});
}

TEST_F(IntegrationParameterListing, BadLimitsAreInvalidArgument) {
  ParameterQuery q = Query();
  q.page_size = 0;
  auto page = listing().List(q);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), Code::kInvalidArgument);
  q.page_size = 5;
  q.scan_limit = 0;
  page = listing().List(q);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), Code::kInvalidArgument);
  auto history = listing().History(Key("/x"), 0, 0);
  ASSERT_FALSE(history.ok());
  EXPECT_EQ(history.status().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace paramsafe::integration
