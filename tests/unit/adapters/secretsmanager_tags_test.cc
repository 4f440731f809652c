// secretsmanager.TagResource and UntagResource through the Router.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "secretsmanager_fixture.h"

namespace paramsafe::adapters::testing {
namespace {

class AdaptersSmTags : public SmTest {
 protected:
  void SetUp() override { arn_ = CreateArn("db", "v"); }
  std::map<std::string, std::string> TagsOf(const std::string& id) {
    std::map<std::string, std::string> out;
    boost::json::object d = Describe(id);
    if (!d.contains("Tags")) return out;
    for (const boost::json::value& t : d.at("Tags").as_array()) {
      out[Str(t.at("Key"))] = Str(t.at("Value"));
    }
    return out;
  }
  static boost::json::object Tag(const std::string& key, const std::string& value) {
    return {{"Key", key}, {"Value", value}};
  }
  std::string arn_;
};

TEST_F(AdaptersSmTags, TagResourceAddsAndOverwritesAndAnswersEmpty) {
  boost::json::object body =
      Ok("TagResource",
         {{"SecretId", "db"}, {"Tags", boost::json::array{Tag("a", "1"), Tag("b", "2")}}});
  EXPECT_TRUE(body.empty());
  Ok("TagResource", {{"SecretId", arn_}, {"Tags", boost::json::array{Tag("a", "9")}}});
  EXPECT_EQ(TagsOf("db"), (std::map<std::string, std::string>{{"a", "9"}, {"b", "2"}}));
  Ok("TagResource", {{"SecretId", "db"}, {"Tags", boost::json::array{}}});
  EXPECT_EQ(TagsOf("db").size(), 2u);
}

TEST_F(AdaptersSmTags, UntagResourceRemovesAndIgnoresAbsentKeys) {
  Ok("TagResource",
     {{"SecretId", "db"}, {"Tags", boost::json::array{Tag("a", "1"), Tag("b", "2")}}});
  boost::json::object body =
      Ok("UntagResource", {{"SecretId", "db"}, {"TagKeys", boost::json::array{"a", "zzz"}}});
  EXPECT_TRUE(body.empty());
  EXPECT_EQ(TagsOf("db"), (std::map<std::string, std::string>{{"b", "2"}}));
}

TEST_F(AdaptersSmTags, ModelLimitsAreValidationExceptionsAndWriteNothing) {
  std::string text = ErrorText(Sm("TagResource", {{"SecretId", "db"}}), "ValidationException");
  EXPECT_TRUE(Has(text, "Value null at 'tags'")) << text;
  text =
      ErrorText(Sm("TagResource",
                   {{"SecretId", "db"},
                    {"Tags", boost::json::array{Tag(std::string(129, 'k'), "v"),
                                                Tag("k", std::string(257, 'v')), Tag("", "v")}}}),
                "ValidationException");
  EXPECT_TRUE(Has(text, "3 validation errors")) << text;
  text = ErrorText(Sm("UntagResource", {{"SecretId", "db"}}), "ValidationException");
  EXPECT_TRUE(Has(text, "Value null at 'tagKeys'")) << text;
  ErrorText(Sm("UntagResource", {{"SecretId", "db"}, {"TagKeys", boost::json::array{""}}}),
            "ValidationException");
  ErrorText(Sm("TagResource", {{"SecretId", "db"}, {"Tags", "a=b"}}), "SerializationException");
  EXPECT_TRUE(TagsOf("db").empty());
}

TEST_F(AdaptersSmTags, CoreRulesAnswerTheirErrors) {
  boost::json::array fifty_one;
  for (int i = 0; i < 51; ++i) fifty_one.emplace_back(Tag("k" + std::to_string(i), "v"));
  ErrorText(Sm("TagResource", {{"SecretId", "db"}, {"Tags", fifty_one}}), "LimitExceededException");
  ErrorText(
      Sm("TagResource", {{"SecretId", "db"}, {"Tags", boost::json::array{Tag("aws:x", "v")}}}),
      "InvalidParameterException");
  EXPECT_TRUE(TagsOf("db").empty());
}

TEST_F(AdaptersSmTags, UnknownAndScheduledSecrets) {
  ErrorText(Sm("TagResource", {{"SecretId", "nope"}, {"Tags", boost::json::array{Tag("a", "1")}}}),
            "ResourceNotFoundException");
  ErrorText(Sm("UntagResource", {{"SecretId", "nope"}, {"TagKeys", boost::json::array{"a"}}}),
            "ResourceNotFoundException");
  ScheduleDeletion("db");
  ErrorText(Sm("TagResource", {{"SecretId", "db"}, {"Tags", boost::json::array{Tag("a", "1")}}}),
            "InvalidRequestException");
  ErrorText(Sm("UntagResource", {{"SecretId", "db"}, {"TagKeys", boost::json::array{"a"}}}),
            "InvalidRequestException");
}

}  // namespace
}  // namespace paramsafe::adapters::testing
