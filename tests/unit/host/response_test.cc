// AWS error bodies, request ids, dates and wiping.
#include "response.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <set>

#include "test_util.h"

namespace paramsafe::host {
namespace {

TEST(HostResponseTest, ErrorBodyIsEscapedJson) {
  const std::string message = "a \"quoted\" \\ back\nslash\x01 \xC3\xA9";
  Response r = ErrorResponse(400, "ValidationException", message);
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.error_type, "ValidationException");
  auto v = boost::json::parse(r.body).as_object();
  EXPECT_EQ(v.at("__type").as_string(), "ValidationException");
  EXPECT_EQ(v.at("message").as_string(), message);
  EXPECT_NE(r.body.find(R"(a \"quoted\" \\ back\nslash\u0001)"), std::string::npos) << r.body;
}

TEST(HostResponseTest, InvalidUtf8IsReplaced) {
  EXPECT_EQ(ToValidUtf8("ok \xC3\xA9"), "ok \xC3\xA9");
  EXPECT_EQ(ToValidUtf8("cut \xE2\x82"), "cut \xEF\xBF\xBD\xEF\xBF\xBD");  // truncated euro sign
  EXPECT_EQ(ToValidUtf8("\xFF"), "\xEF\xBF\xBD");
  EXPECT_EQ(ToValidUtf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
  EXPECT_EQ(ToValidUtf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(ToValidUtf8("\xF0\x9F\x94\x91"), "\xF0\x9F\x94\x91");
}

TEST(HostResponseTest, ErrorTypeCannotInjectHeaders) {
  EXPECT_EQ(SafeErrorType("ParameterNotFound"), "ParameterNotFound");
  EXPECT_EQ(SafeErrorType("com.amazonaws.ssm#ParameterNotFound"),
            "com.amazonaws.ssm#ParameterNotFound");
  EXPECT_EQ(SafeErrorType("Bad\r\nX-Evil: 1"), "InternalFailure");
  EXPECT_EQ(SafeErrorType(""), "InternalFailure");
  EXPECT_EQ(ErrorResponse(400, "a b", "m").error_type, "InternalFailure");
}

TEST(HostResponseTest, Uuid4CheckRejectsOtherShapes) {
  EXPECT_TRUE(testing::IsUuid4("0e924c18-a24f-496f-b013-88b729b19960"));
  EXPECT_FALSE(testing::IsUuid4("0e924c18-a24f-196f-b013-88b729b19960"));  // version 1
  EXPECT_FALSE(testing::IsUuid4("0e924c18-a24f-496f-c013-88b729b19960"));  // variant
  EXPECT_FALSE(testing::IsUuid4("0E924C18-A24F-496F-B013-88B729B19960"));  // uppercase
}

TEST(HostResponseTest, HealthBody) { EXPECT_EQ(HealthResponse().body, R"({"status":"ok"})"); }

TEST(HostResponseTest, RequestIdsAreDistinctUuid4) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string id = NewRequestId();
    ASSERT_TRUE(testing::IsUuid4(id)) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(HostResponseTest, HttpDateIsImfFixdate) {
  auto t = std::chrono::system_clock::from_time_t(784111777);
  EXPECT_EQ(HttpDate(t), "Sun, 06 Nov 1994 08:49:37 GMT");
}

TEST(HostResponseTest, WipeStringEmptiesTheString) {
  std::string s(100, 's');
  WipeString(s);
  EXPECT_TRUE(s.empty());
}

TEST(HostResponseTest, MoveAssignmentReplacesTheBody) {
  Response a(200, "", "secret-a");
  Response b(400, "T", "b");
  a = std::move(b);
  EXPECT_EQ(a.status, 400u);
  EXPECT_EQ(a.body, "b");
  EXPECT_EQ(a.error_type, "T");
}

}  // namespace
}  // namespace paramsafe::host
