/* What the ABI tests share, built from plugin.h only: the plugin's table and the
 * open handle, a principal as a host would fill it, error records, a response
 * sink that copies what it is given, and call/request builders.
 *
 * Thread-safety: P and g_handle are set by the main thread before any worker
 * thread starts; invoke() and the sink may then be used from any thread, each
 * thread with its own sink_buf and paramsafe_error. */
#ifndef PARAMSAFE_TESTS_ABI_FIXTURES_H_
#define PARAMSAFE_TESTS_ABI_FIXTURES_H_

#include <stddef.h>

#include <paramsafe/plugin.h>

extern const paramsafe_plugin* P;  /* the table, once entry() succeeded */
extern paramsafe_handle* g_handle; /* from the good open() */

/* A slot is present only if it lies inside struct_size and is non-NULL (rule 2). */
#define HAS_SLOT(table, slot)                                                            \
  ((table) != NULL &&                                                                    \
   offsetof(paramsafe_plugin, slot) + sizeof((table)->slot) <= (table)->struct_size && \
   (table)->slot != NULL)

/* An SSM principal in account 123456789012, region eu-west-1; a static copy. */
const paramsafe_principal* ssm_principal(void);

/* Fills every field with junk: the plugin must overwrite or clear each one. */
void fill_error(paramsafe_error* e);

/* 1 if the plugin cleared the record, as it must on success. */
int error_is_clear(const paramsafe_error* e);

/* ------------------------------------------------------------------- sink */

typedef struct sink_buf {
  int calls;
  int status;
  char* body; /* NUL-terminated copy, owned */
  size_t len;
  int fail; /* what the sink returns */
} sink_buf;

/* A paramsafe_sink_fn; ctx is a sink_buf*. */
int sink_fn(void* ctx, int http_status, const char* body, size_t body_len);

/* Wipes and frees the body (it may hold secret values, rule 8) and zeroes s. */
void sink_reset(sink_buf* s);

/* P->invoke() of target with body (NUL-terminated), a fixed request id, source
 * IP and user agent, answering into s. */
int invoke(paramsafe_handle* h, const paramsafe_principal* principal, const char* target,
           const char* body, sink_buf* s, paramsafe_error* err);

/* ------------------------------------------------------ signed-request input */

typedef struct http_req {
  paramsafe_http_request req;
  paramsafe_header headers[4];
} http_req;

/* A POST / of AmazonSSM.GetParameter with Host and X-Amz-Target headers, plus
 * X-Amz-Date and Authorization when not NULL. The strings are borrowed. */
void make_request(http_req* r, const char* authorization, const char* amz_date);

#endif /* PARAMSAFE_TESTS_ABI_FIXTURES_H_ */
