// core::SchedulePolicies: the jobs of a policy set, and when each one runs.
#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "core/policy_schedule.h"
#include "parameter_fakes.h"

namespace paramsafe::core::testing {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

// 2024-04-05T19:34:38.901Z.
const TimePoint kNow = FixedWriteTime();

ParameterPolicy Expiration(TimePoint at) {
  return ParameterPolicy{PolicyType::kExpiration, at, seconds(0)};
}
ParameterPolicy Notification(seconds before) {
  return ParameterPolicy{PolicyType::kExpirationNotification, {}, before};
}
ParameterPolicy NoChange(seconds after) {
  return ParameterPolicy{PolicyType::kNoChangeNotification, {}, after};
}

TEST(CorePolicySchedule, NoPoliciesNoJobs) {
  auto jobs = SchedulePolicies({}, kNow);
  ASSERT_TRUE(jobs.ok()) << jobs.status().ToString();
  EXPECT_TRUE(jobs->empty());
}

TEST(CorePolicySchedule, ExpirationRunsAtItsTimestamp) {
  auto jobs = SchedulePolicies({Expiration(kNow + hours(48))}, kNow);
  ASSERT_TRUE(jobs.ok()) << jobs.status().ToString();
  ASSERT_EQ(jobs->size(), 1u);
  EXPECT_EQ((*jobs)[0].kind, "parameter-expiration");
  EXPECT_EQ((*jobs)[0].policy_index, 0);
  EXPECT_EQ((*jobs)[0].run_at, kNow + hours(48));
  EXPECT_FALSE((*jobs)[0].period.has_value());
}

TEST(CorePolicySchedule, ExpirationNotificationRunsBeforeTheExpiration) {
  const TimePoint expires = kNow + hours(24 * 30);
  auto jobs = SchedulePolicies({Expiration(expires), Notification(hours(24 * 15))}, kNow);
  ASSERT_TRUE(jobs.ok()) << jobs.status().ToString();
  ASSERT_EQ(jobs->size(), 2u);
  EXPECT_EQ((*jobs)[1].kind, "parameter-expiration-notification");
  EXPECT_EQ((*jobs)[1].policy_index, 1);
  EXPECT_EQ((*jobs)[1].run_at, expires - hours(24 * 15));
  EXPECT_FALSE((*jobs)[1].period.has_value());
}

// The notification lists before the expiration: the order of the set is kept.
TEST(CorePolicySchedule, NotificationMayPrecedeItsExpirationInTheList) {
  const TimePoint expires = kNow + hours(10);
  auto jobs = SchedulePolicies({Notification(hours(2)), Expiration(expires)}, kNow);
  ASSERT_TRUE(jobs.ok()) << jobs.status().ToString();
  EXPECT_EQ((*jobs)[0].kind, "parameter-expiration-notification");
  EXPECT_EQ((*jobs)[0].policy_index, 0);
  EXPECT_EQ((*jobs)[0].run_at, kNow + hours(8));
  EXPECT_EQ((*jobs)[1].kind, "parameter-expiration");
  EXPECT_EQ((*jobs)[1].policy_index, 1);
}

// Fifteen days' notice of an expiration two days away: due at once.
TEST(CorePolicySchedule, ANotificationWhoseTimeHasPassedIsDueAlready) {
  auto jobs = SchedulePolicies({Expiration(kNow + hours(48)), Notification(hours(24 * 15))}, kNow);
  ASSERT_TRUE(jobs.ok()) << jobs.status().ToString();
  EXPECT_LE((*jobs)[1].run_at, kNow);
}

TEST(CorePolicySchedule, NoChangeNotificationCountsFromNowAndRepeats) {
  auto jobs = SchedulePolicies({NoChange(hours(20))}, kNow);
  ASSERT_TRUE(jobs.ok()) << jobs.status().ToString();
  ASSERT_EQ(jobs->size(), 1u);
  EXPECT_EQ((*jobs)[0].kind, "parameter-no-change-notification");
  EXPECT_EQ((*jobs)[0].run_at, kNow + hours(20));
  EXPECT_EQ((*jobs)[0].period, hours(20));
}

TEST(CorePolicySchedule, EveryPolicyGetsOneJobInOrder) {
  auto jobs = SchedulePolicies({NoChange(hours(1)), Expiration(kNow + hours(100)),
                                Notification(hours(10)), Notification(hours(20)), NoChange(hours(2))},
                               kNow);
  ASSERT_TRUE(jobs.ok()) << jobs.status().ToString();
  ASSERT_EQ(jobs->size(), 5u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ((*jobs)[i].policy_index, i);
  EXPECT_EQ((*jobs)[2].run_at, kNow + hours(90));
  EXPECT_EQ((*jobs)[3].run_at, kNow + hours(80));
  EXPECT_EQ((*jobs)[4].run_at, kNow + hours(2));
}

TEST(CorePolicySchedule, TheScheduleFollowsTheClock) {
  ManualClock clock(kNow);
  clock.Advance(hours(5));
  auto jobs = SchedulePolicies({NoChange(hours(1))}, clock.Now());
  ASSERT_TRUE(jobs.ok()) << jobs.status().ToString();
  EXPECT_EQ((*jobs)[0].run_at, kNow + hours(6));
}

TEST(CorePolicySchedule, AnExpirationInThePastIsABadAttribute) {
  auto jobs = SchedulePolicies({Expiration(kNow - seconds(1))}, kNow);
  EXPECT_EQ(jobs.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(jobs.status().detail(), Detail::kPolicyAttribute);
  EXPECT_EQ(jobs.status().reason(), "The Timestamp of an Expiration policy must be in the future.");
}

TEST(CorePolicySchedule, AnExpirationAtThisVeryInstantIsInThePast) {
  EXPECT_EQ(SchedulePolicies({Expiration(kNow)}, kNow).status().detail(),
            Detail::kPolicyAttribute);
}

TEST(CorePolicySchedule, AnExpirationOneSecondAheadIsFine) {
  EXPECT_TRUE(SchedulePolicies({Expiration(kNow + seconds(1))}, kNow).ok());
}

TEST(CorePolicySchedule, TwoExpirationsConflict) {
  auto jobs = SchedulePolicies({Expiration(kNow + hours(1)), Expiration(kNow + hours(2))}, kNow);
  EXPECT_EQ(jobs.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(jobs.status().detail(), Detail::kPolicyConflict);
  EXPECT_EQ(jobs.status().reason(), "There can be only one expiration policy");
}

TEST(CorePolicySchedule, ANotificationWithoutExpirationConflicts) {
  auto jobs = SchedulePolicies({Notification(hours(1))}, kNow);
  EXPECT_EQ(jobs.status().detail(), Detail::kPolicyConflict);
  EXPECT_EQ(jobs.status().reason(),
            "Expiration notification policies are missing expiration policy");
}

}  // namespace
}  // namespace paramsafe::core::testing
