// SecretService::UpdateVersionStage: the matrix of MoveToVersionId and
// RemoveFromVersionId, AWSPREVIOUS following AWSCURRENT, the rotation flow
// (AWSPENDING), label quotas.
#include <gtest/gtest.h>

#include <string>

#include "secret_service_fixture.h"

namespace paramsafe::core::testing {

using Map = std::map<std::string, std::vector<std::string>>;

namespace {

class CoreSecretStage : public SecretServiceTest {
 protected:
  // v1 AWSPREVIOUS, v2 AWSCURRENT, v3 AWSPENDING.
  void SetUp() override {
    Create("db", "v1");
    MustPut("db", "v2", Token(2));
    MustPut("db", "v3", Token(3), Stages({kStagePending}));
  }
  void ExpectInvalid(const Result<Secret>& r, const std::string& reason) {
    ASSERT_EQ(r.status().code(), Code::kInvalidArgument) << r.status().ToString();
    EXPECT_EQ(r.status().reason(), reason);
  }
};

TEST_F(CoreSecretStage, NeedsADestinationOrASource) {
  auto r = MoveStage("db", "blue", std::nullopt, std::nullopt);
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(repo_.update_calls(), 2);  // the setup's two puts only
}

TEST_F(CoreSecretStage, UnknownVersionsAreInvalid) {
  ExpectInvalid(MoveStage("db", "blue", Token(9), std::nullopt),
                "Not a valid version: " + Token(9));
  ExpectInvalid(MoveStage("db", kStagePending, std::nullopt, Token(8)),
                "Not a valid version: " + Token(8));
}

TEST_F(CoreSecretStage, MovingAnAttachedLabelNeedsItsVersionAsSource) {
  const std::string text =
      "The parameter RemoveFromVersionId can't be empty. Staging label "
      "AWSCURRENT is currently attached to version " +
      Token(2) +
      ", so you must explicitly reference that version in "
      "RemoveFromVersionId.";
  ExpectInvalid(MoveStage("db", kStageCurrent, Token(3), std::nullopt), text);
  ExpectInvalid(MoveStage("db", kStageCurrent, Token(3), Token(1)), text);
  EXPECT_EQ(StageMap("db")[Token(2)], Stages({kStageCurrent}));
}

TEST_F(CoreSecretStage, TheRuleHoldsForCustomLabelsToo) {
  MustPut("db", "v4", Token(4), Stages({"blue"}));
  ExpectInvalid(MoveStage("db", "blue", Token(1), std::nullopt),
                "The parameter RemoveFromVersionId can't be empty. Staging label blue is "
                "currently attached to version " +
                    Token(4) +
                    ", so you must explicitly reference that version in "
                    "RemoveFromVersionId.");
}

TEST_F(CoreSecretStage, FinishingARotationMovesCurrentAndPrevious) {
  auto r = MoveStage("db", kStageCurrent, Token(3), Token(2));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // Other labels on the target stay: AWS shows ["AWSCURRENT","AWSPENDING"].
  EXPECT_EQ(StageMap("db"),
            (Map{{Token(2), {kStagePrevious}}, {Token(3), {kStageCurrent, kStagePending}}}));
  EXPECT_EQ(ValueOf("db"), "v3");
  ASSERT_TRUE(MoveStage("db", kStagePending, std::nullopt, Token(3)).ok());
  EXPECT_EQ(StageMap("db"), (Map{{Token(2), {kStagePrevious}}, {Token(3), {kStageCurrent}}}));
}

TEST_F(CoreSecretStage, RollingBackPutsCurrentOnThePreviousVersion) {
  ASSERT_TRUE(MoveStage("db", kStageCurrent, Token(1), Token(2)).ok());
  EXPECT_EQ(StageMap("db"), (Map{{Token(1), {kStageCurrent}},
                                 {Token(2), {kStagePrevious}},
                                 {Token(3), {kStagePending}}}));
}

TEST_F(CoreSecretStage, CurrentCannotBeRemovedWithoutADestination) {
  auto r = MoveStage("db", kStageCurrent, std::nullopt, Token(2));
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(ValueOf("db"), "v2");
}

TEST_F(CoreSecretStage, RemovingALabelFromAVersionWithoutItIsInvalid) {
  ExpectInvalid(MoveStage("db", kStagePending, std::nullopt, Token(1)),
                "The staging label AWSPENDING is not attached to version " + Token(1) + ".");
  ExpectInvalid(MoveStage("db", "blue", std::nullopt, Token(1)),
                "The staging label blue is not attached to version " + Token(1) + ".");
  ExpectInvalid(MoveStage("db", "blue", Token(2), Token(1)),
                "The staging label blue is not attached to version " + Token(1) + ".");
}

TEST_F(CoreSecretStage, RemovingALabelDeprecatesAVersionLeftWithout) {
  auto r = MoveStage("db", kStagePending, std::nullopt, Token(3));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(StageMap("db"), (Map{{Token(1), {kStagePrevious}}, {Token(2), {kStageCurrent}}}));
  EXPECT_EQ(r->versions.size(), 3u);
  EXPECT_EQ(ValueOf("db", kStagePending), "NOT_FOUND");
}

TEST_F(CoreSecretStage, ANewLabelNeedsOnlyADestination) {
  const int changes = repo_.applied_changes();
  ASSERT_TRUE(MoveStage("db", "blue", Token(1), std::nullopt).ok());
  EXPECT_EQ(StageMap("db")[Token(1)], Stages({kStagePrevious, "blue"}));
  EXPECT_EQ(StageMap("db")[Token(2)], Stages({kStageCurrent}));
  EXPECT_EQ(repo_.applied_changes(), changes + 1);
}

TEST_F(CoreSecretStage, MovingALabelWhereItIsChangesNothing) {
  const int changes = repo_.applied_changes();
  clock_.Advance(std::chrono::hours(1));
  auto r = MoveStage("db", kStageCurrent, Token(2), std::nullopt);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto same = MoveStage("db", kStageCurrent, Token(2), Token(2));
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(repo_.applied_changes(), changes);
  EXPECT_EQ(r->last_changed, SecretTestStart());
  EXPECT_EQ(StageMap("db")[Token(1)], Stages({kStagePrevious}));
}

TEST_F(CoreSecretStage, SetsLastChangedDate) {
  clock_.Advance(std::chrono::hours(2));
  auto r = MoveStage("db", "blue", Token(1), std::nullopt);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->last_changed, SecretTestStart() + std::chrono::hours(2));
}

TEST_F(CoreSecretStage, TheTwentyFirstLabelIsRefused) {
  for (int i = 0; i < 17; ++i) {
    ASSERT_TRUE(MoveStage("db", "L" + std::to_string(i), Token(1), std::nullopt).ok()) << i;
  }
  auto r = MoveStage("db", "one-too-many", Token(1), std::nullopt);
  ASSERT_EQ(r.status().code(), Code::kLimitExceeded);
  EXPECT_EQ(r.status().detail(), Detail::kLabelLimit);
  // Moving an existing label still works at the quota.
  EXPECT_TRUE(MoveStage("db", "L0", Token(2), Token(1)).ok());
}

TEST_F(CoreSecretStage, AMissingSecretIsNotFound) {
  EXPECT_EQ(MoveStage("nope", "blue", Token(1), std::nullopt).status().code(), Code::kNotFound);
}

TEST_F(CoreSecretStage, ASecretScheduledForDeletionIsRefused) {
  ASSERT_TRUE(Delete("db").ok());
  auto r = MoveStage("db", "blue", Token(1), std::nullopt);
  EXPECT_EQ(r.status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(r.status().detail(), Detail::kMarkedForDeletion);
}

}  // namespace
}  // namespace paramsafe::core::testing
