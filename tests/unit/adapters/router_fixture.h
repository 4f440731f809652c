// A Router over a ParameterService over the in-memory fakes of tests/unit/core,
// with helpers to call an operation and read the JSON it answered.
#ifndef PARAMSAFE_TESTS_UNIT_ADAPTERS_ROUTER_FIXTURE_H_
#define PARAMSAFE_TESTS_UNIT_ADAPTERS_ROUTER_FIXTURE_H_

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <string>
#include <string_view>

#include "auth/policy_language.h"
#include "core/parameter_names.h"
#include "core/parameter_label_service.h"
#include "core/parameter_listing_service.h"
#include "core/parameter_service.h"
#include "core/secret_service.h"
#include "core/tag_service.h"
#include "capturing_repository.h"
#include "label_tag_fakes.h"
#include "listing_fakes.h"
#include "parameter_fakes.h"
#include "random_fakes.h"
#include "recording_access.h"
#include "secret_fakes.h"
#include "router.h"
#include "ssm/allowed_pattern_matcher.h"

namespace paramsafe::adapters::testing {

using core::testing::kAccount;
using core::testing::kRegion;

inline CallContext TestContext() {
  CallContext ctx;
  ctx.principal_arn = "arn:aws:iam::123456789012:user/tester";
  ctx.access_key_id = "AKIDEXAMPLE";
  ctx.account_id = kAccount;
  ctx.region = kRegion;
  ctx.request_id = "00000000-0000-0000-0000-000000000001";
  return ctx;
}

inline boost::json::object BodyOf(const Response& r) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(std::string_view(r.body.data(), r.body.size()), ec);
  EXPECT_FALSE(ec) << "body is not JSON: " << std::string_view(r.body.data(), r.body.size());
  if (ec || !v.is_object()) return {};
  return v.as_object();
}

inline std::string Str(const boost::json::value& v) { return std::string(v.as_string()); }

// A printable view of a response, for failure messages.
inline std::string Show(const Response& r) {
  return std::to_string(r.http_status) + " " + std::string(r.body.data(), r.body.size());
}

class RouterTest : public ::testing::Test {
 protected:
  RouterTest()
      : capture_(repo_),
        service_(capture_, keyring_, patterns_, {}),
        listing_(listing_repo_, keyring_),
        labels_(label_repo_),
        tags_(tag_repo_),
        secrets_(secret_repo_, capture_, keyring_, random_, clock_),
        router_(ssm::Services{service_, listing_, labels_, tags_, secrets_, access_},
                secretsmanager::Services{random_, secrets_, access_, policies_}) {}

  // Calls AmazonSSM.<operation> with a JSON body, signed for "ssm".
  Response Ssm(std::string_view operation, std::string_view body) {
    return router_.Handle("AmazonSSM." + std::string(operation), "ssm", TestContext(), body);
  }
  Response Ssm(std::string_view operation, const boost::json::object& body) {
    return Ssm(operation, boost::json::serialize(body));
  }

  // Calls secretsmanager.<operation> with a JSON body, signed for "secretsmanager".
  Response Sm(std::string_view operation, std::string_view body) {
    return router_.Handle("secretsmanager." + std::string(operation), "secretsmanager",
                          TestContext(), body);
  }
  Response Sm(std::string_view operation, const boost::json::object& body) {
    return Sm(operation, boost::json::serialize(body));
  }

  // Expects an error response and returns its body.
  boost::json::object ExpectError(const Response& r, std::string_view type, int status = 400) {
    EXPECT_TRUE(r.error.has_value()) << Show(r);
    EXPECT_EQ(r.http_status, status) << Show(r);
    boost::json::object body = BodyOf(r);
    EXPECT_TRUE(body.contains("__type")) << Show(r);
    if (body.contains("__type")) {
      EXPECT_EQ(Str(body.at("__type")), type) << Show(r);
    }
    if (r.error) {
      EXPECT_EQ(r.error->type, type);
    }
    return body;
  }
  // The text of an error response, whichever casing its member has.
  static std::string ErrorMessage(const boost::json::object& body) {
    if (body.contains("message")) return Str(body.at("message"));
    if (body.contains("Message")) return Str(body.at("Message"));
    return "";
  }
  // Expects success and returns the body.
  boost::json::object ExpectOk(const Response& r) {
    EXPECT_EQ(r.http_status, 200) << Show(r);
    EXPECT_FALSE(r.error.has_value()) << Show(r);
    return BodyOf(r);
  }

  core::ItemKey Key(const std::string& name) { return core::ParameterKey(kAccount, kRegion, name); }

  core::testing::FakeParameterRepository repo_;
  // The service writes through it: capture_.last is what the store was handed.
  core::testing::CapturingRepository capture_;
  core::testing::FakeKeyring keyring_;
  ssm::AllowedPatternMatcher patterns_;
  core::testing::FakeParameterListing listing_repo_;
  core::testing::FakeLabelRepository label_repo_;
  core::testing::FakeTagRepository tag_repo_;
  core::ParameterService service_;
  core::ParameterListingService listing_;
  core::ParameterLabelService labels_;
  core::TagService tags_;
  core::testing::SequenceRandom random_;
  core::ManualClock clock_{core::TimePoint(std::chrono::seconds(1800000000))};
  core::testing::InMemorySecretRepository secret_repo_;
  core::SecretService secrets_;
  RecordingAccess access_;
  auth::PolicyLanguage policies_;
  Router router_;
};

}  // namespace paramsafe::adapters::testing

#endif  // PARAMSAFE_TESTS_UNIT_ADAPTERS_ROUTER_FIXTURE_H_
