// AmazonSSM.GetParameters through the Router, over a ParameterService on fakes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/base64.h"
#include "router_fixture.h"

namespace paramsafe::adapters::testing {
namespace {

using Strings = std::vector<std::string>;

boost::json::array Array(const Strings& items) {
  boost::json::array a;
  for (const std::string& s : items) a.emplace_back(s);
  return a;
}

Strings StringsOf(const boost::json::value& v) {
  Strings out;
  for (const boost::json::value& e : v.as_array()) out.push_back(Str(e));
  return out;
}

class AdaptersSsmGetParameters : public RouterTest {
 protected:
  void Create(std::string_view name, std::string_view value, std::string_view type = "String") {
    ExpectOk(
        Ssm("PutParameter", boost::json::object{{"Name", name}, {"Value", value}, {"Type", type}}));
  }
  void Overwrite(std::string_view name, std::string_view value) {
    ExpectOk(Ssm("PutParameter",
                 boost::json::object{{"Name", name}, {"Value", value}, {"Overwrite", true}}));
  }
  Response Get(const Strings& names, std::optional<bool> with_decryption = std::nullopt) {
    boost::json::object req{{"Names", Array(names)}};
    if (with_decryption) req["WithDecryption"] = *with_decryption;
    return Ssm("GetParameters", req);
  }
  // The answer of a successful call: the names of Parameters and InvalidParameters.
  struct Answer {
    boost::json::array parameters;
    Strings names;    // Parameters[].Name
    Strings invalid;  // InvalidParameters
  };
  Answer Ok(const Response& r) {
    boost::json::object body = ExpectOk(r);
    Answer a;
    EXPECT_EQ(body.size(), 2u) << Show(r);
    if (!body.contains("Parameters") || !body.contains("InvalidParameters")) {
      ADD_FAILURE() << Show(r);
      return a;
    }
    a.parameters = body.at("Parameters").as_array();
    for (const auto& p : a.parameters) a.names.push_back(Str(p.at("Name")));
    a.invalid = StringsOf(body.at("InvalidParameters"));
    return a;
  }
  std::string Message(const Response& r) {
    return ErrorMessage(ExpectError(r, "ValidationException"));
  }
};

TEST_F(AdaptersSsmGetParameters, AnswersFoundParametersInRequestOrderAndListsTheRest) {
  Create("/a", "va");
  Create("/b", "vb");
  Answer a = Ok(Get({"/b", "/missing", "/a"}));
  EXPECT_EQ(a.names, (Strings{"/b", "/a"}));
  EXPECT_EQ(a.invalid, (Strings{"/missing"}));
  EXPECT_EQ(Str(a.parameters[0].at("Value")), "vb");
  EXPECT_EQ(Str(a.parameters[1].at("Value")), "va");
}

TEST_F(AdaptersSsmGetParameters, EachParameterHasTheParameterShape) {
  Create("/a/b", "hello");
  Answer a = Ok(Get({"/a/b"}));
  ASSERT_EQ(a.parameters.size(), 1u);
  const boost::json::object& p = a.parameters[0].as_object();
  EXPECT_EQ(p.size(), 7u);
  EXPECT_EQ(Str(p.at("Name")), "/a/b");
  EXPECT_EQ(Str(p.at("Type")), "String");
  EXPECT_EQ(Str(p.at("Value")), "hello");
  EXPECT_EQ(p.at("Version").as_int64(), 1);
  EXPECT_EQ(Str(p.at("ARN")), "arn:aws:ssm:us-east-1:123456789012:parameter/a/b");
  EXPECT_EQ(Str(p.at("DataType")), "text");
  EXPECT_DOUBLE_EQ(p.at("LastModifiedDate").as_double(), 1712345678.901);
}

TEST_F(AdaptersSsmGetParameters, EmptyListsAreSentWhenNothingMatchesOrNothingIsMissing) {
  Create("/a", "v");
  Answer none_found = Ok(Get({"/x"}));
  EXPECT_TRUE(none_found.parameters.empty());
  Answer all_found = Ok(Get({"/a"}));
  EXPECT_TRUE(all_found.invalid.empty());
}

TEST_F(AdaptersSsmGetParameters, ANameSentTwiceIsAnsweredOnce) {
  Create("/a", "v");
  Answer a = Ok(Get({"/a", "/missing", "/a", "/missing"}));
  EXPECT_EQ(a.names, (Strings{"/a"}));
  EXPECT_EQ(a.invalid, (Strings{"/missing"}));
}

TEST_F(AdaptersSsmGetParameters, BothSpellingsOfASingleLevelNameAreAnswered) {
  Create("single", "v");
  Answer a = Ok(Get({"/single", "single"}));
  EXPECT_EQ(a.names, (Strings{"single", "single"}));  // the spelling at creation
  EXPECT_TRUE(a.invalid.empty());
}

TEST_F(AdaptersSsmGetParameters, VersionSelectorsAreResolvedAndEchoed) {
  Create("/a", "v1");
  Overwrite("/a", "v2");
  Answer a = Ok(Get({"/a:1", "/a"}));
  ASSERT_EQ(a.parameters.size(), 2u);
  const boost::json::object& first = a.parameters[0].as_object();
  EXPECT_EQ(Str(first.at("Name")), "/a");
  EXPECT_EQ(Str(first.at("Selector")), ":1");
  EXPECT_EQ(first.at("Version").as_int64(), 1);
  EXPECT_EQ(Str(first.at("Value")), "v1");
  const boost::json::object& latest = a.parameters[1].as_object();
  EXPECT_FALSE(latest.contains("Selector"));
  EXPECT_EQ(latest.at("Version").as_int64(), 2);
}

TEST_F(AdaptersSsmGetParameters, LabelSelectorsAreResolvedAndEchoed) {
  Create("/a", "v1");
  Overwrite("/a", "v2");
  repo_.AttachLabel(Key("/a"), 1, "prod");
  Answer a = Ok(Get({"/a:prod"}));
  ASSERT_EQ(a.parameters.size(), 1u);
  EXPECT_EQ(Str(a.parameters[0].at("Selector")), ":prod");
  EXPECT_EQ(a.parameters[0].at("Version").as_int64(), 1);
}

TEST_F(AdaptersSsmGetParameters, MissingVersionsAndLabelsAreInvalidParameters) {
  Create("/a", "v1");
  Answer a = Ok(Get({"/a:9", "/a:nolabel", "/a"}));
  EXPECT_EQ(a.names, (Strings{"/a"}));
  EXPECT_EQ(a.invalid, (Strings{"/a:9", "/a:nolabel"}));
}

TEST_F(AdaptersSsmGetParameters, MalformedSelectorsAndNamesAreListedExactlyAsSent) {
  Create("/a", "v1");
  const Strings bad = {"/a:", "/a:1:2", "/a b", "bad*name", ":1", "/a:123456789012345678901"};
  Answer a = Ok(Get(bad));
  EXPECT_TRUE(a.parameters.empty());
  EXPECT_EQ(a.invalid, bad);
}

TEST_F(AdaptersSsmGetParameters, MissingSecretsManagerReferencesAreInvalidParameters) {
  Answer a = Ok(Get(
      {"/aws/reference/secretsmanager/db", "/aws/reference/secretsmanager/db:AWSCURRENT"}, true));
  EXPECT_EQ(a.invalid, (Strings{"/aws/reference/secretsmanager/db",
                                "/aws/reference/secretsmanager/db:AWSCURRENT"}));
}

TEST_F(AdaptersSsmGetParameters, AnArnOfThisRegionNamesTheParameter) {
  Create("/a/b", "v");
  Answer a = Ok(Get({"arn:aws:ssm:us-east-1:123456789012:parameter/a/b"}));
  EXPECT_EQ(a.names, (Strings{"/a/b"}));
}

TEST_F(AdaptersSsmGetParameters, AnArnOfAnotherRegionIsAnInvalidParameter) {
  Create("/a/b", "v");
  const std::string other = "arn:aws:ssm:eu-west-1:123456789012:parameter/a/b";
  Answer a = Ok(Get({other}));
  EXPECT_EQ(a.invalid, (Strings{other}));
}

TEST_F(AdaptersSsmGetParameters, SecureStringWithoutDecryptionIsTheCiphertext) {
  Create("/s", "hunter2", "SecureString");
  Response r = Get({"/s"});
  Answer a = Ok(r);
  ASSERT_EQ(a.parameters.size(), 1u);
  EXPECT_EQ(Str(a.parameters[0].at("Value")),
            Base64Encode(repo_.Latest(Key("/s")).value().sealed.ciphertext));
  EXPECT_EQ(std::string(r.body.data(), r.body.size()).find("hunter2"), std::string::npos);
}

TEST_F(AdaptersSsmGetParameters, SecureStringWithDecryptionIsThePlaintext) {
  Create("/s", "hunter2", "SecureString");
  Create("/p", "plain");
  Answer a = Ok(Get({"/s", "/p"}, true));
  ASSERT_EQ(a.parameters.size(), 2u);
  EXPECT_EQ(Str(a.parameters[0].at("Value")), "hunter2");
  EXPECT_EQ(Str(a.parameters[1].at("Value")), "plain");
}

TEST_F(AdaptersSsmGetParameters, AFailureThatIsNotAboutTheNameFailsTheWholeCall) {
  Create("/a", "va");
  Create("/s", "hunter2", "SecureString");
  keyring_.set_fail_opens(true);
  Response r = Get({"/missing", "/s"}, true);
  boost::json::object body = ExpectError(r, "InternalServerError", 500);
  EXPECT_TRUE(body.contains("Message")) << Show(r);
  EXPECT_EQ(std::string(r.body.data(), r.body.size()).find("hunter2"), std::string::npos);
}

TEST_F(AdaptersSsmGetParameters, TenNamesAreAllowed) {
  Strings names;
  for (int i = 0; i < 10; ++i) names.push_back("/n" + std::to_string(i));
  EXPECT_EQ(Ok(Get(names)).invalid, names);
}

TEST_F(AdaptersSsmGetParameters, ElevenNamesAreAValidationError) {
  Strings names;
  for (int i = 0; i < 11; ++i) names.push_back("n" + std::to_string(i));
  EXPECT_EQ(Message(Get(names)),
            "1 validation error detected: Value '[n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10]' at "
            "'names' failed to satisfy constraint: Member must have length less than or equal to "
            "10");
}

TEST_F(AdaptersSsmGetParameters, AnEmptyListIsAValidationError) {
  EXPECT_EQ(Message(Get({})),
            "1 validation error detected: Value '[]' at 'names' failed to satisfy constraint: "
            "Member must have length greater than or equal to 1");
}

TEST_F(AdaptersSsmGetParameters, MissingNamesIsAValidationError) {
  EXPECT_EQ(Message(Ssm("GetParameters", "{}")),
            "1 validation error detected: Value null at 'names' failed to satisfy constraint: "
            "Member must not be null");
  EXPECT_EQ(Message(Ssm("GetParameters", R"({"Names": null})")),
            "1 validation error detected: Value null at 'names' failed to satisfy constraint: "
            "Member must not be null");
}

TEST_F(AdaptersSsmGetParameters, ANameOutsideOneTo2048CharactersIsAValidationError) {
  const std::string constraint =
      "failed to satisfy constraint: Member must satisfy constraint: [Member must have length "
      "less than or equal to 2048, Member must have length greater than or equal to 1]";
  EXPECT_EQ(Message(Get({"/a", ""})),
            "1 validation error detected: Value '[/a, ]' at 'names' " + constraint);
  const std::string long_name = "/" + std::string(2048, 'x');
  EXPECT_EQ(Message(Get({long_name})),
            "1 validation error detected: Value '[" + long_name + "]' at 'names' " + constraint);
}

TEST_F(AdaptersSsmGetParameters, AName2048CharactersLongPassesValidation) {
  const std::string name = "/" + std::string(2047, 'x');
  EXPECT_EQ(Ok(Get({name})).invalid, (Strings{name}));
}

TEST_F(AdaptersSsmGetParameters, EveryViolationIsReportedAtOnce) {
  Strings names(11, "");
  const std::string shown = "[, , , , , , , , , , ]";
  EXPECT_EQ(Message(Get(names)),
            "2 validation errors detected: Value '" + shown +
                "' at 'names' failed to satisfy constraint: Member must have length less than or "
                "equal to 10; Value '" +
                shown +
                "' at 'names' failed to satisfy constraint: Member must satisfy constraint: "
                "[Member must have length less than or equal to 2048, Member must have length "
                "greater than or equal to 1]");
}

TEST_F(AdaptersSsmGetParameters, WrongJsonTypesAreSerializationErrors) {
  ExpectError(Ssm("GetParameters", R"({"Names": "/a"})"), "SerializationException");
  ExpectError(Ssm("GetParameters", R"({"Names": {"a": 1}})"), "SerializationException");
  ExpectError(Ssm("GetParameters", R"({"Names": ["/a", 7]})"), "SerializationException");
  ExpectError(Ssm("GetParameters", R"({"Names": [null]})"), "SerializationException");
  ExpectError(Ssm("GetParameters", R"({"Names": ["/a"], "WithDecryption": "true"})"),
              "SerializationException");
}

TEST_F(AdaptersSsmGetParameters, UnknownMembersAreIgnored) {
  Create("/a", "v");
  Response r = Ssm("GetParameters", R"({"Names": ["/a"], "FutureMember": {"x": 1}})");
  EXPECT_EQ(Ok(r).names, (Strings{"/a"}));
}

}  // namespace
}  // namespace paramsafe::adapters::testing
