// Environment -> plugin config JSON, and --listen parsing.
#include "config.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <map>

namespace paramsafe::host {
namespace {

EnvLookup FakeEnv(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const char* name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(HostConfigTest, EmptyEnvironmentGivesEmptyObject) {
  std::string json, error;
  ASSERT_TRUE(BuildPluginConfig(FakeEnv({}), &json, &error)) << error;
  EXPECT_EQ(json, "{}");
}

TEST(HostConfigTest, EveryVariableMapsToItsMember) {
  std::string json, error;
  ASSERT_TRUE(BuildPluginConfig(FakeEnv({{"PARAMSAFE_DATABASE_URL", "postgresql:///x"},
                                         {"PARAMSAFE_ROOT_KEY_FILE", "/k"},
                                         {"PARAMSAFE_ROOT_KEY", "00ff"},
                                         {"PARAMSAFE_ACCOUNT_ID", "123456789012"},
                                         {"PARAMSAFE_POOL_SIZE", "8"},
                                         {"PARAMSAFE_AUTH_CACHE_MS", "0"},
                                         {"PARAMSAFE_JOB_POLL_MS", "250"},
                                         {"PARAMSAFE_CACHE", "off"}}),
                                &json, &error))
      << error;
  auto v = boost::json::parse(json).as_object();
  EXPECT_EQ(v.at("database_url").as_string(), "postgresql:///x");
  EXPECT_EQ(v.at("root_key_file").as_string(), "/k");
  EXPECT_EQ(v.at("root_key_hex").as_string(), "00ff");
  EXPECT_EQ(v.at("account_id").as_string(), "123456789012");  // stays a string
  EXPECT_EQ(v.at("pool_size").to_number<int64_t>(), 8);
  EXPECT_EQ(v.at("auth_cache_ms").to_number<int64_t>(), 0);
  EXPECT_EQ(v.at("job_poll_ms").to_number<int64_t>(), 250);
  EXPECT_EQ(v.at("cache").as_bool(), false);
  EXPECT_EQ(v.size(), 8u);
}

TEST(HostConfigTest, CacheSwitch) {
  std::string json, error;
  ASSERT_TRUE(BuildPluginConfig(FakeEnv({{"PARAMSAFE_CACHE", "on"}}), &json, &error));
  EXPECT_EQ(json, R"({"cache":true})");
  EXPECT_FALSE(BuildPluginConfig(FakeEnv({{"PARAMSAFE_CACHE", "maybe"}}), &json, &error));
  EXPECT_EQ(error, "PARAMSAFE_CACHE must be 'on' or 'off'");
}

TEST(HostConfigTest, BadNumberNamesTheVariableNotTheValue) {
  std::string json, error;
  EXPECT_FALSE(BuildPluginConfig(FakeEnv({{"PARAMSAFE_POOL_SIZE", "-3secret"}}), &json, &error));
  EXPECT_EQ(error, "PARAMSAFE_POOL_SIZE must be a non-negative integer");
}

TEST(HostConfigTest, ConfigJsonMustBeAnObject) {
  std::string error;
  EXPECT_TRUE(ValidateConfigJson(R"({"database_url":"x"})", &error));
  EXPECT_FALSE(ValidateConfigJson("[1]", &error));
  EXPECT_EQ(error, "--config-json must be a JSON object");
  EXPECT_FALSE(ValidateConfigJson("{", &error));
}

TEST(HostConfigTest, ParsesListenAddresses) {
  auto a = ParseListen("127.0.0.1:7600");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 7600);
  auto b = ParseListen("[::1]:0");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->host, "::1");
  EXPECT_EQ(b->port, 0);
  EXPECT_TRUE(ParseListen("localhost:80"));
  EXPECT_FALSE(ParseListen("7600"));
  EXPECT_FALSE(ParseListen(":7600"));
  EXPECT_FALSE(ParseListen("::1:7600"));
  EXPECT_FALSE(ParseListen("host:65536"));
  EXPECT_FALSE(ParseListen("host:"));
  EXPECT_FALSE(ParseListen("host:12x"));
}

}  // namespace
}  // namespace paramsafe::host
