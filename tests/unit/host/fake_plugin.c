/* A fake paramsafe plugin for the host's tests only, in plain C against plugin.h.
 *
 * authenticate: accepts "Authorization: good"; "Authorization: quote" is refused with
 *   a message full of JSON-special characters; anything else is refused with
 *   InvalidSignatureException (400).
 * invoke: echoes {"target","body_length","request_id","source_ip","principal"};
 *   "AmazonSSM.Nope"     -> UnknownOperationException (400) through the sink;
 *   "AmazonSSM.Slow"     -> sleeps 300 ms, then echoes;
 *   "AmazonSSM.VerySlow" -> sleeps 1500 ms, then echoes;
 *   "AmazonSSM.Negative" -> PARAMSAFE_E_INTERNAL without calling the sink;
 *   "AmazonSSM.NoSink"   -> PARAMSAFE_OK without calling the sink (a plugin bug).
 * open: refuses a config containing "fail" with ValidationException; a config
 *   containing "broken-metrics" makes the metrics slot fail.
 * metrics: pushes kFakeMetrics (below) with status 200, or returns
 *   PARAMSAFE_E_INTERNAL after an open with "broken-metrics".
 *
 * fake_plugin_calls_in_progress() (exported for the tests) counts running invokes.
 *
 * Built in variants (FAKE_VARIANT): 0 normal; 1 serves only ABI major 2; 2 its table
 * ends before the invoke slot; 3 exports no entry point; 4 an ABI 1.0 plugin, its
 * table ending before the metrics slot.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "paramsafe/plugin.h"

#ifndef FAKE_VARIANT
#define FAKE_VARIANT 0
#endif

#define EXPORT __attribute__((visibility("default")))

struct paramsafe_handle {
  int magic;
};

static void set_error(paramsafe_error* err, int status, const char* type, const char* msg) {
  err->http_status = status;
  err->retryable = 0;
  snprintf(err->type, sizeof(err->type), "%s", type);
  snprintf(err->message, sizeof(err->message), "%s", msg);
}

static void clear_error(paramsafe_error* err) { memset(err, 0, sizeof(*err)); }

static int contains(const char* hay, size_t hay_len, const char* needle) {
  size_t n = strlen(needle);
  for (size_t i = 0; i + n <= hay_len; ++i) {
    if (memcmp(hay + i, needle, n) == 0) return 1;
  }
  return 0;
}

static int equals_nocase(const char* a, size_t a_len, const char* b) {
  size_t n = strlen(b);
  if (a_len != n) return 0;
  for (size_t i = 0; i < n; ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = (char)(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = (char)(y - 'A' + 'a');
    if (x != y) return 0;
  }
  return 1;
}

static int equals(const char* a, size_t a_len, const char* b) {
  return a_len == strlen(b) && memcmp(a, b, a_len) == 0;
}

static int metrics_broken = 0;

static int fake_open(const char* config_json, size_t config_len, paramsafe_handle** out,
                     paramsafe_error* err) {
  static paramsafe_handle handle = {0x5AFE};
  metrics_broken = contains(config_json, config_len, "broken-metrics");
  if (contains(config_json, config_len, "fail")) {
    set_error(err, 400, "ValidationException", "database_url is unreachable");
    return PARAMSAFE_AWS_ERROR;
  }
  clear_error(err);
  *out = &handle;
  return PARAMSAFE_OK;
}

static int fake_close(paramsafe_handle* handle) {
  (void)handle;
  return PARAMSAFE_OK;
}

static int fake_authenticate(paramsafe_handle* handle, const paramsafe_http_request* request,
                             paramsafe_principal* out, paramsafe_error* err) {
  if (handle == NULL || handle->magic != 0x5AFE) return PARAMSAFE_E_BAD_HANDLE;
  if (request->struct_size < sizeof(paramsafe_http_request)) return PARAMSAFE_E_BAD_ARGUMENT;
  for (size_t i = 0; i < request->header_count; ++i) {
    const paramsafe_header* h = &request->headers[i];
    if (!equals_nocase(h->name, h->name_len, "authorization")) continue;
    if (equals(h->value, h->value_len, "good")) {
      clear_error(err);
      memset(out, 0, sizeof(*out));
      snprintf(out->arn, sizeof(out->arn), "arn:aws:iam::123456789012:user/tester");
      snprintf(out->access_key_id, sizeof(out->access_key_id), "AKIDEXAMPLE");
      snprintf(out->account_id, sizeof(out->account_id), "123456789012");
      snprintf(out->region, sizeof(out->region), "us-east-1");
      snprintf(out->service, sizeof(out->service), "ssm");
      return PARAMSAFE_OK;
    }
    if (equals(h->value, h->value_len, "quote")) {
      set_error(err, 400, "InvalidSignatureException",
                "He said \"no\" \\ then left\n\ttab </script>");
      return PARAMSAFE_AWS_ERROR;
    }
  }
  set_error(err, 400, "InvalidSignatureException",
            "The request signature we calculated does not match the signature you "
            "provided.");
  return PARAMSAFE_AWS_ERROR;
}

/* Appends `s` to `out` as a JSON string body, dropping anything but safe bytes
 * (the tests only send plain targets). */
static void append_plain(char* out, size_t cap, const char* s, size_t len) {
  size_t used = strlen(out);
  for (size_t i = 0; i < len && used + 1 < cap; ++i) {
    char c = s[i];
    if (c == '"' || c == '\\' || (unsigned char)c < 0x20) continue;
    out[used++] = c;
  }
  out[used] = '\0';
}

static int calls_in_progress = 0;

EXPORT int fake_plugin_calls_in_progress(void) {
  return __atomic_load_n(&calls_in_progress, __ATOMIC_SEQ_CST);
}

static int invoke(paramsafe_handle* handle, const paramsafe_call* call, paramsafe_sink_fn sink,
                  void* sink_ctx, paramsafe_error* err);

static int fake_invoke(paramsafe_handle* handle, const paramsafe_call* call, paramsafe_sink_fn sink,
                       void* sink_ctx, paramsafe_error* err) {
  __atomic_add_fetch(&calls_in_progress, 1, __ATOMIC_SEQ_CST);
  int rc = invoke(handle, call, sink, sink_ctx, err);
  __atomic_sub_fetch(&calls_in_progress, 1, __ATOMIC_SEQ_CST);
  return rc;
}

static int invoke(paramsafe_handle* handle, const paramsafe_call* call, paramsafe_sink_fn sink,
                  void* sink_ctx, paramsafe_error* err) {
  if (handle == NULL || handle->magic != 0x5AFE) return PARAMSAFE_E_BAD_HANDLE;
  if (call->struct_size < sizeof(paramsafe_call)) return PARAMSAFE_E_BAD_ARGUMENT;
  if (equals(call->target, call->target_len, "AmazonSSM.Negative")) {
    set_error(err, 500, "InternalFailure", "boom");
    return PARAMSAFE_E_INTERNAL;
  }
  if (equals(call->target, call->target_len, "AmazonSSM.NoSink")) {
    clear_error(err);
    return PARAMSAFE_OK;
  }
  if (equals(call->target, call->target_len, "AmazonSSM.Nope")) {
    static const char kBody[] =
        "{\"__type\":\"UnknownOperationException\",\"message\":\"Unknown operation\"}";
    set_error(err, 400, "UnknownOperationException", "Unknown operation");
    if (sink(sink_ctx, 400, kBody, sizeof(kBody) - 1) != 0) return PARAMSAFE_E_SINK;
    return PARAMSAFE_AWS_ERROR;
  }
  if (equals(call->target, call->target_len, "AmazonSSM.Slow")) {
    struct timespec ts = {0, 300 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
  if (equals(call->target, call->target_len, "AmazonSSM.VerySlow")) {
    struct timespec ts = {1, 500 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
  char body[1024] = "{\"target\":\"";
  append_plain(body, sizeof(body), call->target, call->target_len);
  snprintf(body + strlen(body), sizeof(body) - strlen(body),
           "\",\"body_length\":%zu,\"request_id\":\"", call->body_len);
  append_plain(body, sizeof(body), call->request_id, call->request_id_len);
  strncat(body, "\",\"source_ip\":\"", sizeof(body) - strlen(body) - 1);
  append_plain(body, sizeof(body), call->source_ip, call->source_ip_len);
  strncat(body, "\",\"principal\":\"", sizeof(body) - strlen(body) - 1);
  append_plain(body, sizeof(body), call->principal->arn, strlen(call->principal->arn));
  strncat(body, "\"}", sizeof(body) - strlen(body) - 1);
  clear_error(err);
  if (sink(sink_ctx, 200, body, strlen(body)) != 0) return PARAMSAFE_E_SINK;
  return PARAMSAFE_OK;
}

/* What the metrics slot answers: a fixed text the host must pass on unchanged. */
static const char kFakeMetrics[] =
    "# HELP fake_requests_total Requests.\n"
    "# TYPE fake_requests_total counter\n"
    "fake_requests_total{outcome=\"success\"} 3\n";

static int fake_metrics(paramsafe_handle* handle, paramsafe_sink_fn sink, void* sink_ctx,
                        paramsafe_error* err) {
  if (handle == NULL || handle->magic != 0x5AFE) return PARAMSAFE_E_BAD_HANDLE;
  if (metrics_broken) {
    set_error(err, 500, "InternalFailure", "metrics are broken on purpose");
    return PARAMSAFE_E_INTERNAL;
  }
  clear_error(err);
  if (sink(sink_ctx, 200, kFakeMetrics, sizeof(kFakeMetrics) - 1) != 0) return PARAMSAFE_E_SINK;
  return PARAMSAFE_OK;
}

#if FAKE_VARIANT == 2
/* A table that stops before invoke: the host must see the slot as absent even
 * though the bytes after the table happen to be a valid pointer. */
#define FAKE_STRUCT_SIZE offsetof(paramsafe_plugin, invoke)
#define FAKE_ABI_MINOR PARAMSAFE_ABI_MINOR
#elif FAKE_VARIANT == 4
/* An ABI 1.0 plugin: its table ends before metrics, though the slot is set. */
#define FAKE_STRUCT_SIZE offsetof(paramsafe_plugin, metrics)
#define FAKE_ABI_MINOR 0
#else
#define FAKE_STRUCT_SIZE sizeof(paramsafe_plugin)
#define FAKE_ABI_MINOR PARAMSAFE_ABI_MINOR
#endif

static const paramsafe_plugin kTable = {
    FAKE_STRUCT_SIZE, PARAMSAFE_ABI_MAJOR, FAKE_ABI_MINOR,    "fake-0.0.1",
    fake_open,        fake_close,          fake_authenticate, fake_invoke,
    fake_metrics,
};

#if FAKE_VARIANT == 1
#define FAKE_SERVED_MAJOR 2u
#else
#define FAKE_SERVED_MAJOR ((uint32_t)PARAMSAFE_ABI_MAJOR)
#endif

#if FAKE_VARIANT == 3
#define FAKE_ENTRY_NAME fake_entry_with_another_name
#else
#define FAKE_ENTRY_NAME paramsafe_plugin_entry
#endif

EXPORT const paramsafe_plugin* FAKE_ENTRY_NAME(uint32_t abi_major, paramsafe_error* err) {
  if (abi_major != FAKE_SERVED_MAJOR) {
    if (err != NULL) {
      char msg[128];
      snprintf(msg, sizeof(msg), "this plugin serves ABI major %u, the host asked for %u",
               (unsigned)FAKE_SERVED_MAJOR, (unsigned)abi_major);
      set_error(err, 500, "VersionMismatch", msg);
    }
    return NULL;
  }
  if (err != NULL) clear_error(err);
  return &kTable;
}
