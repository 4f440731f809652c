// abi::ParseConfig: the job_poll_ms member (the worker's period; 0 = none).
#include "abi/config.h"

#include <gtest/gtest.h>

#include <string>

namespace paramsafe::abi {
namespace {

const std::string kBase =
    R"("database_url": "postgresql://x@/db", "root_key_hex": ")" + std::string(64, 'a') + R"(")";

core::Result<Config> Parse(const std::string& members) {
  return ParseConfig("{" + kBase + (members.empty() ? "" : ", " + members) + "}");
}

TEST(AbiConfigJobPoll, DefaultsToOneSecond) {
  auto c = Parse("");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->job_poll_ms, 1000);
}

TEST(AbiConfigJobPoll, ZeroTurnsTheWorkerOff) {
  auto c = Parse(R"("job_poll_ms": 0)");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->job_poll_ms, 0);
}

TEST(AbiConfigJobPoll, TakesAnHourAtMost) {
  auto c = Parse(R"("job_poll_ms": 3600000)");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->job_poll_ms, 3600000);
  EXPECT_EQ(Parse(R"("job_poll_ms": 3600001)").status().reason(),
            "config member \"job_poll_ms\" must be an integer from 0 to 3600000");
}

TEST(AbiConfigJobPoll, RefusesANegativeNumber) {
  auto c = Parse(R"("job_poll_ms": -1)");
  EXPECT_EQ(c.status().code(), core::Code::kInvalidArgument);
  EXPECT_EQ(c.status().reason(),
            "config member \"job_poll_ms\" must be an integer from 0 to 3600000");
}

TEST(AbiConfigJobPoll, RefusesAString) {
  EXPECT_EQ(Parse(R"("job_poll_ms": "1000")").status().code(), core::Code::kInvalidArgument);
}

}  // namespace
}  // namespace paramsafe::abi
