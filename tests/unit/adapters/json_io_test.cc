#include "common/json_io.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <chrono>
#include <string>

#include "common/wiping_resource.h"

namespace paramsafe::adapters {
namespace {

boost::json::object ParseOk(std::string_view body) {
  auto parsed = ParseRequestObject(body);
  if (auto* e = std::get_if<AwsError>(&parsed)) {
    ADD_FAILURE() << e->type << ": " << e->message;
    return {};
  }
  return std::get<boost::json::object>(std::move(parsed));
}

std::optional<AwsError> ParseError(std::string_view body) {
  auto parsed = ParseRequestObject(body);
  if (auto* e = std::get_if<AwsError>(&parsed)) return *e;
  return std::nullopt;
}

std::string Nested(int depth) {
  return "{\"a\":" + std::string(depth, '[') + std::string(depth, ']') + "}";
}

boost::json::object Reparse(const core::SecureString& s) {
  return boost::json::parse(std::string_view(s.data(), s.size())).as_object();
}

TEST(AdaptersJsonIo, EmptyBodyIsAnEmptyObject) {
  EXPECT_TRUE(ParseOk("").empty());
}

TEST(AdaptersJsonIo, WhitespaceBodyIsAnEmptyObject) {
  EXPECT_TRUE(ParseOk(" \r\n\t").empty());
}

TEST(AdaptersJsonIo, ObjectIsParsed) {
  auto o = ParseOk(R"({"Name": "/x", "WithDecryption": true})");  // Python clients' spacing
  EXPECT_EQ(o.at("Name").as_string(), "/x");
  EXPECT_EQ(o.at("WithDecryption").as_bool(), true);
}

struct BadBody {
  const char* label;
  const char* body;
};

void PrintTo(const BadBody& b, std::ostream* os) { *os << b.label; }

class AdaptersJsonIoRefuses : public ::testing::TestWithParam<BadBody> {};

TEST_P(AdaptersJsonIoRefuses, WithSerializationException) {
  auto e = ParseError(GetParam().body);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->type, "SerializationException");
  EXPECT_EQ(e->http_status, 400);
}

INSTANTIATE_TEST_SUITE_P(
    Bodies, AdaptersJsonIoRefuses,
    ::testing::Values(BadBody{"array", "[]"}, BadBody{"number", "42"},
                      BadBody{"string", "\"x\""}, BadBody{"null", "null"},
                      BadBody{"true", "true"}, BadBody{"unterminated", "{"},
                      BadBody{"trailing_garbage", "{} x"}, BadBody{"two_objects", "{}{}"},
                      BadBody{"single_quotes", "{'Name': 'x'}"},
                      BadBody{"trailing_comma", "{\"a\":1,}"}),
    [](const auto& info) { return std::string(info.param.label); });

TEST(AdaptersJsonIo, ShallowNestingIsAccepted) {
  EXPECT_FALSE(ParseError(Nested(8)).has_value());
}

TEST(AdaptersJsonIo, DeepNestingIsRefused) {
  auto e = ParseError(Nested(64));
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->type, "SerializationException");
}

TEST(AdaptersJsonIo, VeryDeepNestingIsRefusedWithoutCrashing) {
  EXPECT_TRUE(ParseError(Nested(200000)).has_value());
}

// Request values may be secrets: the parsed document must live in wiping memory.
TEST(AdaptersJsonIo, ParsedRequestUsesWipingStorage) {
  auto o = ParseOk(R"({"Value": "hunter2 hunter2 hunter2 hunter2 hunter2"})");
  EXPECT_EQ(o.storage().get(), WipingStorage().get());
  EXPECT_EQ(o.at("Value").as_string().storage().get(), WipingStorage().get());
}

TEST(AdaptersJsonIo, EmptyRequestUsesWipingStorage) {
  EXPECT_EQ(ParseOk("").storage().get(), WipingStorage().get());
}

TEST(AdaptersJsonIo, ResponseObjectUsesWipingStorage) {
  boost::json::object o = NewResponseObject();
  o["Value"] = "hunter2 hunter2 hunter2 hunter2 hunter2";
  EXPECT_EQ(o.storage().get(), WipingStorage().get());
  EXPECT_EQ(o.at("Value").as_string().storage().get(), WipingStorage().get());
}

TEST(AdaptersJsonIo, WipingStorageIsOneSharedResource) {
  EXPECT_EQ(WipingStorage().get(), WipingStorage().get());
  EXPECT_TRUE(WipingStorage().get()->is_equal(*WipingStorage().get()));
}

TEST(AdaptersJsonIo, NewResponseObjectIsEmpty) {
  boost::json::object o = NewResponseObject();
  EXPECT_TRUE(o.empty());
  o["Version"] = 1;
  EXPECT_EQ(o.at("Version").as_int64(), 1);
}

TEST(AdaptersJsonIo, SerializeWritesCompactJson) {
  boost::json::object o = NewResponseObject();
  o["Version"] = 2;
  o["Tier"] = "Standard";
  const core::SecureString s = Serialize(o);
  EXPECT_EQ(std::string_view(s.data(), s.size()), R"({"Version":2,"Tier":"Standard"})");
}

TEST(AdaptersJsonIo, SerializeHandlesDocumentsLargerThanItsBuffer) {
  boost::json::object o(WipingStorage());
  o["Value"] = std::string(20000, 'v');
  EXPECT_EQ(Reparse(Serialize(o)).at("Value").as_string().size(), 20000u);
}

TEST(AdaptersJsonIo, SerializeErrorUsesTypeAndMessage) {
  const core::SecureString s =
      SerializeError(AwsError{400, "ParameterNotFound", "Parameter /x not found."});
  EXPECT_EQ(std::string_view(s.data(), s.size()),
            R"({"__type":"ParameterNotFound","message":"Parameter /x not found."})");
}

TEST(AdaptersJsonIo, SerializeErrorHonoursMessageMember) {
  AwsError e{500, "InternalServerError", "boom"};
  e.message_member = "Message";
  boost::json::object o = Reparse(SerializeError(e));
  EXPECT_EQ(o.size(), 2u);
  EXPECT_EQ(o.at("__type").as_string(), "InternalServerError");
  EXPECT_EQ(o.at("Message").as_string(), "boom");
  EXPECT_FALSE(o.contains("message"));
}

TEST(AdaptersJsonIo, SerializeErrorEscapesTheMessage) {
  boost::json::object o = Reparse(SerializeError(AwsError{400, "X", "a \"quoted\"\nline"}));
  EXPECT_EQ(o.at("message").as_string(), "a \"quoted\"\nline");
}

TEST(AdaptersJsonIo, EpochSecondsHasMillisecondPrecision) {
  core::TimePoint t{std::chrono::milliseconds(1712345678901)};
  EXPECT_DOUBLE_EQ(EpochSeconds(t), 1712345678.901);
}

TEST(AdaptersJsonIo, EpochSecondsDropsSubMilliseconds) {
  core::TimePoint t{std::chrono::microseconds(1712345678901999)};
  EXPECT_DOUBLE_EQ(EpochSeconds(t), 1712345678.901);
}

TEST(AdaptersJsonIo, EpochSecondsOfWholeSecondsIsWhole) {
  core::TimePoint t{std::chrono::seconds(1700000000)};
  EXPECT_DOUBLE_EQ(EpochSeconds(t), 1700000000.0);
}

TEST(AdaptersJsonIo, EpochSecondsSurvivesSerialization) {
  boost::json::object o;
  o["LastModifiedDate"] = EpochSeconds(core::TimePoint{std::chrono::milliseconds(1712345678901)});
  EXPECT_DOUBLE_EQ(Reparse(Serialize(o)).at("LastModifiedDate").as_double(), 1712345678.901);
}

}  // namespace
}  // namespace paramsafe::adapters
