// Parsing /aws/reference/secretsmanager/ names.
#include "reference/reference_name.h"

#include <gtest/gtest.h>

namespace paramsafe::adapters::reference {
namespace {

TEST(AdaptersReferenceName, RecognisesOnlyTheExactPrefix) {
  EXPECT_TRUE(IsSecretsManagerReference("/aws/reference/secretsmanager/x"));
  EXPECT_TRUE(IsSecretsManagerReference("/aws/reference/secretsmanager/"));
  EXPECT_FALSE(IsSecretsManagerReference("/aws/reference/secretsmanager"));
  EXPECT_FALSE(IsSecretsManagerReference("/AWS/reference/secretsmanager/x"));
  EXPECT_FALSE(IsSecretsManagerReference("aws/reference/secretsmanager/x"));
}

TEST(AdaptersReferenceName, SplitsPathSecretIdAndSelector) {
  auto r = ParseReferenceName("/aws/reference/secretsmanager/a/b:AWSPREVIOUS");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->path, "/aws/reference/secretsmanager/a/b");
  EXPECT_EQ(r->secret_id, "a/b");
  EXPECT_EQ(r->selector, "AWSPREVIOUS");
}

TEST(AdaptersReferenceName, NoSelector) {
  auto r = ParseReferenceName("/aws/reference/secretsmanager/a");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->secret_id, "a");
  EXPECT_FALSE(r->selector.has_value());
}

TEST(AdaptersReferenceName, RefusesExtraColonEmptySelectorAndArns) {
  for (const char* name :
       {"/aws/reference/secretsmanager/a:b:c", "/aws/reference/secretsmanager/a:",
        "/aws/reference/secretsmanager/arn:aws:secretsmanager:r:1:secret:a",
        "/aws/reference/secretsmanager/arn:a"}) {
    auto r = ParseReferenceName(name);
    ASSERT_FALSE(r.ok()) << name;
    EXPECT_EQ(r.status().code(), core::Code::kInvalidArgument);
    EXPECT_EQ(r.status().reason(), kBadReferenceSyntax);
  }
}

TEST(AdaptersReferenceName, VersionIdShapeIs32To64Characters) {
  EXPECT_FALSE(HasVersionIdShape(std::string(31, 'a')));
  EXPECT_TRUE(HasVersionIdShape(std::string(32, 'a')));
  EXPECT_TRUE(HasVersionIdShape("01234567-89ab-cdef-0123-456789abcdef"));
  EXPECT_TRUE(HasVersionIdShape(std::string(64, 'a')));
  EXPECT_FALSE(HasVersionIdShape(std::string(65, 'a')));
}

TEST(AdaptersReferenceName, StageShapeIsLettersDigitsDotDashUnderscore) {
  EXPECT_TRUE(HasStageShape("AWSCURRENT"));
  EXPECT_TRUE(HasStageShape("v1.2-beta_3"));
  EXPECT_TRUE(HasStageShape(std::string(256, 'x')));
  EXPECT_FALSE(HasStageShape(std::string(257, 'x')));
  EXPECT_FALSE(HasStageShape(""));
  EXPECT_FALSE(HasStageShape("a b"));
  EXPECT_FALSE(HasStageShape("a/b"));
  EXPECT_FALSE(HasStageShape("a@b"));
}

}  // namespace
}  // namespace paramsafe::adapters::reference
