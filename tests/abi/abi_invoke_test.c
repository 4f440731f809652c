/* invoke(): a round trip, the AWS errors it answers with (through both the sink
 * and the error record), and a sink that refuses the response. */
#include <stdio.h>
#include <string.h>

#include <paramsafe/plugin.h>

#include "abi_fixtures.h"
#include "abi_harness.h"
#include "abi_tests.h"

/* 6a. PutParameter then GetParameter, with a principal the host filled itself. */
void test_invoke_put_then_get(void) {
  sink_buf s = {0, 0, NULL, 0, 0};
  paramsafe_error err;
  capture cap;
  char out[1024];
  int rc, rc_get, rc_plain, cap_ok;
  long bytes;
  sink_buf get = {0, 0, NULL, 0, 0}, plain = {0, 0, NULL, 0, 0};
  paramsafe_error err_get, err_plain;
  g_test = "invoke PutParameter + GetParameter";
  if (!CHECK_MSG(g_handle != NULL, "no open handle")) return;
  fill_error(&err);
  fill_error(&err_get);
  fill_error(&err_plain);
  cap_ok = capture_begin(&cap);
  rc = invoke(g_handle, ssm_principal(), "AmazonSSM.PutParameter",
              "{\"Name\":\"/abi/test\",\"Value\":\"v1\",\"Type\":\"SecureString\"}", &s, &err);
  rc_get = invoke(g_handle, ssm_principal(), "AmazonSSM.GetParameter",
                  "{\"Name\":\"/abi/test\",\"WithDecryption\":true}", &get, &err_get);
  rc_plain = invoke(g_handle, ssm_principal(), "AmazonSSM.GetParameter",
                    "{\"Name\":\"/abi/test\"}", &plain, &err_plain);
  bytes = capture_end(&cap, out, sizeof(out));
  CHECK_QUIET(cap_ok, bytes, out);

  if (!CHECK_INT(rc, PARAMSAFE_OK)) printf("  error: %s: %s\n", err.type, err.message);
  CHECK_INT(s.calls, 1);
  CHECK_INT(s.status, 200);
  CHECK_CONTAINS(s.body, "\"Version\"");
  CHECK_MSG(error_is_clear(&err), "invoke() cleared the error record on success");

  if (!CHECK_INT(rc_get, PARAMSAFE_OK)) printf("  error: %s: %s\n", err_get.type, err_get.message);
  CHECK_INT(get.calls, 1);
  CHECK_INT(get.status, 200);
  CHECK_CONTAINS(get.body, "\"Value\":\"v1\"");
  CHECK_CONTAINS(get.body, "arn:aws:ssm:eu-west-1:123456789012:parameter/abi/test");
  CHECK_CONTAINS(get.body, "SecureString");

  /* Without WithDecryption a SecureString comes back as ciphertext. */
  CHECK_INT(rc_plain, PARAMSAFE_OK);
  CHECK_INT(plain.status, 200);
  CHECK_NOT_CONTAINS(plain.body, "\"Value\":\"v1\"");
  sink_reset(&s);
  sink_reset(&get);
  sink_reset(&plain);
}

/* Runs one call that must be answered with an AWS error through both the sink and
 * err; returns with the sink's body still in s (caller resets). */
static void check_aws_error(const paramsafe_principal* principal, const char* target,
                            const char* body, const char* type, sink_buf* s) {
  paramsafe_error err;
  int rc;
  fill_error(&err);
  rc = invoke(g_handle, principal, target, body, s, &err);
  CHECK_INT(rc, PARAMSAFE_AWS_ERROR);
  CHECK_INT(s->calls, 1);
  CHECK_INT(s->status, 400);
  CHECK_INT(err.http_status, 400);
  CHECK_STR(err.type, type);
  CHECK(err.message[0] != '\0');
  CHECK_CONTAINS(s->body, "\"__type\"");
  CHECK_CONTAINS(s->body, type);
}

/* 6b. A missing parameter: ParameterNotFound, 400, AWS error shape. */
void test_invoke_missing_parameter(void) {
  sink_buf s = {0, 0, NULL, 0, 0};
  g_test = "invoke GetParameter of a missing name";
  if (!CHECK_MSG(g_handle != NULL, "no open handle")) return;
  check_aws_error(ssm_principal(), "AmazonSSM.GetParameter", "{\"Name\":\"/abi/missing\"}",
                  "ParameterNotFound", &s);
  sink_reset(&s);
}

/* 6c. Unknown action of a known service. */
void test_invoke_unknown_action(void) {
  sink_buf s = {0, 0, NULL, 0, 0};
  g_test = "invoke an unknown action";
  if (!CHECK_MSG(g_handle != NULL, "no open handle")) return;
  check_aws_error(ssm_principal(), "AmazonSSM.NoSuchAction", "{}", "UnknownOperationException",
                  &s);
  sink_reset(&s);
}

/* 6d. A target without a dot. */
void test_invoke_target_without_dot(void) {
  sink_buf s = {0, 0, NULL, 0, 0};
  g_test = "invoke a target without a dot";
  if (!CHECK_MSG(g_handle != NULL, "no open handle")) return;
  check_aws_error(ssm_principal(), "AmazonSSMGetParameter", "{\"Name\":\"/abi/test\"}",
                  "UnknownOperationException", &s);
  sink_reset(&s);
  check_aws_error(ssm_principal(), "AmazonSSM.", "{}", "UnknownOperationException", &s);
  sink_reset(&s);
}

/* 6e. Secrets Manager answers through the same slot: a missing secret is its
 * ResourceNotFoundException (with "Message", its model's member), an operation
 * not built yet is UnknownOperationException. The principal must be scoped to
 * secretsmanager: a signature scoped to ssm is refused for another service. */
void test_invoke_secretsmanager(void) {
  sink_buf s = {0, 0, NULL, 0, 0};
  paramsafe_principal sm = *ssm_principal();
  g_test = "invoke secretsmanager.GetSecretValue";
  if (!CHECK_MSG(g_handle != NULL, "no open handle")) return;
  strcpy(sm.service, "secretsmanager");
  check_aws_error(&sm, "secretsmanager.GetSecretValue", "{\"SecretId\":\"abi\"}",
                  "ResourceNotFoundException", &s);
  CHECK_CONTAINS(s.body, "\"Message\"");
  sink_reset(&s);

  g_test = "invoke secretsmanager.RotateSecret";
  check_aws_error(&sm, "secretsmanager.RotateSecret", "{\"SecretId\":\"abi\"}",
                  "UnknownOperationException", &s);
  sink_reset(&s);

  g_test = "invoke with a principal scoped to another service";
  check_aws_error(ssm_principal(), "secretsmanager.GetSecretValue", "{\"SecretId\":\"abi\"}",
                  "InvalidSignatureException", &s);
  sink_reset(&s);
}

/* 6f. Malformed JSON. */
void test_invoke_malformed_json(void) {
  sink_buf s = {0, 0, NULL, 0, 0};
  g_test = "invoke with malformed JSON";
  if (!CHECK_MSG(g_handle != NULL, "no open handle")) return;
  check_aws_error(ssm_principal(), "AmazonSSM.GetParameter", "{\"Name\":", "SerializationException",
                  &s);
  sink_reset(&s);
  check_aws_error(ssm_principal(), "AmazonSSM.GetParameter", "[1,2]", "SerializationException",
                  &s);
  sink_reset(&s);
}

/* 6g. A sink that refuses the response. */
void test_invoke_sink_failure(void) {
  sink_buf s = {0, 0, NULL, 0, 1};
  paramsafe_error err;
  int rc;
  g_test = "invoke with a failing sink";
  if (!CHECK_MSG(g_handle != NULL, "no open handle")) return;
  fill_error(&err);
  rc = invoke(g_handle, ssm_principal(), "AmazonSSM.GetParameter",
              "{\"Name\":\"/abi/test\",\"WithDecryption\":true}", &s, &err);
  CHECK_INT(rc, PARAMSAFE_E_SINK);
  CHECK_INT(s.calls, 1);
  /* plugin.h: "The plugin fills it on every non-zero return". */
  CHECK_MSG(err.type[0] != '\0' && err.message[0] != '\0',
            "err is filled when invoke() returns PARAMSAFE_E_SINK");
  CHECK_NOT_CONTAINS(err.message, "v1");
  sink_reset(&s);

  /* Also when the answer was an AWS error. */
  s.fail = 1;
  fill_error(&err);
  rc = invoke(g_handle, ssm_principal(), "AmazonSSM.GetParameter", "{\"Name\":\"/abi/missing\"}",
              &s, &err);
  CHECK_INT(rc, PARAMSAFE_E_SINK);
  CHECK_INT(s.calls, 1);
  CHECK(err.type[0] != '\0');
  sink_reset(&s);
}
