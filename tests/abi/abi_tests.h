/* The ABI tests, grouped by file, in the order abi_main.c runs them. Each test
 * sets g_test to the behaviour it checks and reports through the harness's
 * CHECKs. Tests after the table group REQUIRE: P is set (entry() succeeded);
 * those that need the open handle check g_handle themselves. */
#ifndef PARAMSAFE_TESTS_ABI_TESTS_H_
#define PARAMSAFE_TESTS_ABI_TESTS_H_

/* abi_capture_test.c: the harness's capture sees output. */
void test_capture_sees_output(void);

/* abi_table_test.c: the exported entry point and its table. lib is the dlopen()
 * handle of the plugin; the first test sets P when the table is complete. */
void test_entry_returns_v1_table(void* lib);
void test_entry_refuses_other_major(void* lib);

/* abi_open_test.c: open() with bad and good configs (the good one sets
 * g_handle), and close() of that handle (which clears it). */
void test_open_refuses_bad_configs(void);
void test_open_with_good_config(void);
void test_close(void);

/* abi_invoke_test.c: invoke() answers, AWS errors and sink failures. */
void test_invoke_put_then_get(void);
void test_invoke_missing_parameter(void);
void test_invoke_unknown_action(void);
void test_invoke_target_without_dot(void);
void test_invoke_secretsmanager(void);
void test_invoke_malformed_json(void);
void test_invoke_sink_failure(void);

/* abi_authenticate_test.c: authenticate() refusals. */
void test_authenticate_missing_token(void);
void test_authenticate_garbage_header(void);
void test_authenticate_unknown_key(void);

/* abi_arguments_test.c: bad arguments and bad handles. */
void test_bad_arguments(void);
void test_bad_handle(void);
void test_close_null(void);

/* abi_threads_test.c: one handle shared by several threads. */
void test_threads_share_one_handle(void);

#endif /* PARAMSAFE_TESTS_ABI_TESTS_H_ */
