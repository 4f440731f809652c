// AmazonSSM.LabelParameterVersion and UnlabelParameterVersion through the
// Router, over a ParameterLabelService on FakeLabelRepository.
#include <gtest/gtest.h>

#include <string>
#include <vector>

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

std::string Repeat(std::string_view unit, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s.append(unit);
  return s;
}

const char kLabelsConstraint[] =
    "' at 'labels' failed to satisfy constraint: Member must satisfy constraint: [Member must "
    "have length less than or equal to 100, Member must have length greater than or equal to 1]";

class AdaptersSsmLabels : public RouterTest {
 protected:
  AdaptersSsmLabels() { label_repo_.AddParameter(Key("/p"), 3); }

  Response Label(std::string_view name, const Strings& labels,
                 std::optional<std::int64_t> version = std::nullopt) {
    boost::json::object req{{"Name", name}, {"Labels", Array(labels)}};
    if (version) req["ParameterVersion"] = *version;
    return Ssm("LabelParameterVersion", req);
  }
  Response Unlabel(std::string_view name, std::int64_t version, const Strings& labels) {
    return Ssm("UnlabelParameterVersion",
               boost::json::object{
                   {"Name", name}, {"ParameterVersion", version}, {"Labels", Array(labels)}});
  }
  std::string Message(const Response& r) {
    return ErrorMessage(ExpectError(r, "ValidationException"));
  }
};

// --- LabelParameterVersion ---------------------------------------------------

TEST_F(AdaptersSsmLabels, LabelsTheLatestVersion) {
  Response r = Label("/p", {"prod"});
  boost::json::object body = ExpectOk(r);
  EXPECT_EQ(body.size(), 2u) << Show(r);
  EXPECT_EQ(body.at("ParameterVersion").as_int64(), 3);
  EXPECT_TRUE(body.at("InvalidLabels").as_array().empty());
  EXPECT_EQ(label_repo_.VersionOf(Key("/p"), "prod"), 3);
}

TEST_F(AdaptersSsmLabels, LabelsTheGivenVersion) {
  boost::json::object body = ExpectOk(Label("/p", {"prod", "blue"}, 1));
  EXPECT_EQ(body.at("ParameterVersion").as_int64(), 1);
  EXPECT_EQ(label_repo_.LabelsOn(Key("/p"), 1), (Strings{"blue", "prod"}));
}

TEST_F(AdaptersSsmLabels, ALabelMovesBetweenVersions) {
  ExpectOk(Label("/p", {"prod"}, 1));
  ExpectOk(Label("/p", {"prod"}, 2));
  EXPECT_TRUE(label_repo_.LabelsOn(Key("/p"), 1).empty());
  EXPECT_EQ(label_repo_.VersionOf(Key("/p"), "prod"), 2);
}

TEST_F(AdaptersSsmLabels, SyntacticallyInvalidLabelsAreListedNotAttached) {
  const Strings sent = {"1x", "good", "awsX", "SSM-y", "caf\xC3\xA9", "a b", "_ok"};
  boost::json::object body = ExpectOk(Label("/p", sent));
  EXPECT_EQ(StringsOf(body.at("InvalidLabels")),
            (Strings{"1x", "awsX", "SSM-y", "caf\xC3\xA9", "a b"}));
  EXPECT_EQ(label_repo_.LabelsOn(Key("/p"), 3), (Strings{"_ok", "good"}));
}

TEST_F(AdaptersSsmLabels, OnlyInvalidLabelsStillAnswerTheVersion) {
  boost::json::object body = ExpectOk(Label("/p", {"9lives"}));
  EXPECT_EQ(body.at("ParameterVersion").as_int64(), 3);
  EXPECT_EQ(StringsOf(body.at("InvalidLabels")), (Strings{"9lives"}));
}

TEST_F(AdaptersSsmLabels, AHundredCharacterLabelIsAttached) {
  const std::string label(100, 'a');
  boost::json::object body = ExpectOk(Label("/p", {label}));
  EXPECT_TRUE(body.at("InvalidLabels").as_array().empty());
  EXPECT_EQ(label_repo_.VersionOf(Key("/p"), label), 3);
}

TEST_F(AdaptersSsmLabels, AHundredAndOneCharacterLabelIsAValidationError) {
  const std::string label(101, 'a');
  EXPECT_EQ(Message(Label("/p", {"ok", label})),
            "1 validation error detected: Value '[ok, " + label + "]" + kLabelsConstraint);
  EXPECT_EQ(label_repo_.attach_calls(), 0);
}

TEST_F(AdaptersSsmLabels, AnEmptyLabelIsAValidationError) {
  EXPECT_EQ(Message(Label("/p", {""})),
            std::string("1 validation error detected: Value '[]") + kLabelsConstraint);
}

TEST_F(AdaptersSsmLabels, LengthCountsCharactersNotBytes) {
  // 100 two-byte characters pass the model's length, then fail the syntax.
  const std::string label = Repeat("\xC3\xA9", 100);
  boost::json::object body = ExpectOk(Label("/p", {label}));
  EXPECT_EQ(StringsOf(body.at("InvalidLabels")), (Strings{label}));
}

TEST_F(AdaptersSsmLabels, ElevenLabelsAreAValidationError) {
  Strings labels;
  for (int i = 0; i < 11; ++i) labels.push_back("l" + std::to_string(i));
  EXPECT_EQ(Message(Label("/p", labels)),
            "1 validation error detected: Value '[l0, l1, l2, l3, l4, l5, l6, l7, l8, l9, l10]' "
            "at 'labels' failed to satisfy constraint: Member must have length less than or "
            "equal to 10");
}

TEST_F(AdaptersSsmLabels, AnEmptyLabelListIsAValidationError) {
  EXPECT_EQ(Message(Label("/p", {})),
            "1 validation error detected: Value '[]' at 'labels' failed to satisfy constraint: "
            "Member must have length greater than or equal to 1");
}

TEST_F(AdaptersSsmLabels, MissingRequiredMembersAreAllReported) {
  EXPECT_EQ(Message(Ssm("LabelParameterVersion", "{}")),
            "2 validation errors detected: Value null at 'name' failed to satisfy constraint: "
            "Member must not be null; Value null at 'labels' failed to satisfy constraint: "
            "Member must not be null");
}

TEST_F(AdaptersSsmLabels, WrongJsonTypesAreSerializationErrors) {
  ExpectError(Ssm("LabelParameterVersion", R"({"Name": "/p", "Labels": "prod"})"),
              "SerializationException");
  ExpectError(Ssm("LabelParameterVersion", R"({"Name": "/p", "Labels": [1]})"),
              "SerializationException");
  ExpectError(
      Ssm("LabelParameterVersion", R"({"Name": "/p", "Labels": ["a"], "ParameterVersion": "1"})"),
      "SerializationException");
  ExpectError(
      Ssm("LabelParameterVersion", R"({"Name": "/p", "Labels": ["a"], "ParameterVersion": 1.5})"),
      "SerializationException");
}

TEST_F(AdaptersSsmLabels, MissingParameterIsParameterNotFound) {
  boost::json::object body = ExpectError(Label("/missing", {"prod"}), "ParameterNotFound");
  EXPECT_EQ(ErrorMessage(body), "Parameter /missing not found.");
}

TEST_F(AdaptersSsmLabels, MissingVersionIsParameterVersionNotFound) {
  boost::json::object body = ExpectError(Label("/p", {"prod"}, 7), "ParameterVersionNotFound");
  EXPECT_EQ(ErrorMessage(body),
            "Systems Manager could not find version 7 of /p. Verify the version and try again.");
  ExpectError(Label("/p", {"prod"}, 0), "ParameterVersionNotFound");
  ExpectError(Label("/p", {"prod"}, -1), "ParameterVersionNotFound");
}

TEST_F(AdaptersSsmLabels, AnEleventhLabelOnAVersionIsLabelLimitExceeded) {
  for (int i = 0; i < 10; ++i) label_repo_.SetLabel(Key("/p"), "l" + std::to_string(i), 3);
  boost::json::object body =
      ExpectError(Label("/p", {"one-more"}), "ParameterVersionLabelLimitExceeded");
  EXPECT_EQ(ErrorMessage(body),
            "A parameter version can have maximum 10 labels.Move one or more labels to another "
            "version and try again.");
  EXPECT_FALSE(label_repo_.VersionOf(Key("/p"), "one-more").has_value());
}

TEST_F(AdaptersSsmLabels, ASelectorInTheNameIsAValidationError) {
  ExpectError(Label("/p:1", {"prod"}), "ValidationException");
  EXPECT_EQ(label_repo_.attach_calls(), 0);
}

TEST_F(AdaptersSsmLabels, SingleLevelNameWithALeadingSlashIsTheSameParameter) {
  label_repo_.AddParameter(Key("single"), 2);
  ExpectOk(Label("/single", {"prod"}));
  EXPECT_EQ(label_repo_.VersionOf(Key("single"), "prod"), 2);
}

TEST_F(AdaptersSsmLabels, ConcurrentUpdatesAreTooManyUpdates) {
  label_repo_.FailNextCall(core::Status(core::Code::kConflict, "serialization failure"));
  boost::json::object body = ExpectError(Label("/p", {"prod"}), "TooManyUpdates");
  EXPECT_TRUE(body.contains("Message"));
}

TEST_F(AdaptersSsmLabels, AnUnavailableDatabaseIsAnInternalServerError) {
  label_repo_.FailNextCall(core::Status(core::Code::kUnavailable, "database unreachable"));
  ExpectError(Label("/p", {"prod"}), "InternalServerError", 500);
}

// --- UnlabelParameterVersion -------------------------------------------------

TEST_F(AdaptersSsmLabels, UnlabelRemovesAndListsTheRest) {
  label_repo_.SetLabel(Key("/p"), "prod", 2);
  label_repo_.SetLabel(Key("/p"), "blue", 1);
  Response r = Unlabel("/p", 2, {"prod", "blue", "nowhere"});
  boost::json::object body = ExpectOk(r);
  EXPECT_EQ(body.size(), 2u) << Show(r);
  EXPECT_EQ(StringsOf(body.at("RemovedLabels")), (Strings{"prod"}));
  EXPECT_EQ(StringsOf(body.at("InvalidLabels")), (Strings{"blue", "nowhere"}));
  EXPECT_FALSE(label_repo_.VersionOf(Key("/p"), "prod").has_value());
  EXPECT_EQ(label_repo_.VersionOf(Key("/p"), "blue"), 1);
}

TEST_F(AdaptersSsmLabels, UnlabelWithNothingToRemoveAnswersEmptyRemovedLabels) {
  boost::json::object body = ExpectOk(Unlabel("/p", 1, {"x"}));
  EXPECT_TRUE(body.at("RemovedLabels").as_array().empty());
  EXPECT_EQ(StringsOf(body.at("InvalidLabels")), (Strings{"x"}));
}

TEST_F(AdaptersSsmLabels, UnlabelRequiresTheVersion) {
  EXPECT_EQ(Message(Ssm("UnlabelParameterVersion", R"({"Name": "/p", "Labels": ["prod"]})")),
            "1 validation error detected: Value null at 'parameterVersion' failed to satisfy "
            "constraint: Member must not be null");
}

TEST_F(AdaptersSsmLabels, UnlabelOfAMissingParameterIsParameterNotFound) {
  ExpectError(Unlabel("/missing", 1, {"prod"}), "ParameterNotFound");
}

TEST_F(AdaptersSsmLabels, UnlabelOfAMissingVersionIsParameterVersionNotFound) {
  ExpectError(Unlabel("/p", 4, {"prod"}), "ParameterVersionNotFound");
}

TEST_F(AdaptersSsmLabels, UnlabelChecksTheLabelList) {
  Strings eleven(11, "x");
  EXPECT_EQ(Message(Unlabel("/p", 1, eleven)),
            "1 validation error detected: Value '[x, x, x, x, x, x, x, x, x, x, x]' at 'labels' "
            "failed to satisfy constraint: Member must have length less than or equal to 10");
  const std::string label(101, 'b');
  EXPECT_EQ(Message(Unlabel("/p", 1, {label})),
            "1 validation error detected: Value '[" + label + "]" + kLabelsConstraint);
}

TEST_F(AdaptersSsmLabels, UnlabelWrongJsonTypesAreSerializationErrors) {
  ExpectError(Ssm("UnlabelParameterVersion",
                  R"({"Name": "/p", "ParameterVersion": "1", "Labels": ["prod"]})"),
              "SerializationException");
}

}  // namespace
}  // namespace paramsafe::adapters::testing
