// TagService over FakeTagRepository: reserved keys, the 50-tag limit with
// nothing written, upsert and removal, ordering, and PrepareNewItemTags.
#include "core/tag_service.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "core/parameter_names.h"
#include "label_tag_fakes.h"
#include "parameter_fakes.h"

namespace paramsafe::core::testing {
namespace {

using TagMap = std::map<std::string, std::string>;

ItemKey Key(const std::string& name) { return ParameterKey(kAccount, kRegion, name); }

std::vector<Tag> Numbered(int n, const std::string& prefix = "k") {
  std::vector<Tag> tags;
  for (int i = 0; i < n; ++i) tags.push_back(Tag{prefix + std::to_string(i), "v"});
  return tags;
}

TEST(CoreCheckTagKeys, RefusesTheAwsPrefixInAnyCase) {
  for (const char* key : {"aws:x", "AWS:x", "Aws:", "aWs:created"}) {
    Status st = CheckTagKeys({Tag{"ok", "v"}, Tag{key, "v"}});
    EXPECT_EQ(st.code(), Code::kInvalidArgument) << key;
    EXPECT_EQ(st.reason(), "Invalid tag key: " + std::string(key) +
                               ". Tag keys can't begin with \"aws:\" (case-insensitive); the "
                               "prefix is reserved for AWS use.");
  }
}

TEST(CoreCheckTagKeys, AcceptsKeysThatOnlyContainAws) {
  EXPECT_TRUE(
      CheckTagKeys({Tag{"aws", "v"}, Tag{"awsx:y", "v"}, Tag{"my:aws:x", "v"}, Tag{"aw:s", "v"}})
          .ok());
}

TEST(CorePrepareNewItemTags, KeepsTheLastValueOfARepeatedKey) {
  auto tags = PrepareNewItemTags({Tag{"a", "1"}, Tag{"b", "2"}, Tag{"a", "3"}});
  ASSERT_TRUE(tags.ok()) << tags.status().ToString();
  EXPECT_EQ(*tags, (std::vector<Tag>{Tag{"a", "3"}, Tag{"b", "2"}}));
}

TEST(CorePrepareNewItemTags, AllowsFiftyAndRefusesFiftyOne) {
  EXPECT_TRUE(PrepareNewItemTags(Numbered(50)).ok());
  auto too_many = PrepareNewItemTags(Numbered(51));
  EXPECT_EQ(too_many.status().code(), Code::kLimitExceeded);
  EXPECT_EQ(too_many.status().detail(), Detail::kTagLimit);
}

TEST(CorePrepareNewItemTags, CountsDistinctKeys) {
  std::vector<Tag> tags = Numbered(50);
  tags.push_back(Tag{"k0", "again"});
  EXPECT_TRUE(PrepareNewItemTags(tags).ok());
}

TEST(CorePrepareNewItemTags, RefusesReservedKeys) {
  EXPECT_EQ(PrepareNewItemTags({Tag{"aws:x", "v"}}).status().code(), Code::kInvalidArgument);
}

class CoreTagService : public ::testing::Test {
 protected:
  CoreTagService() : service_(repo_) { repo_.AddItem(Key("/p")); }

  FakeTagRepository repo_;
  TagService service_;
};

TEST_F(CoreTagService, AddThenListOrderedByKey) {
  ASSERT_TRUE(service_.Add(Key("/p"), {Tag{"b", "2"}, Tag{"a", "1"}, Tag{"C", "3"}}).ok());
  auto tags = service_.List(Key("/p"));
  ASSERT_TRUE(tags.ok()) << tags.status().ToString();
  EXPECT_EQ(*tags, (std::vector<Tag>{Tag{"C", "3"}, Tag{"a", "1"}, Tag{"b", "2"}}));
}

TEST_F(CoreTagService, AddReplacesTheValueOfAnExistingKey) {
  ASSERT_TRUE(service_.Add(Key("/p"), {Tag{"env", "dev"}}).ok());
  ASSERT_TRUE(service_.Add(Key("/p"), {Tag{"env", "prod"}}).ok());
  EXPECT_EQ(repo_.TagsOf(Key("/p")), (TagMap{{"env", "prod"}}));
}

TEST_F(CoreTagService, AddWithARepeatedKeyKeepsTheLastValue) {
  ASSERT_TRUE(service_.Add(Key("/p"), {Tag{"env", "dev"}, Tag{"env", "prod"}}).ok());
  EXPECT_EQ(repo_.last_added(), (std::vector<Tag>{Tag{"env", "prod"}}));
  EXPECT_EQ(repo_.TagsOf(Key("/p")), (TagMap{{"env", "prod"}}));
}

TEST_F(CoreTagService, AddAcceptsAnEmptyValue) {
  ASSERT_TRUE(service_.Add(Key("/p"), {Tag{"flag", ""}}).ok());
  EXPECT_EQ(repo_.TagsOf(Key("/p")), (TagMap{{"flag", ""}}));
}

TEST_F(CoreTagService, AddPassesTheLimitOfFifty) {
  ASSERT_TRUE(service_.Add(Key("/p"), {Tag{"a", "1"}}).ok());
  EXPECT_EQ(repo_.last_max_tags(), 50u);
}

TEST_F(CoreTagService, AddUpToFiftyTagsSucceeds) {
  ASSERT_TRUE(service_.Add(Key("/p"), Numbered(30)).ok());
  ASSERT_TRUE(service_.Add(Key("/p"), Numbered(20, "j")).ok());
  EXPECT_EQ(repo_.TagsOf(Key("/p")).size(), 50u);
}

TEST_F(CoreTagService, TheFiftyFirstTagIsRefusedAndNothingIsWritten) {
  ASSERT_TRUE(service_.Add(Key("/p"), Numbered(49)).ok());
  Status st = service_.Add(Key("/p"), {Tag{"k0", "changed"}, Tag{"x", "1"}, Tag{"y", "2"}});
  EXPECT_EQ(st.code(), Code::kLimitExceeded);
  EXPECT_EQ(st.detail(), Detail::kTagLimit);
  EXPECT_EQ(st.reason(),
            "The resource can have at most 50 tags. Remove one or more tags and try again.");
  TagMap stored = repo_.TagsOf(Key("/p"));
  EXPECT_EQ(stored.size(), 49u);
  EXPECT_EQ(stored["k0"], "v");
  EXPECT_EQ(stored.count("x"), 0u);
}

TEST_F(CoreTagService, ReplacingValuesOfFiftyTagsIsNotOverTheLimit) {
  ASSERT_TRUE(service_.Add(Key("/p"), Numbered(50)).ok());
  EXPECT_TRUE(service_.Add(Key("/p"), Numbered(50)).ok());
}

TEST_F(CoreTagService, AddRefusesReservedKeysBeforeTheRepository) {
  Status st = service_.Add(Key("/p"), {Tag{"AWS:owner", "me"}});
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  EXPECT_EQ(repo_.add_calls(), 0);
}

TEST_F(CoreTagService, AddToAMissingItemIsNotFound) {
  EXPECT_EQ(service_.Add(Key("/missing"), {Tag{"a", "1"}}).code(), Code::kNotFound);
}

TEST_F(CoreTagService, AddOfNothingStillChecksTheItemExists) {
  EXPECT_TRUE(service_.Add(Key("/p"), {}).ok());
  EXPECT_EQ(service_.Add(Key("/missing"), {}).code(), Code::kNotFound);
}

TEST_F(CoreTagService, SingleLevelNameWithOrWithoutSlashIsTheSameItem) {
  repo_.AddItem(Key("single"));
  ASSERT_TRUE(service_.Add(Key("/single"), {Tag{"a", "1"}}).ok());
  EXPECT_EQ(repo_.TagsOf(Key("single")), (TagMap{{"a", "1"}}));
}

TEST_F(CoreTagService, RemoveDeletesTheKeysAndIgnoresAbsentOnes) {
  repo_.AddItem(Key("/p"), {Tag{"a", "1"}, Tag{"b", "2"}, Tag{"c", "3"}});
  ASSERT_TRUE(service_.Remove(Key("/p"), {"a", "zzz", "c"}).ok());
  EXPECT_EQ(repo_.TagsOf(Key("/p")), (TagMap{{"b", "2"}}));
}

TEST_F(CoreTagService, RemoveFromAMissingItemIsNotFound) {
  EXPECT_EQ(service_.Remove(Key("/missing"), {"a"}).code(), Code::kNotFound);
}

TEST_F(CoreTagService, ListOfAMissingItemIsNotFound) {
  EXPECT_EQ(service_.List(Key("/missing")).status().code(), Code::kNotFound);
}

TEST_F(CoreTagService, ListOfAnUntaggedItemIsEmpty) {
  auto tags = service_.List(Key("/p"));
  ASSERT_TRUE(tags.ok());
  EXPECT_TRUE(tags->empty());
}

TEST_F(CoreTagService, RepositoryFailuresPassThrough) {
  repo_.FailNextCall(Status(Code::kConflict, "busy"));
  EXPECT_EQ(service_.Add(Key("/p"), {Tag{"a", "1"}}).code(), Code::kConflict);
  repo_.FailNextCall(Status(Code::kUnavailable, "down"));
  EXPECT_EQ(service_.Remove(Key("/p"), {"a"}).code(), Code::kUnavailable);
  repo_.FailNextCall(Status(Code::kUnavailable, "down"));
  EXPECT_EQ(service_.List(Key("/p")).status().code(), Code::kUnavailable);
}

}  // namespace
}  // namespace paramsafe::core::testing
