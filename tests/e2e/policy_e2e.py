"""What the policy matrix (test_policy_matrix.py, test_policy_resources.py),
the security tests
(test_security.py) and the audit canary tests (test_audit_canary.py) share:
policy documents, principals (a user, its access key and its policy), the aws
CLI v1 run as a principal, boto3 clients for fixtures, the audit trail read
back through `paramsafe audit`, and polling for a change to take effect.

The behaviour under test goes through the aws CLI (or raw signed HTTP);
fixtures are written by the bootstrap admin through boto3 in this process,
which is fast. Secret values are registered with the harness and never
printed: failures show redacted text only.
"""

import json
import os
import secrets
import shutil
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import foundation  # noqa: E402
import harness  # noqa: E402

ACCOUNT = "123456789012"
REGION = "us-east-1"  # the client.env region paramsafe bootstrap writes
AWS_V1 = foundation.tool("PARAMSAFE_E2E_AWS_V1", shutil.which("aws"))

# The servers of these suites cache users, keys and policies for 2 s, the
# default (the harness's own default is 0): a change must show within that.
AUTH_CACHE_MS = 2000
SERVER_ENV = {"PARAMSAFE_AUTH_CACHE_MS": str(AUTH_CACHE_MS)}
CHANGE_DEADLINE = AUTH_CACHE_MS / 1000 + 3  # seconds; slack for a loaded machine


def H():
    return foundation.H


def setUpModule():
    foundation.H = harness.module_harness(server_env=SERVER_ENV)


def tearDownModule():
    foundation.tearDownModule()


# ---------------------------------------------------------------------------------
# policy documents and ARNs


def statement(effect, action=None, resource="*", condition=None, not_action=None,
              not_resource=None):
    s = {"Effect": effect}
    if not_action is not None:
        s["NotAction"] = not_action
    else:
        s["Action"] = action
    if not_resource is not None:
        s["NotResource"] = not_resource
    else:
        s["Resource"] = resource
    if condition:
        s["Condition"] = condition
    return s


def allow(action=None, resource="*", **kw):
    return statement("Allow", action, resource, **kw)


def deny(action=None, resource="*", **kw):
    return statement("Deny", action, resource, **kw)


def document(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}


def ssm_grant(path):
    """A Resource entry for parameter `path` (no leading slash) in any region."""
    return f"arn:aws:ssm:*:*:parameter/{path}"


def secret_grant(name):
    """A Resource entry for secret ARNs starting with `name`, in any region."""
    return f"arn:aws:secretsmanager:*:*:secret:{name}"


def user_arn(name):
    return f"arn:aws:iam::{ACCOUNT}:user/{name}"


def parameter_arn(name):
    return f"arn:aws:ssm:{REGION}:{ACCOUNT}:parameter/{name.lstrip('/')}"


def denial(user, action, resource=None, because=None):
    """AWS's AccessDeniedException message; `because` defaults to the
    implicit deny's "because no identity-based policy allows the <action>
    action"."""
    text = f"User: {user_arn(user)} is not authorized to perform: {action}"
    if resource:
        text += f" on resource: {resource}"
    return text + (because or f" because no identity-based policy allows the {action} action")


EXPLICIT_IDENTITY = " with an explicit deny in an identity-based policy"
EXPLICIT_RESOURCE = " with an explicit deny in a resource-based policy"


# ---------------------------------------------------------------------------------
# principals


class Principal:
    """An IAM user with one active access key, as the aws CLI and boto3 see it."""

    def __init__(self, name, key_id, secret):
        self.name = name
        self.arn = user_arn(name)
        self.key_id = key_id
        self.secret = secret

    def env(self):
        return H().aws_env(access_key_id=self.key_id, secret_access_key=self.secret)

    def client(self, service):
        """A boto3 client of this principal (in-process, one attempt)."""
        import boto3
        from botocore.config import Config
        return boto3.session.Session(
            aws_access_key_id=self.key_id, aws_secret_access_key=self.secret,
            region_name=REGION,
        ).client(service, endpoint_url=H().endpoint, config=Config(retries={"max_attempts": 1}))

    def put_policy(self, policy, name="default"):
        H().put_user_policy(self.name, name, policy)

    def delete_policy(self, name="default"):
        H().delete_user_policy(self.name, name)


def new_principal(label, policy=harness.ALLOW_ALL):
    """A new user `e2e-<label>-<hex>` with a key and `policy` (None: none)."""
    name = f"e2e-{label}-{secrets.token_hex(4)}"
    key = H().create_user_with_key(name, policy=policy)["AccessKey"]
    return Principal(name, key["AccessKeyId"], key["SecretAccessKey"])


def admin_client(service):
    """A boto3 client of the bootstrap admin, for fixtures."""
    c = H().client
    return Principal("admin", c["AWS_ACCESS_KEY_ID"], c["AWS_SECRET_ACCESS_KEY"]).client(service)


def run_admin_ok(test, *args):
    r = H().run_admin(*args)
    test.assertEqual(r.returncode, 0, f"paramsafe {' '.join(args)}: {H().secrets.redact(r.stderr)}")
    return r


# ---------------------------------------------------------------------------------
# the aws CLI as a principal


def aws(principal, *args):
    """Runs the aws CLI v1 as `principal` (None: the admin); the completed process."""
    cmd = [AWS_V1, "--endpoint-url", H().endpoint, "--output", "json", *args]
    env = principal.env() if principal else H().aws_env()
    return subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          env=env, timeout=harness.PROCESS_TIMEOUT)


def error_of(r):
    """(code, message) of a failed aws CLI run, or (None, None) when its stderr
    carries no AWS error."""
    marker = "An error occurred ("
    at = r.stderr.find(marker)
    if at < 0:
        return None, None
    rest = r.stderr[at + len(marker):]
    code = rest[:rest.find(")")]
    sep = rest.find(" operation: ")
    message = rest[sep + len(" operation: "):].strip() if sep >= 0 else ""
    return code, message


class PolicyTestCase(foundation.E2ETestCase):
    """The aws CLI run as principals, with assertions on its outcome."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not AWS_V1 or not os.path.isfile(AWS_V1):
            raise AssertionError(f"aws CLI v1 not found at {AWS_V1!r}")
        cls.ssm = admin_client("ssm")
        cls.sm = admin_client("secretsmanager")

    def root(self, prefix="mx"):
        """A top-level path no other test uses, without the leading slash."""
        return f"{prefix}-{self._testMethodName.removeprefix('test_')[:30]}-{secrets.token_hex(3)}"

    def describe(self, r):
        return (f"`aws {self.redact(' '.join(r.args[5:]))}` exited {r.returncode}\n"
                f"stdout: {self.redact(r.stdout)[-1500:]}\nstderr: {self.redact(r.stderr)[-1500:]}")

    def ok(self, principal, *args):
        """Asserts success; the parsed JSON output ({} when none)."""
        r = aws(principal, *args)
        if r.returncode != 0:
            self.fail(self.describe(r))
        return json.loads(r.stdout) if r.stdout.strip() else {}

    def fails(self, code, principal, *args, message=None):
        """Asserts the AWS error `code` (and exactly `message` when given)."""
        r = aws(principal, *args)
        got, text = error_of(r)
        self.assertEqual(got, code, self.describe(r))
        if message is not None:
            self.assertEqual(text, message, self.describe(r))
        return text

    def denied(self, principal, *args, message=None):
        return self.fails("AccessDeniedException", principal, *args, message=message)

    def value_of(self, principal, name, decrypt=False):
        args = ["ssm", "get-parameter", "--name", name] + (["--with-decryption"] if decrypt else [])
        return self.ok(principal, *args)["Parameter"]["Value"]

    def poll(self, check, what, deadline=CHANGE_DEADLINE):
        """Calls check() until it returns True, for at most `deadline` seconds."""
        end = time.monotonic() + deadline
        while True:
            if check():
                return
            if time.monotonic() > end:
                self.fail(f"{what}: not within {deadline} s")
            time.sleep(0.1)


def boto_error(call, **params):
    """The AWS error code of a boto3 call (None when it succeeds)."""
    from botocore.exceptions import ClientError
    try:
        call(**params)
        return None
    except ClientError as e:
        return e.response.get("Error", {}).get("Code")


# ---------------------------------------------------------------------------------
# the audit trail


def audit(*filters):
    """`paramsafe audit FILTERS...`, parsed: CloudTrail-shaped records, newest first."""
    r = H().run_admin("audit", *filters)
    if r.returncode != 0:
        raise harness.HarnessError(f"paramsafe audit failed: {H().secrets.redact(r.stderr)}")
    return [json.loads(line) for line in r.stdout.splitlines() if line.strip()]


def audited(records, **want):
    """The records whose members equal `want`: keys are top-level members, or
    `user_arn` / `access_key_id` for userIdentity's, or `parameter` for a
    value of requestParameters that must appear (any member)."""
    out = []
    for rec in records:
        ident = rec.get("userIdentity") or {}
        params = rec.get("requestParameters") or {}
        ok = True
        for k, v in want.items():
            if k == "user_arn":
                ok = ok and ident.get("arn") == v
            elif k == "access_key_id":
                ok = ok and ident.get("accessKeyId") == v
            elif k == "parameter":
                ok = ok and v in json.dumps(params)
            else:
                ok = ok and rec.get(k) == v
        if ok:
            out.append(rec)
    return out
