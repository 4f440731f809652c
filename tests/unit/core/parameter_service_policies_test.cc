// ParameterService::Put with Policies and Tags: what is stored, and the policy
// jobs and tags handed to the repository with the new version.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "capturing_repository.h"
#include "core/parameter_service.h"
#include "service_fixture.h"

namespace paramsafe::core::testing {
namespace {

using std::chrono::hours;

const TimePoint kNow = FixedWriteTime();
const char kNoChangeText[] =
    R"([{"Type":"NoChangeNotification","Version":"1.0","Attributes":{"After":"2","Unit":"Hours"}}])";

ParameterPolicy NoChange(hours after) {
  return ParameterPolicy{PolicyType::kNoChangeNotification, {}, after};
}
ParameterPolicy Expiration(TimePoint at) {
  return ParameterPolicy{PolicyType::kExpiration, at, {}};
}
ParameterPolicy Notification(hours before) {
  return ParameterPolicy{PolicyType::kExpirationNotification, {}, before};
}

void SetPolicies(PutParameterInput& in, std::string text, std::vector<ParameterPolicy> policies) {
  in.policies_text = std::move(text);
  in.policies = std::move(policies);
}

class CoreParameterServicePolicies : public ::testing::Test {
 protected:
  CoreParameterServicePolicies()
      : capture_(repo_), clock_(kNow), service_(capture_, keyring_, patterns_, {}, clock_) {}

  // An Advanced parameter with a NoChangeNotification policy of 2 hours.
  void CreateWithPolicy(const std::string& name) {
    PutParameterInput in = PutInput(name, "v1");
    in.tier = "Advanced";
    SetPolicies(in, kNoChangeText, {NoChange(hours(2))});
    auto out = service_.Put(in);
    ASSERT_TRUE(out.ok()) << out.status().ToString();
  }
  ParameterAttributes Stored(const std::string& name) { return repo_.Latest(Key(name))->attributes; }

  FakeParameterRepository repo_;
  CapturingRepository capture_;
  FakeKeyring keyring_;
  FakePatternMatcher patterns_;
  ManualClock clock_;
  ParameterService service_;
};

// --- what is stored ---------------------------------------------------------------

TEST_F(CoreParameterServicePolicies, StoresThePolicyText) {
  CreateWithPolicy("/a");
  EXPECT_EQ(Stored("/a").policies, kNoChangeText);
  EXPECT_EQ(Stored("/a").tier, "Advanced");
}

TEST_F(CoreParameterServicePolicies, AWriteWithoutPoliciesKeepsTheTextAndTheJobs) {
  CreateWithPolicy("/a");
  auto out = service_.Put(OverwriteInput("/a", "v2"));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(Stored("/a").policies, kNoChangeText);
  ASSERT_TRUE(capture_.last.has_value());
  EXPECT_FALSE(capture_.last->policy_jobs.has_value());
}

TEST_F(CoreParameterServicePolicies, AWriteWithPoliciesReplacesTheSet) {
  CreateWithPolicy("/a");
  const std::string text =
      R"([{"Type":"NoChangeNotification","Version":"1.0","Attributes":{"After":"5","Unit":"Hours"}}])";
  PutParameterInput in = OverwriteInput("/a", "v2");
  SetPolicies(in, text, {NoChange(hours(5))});
  ASSERT_TRUE(service_.Put(in).ok());
  EXPECT_EQ(Stored("/a").policies, text);
  ASSERT_TRUE(capture_.last->policy_jobs.has_value());
  ASSERT_EQ(capture_.last->policy_jobs->size(), 1u);
  EXPECT_EQ((*capture_.last->policy_jobs)[0].run_at, kNow + hours(5));
}

TEST_F(CoreParameterServicePolicies, AnEmptySetClearsTheTextAndTheJobs) {
  CreateWithPolicy("/a");
  PutParameterInput in = OverwriteInput("/a", "v2");
  SetPolicies(in, "[]", {});
  ASSERT_TRUE(service_.Put(in).ok());
  EXPECT_FALSE(Stored("/a").policies.has_value());
  ASSERT_TRUE(capture_.last->policy_jobs.has_value());
  EXPECT_TRUE(capture_.last->policy_jobs->empty());
}

TEST_F(CoreParameterServicePolicies, ClearingKeepsTheParameterAdvanced) {
  CreateWithPolicy("/a");
  PutParameterInput in = OverwriteInput("/a", "v2");
  SetPolicies(in, "[]", {});
  auto out = service_.Put(in);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->tier, "Advanced");
}

TEST_F(CoreParameterServicePolicies, ACreateWithoutPoliciesHandsNoJobs) {
  ASSERT_TRUE(service_.Put(PutInput("/a", "v")).ok());
  ASSERT_TRUE(capture_.last.has_value());
  EXPECT_FALSE(capture_.last->policy_jobs.has_value());
  EXPECT_FALSE(Stored("/a").policies.has_value());
}

// --- the jobs handed to the repository ------------------------------------------

TEST_F(CoreParameterServicePolicies, HandsOneJobPerPolicyScheduledFromTheClock) {
  clock_.Advance(hours(1));
  const TimePoint now = kNow + hours(1);
  PutParameterInput in = PutInput("/a", "v");
  in.tier = "Advanced";
  SetPolicies(in, "[the three]",
              {Expiration(now + hours(72)), Notification(hours(24)), NoChange(hours(6))});
  ASSERT_TRUE(service_.Put(in).ok());
  ASSERT_TRUE(capture_.last->policy_jobs.has_value());
  const std::vector<PolicyJob>& jobs = *capture_.last->policy_jobs;
  ASSERT_EQ(jobs.size(), 3u);
  EXPECT_EQ(jobs[0].kind, "parameter-expiration");
  EXPECT_EQ(jobs[0].run_at, now + hours(72));
  EXPECT_EQ(jobs[1].kind, "parameter-expiration-notification");
  EXPECT_EQ(jobs[1].run_at, now + hours(48));
  EXPECT_EQ(jobs[1].policy_index, 1);
  EXPECT_EQ(jobs[2].kind, "parameter-no-change-notification");
  EXPECT_EQ(jobs[2].run_at, now + hours(6));
  EXPECT_EQ(jobs[2].period, hours(6));
}

TEST_F(CoreParameterServicePolicies, AnExpirationInThePastWritesNothing) {
  PutParameterInput in = PutInput("/a", "v");
  in.tier = "Advanced";
  SetPolicies(in, "[expired]", {Expiration(kNow - hours(1))});
  auto out = service_.Put(in);
  EXPECT_EQ(out.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(out.status().detail(), Detail::kPolicyAttribute);
  EXPECT_EQ(repo_.ItemCount(), 0u);
}

TEST_F(CoreParameterServicePolicies, AnExpirationThatPassedSinceItWasSetIsKeptOnAWriteWithoutPolicies) {
  PutParameterInput in = PutInput("/a", "v1");
  in.tier = "Advanced";
  SetPolicies(in, "[expiring]", {Expiration(kNow + hours(1))});
  ASSERT_TRUE(service_.Put(in).ok());
  clock_.Advance(hours(2));
  auto out = service_.Put(OverwriteInput("/a", "v2"));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(Stored("/a").policies, "[expiring]");
}

// --- tiers --------------------------------------------------------------------------

TEST_F(CoreParameterServicePolicies, StandardWithPoliciesIsRefused) {
  PutParameterInput in = PutInput("/a", "v");
  in.tier = "Standard";
  SetPolicies(in, kNoChangeText, {NoChange(hours(2))});
  auto out = service_.Put(in);
  EXPECT_EQ(out.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(out.status().detail(), Detail::kNone);
  EXPECT_EQ(out.status().reason(),
            "Parameter policies are supported only for advanced-tier parameters. To attach "
            "policies, set the tier to Advanced or Intelligent-Tiering.");
  EXPECT_EQ(repo_.ItemCount(), 0u);
}

// AWS's default tier is Standard: without a tier, policies are refused like
// with Tier Standard rather than upgrading the parameter for good.
TEST_F(CoreParameterServicePolicies, PoliciesWithoutATierOnCreateAreRefused) {
  PutParameterInput in = PutInput("/a", "v");
  SetPolicies(in, kNoChangeText, {NoChange(hours(2))});
  auto out = service_.Put(in);
  EXPECT_EQ(out.status().reason(), kPoliciesNeedAdvancedTier);
  EXPECT_EQ(repo_.ItemCount(), 0u);
}

TEST_F(CoreParameterServicePolicies, PoliciesOnAStandardParameterWithoutATierAreRefused) {
  ASSERT_TRUE(service_.Put(PutInput("/a", "v1")).ok());
  PutParameterInput in = OverwriteInput("/a", "v2");
  SetPolicies(in, kNoChangeText, {NoChange(hours(2))});
  EXPECT_EQ(service_.Put(in).status().reason(), kPoliciesNeedAdvancedTier);
  EXPECT_EQ(repo_.Latest(Key("/a"))->version, 1);
}

TEST_F(CoreParameterServicePolicies, IntelligentTieringWithPoliciesIsAdvanced) {
  PutParameterInput in = PutInput("/a", "small");
  in.tier = "Intelligent-Tiering";
  SetPolicies(in, kNoChangeText, {NoChange(hours(2))});
  auto out = service_.Put(in);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->tier, "Advanced");
  EXPECT_EQ(Stored("/a").tier, "Advanced");
}

TEST_F(CoreParameterServicePolicies, IntelligentTieringWithAnEmptySetIsStandard) {
  PutParameterInput in = PutInput("/a", "small");
  in.tier = "Intelligent-Tiering";
  SetPolicies(in, "[]", {});
  auto out = service_.Put(in);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->tier, "Standard");
}

TEST_F(CoreParameterServicePolicies, ClearingOnAStandardParameterIsFine) {
  ASSERT_TRUE(service_.Put(PutInput("/a", "v1")).ok());
  PutParameterInput in = OverwriteInput("/a", "v2");
  SetPolicies(in, "[]", {});
  auto out = service_.Put(in);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->tier, "Standard");
}

TEST_F(CoreParameterServicePolicies, PoliciesUpgradeAStandardParameterAskedToBeAdvanced) {
  ASSERT_TRUE(service_.Put(PutInput("/a", "v1")).ok());
  PutParameterInput in = OverwriteInput("/a", "v2");
  in.tier = "Advanced";
  SetPolicies(in, kNoChangeText, {NoChange(hours(2))});
  auto out = service_.Put(in);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->tier, "Advanced");
  EXPECT_EQ(Stored("/a").policies, kNoChangeText);
}

TEST_F(CoreParameterServicePolicies, NewPoliciesOnAnAdvancedParameterNeedNoTier) {
  CreateWithPolicy("/a");
  PutParameterInput in = OverwriteInput("/a", "v2");
  SetPolicies(in, kNoChangeText, {NoChange(hours(3))});
  auto out = service_.Put(in);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->tier, "Advanced");
}

// --- tags ---------------------------------------------------------------------------

TEST_F(CoreParameterServicePolicies, TagsOfANewParameterGoToTheRepository) {
  PutParameterInput in = PutInput("/a", "v");
  in.tags = {{"env", "prod"}, {"team", "core"}};
  ASSERT_TRUE(service_.Put(in).ok());
  ASSERT_TRUE(capture_.last.has_value());
  EXPECT_EQ(capture_.last->tags, (std::vector<Tag>{{"env", "prod"}, {"team", "core"}}));
}

TEST_F(CoreParameterServicePolicies, FiftyTagsAreAllowed) {
  PutParameterInput in = PutInput("/a", "v");
  for (int i = 0; i < 50; ++i) in.tags.push_back({"k" + std::to_string(i), "v"});
  ASSERT_TRUE(service_.Put(in).ok());
  EXPECT_EQ(capture_.last->tags.size(), 50u);
}

TEST_F(CoreParameterServicePolicies, FiftyOneTagsAreTooMany) {
  PutParameterInput in = PutInput("/a", "v");
  for (int i = 0; i < 51; ++i) in.tags.push_back({"k" + std::to_string(i), "v"});
  auto out = service_.Put(in);
  EXPECT_EQ(out.status().code(), Code::kLimitExceeded);
  EXPECT_EQ(out.status().detail(), Detail::kTagLimit);
  EXPECT_EQ(out.status().reason(),
            "The resource can have at most 50 tags. Remove one or more tags and try again.");
  EXPECT_EQ(repo_.ItemCount(), 0u);
}

TEST_F(CoreParameterServicePolicies, AReservedTagKeyWritesNothing) {
  PutParameterInput in = PutInput("/a", "v");
  in.tags = {{"env", "prod"}, {"AWS:owner", "me"}};
  auto out = service_.Put(in);
  EXPECT_EQ(out.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(out.status().detail(), Detail::kNone);
  EXPECT_EQ(repo_.ItemCount(), 0u);
}

TEST_F(CoreParameterServicePolicies, ATagKeyGivenTwiceKeepsItsLastValue) {
  PutParameterInput in = PutInput("/a", "v");
  in.tags = {{"env", "test"}, {"team", "core"}, {"env", "prod"}};
  ASSERT_TRUE(service_.Put(in).ok());
  EXPECT_EQ(capture_.last->tags, (std::vector<Tag>{{"env", "prod"}, {"team", "core"}}));
}

TEST_F(CoreParameterServicePolicies, TagsAreNotHandedOnAnOverwrite) {
  ASSERT_TRUE(service_.Put(PutInput("/a", "v1")).ok());
  PutParameterInput in = OverwriteInput("/a", "v2");
  in.tags = {{"env", "prod"}};
  ASSERT_TRUE(service_.Put(in).ok());
  EXPECT_TRUE(capture_.last->tags.empty());
}

}  // namespace
}  // namespace paramsafe::core::testing
