/* The exported entry point, as a host finds it: dlsym() of the one symbol, the
 * versioned table it returns, and the refusal of another major version. */
#include <dlfcn.h>
#include <string.h>

#include <paramsafe/plugin.h>

#include "abi_fixtures.h"
#include "abi_harness.h"
#include "abi_tests.h"

/* 2. dlopen + dlsym; the v1 table. */
void test_entry_returns_v1_table(void* lib) {
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
void test_entry_refuses_other_major(void* lib) {
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
