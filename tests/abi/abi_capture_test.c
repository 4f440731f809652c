/* The harness's own check: the capture must see output, or "nothing was
 * printed" proves nothing. */
#include <stdio.h>
#include <unistd.h>

#include "abi_harness.h"
#include "abi_tests.h"

void test_capture_sees_output(void) {
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
