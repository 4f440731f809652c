/* The ABI test's own tiny harness: CHECK macros that count outcomes and print one
 * line per failure, and a capture of stdout/stderr to prove the plugin prints
 * nothing.
 *
 * Thread-safety: the CHECK macros and record() may be called from any thread;
 * g_test is written by the main thread only, between tests. The capture is not
 * thread-safe and no CHECK may run while it is active (the harness itself prints
 * to stdout). */
#ifndef PARAMSAFE_TESTS_ABI_HARNESS_H_
#define PARAMSAFE_TESTS_ABI_HARNESS_H_

#include <stddef.h>
#include <stdio.h>

/* The behaviour being checked, named in every failure line. */
extern const char* g_test;

/* Counts one outcome; on failure prints "FAIL file:line [g_test] <fmt...>". */
void record(int ok, const char* file, int line, const char* fmt, ...);

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

int check_(int ok, const char* file, int line, const char* what);
int check_int_(long actual, long expected, const char* file, int line, const char* what);
int check_str_(const char* actual, const char* expected, const char* file, int line,
               const char* what);
int check_contains_(const char* hay, const char* needle, int want, const char* file, int line,
                    const char* what);

/* Prints "N passed, M failed"; returns the process exit status (0: no failure).
 * REQUIRES: no other thread is still checking. */
int harness_report(void);

/* ------------------------------------------------------ stdout/stderr capture */

/* Points fds 1 and 2 at an anonymous temporary file, so that anything the plugin
 * writes there can be seen. No CHECK may run between begin and end: the harness
 * itself prints to stdout. */
typedef struct capture {
  int saved_out, saved_err, fd;
} capture;

/* Returns 1 when fds 1 and 2 were redirected, 0 otherwise. */
int capture_begin(capture* c);

/* Restores fds 1 and 2; returns how many bytes were written meanwhile and copies
 * the first of them into text (NUL-terminated). */
long capture_end(capture* c, char* text, size_t cap);

#define CHECK_QUIET(cap_ok, bytes, text)                                             \
  do {                                                                               \
    CHECK_MSG(cap_ok, "could not redirect stdout/stderr");                           \
    check_((bytes) == 0, __FILE__, __LINE__,                                         \
           "the plugin wrote to stdout/stderr (see next line)");                      \
    if ((bytes) != 0) printf("  captured output (%ld bytes): %s\n", (long)(bytes), text); \
  } while (0)

#endif /* PARAMSAFE_TESTS_ABI_HARNESS_H_ */
