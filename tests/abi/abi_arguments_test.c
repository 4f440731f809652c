/* Misuse of the ABI: bad arguments and pointers that are not handles are refused
 * with negative codes, never followed; close(NULL) is a no-op. */
#include <string.h>

#include <paramsafe/plugin.h>

#include "abi_fixtures.h"
#include "abi_harness.h"
#include "abi_tests.h"

/* 8a. Bad arguments are refused with negative codes. */
void test_bad_arguments(void) {
  sink_buf s = {0, 0, NULL, 0, 0};
  paramsafe_error err;
  paramsafe_call call;
  paramsafe_principal who;
  paramsafe_handle* h = NULL;
  http_req r;
  static const char kTarget[] = "AmazonSSM.GetParameter";
  static const char kBody[] = "{\"Name\":\"/abi/test\"}";
  int rc;
  g_test = "bad arguments";
  if (!CHECK_MSG(g_handle != NULL, "no open handle")) return;
  memset(&call, 0, sizeof(call));
  call.struct_size = sizeof(call);
  call.principal = ssm_principal();
  call.target = kTarget;
  call.target_len = sizeof(kTarget) - 1;
  call.body = kBody;
  call.body_len = sizeof(kBody) - 1;

  fill_error(&err);
  rc = P->invoke(g_handle, NULL, sink_fn, &s, &err);
  CHECK_INT(rc, PARAMSAFE_E_BAD_ARGUMENT);
  CHECK(err.type[0] != '\0');

  fill_error(&err);
  rc = P->invoke(g_handle, &call, NULL, &s, &err);
  CHECK_INT(rc, PARAMSAFE_E_BAD_ARGUMENT);

  call.struct_size = sizeof(call) - 1;
  rc = P->invoke(g_handle, &call, sink_fn, &s, &err);
  CHECK_INT(rc, PARAMSAFE_E_BAD_ARGUMENT);
  call.struct_size = 0;
  rc = P->invoke(g_handle, &call, sink_fn, &s, &err);
  CHECK_INT(rc, PARAMSAFE_E_BAD_ARGUMENT);
  call.struct_size = sizeof(call);

  call.principal = NULL;
  rc = P->invoke(g_handle, &call, sink_fn, &s, &err);
  CHECK_INT(rc, PARAMSAFE_E_BAD_ARGUMENT);
  call.principal = ssm_principal();

  rc = P->invoke(g_handle, &call, sink_fn, &s, NULL);
  CHECK_INT(rc, PARAMSAFE_E_BAD_ARGUMENT);
  CHECK_INT(s.calls, 0);

  make_request(&r, NULL, NULL);
  rc = P->authenticate(g_handle, NULL, &who, &err);
  CHECK_INT(rc, PARAMSAFE_E_BAD_ARGUMENT);
  rc = P->authenticate(g_handle, &r.req, NULL, &err);
  CHECK_INT(rc, PARAMSAFE_E_BAD_ARGUMENT);
  rc = P->authenticate(g_handle, &r.req, &who, NULL);
  CHECK_INT(rc, PARAMSAFE_E_BAD_ARGUMENT);
  r.req.struct_size = sizeof(r.req) - 1;
  rc = P->authenticate(g_handle, &r.req, &who, &err);
  CHECK_INT(rc, PARAMSAFE_E_BAD_ARGUMENT);
  make_request(&r, NULL, NULL);
  r.req.headers = NULL; /* header_count > 0 */
  rc = P->authenticate(g_handle, &r.req, &who, &err);
  CHECK_INT(rc, PARAMSAFE_E_BAD_ARGUMENT);

  rc = P->open("{}", 2, NULL, &err);
  CHECK(rc < 0);
  rc = P->open("{}", 2, &h, NULL);
  CHECK(rc < 0);
  CHECK(h == NULL);
  sink_reset(&s);
}

/* 8b. A pointer that is not a handle is refused, not followed. */
void test_bad_handle(void) {
  struct {
    unsigned char bytes[256];
  } not_a_handle;
  paramsafe_handle* fake = (paramsafe_handle*)(void*)&not_a_handle;
  sink_buf s = {0, 0, NULL, 0, 0};
  paramsafe_error err;
  paramsafe_principal who;
  http_req r;
  int rc;
  g_test = "bad handle";
  memset(&not_a_handle, 0, sizeof(not_a_handle));

  fill_error(&err);
  rc = invoke(fake, ssm_principal(), "AmazonSSM.GetParameter", "{\"Name\":\"/abi/test\"}", &s,
              &err);
  CHECK_INT(rc, PARAMSAFE_E_BAD_HANDLE);
  CHECK_INT(s.calls, 0);
  CHECK(err.type[0] != '\0');

  rc = invoke(NULL, ssm_principal(), "AmazonSSM.GetParameter", "{}", &s, &err);
  CHECK_INT(rc, PARAMSAFE_E_BAD_HANDLE);

  make_request(&r, NULL, "20240101T000000Z");
  fill_error(&err);
  rc = P->authenticate(fake, &r.req, &who, &err);
  CHECK_INT(rc, PARAMSAFE_E_BAD_HANDLE);
  CHECK(err.type[0] != '\0');
  rc = P->authenticate(NULL, &r.req, &who, &err);
  CHECK_INT(rc, PARAMSAFE_E_BAD_HANDLE);

  rc = P->close(fake);
  CHECK_INT(rc, PARAMSAFE_E_BAD_HANDLE);
  sink_reset(&s);
}

/* 8c. close(NULL) is a no-op. */
void test_close_null(void) {
  g_test = "close(NULL)";
  CHECK_INT(P->close(NULL), PARAMSAFE_OK);
}
