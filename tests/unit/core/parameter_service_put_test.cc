// ParameterService::Put: types, overwrite semantics, patterns, tiers and keys.
#include <gtest/gtest.h>

#include "core/parameter_service.h"
#include "service_fixture.h"

namespace paramsafe::core::testing {
namespace {

using CoreParameterServicePut = ServiceTest;

// --- create and overwrite -------------------------------------------------------

TEST_F(CoreParameterServicePut, CreateStartsAtVersionOne) {
  auto out = Put(PutInput("/a", "v"));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->version, 1);
  EXPECT_EQ(out->tier, "Standard");
}

TEST_F(CoreParameterServicePut, CreateWithoutTypeIsRefused) {
  auto out = Put(PutInput("/a", "v", std::nullopt));
  EXPECT_EQ(out.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(out.status().reason(), "A parameter type is required when you create a parameter.");
  EXPECT_EQ(repo_.ItemCount(), 0u);
}

TEST_F(CoreParameterServicePut, OverwriteOfAMissingParameterStillNeedsAType) {
  auto out = Put(OverwriteInput("/a", "v"));
  EXPECT_EQ(out.status().reason(), "A parameter type is required when you create a parameter.");
}

TEST_F(CoreParameterServicePut, UnsupportedTypeIsRefusedWithItsDetail) {
  auto out = Put(PutInput("/a", "v", "Integer"));
  EXPECT_EQ(out.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(out.status().detail(), Detail::kUnsupportedType);
}

TEST_F(CoreParameterServicePut, ExistingNameWithoutOverwriteIsAlreadyExists) {
  Create("/a", "v1");
  auto out = Put(PutInput("/a", "v2"));
  EXPECT_EQ(out.status().code(), Code::kAlreadyExists);
}

TEST_F(CoreParameterServicePut, OverwriteAddsTheNextVersion) {
  Create("/a", "v1");
  auto out = Put(OverwriteInput("/a", "v2"));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->version, 2);
}

TEST_F(CoreParameterServicePut, OverwriteWithTheSameValueStillBumpsTheVersion) {
  Create("/a", "same");
  ASSERT_TRUE(Put(OverwriteInput("/a", "same")).ok());
  EXPECT_EQ(Put(OverwriteInput("/a", "same"))->version, 3);
}

TEST_F(CoreParameterServicePut, RecordsTheWriterAsCreator) {
  Create("/a", "v");
  EXPECT_EQ(repo_.Latest(Key("/a"))->last_modified_user, "arn:aws:iam::123456789012:user/tester");
}

TEST_F(CoreParameterServicePut, DefaultsDataTypeToText) {
  Create("/a", "v");
  EXPECT_EQ(Stored("/a").data_type, "text");
}

// --- omitted members keep their previous values on overwrite -------------------

TEST_F(CoreParameterServicePut, OverwriteKeepsAnOmittedType) {
  Create("/a", "x,y", kTypeStringList);
  ASSERT_TRUE(Put(OverwriteInput("/a", "z")).ok());
  EXPECT_EQ(Stored("/a").type, kTypeStringList);
}

TEST_F(CoreParameterServicePut, OverwriteKeepsAnOmittedDescription) {
  PutParameterInput in = PutInput("/a", "v1");
  in.description = "the description";
  ASSERT_TRUE(Put(in).ok());
  ASSERT_TRUE(Put(OverwriteInput("/a", "v2")).ok());
  EXPECT_EQ(Stored("/a").description, "the description");
}

TEST_F(CoreParameterServicePut, OverwriteReplacesAGivenDescription) {
  PutParameterInput in = PutInput("/a", "v1");
  in.description = "old";
  ASSERT_TRUE(Put(in).ok());
  PutParameterInput again = OverwriteInput("/a", "v2");
  again.description = "new";
  ASSERT_TRUE(Put(again).ok());
  EXPECT_EQ(Stored("/a").description, "new");
}

TEST_F(CoreParameterServicePut, OverwriteKeepsAnOmittedAllowedPattern) {
  PutParameterInput in = PutInput("/a", "123");
  in.allowed_pattern = "^\\d+$";
  ASSERT_TRUE(Put(in).ok());
  ASSERT_TRUE(Put(OverwriteInput("/a", "456")).ok());
  EXPECT_EQ(Stored("/a").allowed_pattern, "^\\d+$");
}

TEST_F(CoreParameterServicePut, OverwriteKeepsAnOmittedDataType) {
  PutParameterInput in = PutInput("/a", "ami-12345678");
  in.data_type = "aws:ec2:image";
  ASSERT_TRUE(Put(in).ok());
  ASSERT_TRUE(Put(OverwriteInput("/a", "ami-87654321")).ok());
  EXPECT_EQ(Stored("/a").data_type, "aws:ec2:image");
}

TEST_F(CoreParameterServicePut, OverwriteKeepsAnOmittedTier) {
  PutParameterInput in = PutInput("/a", "v1");
  in.tier = "Advanced";
  ASSERT_TRUE(Put(in).ok());
  auto out = Put(OverwriteInput("/a", "v2"));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->tier, "Advanced");
  EXPECT_EQ(Stored("/a").tier, "Advanced");
}

TEST_F(CoreParameterServicePut, OverwriteKeepsTheKeyIdOfASecureString) {
  PutParameterInput in = PutInput("/s", "secret", kTypeSecureString);
  in.key_id = "alias/custom";
  ASSERT_TRUE(Put(in).ok());
  ASSERT_TRUE(Put(OverwriteInput("/s", "secret2")).ok());
  EXPECT_EQ(Stored("/s").key_ref, "alias/custom");
  EXPECT_EQ(keyring_.seal_calls().back().key_ref, "alias/custom");
}

TEST_F(CoreParameterServicePut, OverwriteWithANewKeyIdUsesIt) {
  PutParameterInput in = PutInput("/s", "secret", kTypeSecureString);
  in.key_id = "alias/old";
  ASSERT_TRUE(Put(in).ok());
  PutParameterInput again = OverwriteInput("/s", "secret2");
  again.key_id = "alias/new";
  ASSERT_TRUE(Put(again).ok());
  EXPECT_EQ(Stored("/s").key_ref, "alias/new");
  EXPECT_EQ(keyring_.seal_calls().back().key_ref, "alias/new");
}

// --- KeyId and the default key --------------------------------------------------

TEST_F(CoreParameterServicePut, KeyIdWithStringIsInvalidArgument) {
  PutParameterInput in = PutInput("/a", "v", kTypeString);
  in.key_id = "alias/custom";
  auto out = Put(in);
  EXPECT_EQ(out.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(out.status().detail(), Detail::kNone);
  EXPECT_EQ(repo_.ItemCount(), 0u);
}

TEST_F(CoreParameterServicePut, KeyIdWithStringListIsInvalidArgument) {
  PutParameterInput in = PutInput("/a", "x,y", kTypeStringList);
  in.key_id = "alias/custom";
  EXPECT_EQ(Put(in).status().code(), Code::kInvalidArgument);
}

TEST_F(CoreParameterServicePut, KeyIdOnAnOverwriteThatKeepsStringIsInvalidArgument) {
  Create("/a", "v");
  PutParameterInput in = OverwriteInput("/a", "v2");
  in.key_id = "alias/custom";
  EXPECT_EQ(Put(in).status().code(), Code::kInvalidArgument);
}

TEST_F(CoreParameterServicePut, SecureStringDefaultsToTheSsmAlias) {
  Create("/s", "secret", kTypeSecureString);
  ASSERT_EQ(keyring_.seal_calls().size(), 1u);
  EXPECT_EQ(keyring_.seal_calls()[0].key_ref, "alias/aws/ssm");
  EXPECT_EQ(Stored("/s").key_ref, "alias/aws/ssm");
}

TEST_F(CoreParameterServicePut, SealsInTheRequestRegion) {
  Create("/s", "secret", kTypeSecureString);
  EXPECT_EQ(keyring_.seal_calls().at(0).region, kRegion);
}

// String values are sealed too (under the default key), but metadata reports no
// KeyId for them, as AWS does.
TEST_F(CoreParameterServicePut, StringIsSealedUnderTheDefaultKeyWithoutReportingIt) {
  Create("/a", "plain");
  EXPECT_EQ(keyring_.seal_calls().at(0).key_ref, "alias/aws/ssm");
  EXPECT_FALSE(Stored("/a").key_ref.has_value());
}

TEST_F(CoreParameterServicePut, ChangingSecureStringToStringDropsTheKeyId) {
  PutParameterInput in = PutInput("/s", "secret", kTypeSecureString);
  in.key_id = "alias/custom";
  ASSERT_TRUE(Put(in).ok());
  ASSERT_TRUE(Put(OverwriteInput("/s", "public", kTypeString)).ok());
  EXPECT_FALSE(Stored("/s").key_ref.has_value());
}

TEST_F(CoreParameterServicePut, StoresNoPlaintext) {
  Create("/s", "hunter2", kTypeSecureString);
  const SealedValue sealed = repo_.Latest(Key("/s")).value().sealed;
  const std::string ciphertext(sealed.ciphertext.begin(), sealed.ciphertext.end());
  EXPECT_EQ(ciphertext.find("hunter2"), std::string::npos);
}

TEST_F(CoreParameterServicePut, UnknownKeyIsKeyNotFoundAndWritesNothing) {
  keyring_.MarkUnknown("alias/missing");
  PutParameterInput in = PutInput("/s", "secret", kTypeSecureString);
  in.key_id = "alias/missing";
  EXPECT_EQ(Put(in).status().code(), Code::kKeyNotFound);
  EXPECT_EQ(repo_.ItemCount(), 0u);
}

// --- associated data ------------------------------------------------------------

TEST_F(CoreParameterServicePut, SealBindsKindArnAndVersion) {
  Create("/a/b", "v1", kTypeSecureString);
  ASSERT_TRUE(Put(OverwriteInput("/a/b", "v2")).ok());
  auto calls = keyring_.seal_calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_TRUE(SameAd(calls[0].ad, {"parameter", "arn:aws:ssm:us-east-1:123456789012:parameter/a/b", 1}));
  EXPECT_TRUE(SameAd(calls[1].ad, {"parameter", "arn:aws:ssm:us-east-1:123456789012:parameter/a/b", 2}));
}

TEST_F(CoreParameterServicePut, SealOfASingleLevelNameUsesItsArn) {
  Create("x", "v");
  EXPECT_EQ(keyring_.seal_calls().at(0).ad.item, "arn:aws:ssm:us-east-1:123456789012:parameter/x");
}

// --- AllowedPattern -------------------------------------------------------------

TEST_F(CoreParameterServicePut, AllowedPatternIsEnforcedOnCreate) {
  PutParameterInput in = PutInput("/a", "abc");
  in.allowed_pattern = "^\\d+$";
  auto out = Put(in);
  EXPECT_EQ(out.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(out.status().detail(), Detail::kPatternMismatch);
  EXPECT_EQ(out.status().reason(),
            "Parameter value, cannot be validated against allowedPattern: ^\\d+$");
  EXPECT_EQ(repo_.ItemCount(), 0u);
}

TEST_F(CoreParameterServicePut, AllowedPatternAcceptsAMatchingValue) {
  PutParameterInput in = PutInput("/a", "12345");
  in.allowed_pattern = "^\\d+$";
  EXPECT_TRUE(Put(in).ok());
}

TEST_F(CoreParameterServicePut, AllowedPatternIsEnforcedOnAnOverwriteThatOmitsIt) {
  PutParameterInput in = PutInput("/a", "123");
  in.allowed_pattern = "^\\d+$";
  ASSERT_TRUE(Put(in).ok());
  auto out = Put(OverwriteInput("/a", "not digits"));
  EXPECT_EQ(out.status().detail(), Detail::kPatternMismatch);
  EXPECT_EQ(repo_.Latest(Key("/a"))->version, 1);
}

TEST_F(CoreParameterServicePut, PatternMismatchDoesNotRevealTheValue) {
  PutParameterInput in = PutInput("/s", "hunter2-secret", kTypeSecureString);
  in.allowed_pattern = "^\\d+$";
  auto out = Put(in);
  EXPECT_EQ(out.status().reason().find("hunter2"), std::string::npos);
}

TEST_F(CoreParameterServicePut, EmptyAllowedPatternAcceptsAnything) {
  PutParameterInput in = PutInput("/a", "anything at all");
  in.allowed_pattern = "";
  EXPECT_TRUE(Put(in).ok());
}

// --- tiers and value sizes ------------------------------------------------------

TEST_F(CoreParameterServicePut, StandardFits4096Characters) {
  EXPECT_TRUE(Put(PutInput("/a", Repeat("x", 4096))).ok());
}

TEST_F(CoreParameterServicePut, StandardRefuses4097Characters) {
  auto out = Put(PutInput("/a", Repeat("x", 4097)));
  EXPECT_EQ(out.status().code(), Code::kInvalidArgument);
  EXPECT_NE(out.status().reason().find("maximum parameter value of 4096 characters"),
            std::string::npos);
}

// AWS counts characters, not bytes: 4096 three-byte characters are 12288 bytes.
TEST_F(CoreParameterServicePut, StandardFits4096MultiByteCharacters) {
  auto out = Put(PutInput("/a", Repeat("\xE2\x82\xAC", 4096)));  // U+20AC EURO SIGN
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->tier, "Standard");
}

TEST_F(CoreParameterServicePut, StandardRefuses4097MultiByteCharacters) {
  EXPECT_EQ(Put(PutInput("/a", Repeat("\xC3\xA9", 4097))).status().code(),  // U+00E9
            Code::kInvalidArgument);
}

TEST_F(CoreParameterServicePut, FourByteCharactersCountOnce) {
  EXPECT_TRUE(Put(PutInput("/a", Repeat("\xF0\x9F\x94\x91", 4096))).ok());  // U+1F511
}

TEST_F(CoreParameterServicePut, AdvancedFits8192Characters) {
  PutParameterInput in = PutInput("/a", Repeat("x", 8192));
  in.tier = "Advanced";
  auto out = Put(in);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->tier, "Advanced");
}

TEST_F(CoreParameterServicePut, AdvancedRefuses8193Characters) {
  PutParameterInput in = PutInput("/a", Repeat("x", 8193));
  in.tier = "Advanced";
  auto out = Put(in);
  EXPECT_EQ(out.status().code(), Code::kInvalidArgument);
  EXPECT_NE(out.status().reason().find("8192"), std::string::npos);
}

TEST_F(CoreParameterServicePut, TierLimitsAreCountedInCharacters) {
  EXPECT_EQ(MaxValueChars("Standard"), 4096u);
  EXPECT_EQ(MaxValueChars("Advanced"), 8192u);
}

TEST_F(CoreParameterServicePut, IntelligentTieringPicksStandardForASmallValue) {
  PutParameterInput in = PutInput("/a", "small");
  in.tier = "Intelligent-Tiering";
  auto out = Put(in);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->tier, "Standard");
  EXPECT_EQ(Stored("/a").tier, "Standard");
}

TEST_F(CoreParameterServicePut, IntelligentTieringPicksAdvancedForALargeValue) {
  PutParameterInput in = PutInput("/a", Repeat("x", 4097));
  in.tier = "Intelligent-Tiering";
  auto out = Put(in);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->tier, "Advanced");
  EXPECT_EQ(Stored("/a").tier, "Advanced");
}

TEST_F(CoreParameterServicePut, IntelligentTieringKeepsAnAdvancedParameterAdvanced) {
  PutParameterInput in = PutInput("/a", "v1");
  in.tier = "Advanced";
  ASSERT_TRUE(Put(in).ok());
  PutParameterInput again = OverwriteInput("/a", "v2");
  again.tier = "Intelligent-Tiering";
  auto out = Put(again);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->tier, "Advanced");
}

TEST_F(CoreParameterServicePut, IntelligentTieringRefusesMoreThan8192Characters) {
  PutParameterInput in = PutInput("/a", Repeat("x", 8193));
  in.tier = "Intelligent-Tiering";
  EXPECT_EQ(Put(in).status().code(), Code::kInvalidArgument);
}

TEST_F(CoreParameterServicePut, StandardCanBeUpgradedToAdvanced) {
  Create("/a", "v1");
  PutParameterInput again = OverwriteInput("/a", "v2");
  again.tier = "Advanced";
  auto out = Put(again);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->tier, "Advanced");
}

TEST_F(CoreParameterServicePut, AdvancedCannotGoBackToStandard) {
  PutParameterInput in = PutInput("/a", "v1");
  in.tier = "Advanced";
  ASSERT_TRUE(Put(in).ok());
  PutParameterInput again = OverwriteInput("/a", "v2");
  again.tier = "Standard";
  auto out = Put(again);
  EXPECT_EQ(out.status().code(), Code::kInvalidArgument);
  EXPECT_NE(out.status().reason().find("downgrade"), std::string::npos);
  EXPECT_EQ(repo_.Latest(Key("/a"))->version, 1);
}

TEST_F(CoreParameterServicePut, IntelligentTieringUpgradesAStandardParameterForALargeValue) {
  Create("/a", "small");
  PutParameterInput again = OverwriteInput("/a", Repeat("x", 5000));
  again.tier = "Intelligent-Tiering";
  auto out = Put(again);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->tier, "Advanced");
  EXPECT_EQ(Stored("/a").tier, "Advanced");
}

TEST_F(CoreParameterServicePut, AnOmittedTierKeepsAStandardParameterStandardForALargeValue) {
  Create("/a", "small");
  auto out = Put(OverwriteInput("/a", Repeat("x", 4097)));
  EXPECT_EQ(out.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(repo_.Latest(Key("/a"))->version, 1);
}

// Policies (tests in parameter_service_policies_test.cc) are the other reason
// Intelligent-Tiering picks Advanced.
TEST_F(CoreParameterServicePut, IntelligentTieringWithPoliciesPicksAdvanced) {
  PutParameterInput in = PutInput("/a", "small");
  in.tier = "Intelligent-Tiering";
  in.policies_text = "[policy]";
  in.policies = {ParameterPolicy{PolicyType::kNoChangeNotification, {}, std::chrono::hours(1)}};
  auto out = Put(in);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->tier, "Advanced");
}

TEST_F(CoreParameterServicePut, AnOmittedTierOnCreateIsStandard) {
  Create("/a", "v");
  EXPECT_EQ(Stored("/a").tier, "Standard");
}

}  // namespace
}  // namespace paramsafe::core::testing
