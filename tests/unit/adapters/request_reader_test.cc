#include "common/request_reader.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string>

namespace paramsafe::adapters {
namespace {

boost::json::object Obj(std::string_view json) { return boost::json::parse(json).as_object(); }

// The message of the ValidationException a reader reports, or "" when none.
std::string Message(const RequestReader& r) {
  auto e = r.Error();
  if (!e) return "";
  EXPECT_EQ(e->type, "ValidationException");
  EXPECT_EQ(e->http_status, 400);
  return e->message;
}

TEST(AdaptersRequestReader, PresentStringIsReturned) {
  auto req = Obj(R"({"Name": "/a"})");
  RequestReader r(req);
  EXPECT_EQ(r.String("Name", {.min = 1, .max = 2048}, true), "/a");
  EXPECT_FALSE(r.Error().has_value());
}

TEST(AdaptersRequestReader, AbsentOptionalMemberIsNoError) {
  auto req = Obj("{}");
  RequestReader r(req);
  EXPECT_FALSE(r.String("Description", {.max = 1024}).has_value());
  EXPECT_FALSE(r.Bool("Overwrite").has_value());
  EXPECT_FALSE(r.Int("MaxResults", 1, 10).has_value());
  EXPECT_FALSE(r.Error().has_value());
}

TEST(AdaptersRequestReader, MissingRequiredMemberIsMustNotBeNull) {
  auto req = Obj("{}");
  RequestReader r(req);
  EXPECT_FALSE(r.String("Name", {.min = 1}, /*required=*/true).has_value());
  EXPECT_EQ(Message(r),
            "1 validation error detected: Value null at 'name' failed to satisfy constraint: "
            "Member must not be null");
}

TEST(AdaptersRequestReader, JsonNullCountsAsMissing) {
  auto req = Obj(R"({"Name": null})");
  RequestReader r(req);
  (void)r.String("Name", {.min = 1}, true);
  EXPECT_EQ(Message(r),
            "1 validation error detected: Value null at 'name' failed to satisfy constraint: "
            "Member must not be null");
}

TEST(AdaptersRequestReader, MissingRequiredSecretIsMustNotBeNull) {
  auto req = Obj("{}");
  RequestReader r(req);
  EXPECT_FALSE(r.SecretString("Value", {.min = 1}, true).has_value());
  EXPECT_EQ(Message(r),
            "1 validation error detected: Value null at 'value' failed to satisfy constraint: "
            "Member must not be null");
}

TEST(AdaptersRequestReader, MissingRequiredIntegerIsMustNotBeNull) {
  auto req = Obj("{}");
  RequestReader r(req);
  (void)r.Int("ParameterVersion", 1, 100, true);
  EXPECT_EQ(Message(r),
            "1 validation error detected: Value null at 'parameterVersion' failed to satisfy "
            "constraint: Member must not be null");
}

TEST(AdaptersRequestReader, SeveralViolationsAreCountedAndJoined) {
  auto req = Obj(R"({"Description": "abcd"})");
  RequestReader r(req);
  (void)r.String("Name", {.min = 1}, true);
  (void)r.String("Description", {.max = 3});
  EXPECT_EQ(Message(r),
            "2 validation errors detected: Value null at 'name' failed to satisfy constraint: "
            "Member must not be null; Value 'abcd' at 'description' failed to satisfy constraint: "
            "Member must have length less than or equal to 3");
}

TEST(AdaptersRequestReader, TooShortIsReported) {
  auto req = Obj(R"({"Name": ""})");
  RequestReader r(req);
  (void)r.String("Name", {.min = 1, .max = 2048}, true);
  EXPECT_EQ(Message(r),
            "1 validation error detected: Value '' at 'name' failed to satisfy constraint: "
            "Member must have length greater than or equal to 1");
}

TEST(AdaptersRequestReader, LengthAtTheMaximumIsAccepted) {
  auto req = Obj(R"({"Description": "abc"})");
  RequestReader r(req);
  (void)r.String("Description", {.max = 3});
  EXPECT_FALSE(r.Error().has_value());
}

// Four two-byte characters: 8 bytes, 4 characters.
TEST(AdaptersRequestReader, LengthIsCountedInCharacters) {
  auto req = Obj("{\"Description\": \"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\"}");
  RequestReader fits(req);
  (void)fits.String("Description", {.max = 4});
  EXPECT_FALSE(fits.Error().has_value());
  RequestReader too_long(req);
  (void)too_long.String("Description", {.max = 3});
  EXPECT_NE(Message(too_long).find("less than or equal to 3"), std::string::npos);
}

TEST(AdaptersRequestReader, EscapedCharactersCountOnce) {
  auto req = Obj(R"({"Description": "\u00e9\u20ac"})");
  RequestReader r(req);
  (void)r.String("Description", {.max = 2});
  EXPECT_FALSE(r.Error().has_value());
}

TEST(AdaptersRequestReader, ValueOutsideTheEnumIsReported) {
  auto req = Obj(R"({"Type": "Integer"})");
  RequestReader r(req);
  (void)r.String("Type", {.allowed = {"String", "StringList", "SecureString"}});
  EXPECT_EQ(Message(r),
            "1 validation error detected: Value 'Integer' at 'type' failed to satisfy "
            "constraint: Member must satisfy enum value set: [String, StringList, SecureString]");
}

TEST(AdaptersRequestReader, EnumIsCaseSensitive) {
  auto req = Obj(R"({"Type": "string"})");
  RequestReader r(req);
  (void)r.String("Type", {.allowed = {"String", "StringList", "SecureString"}});
  EXPECT_TRUE(r.Error().has_value());
}

TEST(AdaptersRequestReader, ValueNotMatchingThePatternIsReported) {
  auto req = Obj(R"({"KeyId": "bad key!"})");
  RequestReader r(req);
  (void)r.String("KeyId", {.min = 1, .max = 256, .pattern = "^([a-zA-Z0-9:/_-]+)$"});
  EXPECT_EQ(Message(r),
            "1 validation error detected: Value 'bad key!' at 'keyId' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: ^([a-zA-Z0-9:/_-]+)$");
}

TEST(AdaptersRequestReader, ValueMatchingThePatternIsAccepted) {
  auto req = Obj(R"({"KeyId": "alias/aws/ssm"})");
  RequestReader r(req);
  (void)r.String("KeyId", {.min = 1, .max = 256, .pattern = "^([a-zA-Z0-9:/_-]+)$"});
  EXPECT_FALSE(r.Error().has_value());
}

// An empty value is reported once, for its length, not again for the pattern.
TEST(AdaptersRequestReader, TooShortValueIsNotAlsoReportedForThePattern) {
  auto req = Obj(R"({"KeyId": ""})");
  RequestReader r(req);
  (void)r.String("KeyId", {.min = 1, .max = 256, .pattern = "^([a-zA-Z0-9:/_-]+)$"});
  EXPECT_EQ(Message(r).substr(0, 29), "1 validation error detected: ");
}

// A huge value must be refused for its length without feeding it to the regex
// engine (libstdc++'s matcher recurses per character).
TEST(AdaptersRequestReader, HugeValueWithAPatternIsRefusedWithoutCrashing) {
  boost::json::object req;
  req["KeyId"] = std::string(1 << 20, 'a');
  RequestReader r(req);
  (void)r.String("KeyId", {.min = 1, .max = 256, .pattern = "^([a-zA-Z0-9:/_-]+)$"});
  EXPECT_NE(Message(r).find("less than or equal to 256"), std::string::npos);
}

TEST(AdaptersRequestReader, WrongJsonTypeIsSerializationException) {
  auto req = Obj(R"({"Name": 42})");
  RequestReader r(req);
  EXPECT_FALSE(r.String("Name", {.min = 1}, true).has_value());
  auto e = r.Error();
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->type, "SerializationException");
  EXPECT_EQ(e->http_status, 400);
}

TEST(AdaptersRequestReader, StringForABooleanIsSerializationException) {
  auto req = Obj(R"({"Overwrite": "true"})");
  RequestReader r(req);
  EXPECT_FALSE(r.Bool("Overwrite").has_value());
  EXPECT_EQ(r.Error()->type, "SerializationException");
}

TEST(AdaptersRequestReader, FractionForAnIntegerIsSerializationException) {
  auto req = Obj(R"({"MaxResults": 1.5})");
  RequestReader r(req);
  EXPECT_FALSE(r.Int("MaxResults", 1, 10).has_value());
  EXPECT_EQ(r.Error()->type, "SerializationException");
}

TEST(AdaptersRequestReader, ATypeErrorWinsOverViolations) {
  auto req = Obj(R"({"Name": "", "Overwrite": 1})");
  RequestReader r(req);
  (void)r.String("Name", {.min = 1}, true);
  (void)r.Bool("Overwrite");
  EXPECT_EQ(r.Error()->type, "SerializationException");
}

TEST(AdaptersRequestReader, UnknownMembersAreIgnored) {
  auto req = Obj(R"({"Name": "/a", "Shared": true, "SomethingNew": {"x": [1, 2]}})");
  RequestReader r(req);
  (void)r.String("Name", {.min = 1}, true);
  EXPECT_FALSE(r.Error().has_value());
}

TEST(AdaptersRequestReader, BooleanIsReturned) {
  auto req = Obj(R"({"Overwrite": true, "WithDecryption": false})");
  RequestReader r(req);
  EXPECT_EQ(r.Bool("Overwrite"), true);
  EXPECT_EQ(r.Bool("WithDecryption"), false);
}

TEST(AdaptersRequestReader, IntegerInRangeIsReturned) {
  auto req = Obj(R"({"MaxResults": 10})");
  RequestReader r(req);
  EXPECT_EQ(r.Int("MaxResults", 1, 10), 10);
  EXPECT_FALSE(r.Error().has_value());
}

TEST(AdaptersRequestReader, IntegerAboveTheMaximumIsReported) {
  auto req = Obj(R"({"MaxResults": 11})");
  RequestReader r(req);
  (void)r.Int("MaxResults", 1, 10);
  EXPECT_EQ(Message(r),
            "1 validation error detected: Value '11' at 'maxResults' failed to satisfy "
            "constraint: Member must have value less than or equal to 10");
}

TEST(AdaptersRequestReader, IntegerBelowTheMinimumIsReported) {
  auto req = Obj(R"({"MaxResults": 0})");
  RequestReader r(req);
  (void)r.Int("MaxResults", 1, 10);
  EXPECT_EQ(Message(r),
            "1 validation error detected: Value '0' at 'maxResults' failed to satisfy "
            "constraint: Member must have value greater than or equal to 1");
}

TEST(AdaptersRequestReader, IntegerBeyondInt64IsReported) {
  auto req = Obj(R"({"ParameterVersion": 18446744073709551615})");
  RequestReader r(req);
  EXPECT_FALSE(r.Int("ParameterVersion", 1, 100).has_value());
  EXPECT_NE(Message(r).find("'18446744073709551615' at 'parameterVersion'"), std::string::npos);
}

TEST(AdaptersRequestReader, SecretStringIsReturnedAsBytes) {
  auto req = Obj(R"({"Value": "hunter2"})");
  RequestReader r(req);
  auto v = r.SecretString("Value", {.min = 1}, true);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(core::AsStringView(*v), "hunter2");
}

TEST(AdaptersRequestReader, SecretValueNeverAppearsInTheMessage) {
  auto req = Obj(R"({"Value": "hunter2-secret"})");
  RequestReader r(req);
  (void)r.SecretString("Value", {.min = 1, .max = 4, .pattern = "^[0-9]+$"});
  const std::string msg = Message(r);
  EXPECT_EQ(msg.find("hunter2"), std::string::npos) << msg;
  EXPECT_NE(msg.find("at 'value'"), std::string::npos) << msg;
}

TEST(AdaptersRequestReader, SensitiveStringNeverAppearsInTheMessage) {
  auto req = Obj(R"({"SecretString": "hunter2-secret"})");
  RequestReader r(req);
  (void)r.String("SecretString", {.min = 1, .max = 64, .pattern = "^[0-9]+$", .allowed = {"x"},
                                  .sensitive = true});
  const std::string msg = Message(r);
  EXPECT_EQ(msg.find("hunter2"), std::string::npos) << msg;
  EXPECT_NE(msg.find("2 validation errors detected"), std::string::npos) << msg;  // enum, pattern
}

TEST(AdaptersRequestReader, CallerCheckedViolationIsReported) {
  auto req = Obj("{}");
  RequestReader r(req);
  r.Violation("Labels", "[a]", "Member must have length less than or equal to 10");
  EXPECT_EQ(Message(r),
            "1 validation error detected: Value '[a]' at 'labels' failed to satisfy constraint: "
            "Member must have length less than or equal to 10");
}

TEST(AdaptersRequestReader, CamelCaseLowersTheFirstLetter) {
  EXPECT_EQ(CamelCase("Name"), "name");
  EXPECT_EQ(CamelCase("WithDecryption"), "withDecryption");
  EXPECT_EQ(CamelCase("KeyId"), "keyId");
  EXPECT_EQ(CamelCase(""), "");
}

}  // namespace
}  // namespace paramsafe::adapters
