"""What the Secrets Manager e2e suites (test_sm_*.py) share: the harness (the one
the Parameter Store suites use, job poll 200 ms), this suite's flavour of the
client drivers (client_drivers.py, with sm_boto3_worker.py), AWS's error texts,
the admin CLI's job runner and direct reads of the scratch database.

A test module does:

  import secrets_manager as sm
  from secrets_manager import setUpModule, tearDownModule
  class Audit(sm.SmAuditCases, foundation.E2ETestCase): ...
  SUITES = {...}
  def load_tests(...): return foundation.build_suite(SUITES, Audit)
  if __name__ == "__main__": sys.exit(foundation.main(SUITES, Audit, __doc__))

Drivers (client_drivers.py) run WORKER, sm_boto3_worker.py: boto3 talking to
secretsmanager unless a call says service="ssm", whose repeat() keeps each
write's "VersionId":
  InProcessDriver()      boto3 of this interpreter (python3 on PATH, PyPI boto3
                         1.43); SmTestCase's fixture driver
  client_drivers.WorkerDriver(WORKER, python), client_drivers.Boto3Client
                         boto3 of another interpreter, over a pipe
Blobs are bytes both ways. Reply.data and pages are masked: every registered
secret is replaced by mask(secret) (in bytes too), so no assertion message can
show one; compare with masked(expected).

Expected texts come from ../shared/reference/secrets-manager.md: [O] texts are
asserted verbatim, texts only moto showed ([O moto]) by a part of them.
"""

import datetime
import functools
import json
import os
import re
import sys
import uuid

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import client_drivers  # noqa: E402
import foundation  # noqa: E402
import harness  # noqa: E402
import parameter_store as ps  # noqa: E402
import sm_boto3_worker  # noqa: E402
from client_drivers import AWS_V1, AWS_V2, NEW_PYTHON, OLD_PYTHON  # noqa: E402,F401
from client_drivers import mask, masked  # noqa: E402,F401
from parameter_store import setUpModule, tearDownModule  # noqa: E402,F401

ACCOUNT = ps.ACCOUNT
REGION = "us-east-1"  # the client.env region paramsafe bootstrap writes

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
# drivers and clients, talking to secretsmanager

WORKER = sm_boto3_worker
InProcessDriver = functools.partial(client_drivers.InProcessDriver, WORKER)
CLI_V1 = client_drivers.AwsCli(AWS_V1, "1", "secretsmanager")
CLI_V2 = client_drivers.AwsCli(AWS_V2, "2", "secretsmanager")
send_raw = functools.partial(client_drivers.send_raw, service="secretsmanager")


# ---------------------------------------------------------------------------------
# the admin CLI, the database


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


class SmTestCase(client_drivers.DriverTestCase):
    """client_drivers.DriverTestCase (self.c, the client under test; self.fx,
    in-process boto3 1.43) with Secrets Manager fixtures and checks."""

    WORKER = sm_boto3_worker
    NEW_MODEL = True  # the client knows BatchGetSecretValue, IncludePlannedDeletion, SortBy

    def secret_name(self, leaf="s"):
        """A secret name no other test uses: e2e/<tag>/<method>-<hex>/<leaf>."""
        return self.unique(leaf).lstrip("/")

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

    def assert_read_today(self, value):
        """`value` is the UTC midnight of the day of a read made moments ago (or of
        the day before, when the test ran across midnight)."""
        now = datetime.datetime.now(datetime.timezone.utc)
        days = {utc_midnight(now), utc_midnight(now - datetime.timedelta(minutes=5))}
        self.assertIn(value, days)

    def assert_token_shaped(self, version_id):
        self.assertIsInstance(version_id, str)
        self.assertTrue(32 <= len(version_id) <= 64, version_id)


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
