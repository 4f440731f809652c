/* authenticate(): requests without a usable signature are refused with the AWS
 * error a client expects, and a foreign credential is never echoed. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <paramsafe/plugin.h>

#include "abi_fixtures.h"
#include "abi_harness.h"
#include "abi_tests.h"

static int authenticate(http_req* r, paramsafe_principal* out, paramsafe_error* err) {
  fill_error(err);
  memset(out, 0, sizeof(*out));
  return P->authenticate(g_handle, &r->req, out, err);
}

/* 7a. No Authorization header at all; also a header in another scheme. */
void test_authenticate_missing_token(void) {
  http_req r;
  paramsafe_principal who;
  paramsafe_error err;
  int rc;
  g_test = "authenticate without Authorization";
  if (!CHECK_MSG(g_handle != NULL, "no open handle")) return;
  make_request(&r, NULL, "20240101T000000Z");
  rc = authenticate(&r, &who, &err);
  CHECK_INT(rc, PARAMSAFE_AWS_ERROR);
  CHECK_STR(err.type, "MissingAuthenticationTokenException");
  CHECK_INT(err.http_status, 400);
  CHECK(err.message[0] != '\0');

  /* Not an AWS scheme at all: answered as a missing token, and the foreign
   * credential is not echoed. */
  g_test = "authenticate with a non-AWS scheme";
  make_request(&r, "Bearer s3cr3t-t0ken-abi", "20240101T000000Z");
  rc = authenticate(&r, &who, &err);
  CHECK_INT(rc, PARAMSAFE_AWS_ERROR);
  CHECK_STR(err.type, "MissingAuthenticationTokenException");
  CHECK_NOT_CONTAINS(err.message, "s3cr3t-t0ken-abi");
}

/* 7b. An AWS4 header that cannot be parsed. */
void test_authenticate_garbage_header(void) {
  http_req r;
  paramsafe_principal who;
  paramsafe_error err;
  int rc;
  g_test = "authenticate with a garbage Authorization";
  if (!CHECK_MSG(g_handle != NULL, "no open handle")) return;
  make_request(&r, "AWS4-HMAC-SHA256 garbage!@#", "20240101T000000Z");
  rc = authenticate(&r, &who, &err);
  CHECK_INT(rc, PARAMSAFE_AWS_ERROR);
  CHECK_STR(err.type, "IncompleteSignatureException");
  CHECK(err.message[0] != '\0');
  make_request(&r, "AWS4-HMAC-SHA256 Credential=, SignedHeaders=, Signature=", "20240101T000000Z");
  rc = authenticate(&r, &who, &err);
  CHECK_INT(rc, PARAMSAFE_AWS_ERROR);
  CHECK_STR(err.type, "IncompleteSignatureException");
}

/* 7c. A well-formed, current header for an access key the store does not know. */
void test_authenticate_unknown_key(void) {
  http_req r;
  paramsafe_principal who;
  paramsafe_error err;
  char amz_date[32], day[16], authorization[512];
  time_t now = time(NULL);
  struct tm tm;
  int rc;
  g_test = "authenticate an unknown access key";
  if (!CHECK_MSG(g_handle != NULL, "no open handle")) return;
  gmtime_r(&now, &tm);
  strftime(amz_date, sizeof(amz_date), "%Y%m%dT%H%M%SZ", &tm);
  strftime(day, sizeof(day), "%Y%m%d", &tm);
  snprintf(authorization, sizeof(authorization),
           "AWS4-HMAC-SHA256 Credential=TESTABIUNKNOWNKEY001/%s/eu-west-1/ssm/aws4_request, "
           "SignedHeaders=host;x-amz-date;x-amz-target, "
           "Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
           day);
  make_request(&r, authorization, amz_date);
  rc = authenticate(&r, &who, &err);
  CHECK_INT(rc, PARAMSAFE_AWS_ERROR);
  if (!CHECK_STR(err.type, "UnrecognizedClientException")) printf("  message: %s\n", err.message);
  CHECK_INT(err.http_status, 400);
  CHECK(err.message[0] != '\0');
}
