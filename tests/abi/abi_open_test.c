/* open() and close(): bad configurations are error values, not crashes and not
 * output; a good one opens the scratch database, and its handle closes. */
#include <stdio.h>
#include <string.h>

#include <paramsafe/plugin.h>

#include "abi_fixtures.h"
#include "abi_harness.h"
#include "abi_scratch_db.h"
#include "abi_tests.h"

typedef struct bad_config {
  const char* why;
  const char* json;
  const char* must_not_contain; /* NULL: nothing */
} bad_config;

static void check_open_refuses(const bad_config* c) {
  paramsafe_error err;
  static char sentinel;
  paramsafe_handle* h = (paramsafe_handle*)(void*)&sentinel; /* open() must reset it */
  capture cap;
  char out[1024];
  int rc, cap_ok;
  long bytes;
  fill_error(&err);
  cap_ok = capture_begin(&cap);
  rc = P->open(c->json, strlen(c->json), &h, &err);
  bytes = capture_end(&cap, out, sizeof(out));
  if (!CHECK_INT(rc, PARAMSAFE_AWS_ERROR)) printf("  case: %s\n", c->why);
  CHECK_QUIET(cap_ok, bytes, out);
  if (!CHECK_MSG(h == NULL, "open() left a non-NULL handle")) printf("  case: %s\n", c->why);
  CHECK(err.type[0] != '\0');
  CHECK(err.message[0] != '\0');
  CHECK(err.http_status >= 400 && err.http_status <= 599);
  CHECK(memchr(err.type, '\0', sizeof(err.type)) != NULL);
  CHECK(memchr(err.message, '\0', sizeof(err.message)) != NULL);
  if (c->must_not_contain != NULL) CHECK_NOT_CONTAINS(err.message, c->must_not_contain);
  if (rc == PARAMSAFE_OK && h != NULL) P->close(h);
}

/* 4. Bad configurations are error values, not crashes and not output. */
void test_open_refuses_bad_configs(void) {
  /* 63 and 64 characters of key text; distinctive so a leak is easy to spot. */
  static const char kShortKey[] =
      "c0ffee1234567890abcdef1234567890abcdef1234567890abcdef123456789";
  static const char kNonHexKey[] =
      "c0ffee1234567890abcdef1234567890abcdef1234567890abcdef12345678zz";
  char json[2048];
  bad_config c;
  g_test = "open refuses a bad config";

  c.must_not_contain = NULL;
  c.why = "not JSON";
  c.json = "this is { not json";
  check_open_refuses(&c);
  c.why = "JSON but not an object";
  c.json = "[\"database_url\"]";
  check_open_refuses(&c);
  c.why = "empty config";
  c.json = "";
  check_open_refuses(&c);
  c.why = "no database_url";
  c.json = "{\"root_key_hex\":\"" /* valid key, missing URL */
           "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\"}";
  check_open_refuses(&c);

  g_test = "open refuses an unreachable database";
  c.why = "unreachable database";
  c.json = "{\"database_url\":\"postgresql://nobody@127.0.0.1:1/x?connect_timeout=2\","
           "\"root_key_hex\":\"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\"}";
  check_open_refuses(&c);

  /* The key is checked against a reachable database, so the key itself is what
   * fails. */
  g_test = "open refuses a bad root key";
  if (!CHECK_MSG(g_db_url[0] != '\0', "no scratch database for the bad-key case")) return;
  c.why = "63-character root_key_hex";
  snprintf(json, sizeof(json), "{\"database_url\":\"%s\",\"root_key_hex\":\"%s\"}", g_db_url,
           kShortKey);
  c.json = json;
  c.must_not_contain = "c0ffee1234567890";
  check_open_refuses(&c);
  c.why = "64 characters that are not all hex";
  snprintf(json, sizeof(json), "{\"database_url\":\"%s\",\"root_key_hex\":\"%s\"}", g_db_url,
           kNonHexKey);
  check_open_refuses(&c);
}

/* 5. A good config opens the scratch database. */
void test_open_with_good_config(void) {
  char json[2048];
  paramsafe_error err;
  capture cap;
  char out[1024];
  int rc, cap_ok;
  long bytes;
  g_test = "open with a good config";
  if (!CHECK_MSG(g_db_url[0] != '\0', "no scratch database to open")) return;
  snprintf(json, sizeof(json),
           "{\"database_url\":\"%s\","
           "\"root_key_hex\":\"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\","
           "\"account_id\":\"123456789012\"}",
           g_db_url);
  fill_error(&err);
  cap_ok = capture_begin(&cap);
  rc = P->open(json, strlen(json), &g_handle, &err);
  bytes = capture_end(&cap, out, sizeof(out));
  if (!CHECK_INT(rc, PARAMSAFE_OK)) printf("  error: %s: %s\n", err.type, err.message);
  CHECK_QUIET(cap_ok, bytes, out);
  CHECK(g_handle != NULL);
  CHECK_MSG(error_is_clear(&err), "open() cleared the error record on success");
  if (rc != PARAMSAFE_OK) g_handle = NULL;
  if (g_handle != NULL) grant_abi_principal();
}

/* 10. close() the handle (main then dlclose()s the plugin). */
void test_close(void) {
  g_test = "close";
  if (!CHECK_MSG(g_handle != NULL, "no open handle")) return;
  CHECK_INT(P->close(g_handle), PARAMSAFE_OK);
  g_handle = NULL;
}
