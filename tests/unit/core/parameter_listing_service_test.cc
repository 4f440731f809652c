// ParameterListingService over FakeParameterListing and FakeKeyring: what each
// read passes to the listing, how values are opened, and the keyset paging the
// fake implements as the store must (every item once across pages).
#include "core/parameter_listing_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "listing_fakes.h"
#include "parameter_fakes.h"

namespace paramsafe::core::testing {
namespace {

class CoreParameterListingService : public ::testing::Test {
 protected:
  CoreParameterListingService() : service_(listing_, keyring_) {}

  void Add(const std::string& name, std::string_view value, const std::string& type = kTypeString,
           std::int64_t version = 1) {
    listing_.Add(SealedVersion(keyring_, name, version, value, type));
  }
  static ParameterQuery Query(int page_size = 10) {
    ParameterQuery q;
    q.account_id = kAccount;
    q.region = kRegion;
    q.page_size = page_size;
    q.scan_limit = 100;
    return q;
  }
  static std::vector<std::string> Names(const ParameterPage& page) {
    std::vector<std::string> out;
    for (const ParameterVersion& v : page.parameters) out.push_back(v.name);
    return out;
  }
  // Every name a listing yields, page after page, with the pages' sizes.
  std::vector<std::string> ListAll(ParameterQuery q, std::vector<std::size_t>* sizes = nullptr) {
    std::vector<std::string> out;
    for (int guard = 0; guard < 10000; ++guard) {
      auto page = service_.Describe(q);
      EXPECT_TRUE(page.ok()) << page.status().ToString();
      if (!page.ok()) break;
      for (const auto& v : page->parameters) out.push_back(v.name);
      if (sizes) sizes->push_back(page->parameters.size());
      if (!page->resume_after) break;
      q.after = *page->resume_after;
    }
    return out;
  }

  FakeParameterListing listing_;
  FakeKeyring keyring_;
  ParameterListingService service_;
};

TEST_F(CoreParameterListingService, DescribePassesTheQueryThroughAndOpensNothing) {
  Add("/a/x", "1");
  Add("/a/y", "2", kTypeSecureString);
  ParameterQuery q = Query(5);
  q.parent = "/a";
  q.terms = {{"Type", "Equals", "SecureString"}};
  auto page = service_.Describe(q);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(Names(*page), (std::vector<std::string>{"/a/y"}));
  EXPECT_FALSE(page->resume_after.has_value());
  ASSERT_EQ(listing_.queries().size(), 1u);
  EXPECT_EQ(listing_.queries()[0].parent, "/a");
  EXPECT_EQ(listing_.queries()[0].page_size, 5);
  EXPECT_TRUE(keyring_.open_calls().empty());
}

TEST_F(CoreParameterListingService, PageSizeBelowOneIsRefused) {
  auto page = service_.Describe(Query(0));
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), Code::kInvalidArgument);
  EXPECT_TRUE(listing_.queries().empty());
  auto history = service_.History(ParameterKey(kAccount, kRegion, "/a"), 0, 0, false);
  EXPECT_EQ(history.status().code(), Code::kInvalidArgument);
}

TEST_F(CoreParameterListingService, ScanLimitIsNeverBelowThePageSize) {
  ParameterQuery q = Query(10);
  q.scan_limit = 3;
  ASSERT_TRUE(service_.Describe(q).ok());
  EXPECT_EQ(listing_.queries().back().scan_limit, 10);
}

TEST_F(CoreParameterListingService, ByPathOpensPlainValues) {
  Add("/a/s", "plain");
  Add("/a/l", "x,y", kTypeStringList);
  auto page = service_.ByPath(Query(), false);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->parameters.size(), 2u);
  EXPECT_EQ(page->parameters[0].version.name, "/a/l");
  ASSERT_TRUE(page->parameters[0].plaintext.has_value());
  EXPECT_EQ(AsStringView(*page->parameters[0].plaintext), "x,y");
  EXPECT_EQ(AsStringView(*page->parameters[1].plaintext), "plain");
}

TEST_F(CoreParameterListingService, ByPathLeavesSecureStringsSealedWithoutDecryption) {
  Add("/a/secret", "hunter2", kTypeSecureString);
  auto page = service_.ByPath(Query(), false);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->parameters.size(), 1u);
  EXPECT_FALSE(page->parameters[0].plaintext.has_value());
  EXPECT_FALSE(page->parameters[0].version.sealed.ciphertext.empty());
  EXPECT_TRUE(keyring_.open_calls().empty());
}

TEST_F(CoreParameterListingService, ByPathDecryptsWhenAsked) {
  Add("/a/secret", "hunter2", kTypeSecureString, 1);
  auto page = service_.ByPath(Query(), true);
  ASSERT_TRUE(page.ok());
  ASSERT_TRUE(page->parameters[0].plaintext.has_value());
  EXPECT_EQ(AsStringView(*page->parameters[0].plaintext), "hunter2");
  ASSERT_EQ(keyring_.open_calls().size(), 1u);
  EXPECT_EQ(keyring_.open_calls()[0].item, "arn:aws:ssm:us-east-1:123456789012:parameter/a/secret");
}

TEST_F(CoreParameterListingService, ByPathFailsThePageWhenAValueCannotBeOpened) {
  Add("/a/x", "1");
  keyring_.set_fail_opens(true);
  auto page = service_.ByPath(Query(), false);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), Code::kDecryptFailed);
}

TEST_F(CoreParameterListingService, ByPathKeepsTheResumePoint) {
  for (char c = 'a'; c <= 'e'; ++c) Add(std::string("/p/") + c, "v");
  auto page = service_.ByPath(Query(2), false);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->parameters.size(), 2u);
  EXPECT_EQ(page->resume_after, "/p/b");
}

TEST_F(CoreParameterListingService, HistoryOpensEveryVersionOldestFirst) {
  for (int v = 1; v <= 3; ++v) {
    listing_.Add(SealedVersion(keyring_, "/h", v, "value-" + std::to_string(v)));
  }
  listing_.Label("/h", 2, "prod");
  auto page = service_.History(ParameterKey(kAccount, kRegion, "/h"), 0, 50, false);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->versions.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(page->versions[i].version.version, i + 1);
    EXPECT_EQ(AsStringView(*page->versions[i].plaintext), "value-" + std::to_string(i + 1));
  }
  EXPECT_EQ(page->versions[1].version.labels, (std::vector<std::string>{"prod"}));
  EXPECT_TRUE(page->versions[0].version.labels.empty());
  EXPECT_FALSE(page->resume_after.has_value());
}

TEST_F(CoreParameterListingService, HistoryPagesResumeAfterAVersion) {
  for (int v = 1; v <= 5; ++v) listing_.Add(SealedVersion(keyring_, "/h", v, "v"));
  ItemKey key = ParameterKey(kAccount, kRegion, "/h");
  auto first = service_.History(key, 0, 2, false);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->resume_after, 2);
  auto last = service_.History(key, 4, 2, false);
  ASSERT_TRUE(last.ok());
  ASSERT_EQ(last->versions.size(), 1u);
  EXPECT_EQ(last->versions[0].version.version, 5);
  EXPECT_FALSE(last->resume_after.has_value());
  EXPECT_EQ(listing_.history_calls().back().after_version, 4);
}

TEST_F(CoreParameterListingService, HistoryOfAMissingParameterIsNotFound) {
  auto page = service_.History(ParameterKey(kAccount, kRegion, "/nope"), 0, 50, false);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), Code::kNotFound);
  EXPECT_EQ(page.status().reason(), "Parameter /nope not found.");
}

TEST_F(CoreParameterListingService, HistorySecureStringWithAndWithoutDecryption) {
  listing_.Add(SealedVersion(keyring_, "/s", 1, "top-secret", kTypeSecureString));
  ItemKey key = ParameterKey(kAccount, kRegion, "/s");
  auto sealed = service_.History(key, 0, 50, false);
  ASSERT_TRUE(sealed.ok());
  EXPECT_FALSE(sealed->versions[0].plaintext.has_value());
  auto opened = service_.History(key, 0, 50, true);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(AsStringView(*opened->versions[0].plaintext), "top-secret");
}

// ---- The fake's paging contract, as the callers rely on it -----------------

TEST_F(CoreParameterListingService, PagesYieldEveryItemOnceInByteOrder) {
  std::set<std::string> expected;
  for (int i = 0; i < 260; ++i) {
    std::string name = "/p/" + std::to_string(i * 7919 % 1000);
    if (expected.insert(name).second) Add(name, "v");
  }
  std::vector<std::string> all = ListAll(Query(7));
  EXPECT_EQ(all, std::vector<std::string>(expected.begin(), expected.end()));
}

TEST_F(CoreParameterListingService, SparseMatchesGiveShortPagesButNoGapsOrRepeats) {
  std::vector<std::string> secure;
  for (int i = 0; i < 300; ++i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "/p/%03d", i);
    bool is_secure = i % 37 == 0;
    Add(buf, "v", is_secure ? kTypeSecureString : kTypeString);
    if (is_secure) secure.push_back(buf);
  }
  ParameterQuery q = Query(5);
  q.scan_limit = 20;
  q.terms = {{"Type", "Equals", "SecureString"}};
  std::vector<std::size_t> sizes;
  EXPECT_EQ(ListAll(q, &sizes), secure);
  EXPECT_EQ(listing_.max_examined(), 20);
  EXPECT_GT(sizes.size(), 10u) << "each page examines at most 20 of 300";
  EXPECT_NE(std::find(sizes.begin(), sizes.end(), 0u), sizes.end()) << "some pages are empty";
}

TEST_F(CoreParameterListingService, PrefixAndParentBoundTheCandidates) {
  for (const char* n : {"/a", "/a/b", "/a/b/c", "/a/d", "/ab", "/b/x", "top", "/solo"}) Add(n, "v");
  ParameterQuery level = Query();
  level.parent = "/a";
  EXPECT_EQ(ListAll(level), (std::vector<std::string>{"/a/b", "/a/d"}));
  ParameterQuery below = Query();
  below.prefix = "/a/";
  EXPECT_EQ(ListAll(below), (std::vector<std::string>{"/a/b", "/a/b/c", "/a/d"}));
  ParameterQuery root = Query();
  root.parent = "/";
  // Lookup names: "/a" is "a", "/ab" "ab", "/solo" "solo": all sit at the root.
  EXPECT_EQ(ListAll(root), (std::vector<std::string>{"/a", "/ab", "/solo", "top"}));
}

TEST_F(CoreParameterListingService, TermsOfOneFieldAreOredAndOfTwoFieldsAnded) {
  Add("/a/1", "v", kTypeString);
  Add("/a/2", "v", kTypeSecureString);
  Add("/b/3", "v", kTypeStringList);
  Add("/b/4", "v", kTypeSecureString);
  ParameterQuery q = Query();
  q.terms = {{"Type", "Equals", "StringList"},
             {"Type", "Equals", "SecureString"},
             {"Name", "BeginsWith", "/b/"}};
  EXPECT_EQ(ListAll(q), (std::vector<std::string>{"/b/3", "/b/4"}));
}

TEST_F(CoreParameterListingService, TagTermsMatchValueOrPresence) {
  Add("/t/1", "v");
  Add("/t/2", "v");
  Add("/t/3", "v");
  listing_.SetTag("/t/1", "env", "prod");
  listing_.SetTag("/t/2", "env", "dev");
  ParameterQuery q = Query();
  q.terms = {{"tag:env", "BeginsWith", "pr"}};
  EXPECT_EQ(ListAll(q), (std::vector<std::string>{"/t/1"}));
  q.terms = {{"tag:env", "Exists", ""}};
  EXPECT_EQ(ListAll(q), (std::vector<std::string>{"/t/1", "/t/2"}));
}

TEST_F(CoreParameterListingService, LabelsSelectTheLabelledVersion) {
  for (int v = 1; v <= 3; ++v) listing_.Add(SealedVersion(keyring_, "/l/a", v, "a" + std::to_string(v)));
  listing_.Add(SealedVersion(keyring_, "/l/b", 1, "b1"));
  listing_.Label("/l/a", 2, "prod");
  ParameterQuery q = Query();
  q.labels = {"prod"};
  auto page = service_.ByPath(q, false);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->parameters.size(), 1u);
  EXPECT_EQ(page->parameters[0].version.version, 2);
  EXPECT_EQ(AsStringView(*page->parameters[0].plaintext), "a2");
  EXPECT_TRUE(page->parameters[0].version.labels.empty()) << "List reports no labels";
}

TEST_F(CoreParameterListingService, UnknownTermsAreRefusedByTheFake) {
  ParameterQuery q = Query();
  q.terms = {{"Label", "Equals", "x"}};
  EXPECT_EQ(service_.Describe(q).status().code(), Code::kInternal);
  q.terms = {{"Type", "Contains", "x"}};
  EXPECT_EQ(service_.Describe(q).status().code(), Code::kInternal);
}

TEST_F(CoreParameterListingService, RegionsAndAccountsDoNotMix) {
  listing_.Add(SealedVersion(keyring_, "/a/x", 1, "v"), kAccount, "eu-west-1");
  listing_.Add(SealedVersion(keyring_, "/a/y", 1, "v"), "210987654321", kRegion);
  Add("/a/z", "v");
  EXPECT_EQ(ListAll(Query()), (std::vector<std::string>{"/a/z"}));
}

}  // namespace
}  // namespace paramsafe::core::testing
