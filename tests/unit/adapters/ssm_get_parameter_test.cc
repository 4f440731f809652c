// AmazonSSM.GetParameter and DeleteParameter through the Router, over a
// ParameterService on fakes.
#include <gtest/gtest.h>

#include <set>

#include "common/base64.h"
#include "common/json_io.h"
#include "router_fixture.h"

namespace paramsafe::adapters::testing {
namespace {

class AdaptersSsmGetParameter : public RouterTest {
 protected:
  void Create(std::string_view name, std::string_view value, std::string_view type = "String") {
    boost::json::object req{{"Name", name}, {"Value", value}, {"Type", type}};
    ExpectOk(Ssm("PutParameter", req));
  }
  void Overwrite(std::string_view name, std::string_view value) {
    boost::json::object req{{"Name", name}, {"Value", value}, {"Overwrite", true}};
    ExpectOk(Ssm("PutParameter", req));
  }
  Response Get(std::string_view name, std::optional<bool> with_decryption = std::nullopt) {
    boost::json::object req{{"Name", name}};
    if (with_decryption) req["WithDecryption"] = *with_decryption;
    return Ssm("GetParameter", req);
  }
  // The "Parameter" member of a successful GetParameter.
  boost::json::object Parameter(const Response& r) {
    boost::json::object body = ExpectOk(r);
    EXPECT_EQ(body.size(), 1u) << Show(r);
    if (!body.contains("Parameter")) return {};
    return body.at("Parameter").as_object();
  }
  static std::set<std::string> Members(const boost::json::object& o) {
    std::set<std::string> out;
    for (const auto& kv : o) out.insert(std::string(kv.key()));
    return out;
  }
};

TEST_F(AdaptersSsmGetParameter, AnswersTheParameterShape) {
  Create("/a/b", "hello");
  boost::json::object p = Parameter(Get("/a/b"));
  EXPECT_EQ(Members(p), (std::set<std::string>{"Name", "Type", "Value", "Version",
                                               "LastModifiedDate", "ARN", "DataType"}));
  EXPECT_EQ(Str(p.at("Name")), "/a/b");
  EXPECT_EQ(Str(p.at("Type")), "String");
  EXPECT_EQ(Str(p.at("Value")), "hello");
  EXPECT_EQ(p.at("Version").as_int64(), 1);
  EXPECT_EQ(Str(p.at("ARN")), "arn:aws:ssm:us-east-1:123456789012:parameter/a/b");
  EXPECT_EQ(Str(p.at("DataType")), "text");
}

TEST_F(AdaptersSsmGetParameter, LastModifiedDateIsEpochSecondsWithMilliseconds) {
  Create("/a", "v");
  boost::json::object p = Parameter(Get("/a"));
  ASSERT_TRUE(p.at("LastModifiedDate").is_double());
  EXPECT_DOUBLE_EQ(p.at("LastModifiedDate").as_double(), 1712345678.901);
}

TEST_F(AdaptersSsmGetParameter, NeverAnswersTheKeyId) {
  Create("/s", "secret", "SecureString");
  EXPECT_FALSE(Parameter(Get("/s", true)).contains("KeyId"));
}

TEST_F(AdaptersSsmGetParameter, VersionSelectorIsEchoed) {
  Create("/a", "v1");
  Overwrite("/a", "v2");
  boost::json::object p = Parameter(Get("/a:1"));
  EXPECT_EQ(Str(p.at("Name")), "/a");
  EXPECT_EQ(Str(p.at("Selector")), ":1");
  EXPECT_EQ(p.at("Version").as_int64(), 1);
  EXPECT_EQ(Str(p.at("Value")), "v1");
}

TEST_F(AdaptersSsmGetParameter, LabelSelectorIsEchoed) {
  Create("/a", "v1");
  Overwrite("/a", "v2");
  repo_.AttachLabel(Key("/a"), 1, "prod");
  boost::json::object p = Parameter(Get("/a:prod"));
  EXPECT_EQ(Str(p.at("Selector")), ":prod");
  EXPECT_EQ(p.at("Version").as_int64(), 1);
}

TEST_F(AdaptersSsmGetParameter, MissingVersionIsParameterVersionNotFound) {
  Create("/a", "v1");
  ExpectError(Get("/a:7"), "ParameterVersionNotFound");
}

TEST_F(AdaptersSsmGetParameter, EmptySelectorIsAValidationError) {
  Create("/a", "v1");
  EXPECT_EQ(ErrorMessage(ExpectError(Get("/a:"), "ValidationException")),
            "Invalid parameter name. Please use correct syntax for referencing a version/label  "
            "<name>:<version/label>");
}

TEST_F(AdaptersSsmGetParameter, TwoSelectorsAreAValidationError) {
  ExpectError(Get("/a:1:2"), "ValidationException");
}

TEST_F(AdaptersSsmGetParameter, HugeVersionIsAValidationError) {
  ExpectError(Get("/a:123456789012345678901234567890"), "ValidationException");
}

TEST_F(AdaptersSsmGetParameter, SecureStringWithoutDecryptionIsBase64OfTheCiphertext) {
  Create("/s", "hunter2", "SecureString");
  boost::json::object p = Parameter(Get("/s"));
  const core::SealedValue sealed = repo_.Latest(Key("/s")).value().sealed;
  EXPECT_EQ(Str(p.at("Value")), Base64Encode(sealed.ciphertext));
  EXPECT_NE(Str(p.at("Value")), "hunter2");
  EXPECT_EQ(Str(p.at("Type")), "SecureString");
}

TEST_F(AdaptersSsmGetParameter, SecureStringWithDecryptionFalseIsNotDecrypted) {
  Create("/s", "hunter2", "SecureString");
  Response r = Get("/s", false);
  const std::string raw(r.body.data(), r.body.size());
  EXPECT_EQ(raw.find("hunter2"), std::string::npos);
  EXPECT_TRUE(keyring_.open_calls().empty());
}

TEST_F(AdaptersSsmGetParameter, SecureStringWithDecryptionIsThePlaintext) {
  Create("/s", "hunter2", "SecureString");
  EXPECT_EQ(Str(Parameter(Get("/s", true)).at("Value")), "hunter2");
}

TEST_F(AdaptersSsmGetParameter, StringIgnoresWithDecryption) {
  Create("/a", "plain");
  EXPECT_EQ(Str(Parameter(Get("/a", false)).at("Value")), "plain");
  EXPECT_EQ(Str(Parameter(Get("/a", true)).at("Value")), "plain");
}

TEST_F(AdaptersSsmGetParameter, ValueWithJsonSpecialCharactersRoundTrips) {
  const std::string value = "line1\nline2 \"quoted\" \\ caf\xC3\xA9 \xE2\x82\xAC";
  Create("/a", value);
  EXPECT_EQ(Str(Parameter(Get("/a")).at("Value")), value);
}

TEST_F(AdaptersSsmGetParameter, MissingParameterIsParameterNotFound) {
  ExpectError(Get("/nope"), "ParameterNotFound");
}

TEST_F(AdaptersSsmGetParameter, SingleLevelNameIsFoundWithOrWithoutSlash) {
  Create("/p", "v");
  boost::json::object p = Parameter(Get("p"));
  EXPECT_EQ(Str(p.at("Name")), "/p");  // the spelling used at creation
  EXPECT_EQ(Str(Parameter(Get("/p")).at("Value")), "v");
}

TEST_F(AdaptersSsmGetParameter, NameWithASpaceIsAValidationError) {
  ExpectError(Get("/a b"), "ValidationException");
}

TEST_F(AdaptersSsmGetParameter, MissingNameIsAValidationError) {
  EXPECT_EQ(ErrorMessage(ExpectError(Ssm("GetParameter", "{}"), "ValidationException")),
            "1 validation error detected: Value null at 'name' failed to satisfy constraint: "
            "Member must not be null");
}

TEST_F(AdaptersSsmGetParameter, WithDecryptionAsAStringIsSerializationException) {
  ExpectError(Ssm("GetParameter", R"({"Name": "/a", "WithDecryption": "true"})"),
              "SerializationException");
}

TEST_F(AdaptersSsmGetParameter, SeesAnOverwriteAtOnce) {
  Create("/a", "v1");
  EXPECT_EQ(Str(Parameter(Get("/a")).at("Value")), "v1");
  Overwrite("/a", "v2");
  boost::json::object p = Parameter(Get("/a"));
  EXPECT_EQ(Str(p.at("Value")), "v2");
  EXPECT_EQ(p.at("Version").as_int64(), 2);
}

// --- DeleteParameter ------------------------------------------------------------

using AdaptersSsmDeleteParameter = AdaptersSsmGetParameter;

TEST_F(AdaptersSsmDeleteParameter, AnswersAnEmptyObject) {
  Create("/a", "v");
  Response r = Ssm("DeleteParameter", R"({"Name": "/a"})");
  EXPECT_TRUE(ExpectOk(r).empty()) << Show(r);
  EXPECT_EQ(std::string_view(r.body.data(), r.body.size()), "{}");
}

TEST_F(AdaptersSsmDeleteParameter, MissingParameterIsParameterNotFound) {
  ExpectError(Ssm("DeleteParameter", R"({"Name": "/nope"})"), "ParameterNotFound");
}

TEST_F(AdaptersSsmDeleteParameter, ImpossibleNameIsParameterNotFound) {
  Response r = Ssm("DeleteParameter", R"({"Name": "/a b"})");
  EXPECT_EQ(ErrorMessage(ExpectError(r, "ParameterNotFound")), "Parameter /a b not found.");
  EXPECT_EQ(repo_.delete_calls(), 0);
}

TEST_F(AdaptersSsmDeleteParameter, GetAfterDeleteIsParameterNotFound) {
  Create("/a", "v");
  ExpectOk(Get("/a"));  // cached
  ExpectOk(Ssm("DeleteParameter", R"({"Name": "/a"})"));
  ExpectError(Get("/a"), "ParameterNotFound");
}

TEST_F(AdaptersSsmDeleteParameter, EitherSpellingDeletesASingleLevelName) {
  Create("/p", "v");
  ExpectOk(Ssm("DeleteParameter", R"({"Name": "p"})"));
  EXPECT_EQ(repo_.ItemCount(), 0u);
}

TEST_F(AdaptersSsmDeleteParameter, MissingNameIsAValidationError) {
  ExpectError(Ssm("DeleteParameter", "{}"), "ValidationException");
}

}  // namespace
}  // namespace paramsafe::adapters::testing
