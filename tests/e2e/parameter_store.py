"""What the Parameter Store e2e suites (test_ps_*.py) share: the harness with the
server settings they need, this suite's flavour of the client drivers
(client_drivers.py, with ps_boto3_worker.py), and direct reads of the scratch
database. The Secrets Manager suites (secrets_manager.py) use the same harness.

A test module does:

  import parameter_store as ps
  from parameter_store import setUpModule, tearDownModule
  class Audit(foundation.AuditCases, foundation.E2ETestCase): ...
  SUITES = {...}
  def load_tests(...): return foundation.build_suite(SUITES, Audit)
  if __name__ == "__main__": sys.exit(foundation.main(SUITES, Audit, __doc__))

setUpModule starts one server (foundation.H, so that foundation's audit and
failure report work unchanged) with PARAMSAFE_JOB_POLL_MS=200, so policy jobs
run within a fraction of a second; tearDownModule ends the shared boto3 workers
too.

Drivers (client_drivers.py) run WORKER, ps_boto3_worker.py: boto3 talking to
ssm, whose repeat() keeps each write's "Version":
  InProcessDriver()      boto3 of this interpreter (python3 on PATH, PyPI boto3);
                         PsTestCase's fixture driver
  client_drivers.WorkerDriver(WORKER, python), client_drivers.Boto3Client
                         boto3 of another interpreter, over a pipe
Reply.data and pages are masked: every registered secret is replaced by
mask(secret), so no assertion message can show one.
"""

import functools
import json
import os
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import client_drivers  # noqa: E402
import foundation  # noqa: E402
import harness  # noqa: E402
import ps_boto3_worker  # noqa: E402
from client_drivers import AWS_V1, AWS_V2, NEW_PYTHON, OLD_PYTHON  # noqa: E402,F401
from client_drivers import mask, masked  # noqa: E402,F401

ACCOUNT = "123456789012"
ADMIN_ARN = f"arn:aws:iam::{ACCOUNT}:user/admin"  # paramsafe bootstrap's user
SERVER_ENV = {"PARAMSAFE_JOB_POLL_MS": "200"}


def arn(name, region="us-east-1"):
    return f"arn:aws:ssm:{region}:{ACCOUNT}:parameter/{name.lstrip('/')}"


# ---------------------------------------------------------------------------------
# the harness


def setUpModule():
    foundation.H = harness.module_harness(SERVER_ENV)


def tearDownModule():
    client_drivers.close_workers()  # before the server they talk to goes
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
# drivers and clients, talking to ssm

WORKER = ps_boto3_worker
InProcessDriver = functools.partial(client_drivers.InProcessDriver, WORKER)
CLI_V1 = client_drivers.AwsCli(AWS_V1, "1", "ssm")
CLI_V2 = client_drivers.AwsCli(AWS_V2, "2", "ssm")
send_raw = functools.partial(client_drivers.send_raw, service="ssm")


# ---------------------------------------------------------------------------------
# the base test case


class PsTestCase(client_drivers.DriverTestCase):
    """client_drivers.DriverTestCase (self.c, the client under test; self.fx,
    in-process boto3) with Parameter Store fixtures and checks."""

    WORKER = ps_boto3_worker
    NEW_MODEL = None  # (boto3 suites) ParameterMetadata has ARN, TagValue may be ""

    def prefix(self):
        """A fresh hierarchy no other test uses: /e2e/<tag>/<method>-<hex>."""
        return self.unique("x").rsplit("/", 1)[0]

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
