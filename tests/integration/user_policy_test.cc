// Inline user policies in PostgreSQL (PgUserPolicyRepository): documents kept
// as written, IAM's not-found texts, the aggregate size limit (also under
// concurrent writers), and DeleteUser refusing a user that still has
// policies. The store does not parse documents; these are plain JSON.
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "abi/iam_admin.h"
#include "core/credentials.h"
#include "core/user_policies.h"
#include "fixtures.h"

namespace paramsafe::integration {
namespace {

using core::Code;

// A document of exactly `size` characters that count (not white space),
// padded with `spaces` blanks and newlines that do not. REQUIRES: size >= 200.
std::string Document(std::size_t size, std::size_t spaces = 0) {
  const std::string head = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
                           R"("Action":"ssm:GetParameter","Resource":"arn:aws:ssm:*:*:parameter/)";
  const std::string tail = R"("}]})";
  EXPECT_GE(size, head.size() + tail.size());
  if (size < head.size() + tail.size()) return "{}";
  std::string doc = head + std::string(size - head.size() - tail.size(), 'x') + tail;
  for (std::size_t i = 0; i < spaces; ++i) doc.insert(1, i % 2 ? "\n" : " ");
  return doc;
}

class UserPolicyTest : public RuntimeTest {
 protected:
  void SetUp() override {
    RuntimeTest::SetUp();
    if (HasFatalFailure()) return;
    auto user = rt().credentials().CreateUser("alice", kAccount);
    ASSERT_TRUE(user.ok()) << user.status().ToString();
  }
  core::UserPolicyRepository& policies() { return rt().user_policies(); }

  std::vector<std::string> Names(const std::string& user) {
    auto list = policies().List(user);
    EXPECT_TRUE(list.ok()) << list.status().ToString();
    std::vector<std::string> names;
    if (list.ok()) {
      for (const auto& p : *list) names.push_back(p.policy_name);
    }
    return names;
  }
};

TEST_F(UserPolicyTest, DocumentIsReturnedAsWritten) {
  const std::string doc = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": []\n}\n";
  ASSERT_TRUE(policies().Put("alice", "readers", doc).ok());
  auto got = policies().Get("alice", "readers");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->user_name, "alice");
  EXPECT_EQ(got->policy_name, "readers");
  EXPECT_EQ(got->document, doc);
  EXPECT_EQ(got->created_at, got->updated_at);
}

TEST_F(UserPolicyTest, PutReplacesThePolicyOfThatName) {
  ASSERT_TRUE(policies().Put("alice", "p", Document(200)).ok());
  auto first = policies().Get("alice", "p");
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(policies().Put("alice", "p", Document(300)).ok());
  auto second = policies().Get("alice", "p");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->document, Document(300));
  EXPECT_EQ(second->created_at, first->created_at);
  EXPECT_GT(second->updated_at, first->updated_at);
  EXPECT_EQ(Names("alice"), std::vector<std::string>{"p"});
}

TEST_F(UserPolicyTest, ListIsInByteOrderOfNames) {
  for (const char* name : {"b", "B", "a", "A-1", "_"}) {
    ASSERT_TRUE(policies().Put("alice", name, Document(300)).ok()) << name;
  }
  EXPECT_EQ(Names("alice"), (std::vector<std::string>{"A-1", "B", "_", "a", "b"}));
}

TEST_F(UserPolicyTest, UserWithoutPoliciesListsNone) {
  auto list = policies().List("alice");
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_TRUE(list->empty());
}

TEST_F(UserPolicyTest, PoliciesOfOneUserAreNotAnothers) {
  ASSERT_TRUE(rt().credentials().CreateUser("bob", kAccount).ok());
  ASSERT_TRUE(policies().Put("alice", "p", Document(300)).ok());
  EXPECT_TRUE(Names("bob").empty());
  EXPECT_EQ(policies().Get("bob", "p").status().code(), Code::kNotFound);
  EXPECT_EQ(policies().Delete("bob", "p").code(), Code::kNotFound);
  EXPECT_TRUE(policies().Get("alice", "p").ok());
}

TEST_F(UserPolicyTest, UnknownUserIsNoSuchUserForEveryOperation) {
  const std::string expected = "The user with name nobody cannot be found.";
  core::Status put = policies().Put("nobody", "p", Document(300));
  EXPECT_EQ(put.code(), Code::kNotFound);
  EXPECT_EQ(put.reason(), expected);
  auto get = policies().Get("nobody", "p");
  EXPECT_EQ(get.status().code(), Code::kNotFound);
  EXPECT_EQ(get.status().reason(), expected);
  auto list = policies().List("nobody");
  EXPECT_EQ(list.status().code(), Code::kNotFound);
  EXPECT_EQ(list.status().reason(), expected);
  core::Status del = policies().Delete("nobody", "p");
  EXPECT_EQ(del.code(), Code::kNotFound);
  EXPECT_EQ(del.reason(), expected);
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.user_policies"), "0");
}

TEST_F(UserPolicyTest, UnknownPolicyIsNoSuchPolicy) {
  const std::string expected = "The user policy with name p cannot be found.";
  auto get = policies().Get("alice", "p");
  EXPECT_EQ(get.status().code(), Code::kNotFound);
  EXPECT_EQ(get.status().reason(), expected);
  core::Status del = policies().Delete("alice", "p");
  EXPECT_EQ(del.code(), Code::kNotFound);
  EXPECT_EQ(del.reason(), expected);
}

TEST_F(UserPolicyTest, DeletedPolicyIsGone) {
  ASSERT_TRUE(policies().Put("alice", "p", Document(300)).ok());
  ASSERT_TRUE(policies().Put("alice", "q", Document(300)).ok());
  ASSERT_TRUE(policies().Delete("alice", "p").ok());
  EXPECT_EQ(policies().Get("alice", "p").status().code(), Code::kNotFound);
  EXPECT_EQ(Names("alice"), std::vector<std::string>{"q"});
  EXPECT_EQ(policies().Delete("alice", "p").code(), Code::kNotFound);
}

TEST_F(UserPolicyTest, AggregateSizeUpToTheLimitIsAccepted) {
  ASSERT_TRUE(policies().Put("alice", "p", Document(1000)).ok());
  core::Status s = policies().Put("alice", "q", Document(core::kMaxUserPolicySize - 1000));
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST_F(UserPolicyTest, AggregateSizeOverTheLimitIsRefusedWithIamsText) {
  ASSERT_TRUE(policies().Put("alice", "p", Document(1000)).ok());
  core::Status s = policies().Put("alice", "q", Document(core::kMaxUserPolicySize - 999));
  EXPECT_EQ(s.code(), Code::kLimitExceeded) << s.ToString();
  EXPECT_EQ(s.reason(), "Maximum policy size of 2048 bytes exceeded for user alice");
  EXPECT_EQ(Names("alice"), std::vector<std::string>{"p"});
}

TEST_F(UserPolicyTest, OneDocumentOverTheLimitIsRefused) {
  core::Status s = policies().Put("alice", "p", Document(core::kMaxUserPolicySize + 1));
  EXPECT_EQ(s.code(), Code::kLimitExceeded) << s.ToString();
  EXPECT_TRUE(Names("alice").empty());
}

TEST_F(UserPolicyTest, WhiteSpaceDoesNotCount) {
  core::Status s = policies().Put("alice", "p", Document(core::kMaxUserPolicySize, 500));
  EXPECT_TRUE(s.ok()) << s.ToString();
  s = policies().Put("alice", "p", Document(core::kMaxUserPolicySize + 1, 500));
  EXPECT_EQ(s.code(), Code::kLimitExceeded) << s.ToString();
}

TEST_F(UserPolicyTest, ReplacingAPolicyCountsItsNewSizeOnly) {
  ASSERT_TRUE(policies().Put("alice", "p", Document(1500)).ok());
  core::Status s = policies().Put("alice", "p", Document(1900));
  EXPECT_TRUE(s.ok()) << s.ToString();
  s = policies().Put("alice", "q", Document(200));
  EXPECT_EQ(s.code(), Code::kLimitExceeded) << s.ToString();
}

TEST_F(UserPolicyTest, TheLimitIsPerUser) {
  ASSERT_TRUE(rt().credentials().CreateUser("bob", kAccount).ok());
  ASSERT_TRUE(policies().Put("alice", "p", Document(2000)).ok());
  core::Status s = policies().Put("bob", "p", Document(2000));
  EXPECT_TRUE(s.ok()) << s.ToString();
}

// Writers of one user take turns, so policies put at the same time cannot
// pass the limit together: 8 writers of 600 characters each, room for 3.
TEST_F(UserPolicyTest, ConcurrentPutsCannotPassTheLimitTogether) {
  constexpr int kWriters = 8;
  std::atomic<int> accepted{0}, refused{0}, failed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      core::Status s = policies().Put("alice", "p" + std::to_string(i), Document(600));
      if (s.ok()) {
        ++accepted;
      } else if (s.code() == Code::kLimitExceeded) {
        ++refused;
      } else {
        ++failed;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(accepted.load(), 3);
  EXPECT_EQ(refused.load(), kWriters - 3);
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.user_policies"), "3");
}

TEST_F(UserPolicyTest, PolicyNameOutsideIamsPatternIsRefusedByTheStore) {
  core::Status s = policies().Put("alice", "no spaces", Document(300));
  EXPECT_EQ(s.code(), Code::kInvalidArgument) << s.ToString();
  EXPECT_TRUE(Names("alice").empty());
}

TEST_F(UserPolicyTest, UserWithPoliciesCannotBeDeletedUntilTheyAre) {
  ASSERT_TRUE(policies().Put("alice", "p", Document(300)).ok());
  core::Status s = rt().credentials().DeleteUser("alice");
  EXPECT_EQ(s.code(), Code::kConflict) << s.ToString();
  EXPECT_EQ(s.reason(), "Cannot delete entity, must delete policies first.");
  EXPECT_TRUE(rt().credentials().FindUser("alice").ok());

  ASSERT_TRUE(policies().Delete("alice", "p").ok());
  s = rt().credentials().DeleteUser("alice");
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(rt().credentials().FindUser("alice").status().code(), Code::kNotFound);
}

TEST_F(UserPolicyTest, UserWithKeysAndPoliciesIsToldAboutTheKeysFirst) {
  ASSERT_TRUE(policies().Put("alice", "p", Document(300)).ok());
  auto key = abi::CreateAccessKey(rt(), "alice");
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  core::Status s = rt().credentials().DeleteUser("alice");
  EXPECT_EQ(s.code(), Code::kConflict) << s.ToString();
  EXPECT_EQ(s.reason(), "Cannot delete entity, must delete access keys first.");
}

TEST_F(UserPolicyTest, DeletingAnUnknownUserIsNoSuchUser) {
  core::Status s = rt().credentials().DeleteUser("nobody");
  EXPECT_EQ(s.code(), Code::kNotFound) << s.ToString();
  EXPECT_EQ(s.reason(), "The user with name nobody cannot be found.");
}

// What SQL administrators see: one row per policy, the document as written.
TEST_F(UserPolicyTest, SqlAdministratorsSeeEveryPolicy) {
  ASSERT_TRUE(policies().Put("alice", "p", Document(300)).ok());
  SqlResult r = Sql("SELECT user_name, policy_name, document FROM paramsafe.user_policies");
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(r.rows.size(), 1u);
  ASSERT_EQ(r.rows[0].size(), 3u);
  EXPECT_EQ(r.rows[0][0].value_or(""), "alice");
  EXPECT_EQ(r.rows[0][1].value_or(""), "p");
  EXPECT_EQ(r.rows[0][2].value_or(""), Document(300));
}

}  // namespace
}  // namespace paramsafe::integration
