// The router fixture with helpers for the secretsmanager.* tests: tokens of the
// form the SDKs send, creating and reading secrets through the face itself, and
// a look at what the store holds (to prove a refused call wrote nothing).
#ifndef PARAMSAFE_TESTS_UNIT_ADAPTERS_SECRETSMANAGER_FIXTURE_H_
#define PARAMSAFE_TESTS_UNIT_ADAPTERS_SECRETSMANAGER_FIXTURE_H_

#include <gtest/gtest.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "router_fixture.h"

namespace paramsafe::adapters::testing {

// The instant the fixture's clock shows, as the JSON timestamps carry it.
inline constexpr double kNowSeconds = 1800000000.0;

class SmTest : public RouterTest {
 protected:
  // A distinct 36-character token (UUID form) for each n.
  static std::string Token(int n) {
    char buf[40];
    std::snprintf(buf, sizeof(buf), "%08d-0000-4000-8000-%012d", n, n);
    return buf;
  }

  // Calls an operation that must succeed and returns its answer.
  boost::json::object Ok(std::string_view operation, const boost::json::object& body) {
    return ExpectOk(Sm(operation, body));
  }

  // Creates a secret with a SecretString (token Token(0) unless given).
  boost::json::object CreateString(const std::string& name, const std::string& value,
                                   std::optional<std::string> token = std::nullopt) {
    return Ok("CreateSecret", {{"Name", name},
                               {"SecretString", value},
                               {"ClientRequestToken", token ? *token : Token(0)}});
  }
  // Creates a secret and returns its ARN.
  std::string CreateArn(const std::string& name, const std::string& value) {
    return Str(CreateString(name, value).at("ARN"));
  }

  // PutSecretValue of a string with this token; the answer.
  boost::json::object Put(const std::string& id, const std::string& value, int token) {
    return Ok("PutSecretValue",
              {{"SecretId", id}, {"SecretString", value}, {"ClientRequestToken", Token(token)}});
  }

  boost::json::object Describe(const std::string& id) {
    return Ok("DescribeSecret", {{"SecretId", id}});
  }

  // The SecretString of AWSCURRENT.
  std::string CurrentValue(const std::string& id) {
    boost::json::object got = Ok("GetSecretValue", {{"SecretId", id}});
    return got.contains("SecretString") ? Str(got.at("SecretString")) : "<none>";
  }

  // Schedules the secret's deletion with the default window.
  void ScheduleDeletion(const std::string& id) { Ok("DeleteSecret", {{"SecretId", id}}); }

  // The stored secret (every version), read past the service.
  std::optional<core::Secret> Stored(const std::string& arn) { return secret_repo_.Snapshot(arn); }

  // A list member as strings.
  static std::vector<std::string> Strings(const boost::json::value& v) {
    std::vector<std::string> out;
    for (const boost::json::value& s : v.as_array()) out.push_back(Str(s));
    return out;
  }

  // The text of an error answer; expects its type and status.
  std::string ErrorText(const Response& r, std::string_view type, int status = 400) {
    boost::json::object body = ExpectError(r, type, status);
    EXPECT_TRUE(body.contains("Message"))
        << "Secrets Manager errors carry \"Message\": " << Show(r);
    return ErrorMessage(body);
  }
};

// Whether text contains part.
inline bool Has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

}  // namespace paramsafe::adapters::testing

#endif  // PARAMSAFE_TESTS_UNIT_ADAPTERS_SECRETSMANAGER_FIXTURE_H_
