#!/usr/bin/env python3
"""End-to-end test of paramsafe-server's metrics: GET /metrics on the metrics
listener (PARAMSAFE_METRICS_LISTEN, here a free port), after calls made with
boto3 and with hand-signed HTTP requests.

It checks that the listener is not the API port and that the API port answers
/metrics with an AWS error; that the text is well-formed Prometheus 0.0.4; and
that each family moves by exactly what the calls did: requests by service,
action and outcome, the latency histogram, authentications, the parameter and
access-key caches, the database pools, background jobs (an Expiration policy
run by the job worker, PARAMSAFE_JOB_POLL_MS=200) and reads of a secret
scheduled for deletion. No value, name or key written in the test may appear in
the metrics.

  test_metrics.py --server S --plugin P --cli C [-k PATTERN]

Needs PARAMSAFE_TEST_DATABASE_URL. The tests share one server, so each compares
a scrape taken before its calls with one taken after.
"""

import datetime
import http.client
import json
import os
import re
import sys
import time
import unittest
import urllib.parse

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

H = None
POOL_SIZE = 3
SERVER_ENV = {
    "PARAMSAFE_POOL_SIZE": str(POOL_SIZE),
    "PARAMSAFE_JOB_POLL_MS": "200",
    # Long enough that repeated calls within a test are sure to hit the caches.
    "PARAMSAFE_AUTH_CACHE_MS": "600000",
    "PARAMSAFE_CACHE_TTL_MS": "600000",
}

SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$")
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\["\\n])*)"(,|$)')


def setUpModule():
    global H
    H = harness.module_harness(server_env=SERVER_ENV)


def tearDownModule():
    if H is not None:
        H.close()


def http_get(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        body = resp.read().decode("utf-8", "replace")
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, body
    finally:
        conn.close()


def parse(text):
    """{(name, ((label, value), ...)): value} of every sample; raises
    AssertionError naming the first malformed line."""
    samples = {}
    typed = set()
    for line in text.splitlines():
        if line.startswith("# TYPE "):
            typed.add(line.split(" ")[2])
            continue
        if line.startswith("# HELP "):
            continue
        m = SAMPLE.match(line)
        if not m:
            raise AssertionError(f"malformed metrics line: {line!r}")
        name, labels_text, value = m.groups()
        family = re.sub(r"_(bucket|sum|count)$", "", name)
        if name not in typed and family not in typed:
            raise AssertionError(f"sample before its TYPE line: {line!r}")
        labels = []
        pos = 0
        while labels_text and pos < len(labels_text):
            lm = LABEL.match(labels_text, pos)
            if not lm:
                raise AssertionError(f"malformed labels: {line!r}")
            labels.append((lm.group(1), lm.group(2)))
            pos = lm.end()
        samples[(name, tuple(labels))] = float(value)
    return samples


def value(samples, name, **labels):
    """The sample's value, 0 when absent (a counter not yet moved)."""
    for (n, ls), v in samples.items():
        if n == name and dict(ls) == labels:
            return v
    return 0.0


def find(samples, name, **labels):
    """Every sample of `name` whose labels include `labels`."""
    return {ls: v for (n, ls), v in samples.items()
            if n == name and all(dict(ls).get(k) == x for k, x in labels.items())}


def metrics_port():
    return urllib.parse.urlsplit(H.metrics_endpoint).port


def scrape():
    status, headers, body = http_get(metrics_port(), "/metrics")
    if status != 200:
        raise AssertionError(f"GET /metrics answered {status}: {body[:500]}")
    return parse(body), body, headers


def client(service, **creds):
    import boto3
    from botocore.config import Config
    os.environ["AWS_CONFIG_FILE"] = os.path.join(H.tmp, "aws-config")
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.path.join(H.tmp, "aws-credentials")
    return boto3.session.Session(
        aws_access_key_id=creds.get("key_id", H.client["AWS_ACCESS_KEY_ID"]),
        aws_secret_access_key=creds.get("secret", H.client["AWS_SECRET_ACCESS_KEY"]),
        region_name=H.client["AWS_DEFAULT_REGION"],
    ).client(service, endpoint_url=H.endpoint,
             # One attempt: a retry would count twice.
             config=Config(retries={"max_attempts": 1}))


def error_code(call):
    from botocore.exceptions import ClientError
    try:
        call()
    except ClientError as e:
        return e.response["Error"]["Code"]
    raise AssertionError("the call succeeded")


def signed_post(target, body):
    """POSTs a request signed with the client.env key for an arbitrary target."""
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
    creds = Credentials(H.client["AWS_ACCESS_KEY_ID"], H.client["AWS_SECRET_ACCESS_KEY"])
    req = AWSRequest(method="POST", url=H.endpoint + "/", data=body,
                     headers={"Content-Type": "application/x-amz-json-1.1",
                              "X-Amz-Target": target})
    SigV4Auth(creds, "ssm", H.client["AWS_DEFAULT_REGION"]).add_auth(req)
    conn = http.client.HTTPConnection("127.0.0.1", H.port, timeout=30)
    try:
        conn.request("POST", "/", body=body, headers=dict(req.headers.items()))
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def unique(prefix):
    return f"{prefix}{os.urandom(5).hex()}"


class MetricsListenerTest(unittest.TestCase):
    def test_metrics_listen_on_their_own_port(self):
        self.assertIsNotNone(H.metrics_endpoint, "the server printed no metrics URL")
        self.assertNotEqual(metrics_port(), H.port)
        _, body, headers = scrape()
        self.assertEqual(headers.get("content-type"), "text/plain; version=0.0.4; charset=utf-8")
        self.assertIn("# TYPE paramsafe_requests_total counter", body)

    def test_api_port_answers_metrics_with_an_aws_error(self):
        status, headers, body = http_get(H.port, "/metrics")
        self.assertEqual(status, 404, body)
        self.assertEqual(headers.get("x-amzn-errortype"), "NotFoundException")
        self.assertEqual(json.loads(body).get("__type"), "NotFoundException")
        self.assertNotIn("paramsafe_", body)

    def test_metrics_listener_serves_nothing_else(self):
        status, _, body = http_get(metrics_port(), "/health")
        self.assertEqual(status, 404, body)

    def test_every_family_is_declared_and_every_line_well_formed(self):
        _, body, _ = scrape()  # parse() checks each line
        for family, kind in (("paramsafe_requests_total", "counter"),
                             ("paramsafe_request_duration_seconds", "histogram"),
                             ("paramsafe_authentications_total", "counter"),
                             ("paramsafe_cache_requests_total", "counter"),
                             ("paramsafe_jobs_total", "counter"),
                             ("paramsafe_secret_reads_while_scheduled_total", "counter"),
                             ("paramsafe_db_pool_connections", "gauge"),
                             ("paramsafe_db_pool_size", "gauge"),
                             ("paramsafe_db_pool_waits_total", "counter")):
            self.assertIn(f"# TYPE {family} {kind}\n", body)
            self.assertIn(f"# HELP {family} ", body)


class RequestMetricsTest(unittest.TestCase):
    def test_boto3_calls_move_the_request_counters_and_the_histogram(self):
        ssm = client("ssm")
        name = unique("/e2e/metrics/")
        secret_value = H.secrets.canary()
        before, _, _ = scrape()
        ssm.put_parameter(Name=name, Value=secret_value, Type="SecureString")
        for _ in range(3):
            ssm.get_parameter(Name=name, WithDecryption=True)
        self.assertEqual(error_code(lambda: ssm.get_parameter(Name=name + "-missing")),
                         "ParameterNotFound")
        after, body, _ = scrape()

        def delta(metric, **labels):
            return value_of(after, metric, labels) - value_of(before, metric, labels)

        req = "paramsafe_requests_total"
        self.assertEqual(delta(req, service="ssm", action="PutParameter", outcome="success"), 1)
        self.assertEqual(delta(req, service="ssm", action="GetParameter", outcome="success"), 3)
        self.assertEqual(
            delta(req, service="ssm", action="GetParameter", outcome="ParameterNotFound"), 1)
        self.assertEqual(delta("paramsafe_request_duration_seconds_count",
                               service="ssm", action="GetParameter"), 4)
        self.assertGreater(delta("paramsafe_request_duration_seconds_sum",
                                 service="ssm", action="GetParameter"), 0)
        self.assertEqual(delta("paramsafe_authentications_total", outcome="success"), 5)
        # Buckets are cumulative and end with +Inf == _count.
        buckets = find(after, "paramsafe_request_duration_seconds_bucket",
                       service="ssm", action="GetParameter")
        ordered = sorted(buckets.items(), key=lambda kv: float(dict(kv[0])["le"]))
        counts = [v for _, v in ordered]
        self.assertEqual(counts, sorted(counts))
        self.assertEqual(dict(ordered[-1][0])["le"], "+Inf")
        self.assertEqual(counts[-1], value(after, "paramsafe_request_duration_seconds_count",
                                           service="ssm", action="GetParameter"))
        self.assertNotIn(name, body)
        self.assertEqual(H.secrets.find_in(body), 0, "a secret value appeared in the metrics")

    def test_unknown_target_counts_as_the_services_unknown_action(self):
        target_name = "NoSuchOperation" + os.urandom(3).hex()
        before, _, _ = scrape()
        status, _ = signed_post("AmazonSSM." + target_name, b"{}")
        self.assertEqual(status, 400)
        after, body, _ = scrape()
        labels = {"service": "ssm", "action": "unknown", "outcome": "UnknownOperationException"}
        self.assertEqual(value_of(after, "paramsafe_requests_total", labels) -
                         value_of(before, "paramsafe_requests_total", labels), 1)
        self.assertNotIn(target_name, body)

    def test_refused_authentication_counts_by_error_type(self):
        stranger = client("ssm", key_id="AKIA" + os.urandom(8).hex().upper(), secret="x" * 40)
        before, _, _ = scrape()
        self.assertEqual(error_code(lambda: stranger.get_parameter(Name="/e2e/metrics/any")),
                         "UnrecognizedClientException")
        after, _, _ = scrape()
        labels = {"outcome": "UnrecognizedClientException"}
        self.assertEqual(value_of(after, "paramsafe_authentications_total", labels) -
                         value_of(before, "paramsafe_authentications_total", labels), 1)

    def test_repeated_reads_hit_the_parameter_and_access_key_caches(self):
        ssm = client("ssm")
        name = unique("/e2e/metrics/cached-")
        ssm.put_parameter(Name=name, Value="plain", Type="String")
        before, _, _ = scrape()
        for _ in range(4):
            ssm.get_parameter(Name=name)
        after, _, _ = scrape()

        def delta(**labels):
            return (value_of(after, "paramsafe_cache_requests_total", labels) -
                    value_of(before, "paramsafe_cache_requests_total", labels))

        # The first read after the write misses (the write invalidated it).
        self.assertEqual(delta(cache="parameter", result="miss"), 1)
        self.assertEqual(delta(cache="parameter", result="hit"), 3)
        self.assertEqual(delta(cache="access_key", result="hit"), 4)


class ResourceMetricsTest(unittest.TestCase):
    def test_database_pools_are_reported(self):
        client("ssm").describe_parameters(MaxResults=1)
        samples, _, _ = scrape()
        self.assertEqual(value(samples, "paramsafe_db_pool_size", pool="main"), POOL_SIZE)
        for pool in ("main", "key", "job", "audit"):
            self.assertGreater(value(samples, "paramsafe_db_pool_size", pool=pool), 0, pool)
            self.assertIn((("pool", pool),), {ls for (n, ls) in samples
                                              if n == "paramsafe_db_pool_waits_total"})
        in_use = value(samples, "paramsafe_db_pool_connections", pool="main", state="in_use")
        idle = value(samples, "paramsafe_db_pool_connections", pool="main", state="idle")
        self.assertGreaterEqual(in_use + idle, 1)
        self.assertLessEqual(in_use + idle, POOL_SIZE)

    def test_reads_of_a_secret_scheduled_for_deletion_are_counted(self):
        sm = client("secretsmanager")
        name = unique("e2e-metrics-")
        sm.create_secret(Name=name, SecretString=H.secrets.canary())
        sm.delete_secret(SecretId=name, RecoveryWindowInDays=7)
        before, _, _ = scrape()
        self.assertEqual(error_code(lambda: sm.get_secret_value(SecretId=name)),
                         "InvalidRequestException")
        after, body, _ = scrape()
        labels = {"operation": "GetSecretValue"}
        metric = "paramsafe_secret_reads_while_scheduled_total"
        self.assertEqual(value_of(after, metric, labels) - value_of(before, metric, labels), 1)
        req = {"service": "secretsmanager", "action": "GetSecretValue",
               "outcome": "InvalidRequestException"}
        self.assertEqual(value_of(after, "paramsafe_requests_total", req) -
                         value_of(before, "paramsafe_requests_total", req), 1)
        self.assertNotIn(name, body)

    def test_background_job_outcomes_are_counted(self):
        ssm = client("ssm")
        when = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=3)
        stamp = when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"
        labels = {"kind": "parameter-expiration", "outcome": "success"}
        start = value_of(scrape()[0], "paramsafe_jobs_total", labels)
        ssm.put_parameter(Name=unique("/e2e/metrics/expiring-"), Value="v", Type="String",
                          Tier="Advanced", Policies=json.dumps([
                              {"Type": "Expiration", "Version": "1.0",
                               "Attributes": {"Timestamp": stamp}}]))
        deadline = time.monotonic() + 30
        while True:
            samples, _, _ = scrape()
            if value_of(samples, "paramsafe_jobs_total", labels) > start:
                break
            self.assertLess(time.monotonic(), deadline,
                            "no parameter-expiration job counted within 30 s")
            time.sleep(0.2)
        self.assertEqual(value_of(samples, "paramsafe_jobs_total", labels), start + 1)
        self.assertGreater(value(samples, "paramsafe_job_passes_total", outcome="success"), 0)


def value_of(samples, name, labels):
    return value(samples, name, **labels)


def parse_args():
    import argparse
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--server")
    p.add_argument("--plugin")
    p.add_argument("--cli")
    a, rest = p.parse_known_args()
    for flag, env in (("server", "PARAMSAFE_E2E_SERVER"), ("plugin", "PARAMSAFE_E2E_PLUGIN"),
                      ("cli", "PARAMSAFE_E2E_CLI")):
        if getattr(a, flag):
            os.environ[env] = getattr(a, flag)
    return rest


if __name__ == "__main__":
    sys.argv = [sys.argv[0]] + parse_args()
    unittest.main(verbosity=2)
