/* The harness of abi_harness.h: outcome counters and the stdout/stderr capture. */
#include "abi_harness.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char* g_test = "(setup)";

/* The worker threads of the thread test check concurrently. */
static pthread_mutex_t g_harness_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_passed = 0;
static int g_failed = 0;

void record(int ok, const char* file, int line, const char* fmt, ...) {
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

int check_(int ok, const char* file, int line, const char* what) {
  record(ok, file, line, "check failed: %s", what);
  return ok;
}

int check_int_(long actual, long expected, const char* file, int line, const char* what) {
  int ok = actual == expected;
  record(ok, file, line, "%s is %ld, expected %ld", what, actual, expected);
  return ok;
}

int check_str_(const char* actual, const char* expected, const char* file, int line,
               const char* what) {
  int ok = actual != NULL && strcmp(actual, expected) == 0;
  record(ok, file, line, "%s is \"%s\", expected \"%s\"", what, actual ? actual : "(null)",
         expected);
  return ok;
}

int check_contains_(const char* hay, const char* needle, int want, const char* file, int line,
                    const char* what) {
  int found = hay != NULL && strstr(hay, needle) != NULL;
  int ok = want ? found : (hay != NULL && !found);
  record(ok, file, line, "%s %s \"%s\": \"%s\"", what, want ? "lacks" : "contains", needle,
         hay ? hay : "(null)");
  return ok;
}

int harness_report(void) {
  printf("%d passed, %d failed\n", g_passed, g_failed);
  return g_failed == 0 ? 0 : 1;
}

/* ------------------------------------------------------ stdout/stderr capture */

int capture_begin(capture* c) {
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

long capture_end(capture* c, char* text, size_t cap) {
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
