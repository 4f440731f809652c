// AmazonSSM.AddTagsToResource, RemoveTagsFromResource and ListTagsForResource
// through the Router, over a TagService on FakeTagRepository; and the tag
// pattern checker.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "router_fixture.h"
#include "ssm/tag_list.h"

namespace paramsafe::adapters::testing {
namespace {

using TagMap = std::map<std::string, std::string>;

const char kPattern[] = R"(^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$)";

boost::json::array TagArray(const std::vector<std::pair<std::string, std::string>>& tags) {
  boost::json::array a;
  for (const auto& [k, v] : tags) a.emplace_back(boost::json::object{{"Key", k}, {"Value", v}});
  return a;
}

class AdaptersSsmTags : public RouterTest {
 protected:
  AdaptersSsmTags() { tag_repo_.AddItem(Key("/p")); }

  Response AddRaw(std::string_view id, boost::json::array tags,
                  std::string_view type = "Parameter") {
    return Ssm(
        "AddTagsToResource",
        boost::json::object{{"ResourceType", type}, {"ResourceId", id}, {"Tags", std::move(tags)}});
  }
  Response Add(std::string_view id, const std::vector<std::pair<std::string, std::string>>& tags) {
    return AddRaw(id, TagArray(tags));
  }
  Response Remove(std::string_view id, const std::vector<std::string>& keys,
                  std::string_view type = "Parameter") {
    boost::json::array a;
    for (const std::string& k : keys) a.emplace_back(k);
    return Ssm(
        "RemoveTagsFromResource",
        boost::json::object{{"ResourceType", type}, {"ResourceId", id}, {"TagKeys", std::move(a)}});
  }
  Response List(std::string_view id, std::string_view type = "Parameter") {
    return Ssm("ListTagsForResource",
               boost::json::object{{"ResourceType", type}, {"ResourceId", id}});
  }
  std::string Message(const Response& r) {
    return ErrorMessage(ExpectError(r, "ValidationException"));
  }
  void ExpectEmptyOk(const Response& r) {
    boost::json::object body = ExpectOk(r);
    EXPECT_TRUE(body.empty()) << Show(r);
  }
};

// --- AddTagsToResource / ListTagsForResource ---------------------------------

TEST_F(AdaptersSsmTags, AddedTagsAreListedOrderedByKey) {
  ExpectEmptyOk(Add("/p", {{"team", "core"}, {"env", "prod"}, {"Cost", "1"}}));
  Response r = List("/p");
  boost::json::object body = ExpectOk(r);
  EXPECT_EQ(body.size(), 1u) << Show(r);
  EXPECT_EQ(boost::json::serialize(body.at("TagList")),
            R"([{"Key":"Cost","Value":"1"},{"Key":"env","Value":"prod"},)"
            R"({"Key":"team","Value":"core"}])");
}

TEST_F(AdaptersSsmTags, AnUntaggedParameterListsAnEmptyTagList) {
  boost::json::object body = ExpectOk(List("/p"));
  ASSERT_TRUE(body.contains("TagList"));
  EXPECT_TRUE(body.at("TagList").as_array().empty());
}

TEST_F(AdaptersSsmTags, AddReplacesTheValueOfAKey) {
  ExpectEmptyOk(Add("/p", {{"env", "dev"}}));
  ExpectEmptyOk(Add("/p", {{"env", "prod"}}));
  EXPECT_EQ(tag_repo_.TagsOf(Key("/p")), (TagMap{{"env", "prod"}}));
}

TEST_F(AdaptersSsmTags, EmptyValuesAndBoundaryLengthsAreAccepted) {
  const std::string key(128, 'k');
  const std::string value(256, 'v');
  ExpectEmptyOk(Add("/p", {{key, value}, {"empty", ""}}));
  EXPECT_EQ(tag_repo_.TagsOf(Key("/p")), (TagMap{{"empty", ""}, {key, value}}));
}

TEST_F(AdaptersSsmTags, SingleLevelNamesWorkWithOrWithoutTheLeadingSlash) {
  tag_repo_.AddItem(Key("single"));
  ExpectEmptyOk(Add("/single", {{"a", "1"}}));
  ExpectEmptyOk(Add("single", {{"b", "2"}}));
  EXPECT_EQ(tag_repo_.TagsOf(Key("single")), (TagMap{{"a", "1"}, {"b", "2"}}));
  EXPECT_EQ(ExpectOk(List("/single")).at("TagList").as_array().size(), 2u);
}

TEST_F(AdaptersSsmTags, FiftyTagsAreAllowed) {
  std::vector<std::pair<std::string, std::string>> tags;
  for (int i = 0; i < 50; ++i) tags.emplace_back("k" + std::to_string(i), "v");
  ExpectEmptyOk(Add("/p", tags));
  EXPECT_EQ(tag_repo_.TagsOf(Key("/p")).size(), 50u);
}

TEST_F(AdaptersSsmTags, MoreThanFiftyTagsIsTooManyTagsErrorAndWritesNothing) {
  tag_repo_.AddItem(Key("/p"), {{"old", "1"}});
  std::vector<std::pair<std::string, std::string>> tags;
  for (int i = 0; i < 50; ++i) tags.emplace_back("k" + std::to_string(i), "v");
  boost::json::object body = ExpectError(Add("/p", tags), "TooManyTagsError");
  EXPECT_EQ(ErrorMessage(body),
            "The resource can have at most 50 tags. Remove one or more tags and try again.");
  EXPECT_EQ(tag_repo_.TagsOf(Key("/p")), (TagMap{{"old", "1"}}));
}

TEST_F(AdaptersSsmTags, AwsPrefixedKeysAreAValidationErrorAndWriteNothing) {
  boost::json::object body =
      ExpectError(Add("/p", {{"ok", "1"}, {"AWS:owner", "me"}}), "ValidationException");
  EXPECT_EQ(ErrorMessage(body),
            "Invalid tag key: AWS:owner. Tag keys can't begin with \"aws:\" (case-insensitive); "
            "the prefix is reserved for AWS use.");
  EXPECT_TRUE(tag_repo_.TagsOf(Key("/p")).empty());
}

TEST_F(AdaptersSsmTags, UnicodeLettersNumbersAndSpacesAreAccepted) {
  const std::string japanese = "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E";  // 日本語
  const std::string cyrillic = "\xD0\xBA\xD0\xBB\xD1\x8E\xD1\x87";      // ключ
  const std::string spaced =
      "a\xC2\xA0"
      "b c";  // no-break space
  ExpectEmptyOk(
      Add("/p", {{japanese, cyrillic}, {spaced, "x_y.z:/=+-@"}, {"caf\xC3\xA9", "\xC2\xB2"}}));
  EXPECT_EQ(tag_repo_.TagsOf(Key("/p")).size(), 3u);
}

TEST_F(AdaptersSsmTags, APatternViolationNamesTheMemberItIsIn) {
  EXPECT_EQ(Message(Add("/p", {{"good", "fine"}, {"bad*key", "ok"}})),
            std::string("1 validation error detected: Value 'bad*key' at 'tags.2.member.key' "
                        "failed to satisfy constraint: Member must satisfy regular expression "
                        "pattern: ") +
                kPattern);
  EXPECT_EQ(Message(Add("/p", {{"k", "semi;colon"}})),
            std::string("1 validation error detected: Value 'semi;colon' at 'tags.1.member.value' "
                        "failed to satisfy constraint: Member must satisfy regular expression "
                        "pattern: ") +
                kPattern);
  EXPECT_TRUE(tag_repo_.TagsOf(Key("/p")).empty());
}

TEST_F(AdaptersSsmTags, LengthViolationsAreValidationErrors) {
  const std::string key(129, 'k');
  EXPECT_EQ(Message(Add("/p", {{key, "v"}})),
            "1 validation error detected: Value '" + key +
                "' at 'tags.1.member.key' failed to "
                "satisfy constraint: Member must have length less than or equal to 128");
  // RequestReader::Violation cannot show an empty value (AWS shows "Value ''"),
  // so only the rest of the text is pinned.
  EXPECT_NE(Message(Add("/p", {{"", "v"}}))
                .find("at 'tags.1.member.key' failed to satisfy constraint: Member must have "
                      "length greater than or equal to 1"),
            std::string::npos);
  const std::string value(257, 'v');
  EXPECT_EQ(Message(Add("/p", {{"k", value}})),
            "1 validation error detected: Value '" + value +
                "' at 'tags.1.member.value' failed "
                "to satisfy constraint: Member must have length less than or equal to 256");
}

TEST_F(AdaptersSsmTags, MissingTagMembersAreValidationErrors) {
  Response r = AddRaw("/p", boost::json::array{boost::json::object{{"Key", "k"}},
                                               boost::json::object{{"Value", "v"}}});
  EXPECT_EQ(Message(r),
            "2 validation errors detected: Value null at 'tags.1.member.value' failed to satisfy "
            "constraint: Member must not be null; Value null at 'tags.2.member.key' failed to "
            "satisfy constraint: Member must not be null");
}

TEST_F(AdaptersSsmTags, MissingRequiredMembersAreAllReported) {
  EXPECT_EQ(Message(Ssm("AddTagsToResource", "{}")),
            "3 validation errors detected: Value null at 'resourceType' failed to satisfy "
            "constraint: Member must not be null; Value null at 'resourceId' failed to satisfy "
            "constraint: Member must not be null; Value null at 'tags' failed to satisfy "
            "constraint: Member must not be null");
  EXPECT_EQ(Message(Ssm("RemoveTagsFromResource",
                        R"({"ResourceType": "Parameter", "ResourceId": "/p"})")),
            "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: "
            "Member must not be null");
}

TEST_F(AdaptersSsmTags, AnUnknownResourceTypeIsAValidationError) {
  EXPECT_EQ(Message(List("/p", "Secret")),
            "1 validation error detected: Value 'Secret' at 'resourceType' failed to satisfy "
            "constraint: Member must satisfy enum value set: [Document, ManagedInstance, "
            "MaintenanceWindow, Parameter, PatchBaseline, OpsItem, OpsMetadata, Automation, "
            "Association]");
}

TEST_F(AdaptersSsmTags, ResourceTypesOtherThanParameterAreInvalidResourceType) {
  for (const char* type : {"Document", "ManagedInstance", "MaintenanceWindow", "PatchBaseline",
                           "OpsItem", "OpsMetadata", "Automation", "Association"}) {
    boost::json::object body = ExpectError(List("/p", type), "InvalidResourceType");
    EXPECT_EQ(ErrorMessage(body), "The resource type isn't supported: " + std::string(type) +
                                      ". paramsafe tags resources of type Parameter only.");
  }
  ExpectError(AddRaw("/p", TagArray({{"a", "1"}}), "Document"), "InvalidResourceType");
  ExpectError(Remove("/p", {"a"}, "OpsItem"), "InvalidResourceType");
}

TEST_F(AdaptersSsmTags, AMissingParameterIsInvalidResourceIdForEveryOperation) {
  const std::string message =
      "The resource ID \"/missing\" is not valid. Verify the ID and try again.";
  EXPECT_EQ(ErrorMessage(ExpectError(List("/missing"), "InvalidResourceId")), message);
  EXPECT_EQ(ErrorMessage(ExpectError(Add("/missing", {{"a", "1"}}), "InvalidResourceId")), message);
  EXPECT_EQ(ErrorMessage(ExpectError(Remove("/missing", {"a"}), "InvalidResourceId")), message);
}

TEST_F(AdaptersSsmTags, AnIdNoParameterCanHaveIsInvalidResourceId) {
  ExpectError(List("/p:1"), "InvalidResourceId");
  ExpectError(List("bad name"), "InvalidResourceId");
  ExpectError(List(""), "InvalidResourceId");
  EXPECT_EQ(tag_repo_.list_calls(), 0);
}

TEST_F(AdaptersSsmTags, WrongJsonTypesAreSerializationErrors) {
  ExpectError(Ssm("AddTagsToResource",
                  R"({"ResourceType": "Parameter", "ResourceId": "/p", "Tags": {"Key": "a"}})"),
              "SerializationException");
  ExpectError(Ssm("AddTagsToResource",
                  R"({"ResourceType": "Parameter", "ResourceId": "/p", "Tags": ["a"]})"),
              "SerializationException");
  ExpectError(Ssm("AddTagsToResource", R"({"ResourceType": "Parameter", "ResourceId": "/p",
                                          "Tags": [{"Key": "a", "Value": 1}]})"),
              "SerializationException");
  ExpectError(Ssm("RemoveTagsFromResource",
                  R"({"ResourceType": "Parameter", "ResourceId": "/p", "TagKeys": [1]})"),
              "SerializationException");
  ExpectError(Ssm("ListTagsForResource", R"({"ResourceType": 1, "ResourceId": "/p"})"),
              "SerializationException");
  EXPECT_TRUE(tag_repo_.TagsOf(Key("/p")).empty());
}

TEST_F(AdaptersSsmTags, MoreThanAThousandTagsInARequestIsAValidationError) {
  std::vector<std::pair<std::string, std::string>> tags(1001, {"k", "v"});
  std::string message = Message(Add("/p", tags));
  EXPECT_NE(message.find("at 'tags' failed to satisfy constraint: Member must have length less "
                         "than or equal to 1000"),
            std::string::npos)
      << message.substr(0, 200);
}

TEST_F(AdaptersSsmTags, ConcurrentUpdatesAreTooManyUpdates) {
  tag_repo_.FailNextCall(core::Status(core::Code::kConflict, "serialization failure"));
  ExpectError(Add("/p", {{"a", "1"}}), "TooManyUpdates");
  tag_repo_.FailNextCall(core::Status(core::Code::kConflict, "serialization failure"));
  ExpectError(Remove("/p", {"a"}), "TooManyUpdates");
}

TEST_F(AdaptersSsmTags, AnUnavailableDatabaseIsAnInternalServerError) {
  tag_repo_.FailNextCall(core::Status(core::Code::kUnavailable, "database unreachable"));
  ExpectError(List("/p"), "InternalServerError", 500);
}

// --- RemoveTagsFromResource --------------------------------------------------

TEST_F(AdaptersSsmTags, RemoveDeletesTheKeysAndIgnoresAbsentOnes) {
  tag_repo_.AddItem(Key("/p"), {{"a", "1"}, {"b", "2"}, {"c", "3"}});
  ExpectEmptyOk(Remove("/p", {"a", "nope", "c"}));
  EXPECT_EQ(tag_repo_.TagsOf(Key("/p")), (TagMap{{"b", "2"}}));
}

TEST_F(AdaptersSsmTags, RemoveWithNoKeysOnlyChecksTheParameter) {
  ExpectEmptyOk(Remove("/p", {}));
  ExpectError(Remove("/missing", {}), "InvalidResourceId");
}

TEST_F(AdaptersSsmTags, RemoveChecksEachKeyAgainstTheModel) {
  EXPECT_EQ(Message(Remove("/p", {"ok", "bad*key"})),
            std::string("1 validation error detected: Value '[ok, bad*key]' at 'tagKeys' failed to "
                        "satisfy constraint: Member must satisfy constraint: [Member must have "
                        "length less than or equal to 128, Member must have length greater than or "
                        "equal to 1, Member must satisfy regular expression pattern: ") +
                kPattern + "]");
  Message(Remove("/p", {""}));
  Message(Remove("/p", {std::string(129, 'k')}));
}

// --- MatchesTagPattern ---------------------------------------------------------

TEST(AdaptersTagPattern, AcceptsAsciiLettersDigitsSpaceAndTheListedSymbols) {
  EXPECT_TRUE(ssm::MatchesTagPattern(""));
  EXPECT_TRUE(ssm::MatchesTagPattern("Name Value 123 _.:/=+-@"));
}

TEST(AdaptersTagPattern, RefusesOtherAsciiPunctuationAndControls) {
  for (const char* s : {"*",  "!", "#", "$", "%", "^", "&", "(", ")",  ",", ";", "?",  "'",
                        "\"", "<", ">", "[", "]", "{", "}", "|", "\\", "~", "`", "\t", "\n"}) {
    EXPECT_FALSE(ssm::MatchesTagPattern(std::string("a") + s + "b")) << s;
  }
}

TEST(AdaptersTagPattern, AcceptsLettersNumbersAndSpacesOfOtherScripts) {
  for (const char* s : {"caf\xC3\xA9", "\xD0\xBA\xD0\xBB\xD1\x8E\xD1\x87",
                        "\xE6\x97\xA5\xE6\x9C\xAC", "\xD9\xA3",  // Arabic-Indic three
                        "\xC2\xBD", "\xC2\xB5", "\xE2\x80\x83",  // ½ µ em space
                        "\xE3\x80\x80", "\xF0\x9D\x90\x80"}) {   // ideographic space, 𝐀
    EXPECT_TRUE(ssm::MatchesTagPattern(s)) << s;
  }
}

TEST(AdaptersTagPattern, RefusesNonAsciiPunctuationSymbolsAndControls) {
  for (const char* s : {"\xC2\x85", "\xC2\xA7", "\xC2\xAB", "\xC2\xBF", "\xC3\x97",  // NEL § « ¿ ×
                        "\xE2\x80\x94", "\xE2\x80\x99", "\xE2\x80\x8B",              // — ’ ZWSP
                        "\xEF\xBB\xBF", "\xEE\x80\x80"}) {  // BOM, private use
    EXPECT_FALSE(ssm::MatchesTagPattern(s)) << s;
  }
}

TEST(AdaptersTagPattern, RefusesMalformedUtf8) {
  for (const char* s : {"\xC3", "\xC0\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\x80", "\xFF"}) {
    EXPECT_FALSE(ssm::MatchesTagPattern(s));
  }
}

}  // namespace
}  // namespace paramsafe::adapters::testing
