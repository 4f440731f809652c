// Unit tests of auth/canonical_request.h beyond what the SigV4 suite covers.
#include "auth/canonical_request.h"

#include <gtest/gtest.h>

#include "http_message.h"

namespace paramsafe::auth {
namespace {

using testing::HttpMessage;

TEST(AuthCanonicalRequestTest, UriEncodeKeepsOnlyUnreserved) {
  EXPECT_EQ(UriEncode("aZ09-_.~", false), "aZ09-_.~");
  EXPECT_EQ(UriEncode("a b/c+d=e%", false), "a%20b%2Fc%2Bd%3De%25");
  EXPECT_EQ(UriEncode("a b/c", true), "a%20b/c");
  EXPECT_EQ(UriEncode("\xE1\x88\xB4", false), "%E1%88%B4");
}

TEST(AuthCanonicalRequestTest, PathIsEncodedOnceMoreAsSent) {
  // Every service but S3 signs the already-encoded path encoded again.
  EXPECT_EQ(CanonicalUri("/a%2Fb", true), "/a%252Fb");
  EXPECT_EQ(CanonicalUri("/a%20b", false), "/a%2520b");
  EXPECT_EQ(CanonicalUri("", true), "/");
  EXPECT_EQ(CanonicalUri("", false), "/");
}

TEST(AuthCanonicalRequestTest, NormalizationRemovesDotSegmentsAndEmptySegments) {
  EXPECT_EQ(CanonicalUri("/", true), "/");
  EXPECT_EQ(CanonicalUri("/a/./b/../c", true), "/a/c");
  EXPECT_EQ(CanonicalUri("/../../a", true), "/a");
  EXPECT_EQ(CanonicalUri("//a//b//", true), "/a/b/");
  EXPECT_EQ(CanonicalUri("/a/..", true), "/");
  EXPECT_EQ(CanonicalUri("/a/../", true), "/");
  EXPECT_EQ(CanonicalUri("//a//b//", false), "//a//b//");
}

TEST(AuthCanonicalRequestTest, QuerySortsByNameThenValue) {
  EXPECT_EQ(CanonicalQueryString("Param-3=c&Param=b&Param=a"), "Param=a&Param=b&Param-3=c");
  EXPECT_EQ(CanonicalQueryString("b=2&a=1"), "a=1&b=2");
  EXPECT_EQ(CanonicalQueryString("B=1&a=1"), "B=1&a=1");
}

TEST(AuthCanonicalRequestTest, QueryIsDecodedThenReencoded) {
  EXPECT_EQ(CanonicalQueryString("k=%7e%41%2f"), "k=~A%2F");
  EXPECT_EQ(CanonicalQueryString("k=a b+c"), "k=a%20b%2Bc");
  EXPECT_EQ(CanonicalQueryString("k=100%"), "k=100%25");
  EXPECT_EQ(CanonicalQueryString("k=%zz"), "k=%25zz");
}

TEST(AuthCanonicalRequestTest, QueryParameterWithoutValueGetsEmptyValue) {
  EXPECT_EQ(CanonicalQueryString("flag&a=1"), "a=1&flag=");
  EXPECT_EQ(CanonicalQueryString("a=&&b"), "a=&b=");
  EXPECT_EQ(CanonicalQueryString(""), "");
}

TEST(AuthCanonicalRequestTest, HeaderValuesAreTrimmedAndCollapsed) {
  EXPECT_EQ(CanonicalHeaderValue("  a   b \t c  "), "a b c");
  EXPECT_EQ(CanonicalHeaderValue("value1\n  value2\r\n\tvalue3"), "value1 value2 value3");
  EXPECT_EQ(CanonicalHeaderValue("   "), "");
  EXPECT_EQ(CanonicalHeaderValue("\"a   b\""), "\"a b\"");
}

TEST(AuthCanonicalRequestTest, RepeatedHeadersJoinInArrivalOrderAndNamesIgnoreCase) {
  HttpMessage m;
  m.AddHeader("X-B", " 2 ");
  m.AddHeader("x-a", "1");
  m.AddHeader("X-b", "1");
  m.AddHeader("X-Unsigned", "z");
  EXPECT_EQ(CanonicalHeaders(m.View(), {"x-a", "x-b"}), "x-a:1\nx-b:2,1\n");
}

TEST(AuthCanonicalRequestTest, SignedHeaderAbsentFromRequestSignsEmpty) {
  HttpMessage m;
  m.AddHeader("Host", "h");
  EXPECT_EQ(CanonicalHeaders(m.View(), {"host", "x-missing"}), "host:h\nx-missing:\n");
}

}  // namespace
}  // namespace paramsafe::auth
