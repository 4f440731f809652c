"""What the Parameter Store e2e suites (test_ps_*.py) share: the harness with the
server settings they need, client drivers that give every client the same
call/reply shape, masking of secret values, and direct reads of the scratch
database.

A test module does:

  import parameter_store as ps
  from parameter_store import setUpModule, tearDownModule
  class Audit(foundation.AuditCases, foundation.E2ETestCase): ...
  SUITES = {...}
  def load_tests(...): return foundation.build_suite(SUITES, Audit)
  if __name__ == "__main__": sys.exit(foundation.main(SUITES, Audit, __doc__))

setUpModule starts one server (foundation.H, so that foundation's audit and
failure report work unchanged) with PARAMSAFE_JOB_POLL_MS=200, so policy jobs
run within a fraction of a second.

Drivers (driver.call(op, **params) -> Reply; driver.paginate(name, config, **params)
-> (pages, Reply-or-None)):
  InProcessDriver  boto3 of this interpreter (python3 on PATH, PyPI boto3)
  WorkerDriver     boto3 of another interpreter (ps_boto3_worker.py over a pipe)
Reply.data and pages are masked: every registered secret is replaced by
mask(secret), so no assertion message can show one.
"""

import datetime
import hashlib
import json
import os
import subprocess
import sys
import threading

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import foundation  # noqa: E402
import harness  # noqa: E402
import ps_boto3_worker  # noqa: E402

ACCOUNT = "123456789012"
ADMIN_ARN = f"arn:aws:iam::{ACCOUNT}:user/admin"  # paramsafe bootstrap's user
SERVER_ENV = {"PARAMSAFE_JOB_POLL_MS": "200"}


def arn(name, region="us-east-1"):
    return f"arn:aws:ssm:{region}:{ACCOUNT}:parameter/{name.lstrip('/')}"


# ---------------------------------------------------------------------------------
# the harness


class PsHarness(harness.Harness):
    """harness.Harness with extra server environment (SERVER_ENV). Harness starts
    the server with clean_env(fixed settings); this swaps clean_env for the one
    call. (harness.py could take a server_env argument instead.)"""

    def _start_server(self):
        real = harness.clean_env
        harness.clean_env = lambda extra=None: real({**(extra or {}), **SERVER_ENV})
        try:
            super()._start_server()
        finally:
            harness.clean_env = real


def setUpModule():
    h = PsHarness()
    try:
        foundation.H = h.start()
    except BaseException:
        try:
            h.close()
        except harness.HarnessError:
            pass
        raise


def tearDownModule():
    foundation.tearDownModule()


def H():
    return foundation.H


def db_rows(sql, *args):
    """Rows of `sql` on the scratch database, as dicts. `args` are bound as psql
    variables :'a1', :'a2', ... (psql quotes them), never spliced into the text."""
    cmd = [harness.pg_tool("psql"), H().database_url, "-v", "ON_ERROR_STOP=1", "-Atq"]
    for i, a in enumerate(args, 1):
        cmd += ["-v", f"a{i}={a}"]
    query = f"SELECT coalesce(json_agg(t), '[]') FROM ({sql}) t"
    r = subprocess.run(cmd, input=query, capture_output=True, text=True,
                       timeout=harness.PROCESS_TIMEOUT, env=harness.clean_env())
    if r.returncode != 0:
        raise harness.HarnessError(f"psql failed ({sql}): {r.stderr.strip()}")
    return json.loads(r.stdout)


def db_exec(sql, *args):
    cmd = [harness.pg_tool("psql"), H().database_url, "-v", "ON_ERROR_STOP=1", "-Atq"]
    for i, a in enumerate(args, 1):
        cmd += ["-v", f"a{i}={a}"]
    r = subprocess.run(cmd, input=sql, capture_output=True, text=True,
                       timeout=harness.PROCESS_TIMEOUT, env=harness.clean_env())
    if r.returncode != 0:
        raise harness.HarnessError(f"psql failed ({sql}): {r.stderr.strip()}")
    return r.stdout


# ---------------------------------------------------------------------------------
# secrets


def mask(value):
    """The stand-in for a secret in masked replies."""
    return f"<secret:{hashlib.sha256(value.encode()).hexdigest()[:10]}>"


def masked(obj):
    """obj with every registered secret replaced by mask(secret)."""
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


def decode(obj):
    """Worker JSON back to boto3's shapes: {"$ts": iso} -> datetime."""
    if isinstance(obj, dict):
        if set(obj) == {"$ts"}:
            return datetime.datetime.fromisoformat(obj["$ts"])
        return {k: decode(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [decode(v) for v in obj]
    return obj


# ---------------------------------------------------------------------------------
# drivers


class Reply:
    """One call's outcome: data (the response without ResponseMetadata) or an
    AWS error (code, message, status)."""

    def __init__(self, raw):
        self.ok = raw.get("ok", False)
        self.data = masked(decode(raw.get("data") or {}))
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
    """call(op, **params) and paginate(name, config, **params) through one boto3."""

    def request(self, req):
        raise NotImplementedError

    def call(self, op, region=None, **params):
        return Reply(self.request({"op": op, "params": params, "region": region}))

    def repeat(self, op, count, vary, region=None, **params):
        """`count` calls of op in a row, params[vary] suffixed "-<i>" on call i;
        returns per call {"Version": v} or {"code": c, "status": s}."""
        return self.request({"op": op, "params": params, "repeat": count, "vary": vary,
                             "region": region})["replies"]

    def paginate(self, name, config=None, region=None, **params):
        """(pages, None) or (pages so far, the error Reply). The paginator's
        resume_token (set when config has MaxItems) is in self.resume_token."""
        raw = self.request({"paginate": name, "params": params, "config": config or {},
                            "region": region})
        self.resume_token = raw.get("resume_token")
        pages = [masked(decode(p)) for p in raw.get("pages", [])]
        return pages, (None if raw.get("ok") else Reply(raw))

    def info(self):
        return self.request({"info": True})["data"]


class InProcessDriver(Driver):
    """boto3 of the interpreter running the tests."""

    def __init__(self, **credentials):
        self._clients = {}
        self._credentials = credentials
        self._lock = threading.Lock()

    def _client_for(self, region):
        region = region or H().client["AWS_DEFAULT_REGION"]
        with self._lock:
            if region not in self._clients:
                self._clients[region] = ps_boto3_worker.make_client(
                    region, endpoint=H().endpoint,
                    access_key_id=self._credentials.get("access_key_id")
                    or H().client["AWS_ACCESS_KEY_ID"],
                    secret_access_key=self._credentials.get("secret_access_key")
                    or H().client["AWS_SECRET_ACCESS_KEY"])
            return self._clients[region]

    def request(self, req):
        # The same encoding as the worker's, so both drivers answer alike.
        return json.loads(json.dumps(ps_boto3_worker.execute(self._client_for, req)))

    def close(self):
        pass


class WorkerDriver(Driver):
    """boto3 of `python`, in a ps_boto3_worker.py child process."""

    def __init__(self, python, env=None):
        self.proc = subprocess.Popen(
            [python, "-B", os.path.join(HERE, "ps_boto3_worker.py")],
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


# ---------------------------------------------------------------------------------
# the base test case


class PsTestCase(foundation.E2ETestCase):
    """Assertions over a driver (self.c, the client under test) and a fixture
    driver (self.fx, in-process boto3: fast setup and checks)."""

    c = None
    fx = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if cls.fx is None:
            cls.fx = InProcessDriver()

    def prefix(self):
        """A fresh hierarchy no other test uses: /e2e/<tag>/<method>-<hex>."""
        return self.unique("x").rsplit("/", 1)[0]

    def ok(self, op, driver=None, **params):
        r = (driver or self.c).call(op, **params)
        if not r.ok:
            self.fail(f"{op} failed: {r!r}")
        self.assertEqual(r.status, 200, repr(r))
        return r.data

    def err(self, code, op, message=None, driver=None, contains=None, **params):
        """Asserts op fails with the AWS error `code`, HTTP 400 (and, if given, the
        exact message or a message containing `contains`); returns the Reply."""
        r = (driver or self.c).call(op, **params)
        self.assertFalse(r.ok, f"{op} succeeded, expected {code}: {r!r}")
        self.assertEqual((r.code, r.status), (code, 400), f"{op}: {r!r}")
        self.assertTrue(r.request_id, f"{op}: no request id: {r!r}")
        if message is not None:
            self.assertEqual(r.message, message)
        if contains is not None:
            self.assertIn(contains, r.message)
        return r

    def put(self, name, value="v", type_="String", driver=None, **kw):
        return self.ok("PutParameter", driver=driver or self.fx, Name=name, Value=value,
                       Type=type_, **kw)

    def get(self, name, driver=None, **kw):
        return self.ok("GetParameter", driver=driver or self.fx, Name=name, **kw)["Parameter"]

    def history(self, name, driver=None, **kw):
        pages, error = (driver or self.fx).paginate("get_parameter_history", Name=name, **kw)
        if error:
            self.fail(f"GetParameterHistory failed: {error!r}")
        return [p for page in pages for p in page["Parameters"]]

    def describe(self, driver=None, **kw):
        pages, error = (driver or self.fx).paginate("describe_parameters", **kw)
        if error:
            self.fail(f"DescribeParameters failed: {error!r}")
        return [p for page in pages for p in page["Parameters"]]

    def by_path(self, driver=None, **kw):
        pages, error = (driver or self.fx).paginate("get_parameters_by_path", **kw)
        if error:
            self.fail(f"GetParametersByPath failed: {error!r}")
        return [p for page in pages for p in page["Parameters"]]

    def assert_absent(self, name, driver=None):
        """No parameter `name` (nothing was written)."""
        r = (driver or self.fx).call("GetParameter", Name=name)
        self.assertEqual(r.code, "ParameterNotFound", f"{name}: {r!r}")

    def assert_timestamp(self, value, near=None, slack=120):
        self.assertIsInstance(value, datetime.datetime)
        self.assertIsNotNone(value.tzinfo)
        now = near or datetime.datetime.now(datetime.timezone.utc)
        self.assertLess(abs((value - now).total_seconds()), slack, value)
