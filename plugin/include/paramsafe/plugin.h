/* paramsafe plugin ABI, major version 1.
 *
 * A host configuration service loads libparamsafe.so with dlopen() and talks to it
 * only through this header. The rules of the boundary:
 *
 *  1. The library exports exactly one symbol, paramsafe_plugin_entry(). The host
 *     passes the ABI major version it was compiled against and gets a pointer to a
 *     static, const function table, or NULL when the plugin cannot serve that major
 *     version (the optional error then names both versions).
 *  2. The table only grows at its end. A slot is present only if it lies inside
 *     struct_size and is non-NULL; a slot's meaning never changes. Minor versions
 *     add slots, a major version bump is the only way to change one.
 *  3. Every slot returns an int: PARAMSAFE_OK (0), PARAMSAFE_AWS_ERROR (1) when the
 *     call was answered with an AWS error, or a negative PARAMSAFE_E_* code for a
 *     failure of the boundary itself (bad handle, bad argument, ...).
 *  4. Inputs are borrowed (pointer, length) pairs, valid only during the call. Strings
 *     need not be NUL-terminated unless a comment says so.
 *  5. Nothing allocated on one side is freed on the other. Responses are pushed to a
 *     host-supplied sink callback; errors are written into a caller-owned
 *     paramsafe_error. The plugin never returns memory the host must free.
 *  6. No C++ exception, abort() or output on stdout/stderr crosses the boundary: a
 *     bad config or an unreachable database is an error value, never a crash.
 *  7. One handle serves many threads at once; every slot taking a handle is
 *     thread-safe. close() must not race with other calls on the same handle.
 *  8. The plugin wipes its own buffers that held secret values; the host should do
 *     the same with the bodies it received through the sink.
 */
#ifndef PARAMSAFE_PLUGIN_H_
#define PARAMSAFE_PLUGIN_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PARAMSAFE_ABI_MAJOR 1
#define PARAMSAFE_ABI_MINOR 1

/* Return codes of every slot (rule 3). */
#define PARAMSAFE_OK 0
#define PARAMSAFE_AWS_ERROR 1
#define PARAMSAFE_E_BAD_HANDLE (-1)
#define PARAMSAFE_E_BAD_ARGUMENT (-2)
#define PARAMSAFE_E_VERSION (-3)
#define PARAMSAFE_E_SINK (-4)
#define PARAMSAFE_E_NO_MEMORY (-5)
#define PARAMSAFE_E_INTERNAL (-6)

/* Caller-owned error record. The plugin fills it on every non-zero return and
 * clears it (type and message empty, http_status 0) on success. type and message
 * are always NUL-terminated; a longer message is truncated. A message never
 * carries a secret value. */
typedef struct paramsafe_error {
  int http_status;   /* status AWS uses for this error, e.g. 400 */
  int retryable;     /* 1 when an AWS SDK would retry the call */
  char type[64];     /* AWS error type (the "__type"), e.g. "ParameterNotFound" */
  char message[512]; /* human-readable text, AWS's wording where known */
} paramsafe_error;

/* Opaque handle to an opened store. Created by open(), destroyed by close(). */
typedef struct paramsafe_handle paramsafe_handle;

/* One HTTP header, as received (any case; the plugin compares names
 * case-insensitively). */
typedef struct paramsafe_header {
  const char* name;
  size_t name_len;
  const char* value;
  size_t value_len;
} paramsafe_header;

/* A whole HTTP request, borrowed for the duration of authenticate(). */
typedef struct paramsafe_http_request {
  size_t struct_size; /* sizeof(paramsafe_http_request) as the host knows it */
  const char* method;
  size_t method_len;
  const char* path; /* raw request path, still percent-encoded, without the query */
  size_t path_len;
  const char* query; /* raw query string without the leading '?', may be empty */
  size_t query_len;
  const paramsafe_header* headers;
  size_t header_count;
  const char* body;
  size_t body_len;
  /* ABI 1.1: where the request came from and the host's request id, for the
   * audit record of a request whose authentication fails. May be NULL/0. */
  const char* source_ip;
  size_t source_ip_len;
  const char* request_id;
  size_t request_id_len;
} paramsafe_http_request;

/* The identity an authenticated request carries. Filled by authenticate(); the
 * host passes it back, unchanged, to invoke(). All fields are NUL-terminated. */
typedef struct paramsafe_principal {
  char arn[256];          /* arn:aws:iam::<account>:user/<name> */
  char access_key_id[128];
  char account_id[16];
  char region[32];        /* from the SigV4 credential scope */
  char service[32];       /* SigV4 scope service: "ssm" or "secretsmanager" */
} paramsafe_principal;

/* One API call, borrowed for the duration of invoke(). */
typedef struct paramsafe_call {
  size_t struct_size; /* sizeof(paramsafe_call) as the host knows it */
  const paramsafe_principal* principal;
  const char* target; /* X-Amz-Target, e.g. "AmazonSSM.GetParameter" */
  size_t target_len;
  const char* body; /* the AWS JSON request shape */
  size_t body_len;
  const char* request_id; /* the host's request id, echoed in x-amzn-RequestId */
  size_t request_id_len;
  const char* source_ip;
  size_t source_ip_len;
  const char* user_agent;
  size_t user_agent_len;
} paramsafe_call;

/* Receives the response of invoke(): the AWS JSON response shape with status 200,
 * or the AWS error shape ({"__type": ..., "message": ...}) with the status AWS
 * uses. Called exactly once per invoke() that returns PARAMSAFE_OK or
 * PARAMSAFE_AWS_ERROR. body is valid only during the call and may hold secret
 * values: copy it, then wipe the copy when done. Return 0 on success; any other
 * value makes invoke() return PARAMSAFE_E_SINK. */
typedef int (*paramsafe_sink_fn)(void* sink_ctx, int http_status, const char* body,
                                 size_t body_len);

/* The function table of ABI major version 1. */
typedef struct paramsafe_plugin {
  size_t struct_size; /* sizeof the table the plugin was built with */
  uint32_t abi_major;
  uint32_t abi_minor;
  const char* plugin_version; /* NUL-terminated, e.g. "0.1.0" */

  /* Opens a store described by config_json (see docs/abi.md for the members:
   * database_url, root_key_file or root_key_hex, account_id, pool_size, ...),
   * applying pending migrations. On success *out receives a handle to pass to the
   * other slots and to close(). REQUIRES: out and err non-NULL. */
  int (*open)(const char* config_json, size_t config_len, paramsafe_handle** out,
              paramsafe_error* err);

  /* Closes a handle from open() and frees everything it owns. NULL is a no-op.
   * REQUIRES: no other call on this handle is running or will follow. */
  int (*close)(paramsafe_handle* handle);

  /* Verifies the request's Signature Version 4 against the store's access keys and
   * fills *out with the caller's identity. Returns PARAMSAFE_AWS_ERROR with the AWS
   * error (e.g. InvalidSignatureException, UnrecognizedClientException) in *err
   * when the request is not authentic. REQUIRES: request, out, err non-NULL. */
  int (*authenticate)(paramsafe_handle* handle, const paramsafe_http_request* request,
                      paramsafe_principal* out, paramsafe_error* err);

  /* Runs one API call for the principal and pushes the response to sink. Unknown
   * targets, malformed JSON and every AWS error are answered through the sink too
   * (and also described in *err) and return PARAMSAFE_AWS_ERROR.
   * REQUIRES: call, call->principal, sink and err non-NULL. */
  int (*invoke)(paramsafe_handle* handle, const paramsafe_call* call,
                paramsafe_sink_fn sink, void* sink_ctx, paramsafe_error* err);

  /* ABI 1.1. Pushes the plugin's metrics (requests, latency, pool, caches, jobs,
   * reads of secrets scheduled for deletion) to sink, once, with status 200, in
   * the Prometheus text exposition format 0.0.4. Holds no secret.
   * REQUIRES: sink and err non-NULL. */
  int (*metrics)(paramsafe_handle* handle, paramsafe_sink_fn sink, void* sink_ctx,
                 paramsafe_error* err);
} paramsafe_plugin;

/* The only exported symbol. Returns the table for abi_major, or NULL (and, when err
 * is non-NULL, an error naming the requested and the supported versions). */
const paramsafe_plugin* paramsafe_plugin_entry(uint32_t abi_major, paramsafe_error* err);

typedef const paramsafe_plugin* (*paramsafe_plugin_entry_fn)(uint32_t abi_major,
                                                              paramsafe_error* err);

#ifdef __cplusplus
}
#endif

#endif /* PARAMSAFE_PLUGIN_H_ */
