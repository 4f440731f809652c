// The boundary guard: error records are always terminated, truncated on a
// character boundary, and exceptions become codes.
#include "abi/guard.h"

#include <gtest/gtest.h>

#include <cstring>
#include <stdexcept>
#include <string>

namespace paramsafe::abi {
namespace {

TEST(AbiGuard, LongMessageIsTruncatedOnACharacterBoundary) {
  paramsafe_error err;
  std::string message;
  // é is two bytes: the 511-byte limit falls inside the 256th one.
  for (int i = 0; i < 400; ++i) message += "\xC3\xA9";
  SetError(&err, 400, "ValidationException", message, false);
  std::size_t n = std::strlen(err.message);
  EXPECT_LT(n, sizeof(err.message));
  EXPECT_GT(n, sizeof(err.message) - 4);
  // The last byte kept is not the lead byte of a character cut in half.
  EXPECT_NE(static_cast<unsigned char>(err.message[n - 1]) & 0xE0, 0xC0u);
}

TEST(AbiGuard, ShortMessageIsCopiedWhole) {
  paramsafe_error err;
  SetError(&err, 400, "ParameterNotFound", "Parameter /x not found.", false);
  EXPECT_STREQ(err.type, "ParameterNotFound");
  EXPECT_STREQ(err.message, "Parameter /x not found.");
  EXPECT_EQ(err.http_status, 400);
}

TEST(AbiGuard, ExceptionBecomesInternalCode) {
  paramsafe_error err;
  int rc = Guard(&err, []() -> int { throw std::runtime_error("secret detail"); });
  EXPECT_EQ(rc, PARAMSAFE_E_INTERNAL);
  EXPECT_STREQ(err.type, "InternalFailure");
  EXPECT_EQ(std::string(err.message).find("secret detail"), std::string::npos);
}

TEST(AbiGuard, BadAllocBecomesNoMemory) {
  paramsafe_error err;
  int rc = Guard(&err, []() -> int { throw std::bad_alloc(); });
  EXPECT_EQ(rc, PARAMSAFE_E_NO_MEMORY);
}

}  // namespace
}  // namespace paramsafe::abi
