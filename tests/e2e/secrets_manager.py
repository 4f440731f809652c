"""What the Secrets Manager e2e suites (test_sm_*.py) share: the harness (the one
the Parameter Store suites use, job poll 200 ms), drivers that give boto3 under
any interpreter the same call/reply shape, the aws CLI runner, masking of secret
values (strings and blobs), AWS's error texts, raw signed HTTP, the admin CLI's
job runner and direct reads of the scratch database.

A test module does:

  import secrets_manager as sm
  from secrets_manager import setUpModule, tearDownModule
  class Audit(sm.SmAuditCases, foundation.E2ETestCase): ...
  SUITES = {...}
  def load_tests(...): return foundation.build_suite(SUITES, Audit)
  if __name__ == "__main__": sys.exit(foundation.main(SUITES, Audit, __doc__))

Drivers (driver.call(op, service=None, region=None, **params) -> Reply;
driver.paginate(name, config, **params) -> (pages, Reply-or-None)):
  InProcessDriver  boto3 of this interpreter (python3 on PATH, PyPI boto3 1.43)
  WorkerDriver     boto3 of another interpreter (sm_boto3_worker.py over a pipe)
Blobs are bytes both ways. Reply.data and pages are masked: every registered
secret is replaced by mask(secret) (in bytes too), so no assertion message can
show one; compare with masked(expected).

Expected texts come from ../shared/reference/secrets-manager.md: [O] texts are
asserted verbatim, texts only moto showed ([O moto]) by a part of them.
"""

import base64
import datetime
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import uuid

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import foundation  # noqa: E402
import harness  # noqa: E402
import parameter_store as ps  # noqa: E402
import sm_boto3_worker  # noqa: E402
from parameter_store import mask, setUpModule, tearDownModule  # noqa: E402,F401

ACCOUNT = ps.ACCOUNT
REGION = "us-east-1"  # the client.env region paramsafe bootstrap writes
NEW_PYTHON = foundation.tool("PARAMSAFE_E2E_PYTHON_NEW", shutil.which("python3"))
OLD_PYTHON = foundation.tool("PARAMSAFE_E2E_PYTHON_OLD", "/usr/bin/python3")
AWS_V1 = foundation.tool("PARAMSAFE_E2E_AWS_V1", shutil.which("aws"))
AWS_V2 = foundation.tool("PARAMSAFE_E2E_AWS_V2", "/usr/bin/aws")

ARN_PATTERN = re.compile(r"^arn:aws:secretsmanager:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):"
                         r"secret:(?P<name>.+)-(?P<suffix>[A-Za-z0-9]{6})$")
STAGES = ("AWSCURRENT", "AWSPREVIOUS", "AWSPENDING")

# -- AWS's texts ---------------------------------------------------------------------

NOT_FOUND = "Secrets Manager can't find the specified secret."
MARKED_FOR_DELETION = ("You can't perform this operation on the secret because it was marked "
                       "for deletion.")
NAME_SCHEDULED = ("You can't create this secret because a secret with this name is already "
                  "scheduled for deletion.")
STAGE_NOT_ON_VERSION = ("You provided a VersionStage that is not associated to the provided "
                        "VersionId.")
BATCH_EITHER = "Either 'SecretIdList' or 'Filters' must be provided, but not both."
FORCE_AND_WINDOW = ("You can't use ForceDeleteWithoutRecovery in conjunction with "
                    "RecoveryWindowInDays.")
WINDOW_RANGE = "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive)."


def already_exists(name):
    return f"The operation failed because the secret {name} already exists."


def token_in_use(token, arn):
    return (f"You can't use ClientRequestToken {token} because that value is already in use "
            f"for a version of secret {arn}.")


def remove_from_required(stage, version_id):
    return (f"The parameter RemoveFromVersionId can't be empty. Staging label {stage} is "
            f"currently attached to version {version_id}, so you must explicitly reference "
            "that version in RemoveFromVersionId.")


def arn_prefix(name, region=REGION, account=ACCOUNT):
    """The partial ARN of a secret: its ARN without the -XXXXXX suffix."""
    return f"arn:aws:secretsmanager:{region}:{account}:secret:{name}"


def token():
    """A ClientRequestToken as the SDKs make them (a UUID, 36 characters)."""
    return str(uuid.uuid4())


def utc_midnight(when=None):
    when = when or datetime.datetime.now(datetime.timezone.utc)
    return when.astimezone(datetime.timezone.utc).replace(hour=0, minute=0, second=0,
                                                          microsecond=0)


def H():
    return foundation.H


# ---------------------------------------------------------------------------------
# masking and the JSON form of blobs


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


def to_wire(obj):
    """Request parameters as JSON for a driver: bytes -> {"$bytes": b64}."""
    if isinstance(obj, dict):
        return {k: to_wire(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [to_wire(v) for v in obj]
    if isinstance(obj, (bytes, bytearray)):
        return {"$bytes": base64.b64encode(bytes(obj)).decode()}
    return obj


def decode(obj):
    """Worker JSON back to boto3's shapes: {"$ts": iso} -> datetime, {"$bytes"} -> bytes."""
    if isinstance(obj, dict):
        if set(obj) == {"$ts"}:
            return datetime.datetime.fromisoformat(obj["$ts"])
        if set(obj) == {"$bytes"}:
            return base64.b64decode(obj["$bytes"])
        return {k: decode(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [decode(v) for v in obj]
    return obj


# ---------------------------------------------------------------------------------
# drivers


class Reply:
    """One call's outcome: data (the response without ResponseMetadata) or an AWS
    error (code, message, status)."""

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
            return f"<ok {self.status} {json.dumps(self.data, default=repr)[:3000]}>"
        return f"<error {self.status} {self.code}: {self.message[:1000]}>"


class Driver:
    def request(self, req):
        raise NotImplementedError

    def call(self, op, service=None, region=None, **params):
        return Reply(self.request({"op": op, "params": to_wire(params), "service": service,
                                   "region": region}))

    def repeat(self, op, count, vary, region=None, **params):
        """`count` calls of op in a row, params[vary] suffixed "-<i>" on call i;
        returns per call {"VersionId": v} or {"code": c, "status": s}."""
        return self.request({"op": op, "params": to_wire(params), "repeat": count,
                             "vary": vary, "region": region})["replies"]

    def paginate(self, name, config=None, service=None, region=None, **params):
        """(pages, None) or (pages so far, the error Reply); the paginator's
        resume_token (with MaxItems) is in self.resume_token."""
        raw = self.request({"paginate": name, "params": to_wire(params),
                            "config": config or {}, "service": service, "region": region})
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

    def _client_for(self, service, region):
        region = region or H().client["AWS_DEFAULT_REGION"]
        with self._lock:
            if (service, region) not in self._clients:
                self._clients[(service, region)] = sm_boto3_worker.make_client(
                    service, region, endpoint=H().endpoint,
                    access_key_id=self._credentials.get("access_key_id")
                    or H().client["AWS_ACCESS_KEY_ID"],
                    secret_access_key=self._credentials.get("secret_access_key")
                    or H().client["AWS_SECRET_ACCESS_KEY"])
            return self._clients[(service, region)]

    def request(self, req):
        # The same encoding as the worker's, so both drivers answer alike.
        return json.loads(json.dumps(sm_boto3_worker.execute(self._client_for, req)))

    def close(self):
        pass


class WorkerDriver(Driver):
    """boto3 of `python`, in a sm_boto3_worker.py child process."""

    def __init__(self, python, env=None):
        self.proc = subprocess.Popen(
            [python, "-B", os.path.join(HERE, "sm_boto3_worker.py")],
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


_workers = {}


def worker(python):
    """One worker per interpreter per server, shared by the classes of a module."""
    w = _workers.get(python)
    if w is None or w[0] is not H():
        if w is not None:
            w[1].close()
        _workers[python] = (H(), WorkerDriver(python))
    return _workers[python][1]


def close_workers():
    for _, w in _workers.values():
        w.close()
    _workers.clear()


# ---------------------------------------------------------------------------------
# raw signed HTTP, the admin CLI, the database


def send_raw(op, body, service="secretsmanager", region=REGION):
    """POSTs `body` (bytes) signed for <target prefix>.<op>: (status, headers, parsed)."""
    from test_raw_http import sign
    prefix = "secretsmanager" if service == "secretsmanager" else "AmazonSSM"
    conn = http.client.HTTPConnection("127.0.0.1", H().port, timeout=60)
    try:
        conn.request("POST", "/", body=body,
                     headers=sign(body, f"{prefix}.{op}", service=service, region=region))
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


def iso_utc(when):
    return when.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def run_due(now):
    """`paramsafe jobs run-due --now <now>`: runs the jobs due at `now` (a datetime)
    as the server's job worker would then; the CompletedProcess."""
    return H().run_admin("jobs", "run-due", "--now", iso_utc(now))


db_rows = ps.db_rows
db_exec = ps.db_exec


def create_key(alias, region=REGION):
    """A customer key through `paramsafe kms create-key`: its KeyMetadata."""
    r = H().run_admin("kms", "create-key", "--alias", alias, "--region", region)
    if r.returncode != 0:
        raise harness.HarnessError(f"kms create-key failed: {H().secrets.redact(r.stderr)}")
    return json.loads(r.stdout)["KeyMetadata"]


# ---------------------------------------------------------------------------------
# the base test case


class SmTestCase(foundation.E2ETestCase):
    """Assertions over a driver (self.c, the client under test) and a fixture
    driver (self.fx, in-process boto3 1.43: fast setup and checks)."""

    c = None
    fx = None
    NEW_MODEL = True  # the client knows BatchGetSecretValue, IncludePlannedDeletion, SortBy

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if cls.fx is None:
            cls.fx = InProcessDriver()

    def secret_name(self, leaf="s"):
        """A secret name no other test uses: e2e/<tag>/<method>-<hex>/<leaf>."""
        return self.unique(leaf).lstrip("/")

    def ok(self, op, driver=None, **params):
        r = (driver or self.c).call(op, **params)
        if not r.ok:
            self.fail(f"{op} failed: {r!r}")
        self.assertEqual(r.status, 200, repr(r))
        return r.data

    def err(self, code, op, message=None, driver=None, contains=None, **params):
        """Asserts op fails with the AWS error `code` (a tuple: any of them), HTTP 400
        (and, if given, the exact message or a message containing `contains`)."""
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

    def create(self, name=None, value=None, driver=None, **kw):
        """CreateSecret through the fixture driver; a fresh canary as the value
        unless `value` (None: a canary; False: no value) or SecretBinary is given.
        Returns the response plus "Value" (what was written)."""
        name = name or self.secret_name()
        if value is None and "SecretBinary" not in kw:
            value = self.canary()
        if value is not False and value is not None:
            kw["SecretString"] = value
        out = self.ok("CreateSecret", driver=driver or self.fx, Name=name, **kw)
        out["Value"] = kw.get("SecretString", kw.get("SecretBinary"))
        return out

    def binary(self):
        """A SecretBinary value: a canary plus bytes that are not UTF-8."""
        return self.canary().encode() + b"\x00\xff\xfe\x80bin"

    def put_value(self, sid, value=None, driver=None, **kw):
        if value is None and "SecretBinary" not in kw:
            value = self.canary()
        if value is not None:
            kw["SecretString"] = value
        return self.ok("PutSecretValue", driver=driver or self.fx, SecretId=sid, **kw)

    def describe(self, sid, driver=None):
        return self.ok("DescribeSecret", driver=driver or self.fx, SecretId=sid)

    def get_value(self, sid, driver=None, **kw):
        return self.ok("GetSecretValue", driver=driver or self.fx, SecretId=sid, **kw)

    def version_list(self, sid, include_deprecated=False, driver=None, page=100):
        """Every ListSecretVersionIds entry, following NextToken."""
        entries, next_token, seen = [], None, set()
        while True:
            params = {"SecretId": sid, "IncludeDeprecated": include_deprecated,
                      "MaxResults": page}
            if next_token:
                params["NextToken"] = next_token
            out = self.ok("ListSecretVersionIds", driver=driver or self.fx, **params)
            entries += out.get("Versions", [])
            next_token = out.get("NextToken")
            if not next_token:
                return entries
            self.assertNotIn(next_token, seen, "ListSecretVersionIds repeated a NextToken")
            seen.add(next_token)

    def stages(self, sid, driver=None):
        """DescribeSecret's VersionIdsToStages with sorted labels ({} when absent)."""
        return {v: sorted(s) for v, s in
                self.describe(sid, driver=driver).get("VersionIdsToStages", {}).items()}

    def list_secrets(self, driver=None, region=None, **params):
        pages, error = (driver or self.fx).paginate("list_secrets", region=region, **params)
        if error:
            self.fail(f"ListSecrets failed after {len(pages)} pages: {error!r}")
        return [s for page in pages for s in page.get("SecretList", [])]

    def assert_missing(self, sid, region=None):
        """DescribeSecret says there is no such secret."""
        r = self.fx.call("DescribeSecret", region=region, SecretId=sid)
        self.assertEqual(r.code, "ResourceNotFoundException", f"{sid}: {r!r}")

    def assert_arn(self, arn, name, region=REGION):
        m = ARN_PATTERN.match(arn or "")
        self.assertIsNotNone(m, f"not a secret ARN: {arn!r}")
        self.assertEqual((m["region"], m["account"], m["name"]), (region, ACCOUNT, name), arn)
        return m["suffix"]

    def assert_timestamp(self, value, near=None, slack=120):
        self.assertIsInstance(value, datetime.datetime)
        self.assertIsNotNone(value.tzinfo)
        now = near or datetime.datetime.now(datetime.timezone.utc)
        self.assertLess(abs((value - now).total_seconds()), slack, value)

    def assert_read_today(self, value):
        """`value` is the UTC midnight of the day of a read made moments ago (or of
        the day before, when the test ran across midnight)."""
        now = datetime.datetime.now(datetime.timezone.utc)
        days = {utc_midnight(now), utc_midnight(now - datetime.timedelta(minutes=5))}
        self.assertIn(value, days)

    def assert_token_shaped(self, version_id):
        self.assertIsInstance(version_id, str)
        self.assertTrue(32 <= len(version_id) <= 64, version_id)


# ---------------------------------------------------------------------------------
# the aws CLI


class AwsCli:
    """Runs `aws secretsmanager ...` (or another service) of one CLI, v1 or v2."""

    def __init__(self, exe, major):
        self.exe, self.major = exe, major

    def check(self):
        if not self.exe or not os.path.isfile(self.exe):
            raise AssertionError(f"aws CLI v{self.major} not found at {self.exe!r}")
        r = subprocess.run([self.exe, "--version"], capture_output=True, text=True,
                           timeout=harness.PROCESS_TIMEOUT, env=harness.clean_env())
        if not (r.stdout + r.stderr).startswith(f"aws-cli/{self.major}."):
            raise AssertionError(f"{self.exe} is {(r.stdout + r.stderr).strip()!r}")

    def run(self, *args, service="secretsmanager", region=None):
        env = H().aws_env()
        env["AWS_MAX_ATTEMPTS"] = "1"  # no retry: what the server said, once
        cmd = [self.exe, "--endpoint-url", H().endpoint, "--output", "json"]
        if region:
            cmd += ["--region", region]
        cmd += [service, *args]
        return subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                              env=env, timeout=harness.PROCESS_TIMEOUT)


class SmAuditCases(foundation.AuditCases):
    """foundation's audit, with a string and a binary secret in the database too, so
    that the dump check covers secret versions whatever tests were selected."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        fx = InProcessDriver()
        name = f"e2e/audit/{uuid.uuid4().hex[:8]}"
        for kind, value in (("s", H().secrets.canary()),
                            ("b", H().secrets.canary().encode() + b"\x00\x01")):
            member = "SecretString" if kind == "s" else "SecretBinary"
            r = fx.call("CreateSecret", Name=f"{name}/{kind}", **{member: value})
            if not r.ok:
                raise AssertionError(f"audit secret: {r!r}")
