/* The scratch database of abi_scratch_db.h. */
#include "abi_scratch_db.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "abi_harness.h"

char g_db_url[1200];           /* libpq URL of the scratch database */
static char g_admin_url[1024]; /* PARAMSAFE_TEST_DATABASE_URL */
static char g_db_name[64];     /* the scratch database, when created */
static char g_pq_error[512];   /* why admin_connect() failed */

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

int create_scratch_database(void) {
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

int grant_abi_principal(void) {
  int ok;
  PGconn* conn = PQconnectdb(g_db_url);
  if (!CHECK_MSG(conn != NULL && PQstatus(conn) == CONNECTION_OK,
                 "connect to the scratch database")) {
    PQfinish(conn);
    return 0;
  }
  ok = CHECK_MSG(admin_exec(conn,
                            "INSERT INTO paramsafe.users (user_name, user_id, account_id, arn) "
                            "VALUES ('abi-test', 'AIDAABITEST000000000', '123456789012', "
                            "'arn:aws:iam::123456789012:user/abi-test')"),
                 "insert the test user") &&
       CHECK_MSG(admin_exec(conn,
                            "INSERT INTO paramsafe.user_policies (user_name, policy_name, document) "
                            "VALUES ('abi-test', 'everything', '{\"Version\":\"2012-10-17\","
                            "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
                            "\"Resource\":\"*\"}]}')"),
                 "attach the test user's policy");
  PQfinish(conn);
  return ok;
}

static void quiet_notices(void* arg, const char* message) {
  (void)arg;
  (void)message;
}

void drop_scratch_database(void) {
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
