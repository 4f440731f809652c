/* The plugin's C ABI, exercised the way a host author would: load
 * libparamsafe.so with dlopen(), look up the one exported symbol, and drive every
 * slot of the table through plugin.h only.
 *
 * Usage: ps_abi_test /path/to/libparamsafe.so
 * Needs PARAMSAFE_TEST_DATABASE_URL: a libpq URL to the `postgres` database of a
 * throw-away cluster, as superuser. The test creates and drops a scratch database
 * with a random name there. Without the variable the test FAILS (it never skips).
 *
 * Output: one line per failed check, then "N passed, M failed". Exit status is
 * non-zero on any failure.
 *
 * The tests run in one fixed order, because later ones use what earlier ones
 * made: the table (P), then the handle opened on the scratch database
 * (g_handle), which the last test closes. */
#include <dlfcn.h>
#include <stdio.h>

#include "abi_fixtures.h"
#include "abi_harness.h"
#include "abi_scratch_db.h"
#include "abi_tests.h"

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
    test_invoke_secretsmanager();
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

  return harness_report();
}
