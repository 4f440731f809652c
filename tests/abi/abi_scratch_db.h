/* A scratch database for the ABI test, made through libpq on the cluster named by
 * PARAMSAFE_TEST_DATABASE_URL (a libpq URL to the `postgres` database of a
 * throw-away cluster, as superuser). Without the variable the test FAILS: it
 * never skips.
 *
 * Thread-safety: main thread only. Failures are reported through the harness's
 * CHECKs under the test name "scratch database". */
#ifndef PARAMSAFE_TESTS_ABI_SCRATCH_DB_H_
#define PARAMSAFE_TESTS_ABI_SCRATCH_DB_H_

/* The libpq URL of the scratch database; empty until create_scratch_database()
 * succeeded. */
extern char g_db_url[1200];

/* Creates a database with a random name; returns 1 when it exists and g_db_url
 * points at it, 0 otherwise (the failure was CHECKed). */
int create_scratch_database(void);

/* Makes the principal the tests invoke as (user abi-test) a user of the
 * scratch database with a policy allowing everything, as an administrator
 * would from SQL. REQUIRES: the plugin has migrated the database (open()).
 * Returns 1 on success (failures are CHECKed). */
int grant_abi_principal(void);

/* Drops the database create_scratch_database() made, if any, even while
 * connections to it remain. */
void drop_scratch_database(void);

#endif /* PARAMSAFE_TESTS_ABI_SCRATCH_DB_H_ */
