// ParameterService::Get and Delete: decryption rules, selectors, and the cache.
#include <gtest/gtest.h>

#include "core/parameter_service.h"
#include "service_fixture.h"

namespace paramsafe::core::testing {
namespace {

using CoreParameterServiceGet = ServiceTest;

// --- values and decryption ------------------------------------------------------

TEST_F(CoreParameterServiceGet, SecureStringWithoutDecryptionReturnsNoPlaintext) {
  Create("/s", "hunter2", kTypeSecureString);
  auto got = Get("/s", /*with_decryption=*/false);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_FALSE(got->plaintext.has_value());
  EXPECT_FALSE(got->version.sealed.ciphertext.empty());
  EXPECT_TRUE(keyring_.open_calls().empty());
}

TEST_F(CoreParameterServiceGet, SecureStringWithDecryptionReturnsThePlaintext) {
  Create("/s", "hunter2", kTypeSecureString);
  auto got = Get("/s", /*with_decryption=*/true);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_TRUE(got->plaintext.has_value());
  EXPECT_EQ(Text(*got->plaintext), "hunter2");
}

TEST_F(CoreParameterServiceGet, StringAlwaysReturnsThePlaintext) {
  Create("/a", "plain");
  auto got = Get("/a", /*with_decryption=*/false);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_TRUE(got->plaintext.has_value());
  EXPECT_EQ(Text(*got->plaintext), "plain");
}

TEST_F(CoreParameterServiceGet, StringListAlwaysReturnsThePlaintext) {
  Create("/l", "a,b,c", kTypeStringList);
  auto got = Get("/l", /*with_decryption=*/false);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(Text(got->plaintext.value()), "a,b,c");
}

TEST_F(CoreParameterServiceGet, StringWithDecryptionReturnsThePlaintext) {
  Create("/a", "plain");
  EXPECT_EQ(Text(Get("/a", true)->plaintext.value()), "plain");
}

TEST_F(CoreParameterServiceGet, OpenBindsKindArnAndVersion) {
  Create("/a/b", "v1", kTypeSecureString);
  ASSERT_TRUE(service_.Put(OverwriteInput("/a/b", "v2")).ok());
  ASSERT_TRUE(Get("/a/b", true).ok());
  auto opens = keyring_.open_calls();
  ASSERT_EQ(opens.size(), 1u);
  EXPECT_TRUE(SameAd(opens[0], {"parameter", "arn:aws:ssm:us-east-1:123456789012:parameter/a/b", 2}));
}

TEST_F(CoreParameterServiceGet, AFailedOpenIsReturnedAndNoPlaintext) {
  Create("/s", "hunter2", kTypeSecureString);
  keyring_.set_fail_opens(true);
  auto got = Get("/s", true);
  EXPECT_EQ(got.status().code(), Code::kDecryptFailed);
}

TEST_F(CoreParameterServiceGet, ReturnsTheMetadataOfTheVersion) {
  PutParameterInput in = PutInput("/a", "v");
  in.description = "d";
  ASSERT_TRUE(service_.Put(in).ok());
  auto got = Get("/a");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->version.name, "/a");
  EXPECT_EQ(got->version.arn, "arn:aws:ssm:us-east-1:123456789012:parameter/a");
  EXPECT_EQ(got->version.version, 1);
  EXPECT_EQ(got->version.attributes.type, kTypeString);
  EXPECT_EQ(got->version.attributes.description, "d");
}

TEST_F(CoreParameterServiceGet, MissingParameterIsNotFound) {
  EXPECT_EQ(Get("/nope").status().code(), Code::kNotFound);
}

TEST_F(CoreParameterServiceGet, BothSpellingsOfASingleLevelNameReachTheParameter) {
  Create("/p", "v");
  auto got = Get("p");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->version.name, "/p");  // the spelling used at creation
}

// --- selectors ------------------------------------------------------------------

TEST_F(CoreParameterServiceGet, VersionSelectorReturnsThatVersion) {
  Create("/a", "v1");
  ASSERT_TRUE(service_.Put(OverwriteInput("/a", "v2")).ok());
  GetParameterInput in = GetInput("/a");
  in.version = 1;
  auto got = service_.Get(in);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->version.version, 1);
  EXPECT_EQ(Text(got->plaintext.value()), "v1");
}

TEST_F(CoreParameterServiceGet, MissingVersionIsVersionNotFound) {
  Create("/a", "v1");
  GetParameterInput in = GetInput("/a");
  in.version = 9;
  EXPECT_EQ(service_.Get(in).status().code(), Code::kVersionNotFound);
}

TEST_F(CoreParameterServiceGet, LabelSelectorReturnsTheLabelledVersion) {
  Create("/a", "v1");
  ASSERT_TRUE(service_.Put(OverwriteInput("/a", "v2")).ok());
  repo_.AttachLabel(Key("/a"), 1, "prod");
  GetParameterInput in = GetInput("/a");
  in.label = "prod";
  auto got = service_.Get(in);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->version.version, 1);
}

TEST_F(CoreParameterServiceGet, OldVersionsOpenWithTheirOwnVersionNumber) {
  Create("/s", "v1", kTypeSecureString);
  ASSERT_TRUE(service_.Put(OverwriteInput("/s", "v2")).ok());
  GetParameterInput in = GetInput("/s", true);
  in.version = 1;
  auto got = service_.Get(in);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(Text(got->plaintext.value()), "v1");
  EXPECT_EQ(keyring_.open_calls().back().version, 1);
}

// --- delete ---------------------------------------------------------------------

TEST_F(CoreParameterServiceGet, DeleteRemovesTheParameter) {
  Create("/a", "v");
  EXPECT_TRUE(service_.Delete(Key("/a")).ok());
  EXPECT_EQ(Get("/a").status().code(), Code::kNotFound);
}

TEST_F(CoreParameterServiceGet, DeleteOfAMissingParameterIsNotFound) {
  EXPECT_EQ(service_.Delete(Key("/a")).code(), Code::kNotFound);
}

// --- the cache of latest versions -----------------------------------------------

TEST_F(CoreParameterServiceGet, SecondGetIsServedFromTheCache) {
  Create("/a", "v");
  ASSERT_TRUE(Get("/a").ok());
  ASSERT_TRUE(Get("/a").ok());
  EXPECT_EQ(repo_.get_latest_calls(), 1);
}

TEST_F(CoreParameterServiceGet, CachedSecureStringIsStillDecryptedPerCall) {
  Create("/s", "hunter2", kTypeSecureString);
  ASSERT_TRUE(Get("/s", true).ok());
  auto got = Get("/s", true);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(Text(got->plaintext.value()), "hunter2");
  EXPECT_EQ(repo_.get_latest_calls(), 1);
  EXPECT_EQ(keyring_.open_calls().size(), 2u);
}

TEST_F(CoreParameterServiceGet, GetAfterPutSeesTheNewVersion) {
  Create("/a", "v1");
  ASSERT_TRUE(Get("/a").ok());  // now cached
  ASSERT_TRUE(service_.Put(OverwriteInput("/a", "v2")).ok());
  auto got = Get("/a");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->version.version, 2);
  EXPECT_EQ(Text(got->plaintext.value()), "v2");
}

TEST_F(CoreParameterServiceGet, GetAfterDeleteIsNotFound) {
  Create("/a", "v1");
  ASSERT_TRUE(Get("/a").ok());  // now cached
  ASSERT_TRUE(service_.Delete(Key("/a")).ok());
  EXPECT_EQ(Get("/a").status().code(), Code::kNotFound);
}

TEST_F(CoreParameterServiceGet, PutThroughTheOtherSpellingInvalidatesTheCache) {
  Create("/p", "v1");
  ASSERT_TRUE(Get("/p").ok());
  ASSERT_TRUE(service_.Put(OverwriteInput("p", "v2")).ok());
  EXPECT_EQ(Get("/p")->version.version, 2);
}

// Another host wrote version 2; this host's own failed write still invalidates,
// since a failure may hide a committed write.
TEST_F(CoreParameterServiceGet, FailedPutStillInvalidatesTheCache) {
  ParameterService other_host(repo_, keyring_, patterns_, {});
  Create("/a", "v1");
  ASSERT_TRUE(Get("/a").ok());  // cached here
  ASSERT_TRUE(other_host.Put(OverwriteInput("/a", "v2")).ok());
  EXPECT_EQ(Get("/a")->version.version, 1);  // stale until the TTL or a local write
  ASSERT_FALSE(service_.Put(PutInput("/a", "v3")).ok());  // AlreadyExists
  EXPECT_EQ(Get("/a")->version.version, 2);
}

// A read that fetched version 1 while a write added version 2 must not put its
// stale row into the cache after the write invalidated it.
TEST_F(CoreParameterServiceGet, GetRacingWithAPutDoesNotCacheTheStaleRow) {
  Create("/a", "v1");
  repo_.AfterNextGetLatest([this] { ASSERT_TRUE(service_.Put(OverwriteInput("/a", "v2")).ok()); });
  EXPECT_EQ(Get("/a")->version.version, 1);  // read before the write
  EXPECT_EQ(Get("/a")->version.version, 2);
  EXPECT_EQ(repo_.get_latest_calls(), 2);
}

TEST_F(CoreParameterServiceGet, NotFoundIsNotCached) {
  ASSERT_FALSE(Get("/a").ok());
  ASSERT_FALSE(Get("/a").ok());
  EXPECT_EQ(repo_.get_latest_calls(), 2);
}

TEST_F(CoreParameterServiceGet, VersionSelectorBypassesTheCache) {
  Create("/a", "v1");
  ASSERT_TRUE(Get("/a").ok());  // cached
  GetParameterInput in = GetInput("/a");
  in.version = 1;
  ASSERT_TRUE(service_.Get(in).ok());
  ASSERT_TRUE(service_.Get(in).ok());
  EXPECT_EQ(repo_.get_version_calls(), 2);
  EXPECT_EQ(repo_.get_latest_calls(), 1);
}

TEST_F(CoreParameterServiceGet, LabelSelectorBypassesTheCache) {
  Create("/a", "v1");
  repo_.AttachLabel(Key("/a"), 1, "prod");
  ASSERT_TRUE(Get("/a").ok());  // cached
  GetParameterInput in = GetInput("/a");
  in.label = "prod";
  ASSERT_TRUE(service_.Get(in).ok());
  ASSERT_TRUE(service_.Get(in).ok());
  EXPECT_EQ(repo_.get_by_label_calls(), 2);
  EXPECT_EQ(repo_.get_latest_calls(), 1);
}

// A selected (old) version must not be mistaken for the latest one later.
TEST_F(CoreParameterServiceGet, SelectedVersionDoesNotEnterTheCache) {
  Create("/a", "v1");
  ASSERT_TRUE(service_.Put(OverwriteInput("/a", "v2")).ok());
  GetParameterInput in = GetInput("/a");
  in.version = 1;
  ASSERT_TRUE(service_.Get(in).ok());
  EXPECT_EQ(Get("/a")->version.version, 2);
  EXPECT_EQ(repo_.get_latest_calls(), 1);
}

class CoreParameterServiceNoCache : public ServiceTest {
 protected:
  CoreParameterServiceNoCache() : ServiceTest(ParameterServiceOptions{.cache_enabled = false}) {}
};

TEST_F(CoreParameterServiceNoCache, EveryGetCallsTheRepository) {
  Create("/a", "v");
  ASSERT_TRUE(Get("/a").ok());
  ASSERT_TRUE(Get("/a").ok());
  ASSERT_TRUE(Get("/a").ok());
  EXPECT_EQ(repo_.get_latest_calls(), 3);
}

TEST_F(CoreParameterServiceNoCache, SeesAnotherHostsWriteAtOnce) {
  ParameterService other_host(repo_, keyring_, patterns_, {});
  Create("/a", "v1");
  ASSERT_TRUE(Get("/a").ok());
  ASSERT_TRUE(other_host.Put(OverwriteInput("/a", "v2")).ok());
  EXPECT_EQ(Get("/a")->version.version, 2);
}

}  // namespace
}  // namespace paramsafe::core::testing
