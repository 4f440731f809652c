/* Rule 7: one handle serves many threads at once. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <paramsafe/plugin.h>

#include "abi_fixtures.h"
#include "abi_harness.h"
#include "abi_tests.h"

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

void test_threads_share_one_handle(void) {
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
