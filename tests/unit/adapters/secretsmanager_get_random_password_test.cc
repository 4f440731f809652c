// secretsmanager.GetRandomPassword through the Router.
#include <gtest/gtest.h>

#include <string>

#include "router_fixture.h"

namespace paramsafe::adapters::testing {
namespace {

class AdaptersSmGetRandomPassword : public RouterTest {
 protected:
  Response Call(std::string_view body) {
    return router_.Handle("secretsmanager.GetRandomPassword", "secretsmanager", TestContext(),
                          body);
  }
};

TEST_F(AdaptersSmGetRandomPassword, DefaultsToThirtyTwoCharacters) {
  boost::json::object body = ExpectOk(Call("{}"));
  ASSERT_EQ(body.size(), 1u);
  EXPECT_EQ(Str(body.at("RandomPassword")).size(), 32u);
}

TEST_F(AdaptersSmGetRandomPassword, OptionsReachTheGenerator) {
  boost::json::object body = ExpectOk(Call(
      R"({"PasswordLength": 64, "ExcludeNumbers": true, "ExcludePunctuation": true,
          "ExcludeUppercase": true, "ExcludeCharacters": "abc"})"));
  std::string p = Str(body.at("RandomPassword"));
  EXPECT_EQ(p.size(), 64u);
  EXPECT_EQ(p.find_first_not_of("defghijklmnopqrstuvwxyz"), std::string::npos) << p;
}

TEST_F(AdaptersSmGetRandomPassword, LengthOutsideTheModelIsValidationException) {
  for (const char* body : {R"({"PasswordLength": 0})", R"({"PasswordLength": 4097})"}) {
    boost::json::object e = ExpectError(Call(body), "ValidationException");
    EXPECT_NE(ErrorMessage(e).find("at 'passwordLength' failed to satisfy constraint"),
              std::string::npos)
        << ErrorMessage(e);
  }
}

TEST_F(AdaptersSmGetRandomPassword, WrongJsonTypeIsSerializationException) {
  ExpectError(Call(R"({"ExcludeNumbers": "yes"})"), "SerializationException");
}

TEST_F(AdaptersSmGetRandomPassword, ImpossibleRequestsAreInvalidParameter) {
  boost::json::object e = ExpectError(Call(R"({"PasswordLength": 2})"),
                                      "InvalidParameterException");
  EXPECT_EQ(Str(e.at("Message")), "Password length is too short based on the required types.");
  ExpectError(Call(R"({"ExcludeNumbers": true, "ExcludePunctuation": true,
                      "ExcludeUppercase": true, "ExcludeLowercase": true})"),
              "InvalidParameterException");
}

}  // namespace
}  // namespace paramsafe::adapters::testing
