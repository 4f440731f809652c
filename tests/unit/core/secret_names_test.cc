#include "core/secret_names.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "random_fakes.h"

namespace paramsafe::core {
namespace {

constexpr char kAccount[] = "123456789012";
constexpr char kRegion[] = "us-east-1";

TEST(CoreSecretName, AcceptsEveryAllowedCharacter) {
  EXPECT_TRUE(IsValidSecretName("a"));
  EXPECT_TRUE(IsValidSecretName("ABCXYZabcxyz0189/_+=.@-"));
  EXPECT_TRUE(IsValidSecretName("prod/db/password"));
}

TEST(CoreSecretName, RefusesOtherCharacters) {
  for (const char* name :
       {"a b", "a:b", "a!b", "a*b", "a#b", "a,b", "a\\b", "caf\xc3\xa9", "a\nb"}) {
    EXPECT_FALSE(IsValidSecretName(name)) << name;
  }
}

TEST(CoreSecretName, LengthIsOneTo512) {
  EXPECT_FALSE(IsValidSecretName(""));
  EXPECT_TRUE(IsValidSecretName(std::string(512, 'a')));
  EXPECT_FALSE(IsValidSecretName(std::string(513, 'a')));
}

TEST(CoreSecretSuffix, SixAlphanumericCharacters) {
  testing::SequenceRandom random;
  for (int i = 0; i < 200; ++i) {
    const std::string s = RandomSecretSuffix(random);
    ASSERT_EQ(s.size(), 6u);
    for (char c : s) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c))) << s;
  }
}

TEST(CoreSecretSuffix, DrawsFromAllSixtyTwoCharacters) {
  testing::SequenceRandom random;
  std::set<char> seen;
  for (int i = 0; i < 500; ++i) {
    for (char c : RandomSecretSuffix(random)) seen.insert(c);
  }
  EXPECT_EQ(seen.size(), 62u);
  EXPECT_EQ(random.calls, 3000);  // one draw per character
}

TEST(CoreSecretArn, HasTheAwsShape) {
  EXPECT_EQ(SecretArn("eu-west-3", "000000000000", "prod/db", "AbC123"),
            "arn:aws:secretsmanager:eu-west-3:000000000000:secret:prod/db-AbC123");
}

TEST(CoreSecretId, ANameIsAName) {
  SecretLookup l = ParseSecretId(kAccount, kRegion, "prod/db");
  EXPECT_EQ(l.account_id, kAccount);
  EXPECT_EQ(l.region, kRegion);
  EXPECT_FALSE(l.arn.has_value());
  EXPECT_EQ(l.name, "prod/db");
}

TEST(CoreSecretId, AFullArnIsMatchedExactlyThenByItsResourcePart) {
  const std::string arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbC123";
  SecretLookup l = ParseSecretId(kAccount, kRegion, arn);
  EXPECT_EQ(l.arn, arn);
  EXPECT_EQ(l.name, "prod/db-AbC123");
}

TEST(CoreSecretId, APartialArnNamesTheSecret) {
  const std::string arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db";
  SecretLookup l = ParseSecretId(kAccount, kRegion, arn);
  EXPECT_EQ(l.arn, arn);
  EXPECT_EQ(l.name, "prod/db");
}

TEST(CoreSecretId, AnArnOfAnotherRegionOrAccountNamesNothing) {
  for (const char* arn : {"arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db",
                          "arn:aws:secretsmanager:us-east-1:999999999999:secret:prod/db",
                          "arn:aws:ssm:us-east-1:123456789012:parameter/prod/db",
                          "arn:aws:secretsmanager:us-east-1:123456789012:other:prod/db",
                          "arn:aws:secretsmanager:us-east-1:123456789012:secret:", "arn:"}) {
    SecretLookup l = ParseSecretId(kAccount, kRegion, arn);
    EXPECT_EQ(l.arn, arn);
    EXPECT_EQ(l.name, "") << arn;
  }
}

TEST(CoreSecretId, OtherPartitionsParseToo) {
  SecretLookup l =
      ParseSecretId(kAccount, kRegion, "arn:aws-cn:secretsmanager:us-east-1:123456789012:secret:x");
  EXPECT_EQ(l.name, "x");
}

TEST(CoreSecretKey, IsASecretLookedUpByItsExactName) {
  ItemKey k = SecretKey(kAccount, kRegion, "/Prod/DB");
  EXPECT_EQ(k.account_id, kAccount);
  EXPECT_EQ(k.region, kRegion);
  EXPECT_EQ(k.kind, ItemKind::kSecret);
  EXPECT_EQ(k.name, "/Prod/DB");
  EXPECT_EQ(k.lookup_name, "/Prod/DB");
}

}  // namespace
}  // namespace paramsafe::core
