/* The plugin's C ABI, exercised the way a host author would: load
 * libparamsafe.so with dlopen(), look up the one exported symbol, and drive every
 * slot of the table through plugin.h only.
 *
 * Usage: abi_test /path/to/libparamsafe.so
 * Needs PARAMSAFE_TEST_DATABASE_URL: a libpq URL to the `postgres` database of a
 * throw-away cluster, as superuser. The test creates and drops a scratch database
 * with a random name there. Without the variable the test FAILS (it never skips).
 *
 * Output: one line per failed check, then "N passed, M failed". Exit status is
 * non-zero on any failure. */
#define _POSIX_C_SOURCE 200809L

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>
#include <paramsafe/plugin.h>

/* ------------------------------------------------------------------ harness */

static pthread_mutex_t g_harness_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_passed = 0;
static int g_failed = 0;
static const char* g_test = "(setup)"; /* the behaviour being checked */

static void record(int ok, const char* file, int line, const char* fmt, ...) {
  pthread_mutex_lock(&g_harness_mu);
  if (ok) {
    ++g_passed;
  } else {
    va_list ap;
    ++g_failed;
    printf("FAIL %s:%d [%s] ", file, line, g_test);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
  }
  pthread_mutex_unlock(&g_harness_mu);
}

/* Every CHECK returns its outcome, so a test can stop following a broken path. */
#define CHECK(cond) check_((cond) != 0, __FILE__, __LINE__, #cond)
#define CHECK_MSG(cond, msg) check_((cond) != 0, __FILE__, __LINE__, msg)
#define CHECK_INT(actual, expected) \
  check_int_((long)(actual), (long)(expected), __FILE__, __LINE__, #actual)
#define CHECK_STR(actual, expected) check_str_((actual), (expected), __FILE__, __LINE__, #actual)
#define CHECK_CONTAINS(hay, needle) \
  check_contains_((hay), (needle), 1, __FILE__, __LINE__, #hay)
#define CHECK_NOT_CONTAINS(hay, needle) \
  check_contains_((hay), (needle), 0, __FILE__, __LINE__, #hay)

static int check_(int ok, const char* file, int line, const char* what) {
  record(ok, file, line, "check failed: %s", what);
  return ok;
}

static int check_int_(long actual, long expected, const char* file, int line, const char* what) {
  int ok = actual == expected;
  record(ok, file, line, "%s is %ld, expected %ld", what, actual, expected);
  return ok;
}

static int check_str_(const char* actual, const char* expected, const char* file, int line,
                      const char* what) {
  int ok = actual != NULL && strcmp(actual, expected) == 0;
  record(ok, file, line, "%s is \"%s\", expected \"%s\"", what, actual ? actual : "(null)",
         expected);
  return ok;
}

static int check_contains_(const char* hay, const char* needle, int want, const char* file,
                           int line, const char* what) {
  int found = hay != NULL && strstr(hay, needle) != NULL;
  int ok = want ? found : (hay != NULL && !found);
  record(ok, file, line, "%s %s \"%s\": \"%s\"", what, want ? "lacks" : "contains", needle,
         hay ? hay : "(null)");
  return ok;
}

/* ------------------------------------------------------------ shared state */

static const paramsafe_plugin* P = NULL; /* the table, once entry() succeeded */
static paramsafe_handle* g_handle = NULL; /* from the good open() */
static char g_admin_url[1024];           /* PARAMSAFE_TEST_DATABASE_URL */
static char g_db_name[64];               /* the scratch database, when created */
static char g_db_url[1200];              /* libpq URL of the scratch database */

/* A slot is present only if it lies inside struct_size and is non-NULL (rule 2). */
#define HAS_SLOT(table, slot)                                                            \
  ((table) != NULL &&                                                                    \
   offsetof(paramsafe_plugin, slot) + sizeof((table)->slot) <= (table)->struct_size && \
   (table)->slot != NULL)

static const paramsafe_principal* ssm_principal(void) {
  static paramsafe_principal p;
  memset(&p, 0, sizeof(p));
  strcpy(p.arn, "arn:aws:iam::123456789012:user/abi-test");
  strcpy(p.access_key_id, "AKIAABITEST000000000");
  strcpy(p.account_id, "123456789012");
  strcpy(p.region, "eu-west-1");
  strcpy(p.service, "ssm");
  return &p;
}

static void fill_error(paramsafe_error* e) {
  memset(e, 'x', sizeof(*e)); /* the plugin must overwrite or clear every field */
  e->type[sizeof(e->type) - 1] = '\0';
  e->message[sizeof(e->message) - 1] = '\0';
  e->http_status = -77;
}

static int error_is_clear(const paramsafe_error* e) {
  return e->type[0] == '\0' && e->message[0] == '\0' && e->http_status == 0;
}

/* ------------------------------------------------------------------- sink */

typedef struct sink_buf {
  int calls;
  int status;
  char* body; /* NUL-terminated copy */
  size_t len;
  int fail; /* what the sink returns */
} sink_buf;

static int sink_fn(void* ctx, int http_status, const char* body, size_t body_len) {
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
static void sink_reset(sink_buf* s) {
  if (s->body != NULL) {
    memset(s->body, 0, s->len);
    free(s->body);
  }
  memset(s, 0, sizeof(*s));
}

static int invoke(paramsafe_handle* h, const paramsafe_principal* principal, const char* target,
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

/* -------------------------------------------------- stdout/stderr capture */

/* Points fds 1 and 2 at an anonymous temporary file, so that anything the plugin
 * writes there can be seen. No CHECK may run between begin and end: the harness
 * itself prints to stdout. */
typedef struct capture {
  int saved_out, saved_err, fd;
} capture;

static int capture_begin(capture* c) {
  char path[] = "/tmp/paramsafe-abi-capture.XXXXXX";
  fflush(stdout);
  fflush(stderr);
  c->fd = mkstemp(path);
  if (c->fd < 0) return 0;
  unlink(path);
  c->saved_out = dup(STDOUT_FILENO);
  c->saved_err = dup(STDERR_FILENO);
  if (c->saved_out < 0 || c->saved_err < 0 || dup2(c->fd, STDOUT_FILENO) < 0 ||
      dup2(c->fd, STDERR_FILENO) < 0) {
    return 0;
  }
  return 1;
}

/* Restores fds 1 and 2; returns how many bytes were written meanwhile and copies
 * the first of them into text (NUL-terminated). */
static long capture_end(capture* c, char* text, size_t cap) {
  struct stat st;
  long n = -1;
  ssize_t got;
  fflush(stdout);
  fflush(stderr);
  dup2(c->saved_out, STDOUT_FILENO);
  dup2(c->saved_err, STDERR_FILENO);
  close(c->saved_out);
  close(c->saved_err);
  text[0] = '\0';
  if (fstat(c->fd, &st) == 0) n = (long)st.st_size;
  if (n > 0 && lseek(c->fd, 0, SEEK_SET) == 0) {
    got = read(c->fd, text, cap - 1);
    text[got > 0 ? (size_t)got : 0] = '\0';
  }
  close(c->fd);
  return n;
}

#define CHECK_QUIET(cap_ok, bytes, text)                                             \
  do {                                                                               \
    CHECK_MSG(cap_ok, "could not redirect stdout/stderr");                           \
    check_((bytes) == 0, __FILE__, __LINE__,                                         \
           "the plugin wrote to stdout/stderr (see next line)");                      \
    if ((bytes) != 0) printf("  captured output (%ld bytes): %s\n", (long)(bytes), text); \
  } while (0)

/* --------------------------------------------------------- scratch database */

/* libpq's messages span lines; the report keeps one line per failure. */
static const char* one_line(const char* text) {
  static char buf[512];
  size_t i;
  snprintf(buf, sizeof(buf), "%s", text);
  for (i = 0; buf[i] != '\0'; ++i) {
    if (buf[i] == '\n' || buf[i] == '\t') buf[i] = ' ';
  }
  return buf;
}

static char g_pq_error[512]; /* why admin_connect() failed */

static PGconn* admin_connect(void) {
  PGconn* conn = PQconnectdb(g_admin_url);
  if (conn == NULL || PQstatus(conn) != CONNECTION_OK) {
    snprintf(g_pq_error, sizeof(g_pq_error), "%s",
             conn ? one_line(PQerrorMessage(conn)) : "out of memory");
    PQfinish(conn);
    return NULL;
  }
  return conn;
}

static int admin_exec(PGconn* conn, const char* sql) {
  PGresult* r = PQexec(conn, sql);
  int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  if (!ok) printf("  %s: %s\n", sql, one_line(PQerrorMessage(conn)));
  PQclear(r);
  return ok;
}

static void random_hex(char* out, size_t nbytes) {
  unsigned char b[16];
  size_t i;
  int fd = open("/dev/urandom", O_RDONLY);
  if (nbytes > sizeof(b)) nbytes = sizeof(b);
  if (fd < 0 || read(fd, b, nbytes) != (ssize_t)nbytes) {
    unsigned long seed = (unsigned long)time(NULL) ^ ((unsigned long)getpid() << 16);
    for (i = 0; i < nbytes; ++i) {
      seed = seed * 6364136223846793005UL + 1442695040888963407UL;
      b[i] = (unsigned char)(seed >> 33);
    }
  }
  if (fd >= 0) close(fd);
  for (i = 0; i < nbytes; ++i) sprintf(out + 2 * i, "%02x", b[i]);
  out[2 * nbytes] = '\0';
}

/* The admin URL with its database replaced by name. Handles the URL form
 * (postgresql://user@host:port/db?params) and the key=value form. */
static int url_with_database(const char* admin, const char* name, char* out, size_t cap) {
  const char* scheme_end = strstr(admin, "://");
  int n;
  if (strncmp(admin, "postgres://", 11) != 0 && strncmp(admin, "postgresql://", 13) != 0) {
    n = snprintf(out, cap, "%s dbname=%s", admin, name); /* a later keyword wins */
  } else {
    const char* authority = scheme_end + 3;
    const char* query = strchr(authority, '?');
    const char* slash = strchr(authority, '/');
    size_t before, after_at;
    if (query == NULL) query = authority + strlen(authority);
    if (slash == NULL || slash > query) slash = query; /* no database in the URL */
    before = (size_t)(slash - admin);
    after_at = (size_t)(query - admin);
    n = snprintf(out, cap, "%.*s/%s%s", (int)before, admin, name, admin + after_at);
  }
  return n > 0 && (size_t)n < cap;
}

static int create_scratch_database(void) {
  char sql[128], hex[17];
  PGconn* conn;
  const char* env = getenv("PARAMSAFE_TEST_DATABASE_URL");
  g_test = "scratch database";
  if (!CHECK_MSG(env != NULL && env[0] != '\0',
                 "PARAMSAFE_TEST_DATABASE_URL is not set: it must be a libpq URL to the "
                 "postgres database of a throw-away cluster (superuser); see scripts/test")) {
    return 0;
  }
  if (!CHECK_MSG(strlen(env) < sizeof(g_admin_url), "PARAMSAFE_TEST_DATABASE_URL is too long")) {
    return 0;
  }
  strcpy(g_admin_url, env);
  conn = admin_connect();
  if (!CHECK_MSG(conn != NULL, "connect to PARAMSAFE_TEST_DATABASE_URL")) {
    printf("  libpq: %s\n", g_pq_error);
    return 0;
  }
  random_hex(hex, 8);
  snprintf(g_db_name, sizeof(g_db_name), "psabi_%s", hex);
  snprintf(sql, sizeof(sql), "CREATE DATABASE %s", g_db_name);
  if (!CHECK_MSG(admin_exec(conn, sql), "CREATE DATABASE of the scratch database")) {
    g_db_name[0] = '\0';
    PQfinish(conn);
    return 0;
  }
  PQfinish(conn);
  return CHECK_MSG(url_with_database(g_admin_url, g_db_name, g_db_url, sizeof(g_db_url)),
                   "build the URL of the scratch database");
}

static void quiet_notices(void* arg, const char* message) {
  (void)arg;
  (void)message;
}

static void drop_scratch_database(void) {
  char sql[128];
  PGconn* conn;
  if (g_db_name[0] == '\0') return;
  g_test = "scratch database";
  conn = admin_connect();
  if (!CHECK_MSG(conn != NULL, "reconnect to drop the scratch database")) {
    printf("  libpq: %s\n", g_pq_error);
    return;
  }
  PQsetNoticeProcessor(conn, quiet_notices, NULL);
  snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s WITH (FORCE)", g_db_name);
  CHECK_MSG(admin_exec(conn, sql), "DROP DATABASE of the scratch database");
  PQfinish(conn);
}

/* ------------------------------------------------------------------- tests */

/* The capture itself must see output, or "nothing was printed" proves nothing. */
static void test_capture_sees_output(void) {
  capture cap;
  char out[64];
  int cap_ok;
  long bytes;
  g_test = "stdout/stderr capture";
  cap_ok = capture_begin(&cap);
  fputs("o", stdout);
  fputs("e", stderr);
  if (write(STDERR_FILENO, "w", 1) != 1) cap_ok = 0;
  bytes = capture_end(&cap, out, sizeof(out));
  CHECK_MSG(cap_ok, "could not redirect stdout/stderr");
  CHECK_INT(bytes, 3);
}

/* 2. dlopen + dlsym; the v1 table. */
static void test_entry_returns_v1_table(void* lib) {
  paramsafe_plugin_entry_fn entry;
  void* sym;
  paramsafe_error err;
  const paramsafe_plugin* table;
  g_test = "entry returns the v1 table";
  dlerror();
  sym = dlsym(lib, "paramsafe_plugin_entry");
  if (!CHECK_MSG(sym != NULL, "dlsym(\"paramsafe_plugin_entry\")")) return;
  /* ISO C has no conversion from void* to a function pointer; copy the bits. */
  memcpy(&entry, &sym, sizeof(entry));
  fill_error(&err);
  table = entry(PARAMSAFE_ABI_MAJOR, &err);
  if (!CHECK_MSG(table != NULL, "entry(PARAMSAFE_ABI_MAJOR) returned NULL")) return;
  CHECK_MSG(error_is_clear(&err), "entry() cleared the error record on success");
  CHECK(table->struct_size >= sizeof(paramsafe_plugin));
  CHECK_INT(table->abi_major, 1);
  CHECK_INT(table->abi_major, PARAMSAFE_ABI_MAJOR);
  if (CHECK(table->plugin_version != NULL)) {
    CHECK(table->plugin_version[0] != '\0');
    CHECK(strlen(table->plugin_version) < 64);
  }
  CHECK(HAS_SLOT(table, open));
  CHECK(HAS_SLOT(table, close));
  CHECK(HAS_SLOT(table, authenticate));
  CHECK(HAS_SLOT(table, invoke));
  CHECK_MSG(entry(PARAMSAFE_ABI_MAJOR, NULL) == table, "entry() returns the same static table");
  if (HAS_SLOT(table, open) && HAS_SLOT(table, close) && HAS_SLOT(table, authenticate) &&
      HAS_SLOT(table, invoke)) {
    P = table;
  }
}

/* 3. A different major version is refused, naming both versions. */
static void test_entry_refuses_other_major(void* lib) {
  paramsafe_plugin_entry_fn entry;
  void* sym = dlsym(lib, "paramsafe_plugin_entry");
  paramsafe_error err;
  capture cap;
  char out[1024];
  int cap_ok;
  long bytes;
  const paramsafe_plugin *t2, *t0;
  g_test = "entry refuses another major version";
  if (!CHECK(sym != NULL)) return;
  memcpy(&entry, &sym, sizeof(entry));
  fill_error(&err);
  cap_ok = capture_begin(&cap);
  t2 = entry(2, &err);
  t0 = entry(0, NULL);
  bytes = capture_end(&cap, out, sizeof(out));
  CHECK_QUIET(cap_ok, bytes, out);
  CHECK_MSG(t2 == NULL, "entry(2, &err) returned a table");
  CHECK(err.type[0] != '\0');
  CHECK_CONTAINS(err.message, "2");
  CHECK_CONTAINS(err.message, "1");
  CHECK_CONTAINS(err.message, "version");
  CHECK(memchr(err.message, '\0', sizeof(err.message)) != NULL);
  CHECK_MSG(t0 == NULL, "entry(0, NULL) returned a table");
}

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
static void test_open_refuses_bad_configs(void) {
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
static void test_open_with_good_config(void) {
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
}

/* 6a. PutParameter then GetParameter, with a principal the host filled itself. */
static void test_invoke_put_then_get(void) {
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
static void test_invoke_missing_parameter(void) {
  sink_buf s = {0, 0, NULL, 0, 0};
  g_test = "invoke GetParameter of a missing name";
  if (!CHECK_MSG(g_handle != NULL, "no open handle")) return;
  check_aws_error(ssm_principal(), "AmazonSSM.GetParameter", "{\"Name\":\"/abi/missing\"}",
                  "ParameterNotFound", &s);
  sink_reset(&s);
}

/* 6c. Unknown action of a known service. */
static void test_invoke_unknown_action(void) {
  sink_buf s = {0, 0, NULL, 0, 0};
  g_test = "invoke an unknown action";
  if (!CHECK_MSG(g_handle != NULL, "no open handle")) return;
  check_aws_error(ssm_principal(), "AmazonSSM.NoSuchAction", "{}", "UnknownOperationException",
                  &s);
  sink_reset(&s);
}

/* 6d. A target without a dot. */
static void test_invoke_target_without_dot(void) {
  sink_buf s = {0, 0, NULL, 0, 0};
  g_test = "invoke a target without a dot";
  if (!CHECK_MSG(g_handle != NULL, "no open handle")) return;
  check_aws_error(ssm_principal(), "AmazonSSMGetParameter", "{\"Name\":\"/abi/test\"}",
                  "UnknownOperationException", &s);
  sink_reset(&s);
  check_aws_error(ssm_principal(), "AmazonSSM.", "{}", "UnknownOperationException", &s);
  sink_reset(&s);
}

/* 6e. Secrets Manager is not implemented yet. The principal must be scoped to
 * secretsmanager: a signature scoped to ssm is refused for another service. */
static void test_invoke_secretsmanager_not_implemented(void) {
  sink_buf s = {0, 0, NULL, 0, 0};
  paramsafe_principal sm = *ssm_principal();
  g_test = "invoke secretsmanager.GetSecretValue";
  if (!CHECK_MSG(g_handle != NULL, "no open handle")) return;
  strcpy(sm.service, "secretsmanager");
  check_aws_error(&sm, "secretsmanager.GetSecretValue", "{\"SecretId\":\"abi\"}",
                  "UnknownOperationException", &s);
  sink_reset(&s);

  g_test = "invoke with a principal scoped to another service";
  check_aws_error(ssm_principal(), "secretsmanager.GetSecretValue", "{\"SecretId\":\"abi\"}",
                  "InvalidSignatureException", &s);
  sink_reset(&s);
}

/* 6f. Malformed JSON. */
static void test_invoke_malformed_json(void) {
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
static void test_invoke_sink_failure(void) {
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

typedef struct http_req {
  paramsafe_http_request req;
  paramsafe_header headers[4];
} http_req;

static void set_header(paramsafe_header* h, const char* name, const char* value) {
  h->name = name;
  h->name_len = strlen(name);
  h->value = value;
  h->value_len = strlen(value);
}

static void make_request(http_req* r, const char* authorization, const char* amz_date) {
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

static int authenticate(http_req* r, paramsafe_principal* out, paramsafe_error* err) {
  fill_error(err);
  memset(out, 0, sizeof(*out));
  return P->authenticate(g_handle, &r->req, out, err);
}

/* 7a. No Authorization header at all; also a header in another scheme. */
static void test_authenticate_missing_token(void) {
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
static void test_authenticate_garbage_header(void) {
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
static void test_authenticate_unknown_key(void) {
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
           "AWS4-HMAC-SHA256 Credential=AKIAABITESTUNKNOWN01/%s/eu-west-1/ssm/aws4_request, "
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

/* 8a. Bad arguments are refused with negative codes. */
static void test_bad_arguments(void) {
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
static void test_bad_handle(void) {
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
static void test_close_null(void) {
  g_test = "close(NULL)";
  CHECK_INT(P->close(NULL), PARAMSAFE_OK);
}

/* 9. One handle, four threads, 50 Put+Get each on their own names. */
enum { kThreads = 4, kRounds = 50 };

typedef struct worker {
  int id;
  int ok_rounds;
} worker;

static void* worker_main(void* arg) {
  worker* w = (worker*)arg;
  int i;
  for (i = 0; i < kRounds; ++i) {
    char put[256], get[256], want[64];
    sink_buf s = {0, 0, NULL, 0, 0};
    paramsafe_error err;
    int rc_put, rc_get, ok;
    snprintf(put, sizeof(put),
             "{\"Name\":\"/abi/thread/%d/p%d\",\"Value\":\"t%d-v%d\",\"Type\":\"SecureString\"}",
             w->id, i, w->id, i);
    snprintf(get, sizeof(get), "{\"Name\":\"/abi/thread/%d/p%d\",\"WithDecryption\":true}", w->id,
             i);
    snprintf(want, sizeof(want), "\"Value\":\"t%d-v%d\"", w->id, i);
    rc_put = invoke(g_handle, ssm_principal(), "AmazonSSM.PutParameter", put, &s, &err);
    ok = rc_put == PARAMSAFE_OK && s.status == 200;
    if (!ok) {
      record(0, __FILE__, __LINE__, "thread %d round %d: PutParameter returned %d (%s: %s)", w->id,
             i, rc_put, err.type, err.message);
    }
    sink_reset(&s);
    rc_get = invoke(g_handle, ssm_principal(), "AmazonSSM.GetParameter", get, &s, &err);
    if (rc_get != PARAMSAFE_OK || s.status != 200 || s.body == NULL ||
        strstr(s.body, want) == NULL) {
      record(0, __FILE__, __LINE__, "thread %d round %d: GetParameter returned %d (%s: %s) %s",
             w->id, i, rc_get, err.type, err.message, s.body ? s.body : "");
      ok = 0;
    }
    sink_reset(&s);
    if (ok) ++w->ok_rounds;
  }
  return NULL;
}

static void test_threads_share_one_handle(void) {
  pthread_t threads[kThreads];
  worker workers[kThreads];
  int started[kThreads];
  int i;
  g_test = "threads share one handle";
  if (!CHECK_MSG(g_handle != NULL, "no open handle")) return;
  for (i = 0; i < kThreads; ++i) {
    workers[i].id = i;
    workers[i].ok_rounds = 0;
    started[i] = pthread_create(&threads[i], NULL, worker_main, &workers[i]) == 0;
    CHECK_MSG(started[i], "pthread_create");
  }
  for (i = 0; i < kThreads; ++i) {
    if (started[i]) pthread_join(threads[i], NULL);
  }
  for (i = 0; i < kThreads; ++i) CHECK_INT(workers[i].ok_rounds, kRounds);
}

/* 10. close() the handle, then dlclose(). */
static void test_close(void) {
  g_test = "close";
  if (!CHECK_MSG(g_handle != NULL, "no open handle")) return;
  CHECK_INT(P->close(g_handle), PARAMSAFE_OK);
  g_handle = NULL;
}

/* ------------------------------------------------------------------- main */

int main(int argc, char** argv) {
  void* lib;
  int have_db;
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (argc != 2) {
    fprintf(stderr, "usage: %s /path/to/libparamsafe.so\n", argv[0]);
    return 2;
  }
  test_capture_sees_output();
  have_db = create_scratch_database();

  g_test = "dlopen";
  lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!CHECK_MSG(lib != NULL, "dlopen of the plugin")) {
    printf("  dlerror: %s\n", dlerror());
  } else {
    test_entry_returns_v1_table(lib);
    test_entry_refuses_other_major(lib);
  }
  if (P != NULL) {
    test_open_refuses_bad_configs();
    test_open_with_good_config();
    test_invoke_put_then_get();
    test_invoke_missing_parameter();
    test_invoke_unknown_action();
    test_invoke_target_without_dot();
    test_invoke_secretsmanager_not_implemented();
    test_invoke_malformed_json();
    test_invoke_sink_failure();
    test_authenticate_missing_token();
    test_authenticate_garbage_header();
    test_authenticate_unknown_key();
    test_bad_arguments();
    test_bad_handle();
    test_close_null();
    test_threads_share_one_handle();
    test_close();
  }
  if (lib != NULL) {
    g_test = "dlclose";
    CHECK_INT(dlclose(lib), 0);
  }
  if (have_db) drop_scratch_database();

  printf("%d passed, %d failed\n", g_passed, g_failed);
  return g_failed == 0 ? 0 : 1;
}
