// The dlopen loader against fake plugins, including broken ones.
#include "plugin_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace paramsafe::host {
namespace {

using ::testing::HasSubstr;

TEST(HostPluginLoaderTest, LoadsAPluginAndReadsItsTable) {
  std::string error;
  auto plugin = Plugin::Load(FAKE_PLUGIN_PATH, &error);
  ASSERT_TRUE(plugin) << error;
  EXPECT_EQ(plugin->version(), "fake-0.0.1");
  EXPECT_EQ(plugin->abi_minor(), uint32_t{PARAMSAFE_ABI_MINOR});
  EXPECT_FALSE(plugin->is_open());
  ASSERT_TRUE(plugin->Open("{}", &error)) << error;
  EXPECT_TRUE(plugin->is_open());
  plugin->Close();
  EXPECT_FALSE(plugin->is_open());
}

TEST(HostPluginLoaderTest, MetricsSlotIsPresentInAnAbi11Table) {
  std::string error;
  auto plugin = Plugin::Load(FAKE_PLUGIN_PATH, &error);
  ASSERT_TRUE(plugin) << error;
  EXPECT_TRUE(plugin->has_metrics());
}

TEST(HostPluginLoaderTest, Abi10PluginLoadsWithoutAMetricsSlot) {
  // Its table ends before the slot: whatever follows it is not a slot.
  std::string error;
  auto plugin = Plugin::Load(FAKE_PLUGIN_ABI_1_0_PATH, &error);
  ASSERT_TRUE(plugin) << error;
  EXPECT_EQ(plugin->abi_minor(), 0u);
  EXPECT_FALSE(plugin->has_metrics());
}

TEST(HostPluginLoaderTest, MissingFileIsRefusedNamingThePath) {
  std::string error;
  EXPECT_FALSE(Plugin::Load("/nonexistent/libparamsafe.so", &error));
  EXPECT_THAT(error, HasSubstr("cannot load plugin '/nonexistent/libparamsafe.so'"));
  EXPECT_THAT(error, HasSubstr("No such file"));
}

TEST(HostPluginLoaderTest, EmptyPathIsRefused) {
  std::string error;
  EXPECT_FALSE(Plugin::Load("", &error));
  EXPECT_THAT(error, HasSubstr("--plugin"));
}

TEST(HostPluginLoaderTest, WrongAbiMajorIsRefusedWithThePluginsMessage) {
  std::string error;
  EXPECT_FALSE(Plugin::Load(FAKE_PLUGIN_FUTURE_ABI_PATH, &error));
  EXPECT_THAT(error, HasSubstr("refused ABI major 1"));
  EXPECT_THAT(error, HasSubstr("this plugin serves ABI major 2, the host asked for 1"));
}

TEST(HostPluginLoaderTest, SlotBeyondStructSizeIsMissing) {
  std::string error;
  EXPECT_FALSE(Plugin::Load(FAKE_PLUGIN_SHORT_TABLE_PATH, &error));
  EXPECT_THAT(error, HasSubstr("lacks the 'invoke' slot"));
}

TEST(HostPluginLoaderTest, LibraryWithoutEntryPointIsRefused) {
  std::string error;
  EXPECT_FALSE(Plugin::Load(FAKE_PLUGIN_NO_ENTRY_PATH, &error));
  EXPECT_THAT(error, HasSubstr("has no paramsafe_plugin_entry"));
}

TEST(HostPluginLoaderTest, OpenFailureCarriesThePluginsError) {
  std::string error;
  auto plugin = Plugin::Load(FAKE_PLUGIN_PATH, &error);
  ASSERT_TRUE(plugin) << error;
  EXPECT_FALSE(plugin->Open(R"({"database_url":"fail"})", &error));
  EXPECT_EQ(error, "ValidationException: database_url is unreachable");
  EXPECT_FALSE(plugin->is_open());
}

TEST(HostPluginLoaderTest, FixedStringStopsAtTheArrayEnd) {
  char unterminated[4] = {'a', 'b', 'c', 'd'};
  EXPECT_EQ(FixedString(unterminated), "abcd");
  char terminated[4] = {'a', '\0', 'c', 'd'};
  EXPECT_EQ(FixedString(terminated), "a");
}

}  // namespace
}  // namespace paramsafe::host
