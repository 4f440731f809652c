// AmazonSSM.GetParameters with /aws/reference/secretsmanager/ names: answered
// secrets among parameters, and every failure of a reference listed in
// InvalidParameters instead of failing the call.
#include <gtest/gtest.h>

#include "reference_fixture.h"

namespace paramsafe::adapters::testing {
namespace {

class AdaptersReferenceGetParameters : public ReferenceTest {
 protected:
  void PutParameter(const std::string& name, const std::string& value) {
    ExpectOk(Ssm("PutParameter",
                 boost::json::object{{"Name", name}, {"Value", value}, {"Type", "String"}}));
  }
  static std::vector<std::string> Names(const boost::json::object& body) {
    std::vector<std::string> out;
    for (const auto& p : body.at("Parameters").as_array()) out.push_back(Str(p.at("Name")));
    return out;
  }
  static std::vector<std::string> Values(const boost::json::object& body) {
    std::vector<std::string> out;
    for (const auto& p : body.at("Parameters").as_array()) {
      out.push_back(p.as_object().contains("Value") ? Str(p.at("Value")) : "<none>");
    }
    return out;
  }
  static std::vector<std::string> Invalid(const boost::json::object& body) {
    std::vector<std::string> out;
    for (const auto& n : body.at("InvalidParameters").as_array()) out.push_back(Str(n));
    return out;
  }
};

TEST_F(AdaptersReferenceGetParameters, AnswersSecretsAmongParametersInRequestOrder) {
  Create("s", "old", 1);
  Put("s", "new", 2);
  PutParameter("/plain", "p");
  boost::json::object body = ExpectOk(GetMany({Ref("s"), "/plain", Ref("s:AWSPREVIOUS")}));
  EXPECT_EQ(Names(body), (std::vector<std::string>{Ref("s"), "/plain", Ref("s")}));
  EXPECT_EQ(Values(body), (std::vector<std::string>{"new", "p", "old"}));
  EXPECT_TRUE(Invalid(body).empty());
}

TEST_F(AdaptersReferenceGetParameters, ReferenceAnswersHaveTheReferenceShape) {
  const std::string arn = Create("s", "v");
  boost::json::object body = ExpectOk(GetMany({Ref("s:AWSCURRENT")}));
  const boost::json::object& p = body.at("Parameters").as_array().at(0).as_object();
  EXPECT_EQ(Members(p), (std::set<std::string>{"Name", "Type", "Value", "Version", "Selector",
                                               "SourceResult", "LastModifiedDate", "ARN"}));
  EXPECT_EQ(Str(p.at("Type")), "SecureString");
  EXPECT_EQ(Str(p.at("Selector")), ":AWSCURRENT");
  EXPECT_EQ(Str(p.at("ARN")), arn);
  EXPECT_EQ(p.at("Version").as_int64(), 0);
}

TEST_F(AdaptersReferenceGetParameters, EveryFailingReferenceIsListedAsSent) {
  Create("s", "v");
  Create("doomed", "v", 1);
  ScheduleDeletion("doomed");
  PutParameter("/plain", "p");
  const std::vector<std::string> failing = {
      Ref("missing"), Ref("s:NOSUCH"),    Ref("s:a:b"),        Ref("s:"),
      Ref("doomed"),  Ref("arn:aws:x:y"), Ref("s:" + Token(5))};
  std::vector<std::string> names = failing;
  names.push_back(Ref("s"));
  names.push_back("/plain");
  boost::json::object body = ExpectOk(GetMany(names));
  EXPECT_EQ(Invalid(body), failing);
  EXPECT_EQ(Values(body), (std::vector<std::string>{"v", "p"}));
}

TEST_F(AdaptersReferenceGetParameters, WithoutDecryptionReferencesAreInvalidAndParametersAnswer) {
  Create("s", "v");
  PutParameter("/plain", "p");
  boost::json::object body = ExpectOk(GetMany({Ref("s"), "/plain"}, false));
  EXPECT_EQ(Invalid(body), std::vector<std::string>{Ref("s")});
  EXPECT_EQ(Values(body), std::vector<std::string>{"p"});
}

TEST_F(AdaptersReferenceGetParameters, ReadOfAScheduledSecretIsRecordedAsGetParameters) {
  const std::string arn = Create("s", "v");
  ScheduleDeletion("s");
  boost::json::object body = ExpectOk(GetMany({Ref("s")}));
  EXPECT_EQ(Invalid(body), std::vector<std::string>{Ref("s")});
  auto reads = secret_repo_.scheduled_reads();
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0].arn, arn);
  EXPECT_EQ(reads[0].operation, "GetParameters");
}

TEST_F(AdaptersReferenceGetParameters, ValueThatFailsToOpenFailsTheWholeCall) {
  // Not a fault of the name: listing it as invalid would hide a broken store.
  Create("s", "hunter2");
  keyring_.set_fail_opens(true);
  Response r = GetMany({Ref("s")});
  ExpectError(r, "InternalServerError", 500);
  EXPECT_EQ(std::string_view(r.body).find("hunter2"), std::string_view::npos);
}

TEST_F(AdaptersReferenceGetParameters, SameReferenceTwiceIsAnsweredOnce) {
  Create("s", "v");
  boost::json::object body = ExpectOk(GetMany({Ref("s"), Ref("s")}));
  EXPECT_EQ(Values(body), std::vector<std::string>{"v"});
}

}  // namespace
}  // namespace paramsafe::adapters::testing
