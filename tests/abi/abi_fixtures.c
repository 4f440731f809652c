/* The fixtures of abi_fixtures.h. */
#include "abi_fixtures.h"

#include <stdlib.h>
#include <string.h>

const paramsafe_plugin* P = NULL;
paramsafe_handle* g_handle = NULL;

/* Filled on the first call, which the main thread makes long before any worker
 * thread starts; later calls only read it, so the workers may share it. (Filling
 * it on every call raced with the workers reading it.) */
const paramsafe_principal* ssm_principal(void) {
  static paramsafe_principal p;
  static int filled = 0;
  if (!filled) {
    memset(&p, 0, sizeof(p));
    strcpy(p.arn, "arn:aws:iam::123456789012:user/abi-test");
    strcpy(p.access_key_id, "TESTABIKEY0000000000");
    strcpy(p.account_id, "123456789012");
    strcpy(p.region, "eu-west-1");
    strcpy(p.service, "ssm");
    filled = 1;
  }
  return &p;
}

void fill_error(paramsafe_error* e) {
  memset(e, 'x', sizeof(*e)); /* the plugin must overwrite or clear every field */
  e->type[sizeof(e->type) - 1] = '\0';
  e->message[sizeof(e->message) - 1] = '\0';
  e->http_status = -77;
}

int error_is_clear(const paramsafe_error* e) {
  return e->type[0] == '\0' && e->message[0] == '\0' && e->http_status == 0;
}

/* ------------------------------------------------------------------- sink */

int sink_fn(void* ctx, int http_status, const char* body, size_t body_len) {
  sink_buf* s = (sink_buf*)ctx;
  ++s->calls;
  s->status = http_status;
  if (s->body != NULL) {
    memset(s->body, 0, s->len);
    free(s->body);
  }
  s->body = (char*)malloc(body_len + 1);
  if (s->body == NULL) return 1;
  if (body_len > 0) memcpy(s->body, body, body_len);
  s->body[body_len] = '\0';
  s->len = body_len;
  return s->fail;
}

/* The body may hold secret values: wipe the copy before freeing it (rule 8). */
void sink_reset(sink_buf* s) {
  if (s->body != NULL) {
    memset(s->body, 0, s->len);
    free(s->body);
  }
  memset(s, 0, sizeof(*s));
}

int invoke(paramsafe_handle* h, const paramsafe_principal* principal, const char* target,
           const char* body, sink_buf* s, paramsafe_error* err) {
  static const char kRequestId[] = "00000000-0000-4000-8000-00000000abcd";
  static const char kIp[] = "127.0.0.1";
  static const char kAgent[] = "paramsafe-abi-test/1.0";
  paramsafe_call call;
  memset(&call, 0, sizeof(call));
  call.struct_size = sizeof(paramsafe_call);
  call.principal = principal;
  call.target = target;
  call.target_len = strlen(target);
  call.body = body;
  call.body_len = strlen(body);
  call.request_id = kRequestId;
  call.request_id_len = sizeof(kRequestId) - 1;
  call.source_ip = kIp;
  call.source_ip_len = sizeof(kIp) - 1;
  call.user_agent = kAgent;
  call.user_agent_len = sizeof(kAgent) - 1;
  return P->invoke(h, &call, sink_fn, s, err);
}

/* ------------------------------------------------------ signed-request input */

static void set_header(paramsafe_header* h, const char* name, const char* value) {
  h->name = name;
  h->name_len = strlen(name);
  h->value = value;
  h->value_len = strlen(value);
}

void make_request(http_req* r, const char* authorization, const char* amz_date) {
  static const char kBody[] = "{\"Name\":\"/abi/test\"}";
  size_t n = 0;
  memset(r, 0, sizeof(*r));
  set_header(&r->headers[n++], "Host", "localhost:8080");
  set_header(&r->headers[n++], "X-Amz-Target", "AmazonSSM.GetParameter");
  if (amz_date != NULL) set_header(&r->headers[n++], "X-Amz-Date", amz_date);
  if (authorization != NULL) set_header(&r->headers[n++], "Authorization", authorization);
  r->req.struct_size = sizeof(paramsafe_http_request);
  r->req.method = "POST";
  r->req.method_len = 4;
  r->req.path = "/";
  r->req.path_len = 1;
  r->req.query = "";
  r->req.query_len = 0;
  r->req.headers = r->headers;
  r->req.header_count = n;
  r->req.body = kBody;
  r->req.body_len = sizeof(kBody) - 1;
}
