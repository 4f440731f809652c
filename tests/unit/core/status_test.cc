#include "core/status.h"

#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>

#include "parameter_fakes.h"

namespace paramsafe::core {
namespace {

TEST(CoreStatus, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), Code::kOk);
  EXPECT_EQ(s.detail(), Detail::kNone);
  EXPECT_EQ(s.reason(), "");
  EXPECT_TRUE(Status::Ok().ok());
}

TEST(CoreStatus, KeepsCodeAndReason) {
  Status s(Code::kNotFound, "Parameter /a not found.");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Code::kNotFound);
  EXPECT_EQ(s.detail(), Detail::kNone);
  EXPECT_EQ(s.reason(), "Parameter /a not found.");
}

TEST(CoreStatus, KeepsDetail) {
  Status s(Code::kInvalidArgument, Detail::kPatternMismatch, "no match");
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_EQ(s.detail(), Detail::kPatternMismatch);
  EXPECT_EQ(s.reason(), "no match");
}

TEST(CoreStatus, ToStringNamesTheCode) {
  EXPECT_EQ(Status().ToString(), "OK");
  EXPECT_EQ(Status(Code::kNotFound, "gone").ToString(), "NOT_FOUND: gone");
  EXPECT_EQ(Status(Code::kInvalidArgument, Detail::kInvalidPattern, "bad").ToString(),
            "INVALID_ARGUMENT: bad");
}

TEST(CoreStatus, EveryCodeHasItsOwnName) {
  std::set<std::string> names;
  for (int c = static_cast<int>(Code::kOk); c <= static_cast<int>(Code::kInternal); ++c) {
    const std::string name = CodeName(static_cast<Code>(c));
    EXPECT_NE(name, "UNKNOWN") << "code " << c;
    names.insert(name);
  }
  EXPECT_EQ(names.size(), static_cast<std::size_t>(Code::kInternal) + 1);
}

TEST(CoreResult, HoldsAValue) {
  Result<int> r(42);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.status().ok());
  EXPECT_EQ(r.value(), 42);
  EXPECT_EQ(*r, 42);
}

TEST(CoreResult, HoldsAnError) {
  Result<int> r(Status(Code::kVersionNotFound, "no version 7"));
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kVersionNotFound);
  EXPECT_EQ(r.status().reason(), "no version 7");
}

TEST(CoreResult, ArrowReachesTheValue) {
  Result<std::string> r(std::string("abc"));
  EXPECT_EQ(r->size(), 3u);
}

TEST(CoreResult, MovesAMoveOnlyValueOut) {
  Result<std::unique_ptr<int>> r(std::make_unique<int>(7));
  std::unique_ptr<int> p = std::move(r).value();
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(*p, 7);
}

// Helpers for the macros: each returns how far it got, through `reached`.
Result<int> Half(int x) {
  if (x % 2 != 0) return Status(Code::kInvalidArgument, "odd");
  return x / 2;
}

Result<int> Quarter(int x, int& reached) {
  reached = 0;
  PS_ASSIGN_OR_RETURN(int half, Half(x));
  reached = 1;
  PS_ASSIGN_OR_RETURN(int quarter, Half(half));  // a second use in the same scope
  reached = 2;
  return quarter;
}

Status CheckEven(int x, int& reached) {
  reached = 0;
  PS_RETURN_IF_ERROR(Half(x).status());
  reached = 1;
  return Status::Ok();
}

TEST(CoreStatusMacros, AssignOrReturnAssignsOnSuccess) {
  int reached = -1;
  Result<int> r = Quarter(12, reached);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 3);
  EXPECT_EQ(reached, 2);
}

TEST(CoreStatusMacros, AssignOrReturnReturnsTheErrorEarly) {
  int reached = -1;
  Result<int> r = Quarter(6, reached);  // 6 -> 3, then 3 is odd
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(r.status().reason(), "odd");
  EXPECT_EQ(reached, 1);
}

TEST(CoreStatusMacros, AssignOrReturnStopsAtTheFirstError) {
  int reached = -1;
  Result<int> r = Quarter(5, reached);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(reached, 0);
}

TEST(CoreStatusMacros, ReturnIfErrorPassesOk) {
  int reached = -1;
  EXPECT_TRUE(CheckEven(4, reached).ok());
  EXPECT_EQ(reached, 1);
}

TEST(CoreStatusMacros, ReturnIfErrorReturnsTheError) {
  int reached = -1;
  Status s = CheckEven(3, reached);
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_EQ(reached, 0);
}

}  // namespace
}  // namespace paramsafe::core
