"""The client drivers the Parameter Store (parameter_store.py, test_ps_*.py) and
Secrets Manager (secrets_manager.py, test_sm_*.py) e2e suites share, so that
every client gives the same call/reply shape, and the base test case over them.
Where the suites differ, they pass `worker`, their worker module
(ps_boto3_worker or sm_boto3_worker): SERVICE, the service a call goes to
unless it names another; VERSION_MEMBER, the member of a write's reply that
repeat() keeps; and its file, the script a WorkerDriver runs.

Drivers (driver.call(op, service=None, region=None, **params) -> Reply;
driver.paginate(name, config, **params) -> (pages, Reply-or-None)):
  InProcessDriver(worker)          boto3 of this interpreter (python3 on PATH, PyPI)
  WorkerDriver(worker, python)     boto3 of another interpreter, in the worker
                                   script over a pipe (boto3_worker_loop.py)
  shared_worker(worker, python)    one WorkerDriver per interpreter per server,
                                   ended by close_workers()
Blobs are bytes both ways. Reply.data and pages are masked: every registered
secret is replaced by mask(secret) (in bytes too), so no assertion message can
show one; compare with masked(expected).

Test case parts: DriverTestCase (self.c, self.fx, ok/err), the mixins
InProcessClient and Boto3Client (which client is self.c), boto3_suite_classes;
the aws CLI runner AwsCli with its assertions AwsCliCases. Also raw signed HTTP
(send_raw), writers at the same moment (concurrent_repeats), and the clients
under test (NEW_PYTHON, OLD_PYTHON, AWS_V1, AWS_V2).
"""

import datetime
import hashlib
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import threading

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import boto3_worker_loop  # noqa: E402
import foundation  # noqa: E402
import harness  # noqa: E402
from boto3_worker_loop import from_json, to_json  # noqa: E402
from test_raw_http import sign  # noqa: E402

NEW_PYTHON = foundation.tool("PARAMSAFE_E2E_PYTHON_NEW", shutil.which("python3"))
OLD_PYTHON = foundation.tool("PARAMSAFE_E2E_PYTHON_OLD", "/usr/bin/python3")
AWS_V1 = foundation.tool("PARAMSAFE_E2E_AWS_V1", shutil.which("aws"))
AWS_V2 = foundation.tool("PARAMSAFE_E2E_AWS_V2", "/usr/bin/aws")


def H():
    return foundation.H


# ---------------------------------------------------------------------------------
# masking


def mask(value):
    """The stand-in for a secret in masked replies."""
    return f"<secret:{hashlib.sha256(value.encode()).hexdigest()[:10]}>"


def masked(obj):
    """obj with every registered secret replaced by mask(secret), in str and bytes."""
    values = H().secrets.values() if H() else []
    if isinstance(obj, dict):
        return {k: masked(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [masked(v) for v in obj]
    if isinstance(obj, str):
        for v in sorted(values, key=len, reverse=True):
            if v in obj:
                obj = obj.replace(v, mask(v))
        return obj
    if isinstance(obj, (bytes, bytearray)):
        obj = bytes(obj)
        for v in sorted(values, key=len, reverse=True):
            if v.encode() in obj:
                obj = obj.replace(v.encode(), mask(v).encode())
        return obj
    return obj


# ---------------------------------------------------------------------------------
# boto3 drivers


class Reply:
    """One call's outcome: data (the response without ResponseMetadata) or an AWS
    error (code, message, status)."""

    def __init__(self, raw):
        self.ok = raw.get("ok", False)
        self.data = masked(from_json(raw.get("data") or {}))
        self.code = raw.get("code")
        self.message = masked(raw.get("message") or "")
        self.status = raw.get("status")
        self.request_id = raw.get("request_id")
        self.replies = raw.get("replies")

    def __repr__(self):
        if self.ok:
            return f"<ok {self.status} {json.dumps(self.data, default=str)[:3000]}>"
        return f"<error {self.status} {self.code}: {self.message[:1000]}>"


class Driver:
    """call, repeat and paginate through one boto3, as requests of the worker
    protocol (boto3_worker_loop.py); `worker`, the suite's worker module, says
    the default service and the script."""

    def __init__(self, worker):
        self.worker = worker

    def request(self, req):
        raise NotImplementedError

    def call(self, op, service=None, region=None, **params):
        return Reply(self.request({"op": op, "params": to_json(params), "service": service,
                                   "region": region}))

    def repeat(self, op, count, vary, region=None, **params):
        """`count` calls of op in a row, params[vary] suffixed "-<i>" on call i;
        returns per call {<worker.VERSION_MEMBER>: v} or {"code": c, "status": s}."""
        return self.request({"op": op, "params": to_json(params), "repeat": count,
                             "vary": vary, "region": region})["replies"]

    def paginate(self, name, config=None, service=None, region=None, **params):
        """(pages, None) or (pages so far, the error Reply); the paginator's
        resume_token (with MaxItems) is in self.resume_token."""
        raw = self.request({"paginate": name, "params": to_json(params),
                            "config": config or {}, "service": service, "region": region})
        self.resume_token = raw.get("resume_token")
        pages = [masked(from_json(p)) for p in raw.get("pages", [])]
        return pages, (None if raw.get("ok") else Reply(raw))

    def info(self):
        return self.request({"info": True})["data"]


class InProcessDriver(Driver):
    """boto3 of the interpreter running the tests."""

    def __init__(self, worker, **credentials):
        super().__init__(worker)
        self._clients = {}
        self._credentials = credentials
        self._lock = threading.Lock()

    def _client_for(self, service, region):
        region = region or H().client["AWS_DEFAULT_REGION"]
        with self._lock:
            if (service, region) not in self._clients:
                self._clients[(service, region)] = boto3_worker_loop.make_client(
                    service, region, endpoint=H().endpoint,
                    access_key_id=self._credentials.get("access_key_id")
                    or H().client["AWS_ACCESS_KEY_ID"],
                    secret_access_key=self._credentials.get("secret_access_key")
                    or H().client["AWS_SECRET_ACCESS_KEY"])
            return self._clients[(service, region)]

    def request(self, req):
        # The same encoding as the worker's, so both drivers answer alike.
        return json.loads(json.dumps(boto3_worker_loop.execute(
            self._client_for, req, self.worker.SERVICE, self.worker.VERSION_MEMBER)))

    def close(self):
        pass


class WorkerDriver(Driver):
    """boto3 of `python`, in a child process running the script of `worker`."""

    def __init__(self, worker, python, env=None):
        super().__init__(worker)
        self.proc = subprocess.Popen(
            [python, "-B", os.path.abspath(worker.__file__)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, env=env or H().aws_env(), bufsize=1)
        self._lock = threading.Lock()

    def request(self, req):
        with self._lock:
            self.proc.stdin.write(json.dumps(req) + "\n")
            self.proc.stdin.flush()
            line = self.proc.stdout.readline()
        if not line:
            raise harness.HarnessError(
                "the boto3 worker died: " + H().secrets.redact(self.proc.stderr.read()[-3000:]))
        return json.loads(line)

    def close(self):
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for f in (self.proc.stdout, self.proc.stderr):
            f.close()


_workers = {}  # (worker module name, python) -> (its harness, WorkerDriver)


def shared_worker(worker, python):
    """One worker per script per interpreter per server, shared by the classes of
    a module rather than a process per class; a new server gets new workers."""
    key = (worker.__name__, python)
    w = _workers.get(key)
    if w is None or w[0] is not H():
        if w is not None:
            w[1].close()
        _workers[key] = (H(), WorkerDriver(worker, python))
    return _workers[key][1]


def close_workers():
    for _, w in _workers.values():
        w.close()
    _workers.clear()


def concurrent_repeats(worker, pythons, writers, op, count, vary, params_for):
    """`writers` WorkerDrivers of `worker` (writer i under pythons[i % len]), each
    calling repeat(op, count, vary, **params_for(i)) at the same moment. Returns,
    per writer, its replies (None when it did not finish within 300 s)."""
    drivers = [WorkerDriver(worker, pythons[i % len(pythons)]) for i in range(writers)]
    try:
        for d in drivers:  # every process up (boto3 imported) before any write
            d.info()
        results = [None] * writers
        start = threading.Barrier(writers)

        def write(i):
            start.wait()
            results[i] = drivers[i].repeat(op, count, vary, **params_for(i))
        threads = [threading.Thread(target=write, args=(i,)) for i in range(writers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=300)
    finally:
        for d in drivers:
            d.close()
    return results


# ---------------------------------------------------------------------------------
# the base test case


class DriverTestCase(foundation.E2ETestCase):
    """Assertions over a driver (self.c, the client under test) and a fixture
    driver (self.fx, in-process boto3: fast setup and checks). WORKER: the
    suite's worker module."""

    WORKER = None
    c = None
    fx = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if cls.fx is None:
            cls.fx = InProcessDriver(cls.WORKER)

    def ok(self, op, driver=None, **params):
        r = (driver or self.c).call(op, **params)
        if not r.ok:
            self.fail(f"{op} failed: {r!r}")
        self.assertEqual(r.status, 200, repr(r))
        return r.data

    def err(self, code, op, message=None, driver=None, contains=None, **params):
        """Asserts op fails with the AWS error `code` (a tuple: any of them), HTTP 400
        (and, if given, the exact message or a message containing `contains`);
        returns the Reply."""
        r = (driver or self.c).call(op, **params)
        self.assertFalse(r.ok, f"{op} succeeded, expected {code}: {r!r}")
        codes = code if isinstance(code, tuple) else (code,)
        self.assertIn(r.code, codes, f"{op}: {r!r}")
        self.assertEqual(r.status, 400, f"{op}: {r!r}")
        self.assertTrue(r.request_id, f"{op}: no request id: {r!r}")
        if message is not None:
            self.assertEqual(r.message, masked(message))
        if contains is not None:
            self.assertIn(masked(contains), r.message)
        return r

    def assert_timestamp(self, value, near=None, slack=120):
        self.assertIsInstance(value, datetime.datetime)
        self.assertIsNotNone(value.tzinfo)
        now = near or datetime.datetime.now(datetime.timezone.utc)
        self.assertLess(abs((value - now).total_seconds()), slack, value)


class InProcessClient:
    """Mixin: the client under test is the fixture driver (boto3 of this
    interpreter)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.c = cls.fx


class Boto3Client:
    """Mixin: the client under test is boto3 under PYTHON in a shared worker,
    whose botocore must start with BOTOCORE ('1.29' old Debian, '1.4' new PyPI)."""

    PYTHON = None
    BOTOCORE = None

    @classmethod
    def setUpClass(cls):
        if not cls.PYTHON or not os.path.isfile(cls.PYTHON):
            raise AssertionError(f"interpreter {cls.PYTHON!r} not found")
        cls.c = shared_worker(cls.WORKER, cls.PYTHON)
        version = cls.c.info()["botocore"]
        if not version.startswith(cls.BOTOCORE):
            raise AssertionError(f"{cls.PYTHON} has botocore {version}, expected {cls.BOTOCORE}x")
        super().setUpClass()


def boto3_suite_classes(module, cases, base, tag, python, botocore, new_model):
    """One test class per case mixin, on `base` with boto3 under `python` as the
    client: <Case>_<tag>, also set as a global of `module` (its name) so that
    `-k` and unittest's loader find it."""
    classes = []
    for case in cases:
        name = f"{case.__name__.removesuffix('Cases')}_{tag}"
        classes.append(type(name, (case, Boto3Client, base), {
            "TAG": tag, "PYTHON": python, "BOTOCORE": botocore, "NEW_MODEL": new_model,
            "__module__": module}))
        setattr(sys.modules[module], name, classes[-1])
    return classes


# ---------------------------------------------------------------------------------
# the aws CLI


class AwsCli:
    """Runs `aws <service> ...` of one CLI, v1 or v2; `service` unless told another."""

    def __init__(self, exe, major, service):
        self.exe, self.major, self.service = exe, major, service

    def check(self):
        if not self.exe or not os.path.isfile(self.exe):
            raise AssertionError(f"aws CLI v{self.major} not found at {self.exe!r}")
        r = subprocess.run([self.exe, "--version"], capture_output=True, text=True,
                           timeout=harness.PROCESS_TIMEOUT, env=harness.clean_env())
        if not (r.stdout + r.stderr).startswith(f"aws-cli/{self.major}."):
            raise AssertionError(f"{self.exe} is {(r.stdout + r.stderr).strip()!r}")

    def run(self, *args, service=None, region=None):
        env = H().aws_env()
        env["AWS_MAX_ATTEMPTS"] = "1"  # no retry: what the server said, once
        cmd = [self.exe, "--endpoint-url", H().endpoint, "--output", "json"]
        if region:
            cmd += ["--region", region]
        cmd += [service or self.service, *args]
        return subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                              env=env, timeout=harness.PROCESS_TIMEOUT)


class AwsCliCases:
    """Mixin: assertions over one aws CLI (CLI: an AwsCli), checked in setUpClass."""

    CLI = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.CLI.check()

    def describe_run(self, r):
        return (f"`aws {self.redact(' '.join(r.args[5:]))}` exited {r.returncode}\n"
                f"stdout: {self.redact(r.stdout)[-2000:]}\nstderr: {self.redact(r.stderr)[-2000:]}")

    def cli_ok(self, *args, region=None):
        """Runs the CLI, asserts success, returns the parsed output, secrets masked."""
        r = self.CLI.run(*args, region=region)
        if r.returncode != 0:
            self.fail(self.describe_run(r))
        return masked(json.loads(r.stdout)) if r.stdout.strip() else {}

    def cli_err(self, code, *args, message=None, region=None):
        """Asserts the CLI fails with the server's AWS error `code` (and message)."""
        r = self.CLI.run(*args, region=region)
        self.assertNotEqual(r.returncode, 0, "succeeded unexpectedly: " + self.describe_run(r))
        self.assertIn(f"An error occurred ({code}) when calling the ", r.stderr,
                      self.describe_run(r))
        if self.CLI.major == "2":  # 254: the service answered with an error
            self.assertEqual(r.returncode, 254, self.describe_run(r))
        if message is not None:
            # "... when calling the Op operation[ (reached max retries: 0)]: <message>"
            said = re.search(r"when calling the \w+ operation(?: \([^)]*\))?: (.*)", r.stderr,
                             re.S)
            self.assertEqual(masked(said.group(1).strip()), masked(message))
        return r

    def assert_cli_timestamp(self, value, near=None, slack=120):
        """v1 prints the wire's epoch seconds; v2 converts them to ISO 8601."""
        when = self.cli_time(value)
        now = near or datetime.datetime.now(datetime.timezone.utc)
        self.assertLess(abs((when - now).total_seconds()), slack, value)

    def cli_time(self, value):
        if self.CLI.major == "1":
            self.assertIsInstance(value, (int, float))
            return datetime.datetime.fromtimestamp(value, datetime.timezone.utc)
        self.assertIsInstance(value, str)
        return datetime.datetime.fromisoformat(value)


# ---------------------------------------------------------------------------------
# raw signed HTTP

TARGET_PREFIX = {"ssm": "AmazonSSM", "secretsmanager": "secretsmanager"}


def send_raw(op, body, service, region="us-east-1"):
    """POSTs `body` (bytes) signed for <service's target prefix>.<op>:
    (status, headers with lower-case names, parsed JSON body)."""
    conn = http.client.HTTPConnection("127.0.0.1", H().port, timeout=60)
    try:
        conn.request("POST", "/", body=body, headers=sign(
            body, f"{TARGET_PREFIX[service]}.{op}", service=service, region=region))
        resp = conn.getresponse()
        data = resp.read()
        headers = {k.lower(): v for k, v in resp.getheaders()}
    finally:
        conn.close()
    try:
        parsed = json.loads(data) if data else {}
    except ValueError:
        parsed = {"unparsed": data[:500].decode("utf-8", "replace")}
    return resp.status, headers, parsed
