// The router fixture with secrets made through the SecretService itself (so
// these tests depend on the core, not on the secretsmanager.* face), and calls
// of GetParameter / GetParameters on /aws/reference/secretsmanager/ names.
#ifndef PARAMSAFE_TESTS_UNIT_ADAPTERS_REFERENCE_FIXTURE_H_
#define PARAMSAFE_TESTS_UNIT_ADAPTERS_REFERENCE_FIXTURE_H_

#include <gtest/gtest.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdio>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/secret_names.h"
#include "router_fixture.h"

namespace paramsafe::adapters::testing {

inline constexpr char kPrefix[] = "/aws/reference/secretsmanager/";
inline constexpr char kNeedsDecryption[] =
    "WithDecryption flag must be True for retrieving a Secret Manager secret.";
inline constexpr char kBadSyntax[] =
    "Invalid parameter name. Please use correct syntax for referencing a version/label  "
    "<name>:<version/label>";

class ReferenceTest : public RouterTest {
 protected:
  // A distinct 36-character version id (UUID form) for each n.
  static std::string Token(int n) {
    char buf[40];
    std::snprintf(buf, sizeof(buf), "%08d-0000-4000-8000-%012d", n, n);
    return buf;
  }
  static std::string Ref(const std::string& id) { return kPrefix + id; }

  core::SecretLookup Lookup(const std::string& name, const std::string& region = kRegion) {
    return core::ParseSecretId(kAccount, region, name);
  }

  // Creates a secret whose first version (id Token(token)) holds `value`, or
  // one without a value when `value` is nullopt; returns its ARN.
  std::string Create(const std::string& name, std::optional<std::string> value, int token = 1,
                     core::SecretValueType type = core::SecretValueType::kString,
                     const std::string& region = kRegion) {
    core::CreateSecretInput in;
    in.account_id = kAccount;
    in.region = region;
    in.name = name;
    in.principal_arn = TestContext().principal_arn;
    if (value) {
      in.token = Token(token);
      in.value = core::SecretValueInput{type, core::ToSecureBuffer(*value)};
    }
    auto out = secrets_.Create(in);
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    return out.ok() ? out->arn : "";
  }

  // A new AWSCURRENT version (id Token(token)); the old one becomes AWSPREVIOUS.
  void Put(const std::string& name, const std::string& value, int token) {
    core::PutSecretValueInput in;
    in.id = Lookup(name);
    in.token = Token(token);
    in.value = core::SecretValueInput{core::SecretValueType::kString, core::ToSecureBuffer(value)};
    in.principal_arn = TestContext().principal_arn;
    auto out = secrets_.PutValue(in);
    EXPECT_TRUE(out.ok()) << out.status().ToString();
  }

  // Attaches a staging label to version Token(token).
  void Stage(const std::string& name, const std::string& stage, int token) {
    core::UpdateVersionStageInput in;
    in.id = Lookup(name);
    in.stage = stage;
    in.move_to_version_id = Token(token);
    auto out = secrets_.UpdateVersionStage(in);
    EXPECT_TRUE(out.ok()) << out.status().ToString();
  }

  void ScheduleDeletion(const std::string& name) {
    core::DeleteSecretInput in;
    in.id = Lookup(name);
    in.recovery_window_days = 7;
    auto out = secrets_.Delete(in);
    EXPECT_TRUE(out.ok()) << out.status().ToString();
  }

  Response Get(const std::string& name, std::optional<bool> with_decryption = true) {
    boost::json::object req{{"Name", name}};
    if (with_decryption) req["WithDecryption"] = *with_decryption;
    return Ssm("GetParameter", req);
  }
  Response GetMany(const std::vector<std::string>& names, bool with_decryption = true) {
    boost::json::array list;
    for (const std::string& n : names) list.emplace_back(n);
    return Ssm("GetParameters", boost::json::object{{"Names", std::move(list)},
                                                    {"WithDecryption", with_decryption}});
  }

  // The "Parameter" member of a successful GetParameter.
  boost::json::object Parameter(const Response& r) {
    boost::json::object body = ExpectOk(r);
    if (!body.contains("Parameter")) {
      ADD_FAILURE() << "no Parameter: " << Show(r);
      return {};
    }
    return body.at("Parameter").as_object();
  }
  std::string Value(const Response& r) {
    boost::json::object p = Parameter(r);
    return p.contains("Value") ? Str(p.at("Value")) : "<none>";
  }
  // Expects the error type, HTTP 400 and this text.
  void ExpectErrorText(const Response& r, std::string_view type, std::string_view text) {
    EXPECT_EQ(ErrorMessage(ExpectError(r, type)), text) << Show(r);
  }

  static std::set<std::string> Members(const boost::json::object& o) {
    std::set<std::string> out;
    for (const auto& kv : o) out.insert(std::string(kv.key()));
    return out;
  }
};

}  // namespace paramsafe::adapters::testing

#endif  // PARAMSAFE_TESTS_UNIT_ADAPTERS_REFERENCE_FIXTURE_H_
