"""What the foundation e2e suites share: one harness per run, the base test case,
the audit that ends every run, and the command line.

The suites live one client per module:
  test_cli.py       cli_v1: aws CLI v1 (`aws` on PATH, PyPI awscli 1.x)
                    cli_v2: aws CLI v2 (`/usr/bin/aws`, Debian 2.9)
  test_boto3.py     boto3: boto3 under `python3` (new, PyPI) and `/usr/bin/python3`
                    (old, Debian)
  test_raw_http.py  raw_http: hand-made HTTP requests signed with botocore's SigV4Auth
  test_admin.py     admin: the admin CLI's output shapes
ctest runs one suite per process (tests/e2e/CMakeLists.txt). Each module starts
one paramsafe-server on a scratch database (harness.py) in setUpModule, runs the
selected suites, then its Audit: no plaintext secret in a pg_dump of the database
or in the server's log, no 5xx answered, and a clean exit 0 on SIGTERM.

A test module imports setUpModule and tearDownModule from here (so unittest
brackets the module's tests and its audit with them), reaches the harness as
`foundation.H`, and ends with:

  class Audit(foundation.AuditCases, foundation.E2ETestCase): ...
  SUITES = {"name": [TestClass, ...]}
  def load_tests(loader, tests, pattern): return foundation.build_suite(SUITES, Audit)
  if __name__ == "__main__": sys.exit(foundation.main(SUITES, Audit, __doc__))

Needs PARAMSAFE_TEST_DATABASE_URL (see harness.py). Secret values and canaries
are never printed: failure messages go through the harness's redaction.
"""

import argparse
import os
import re
import secrets
import sys
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

H = None  # the running module's Harness, between setUpModule and tearDownModule


def setUpModule():
    global H
    H = harness.module_harness()


def tearDownModule():
    global H
    if H is not None:
        h, H = H, None
        # Keep the object reachable for the failure report (its log survives close()).
        globals()["LAST_HARNESS"] = h
        h.close()


def tool(env_var, default):
    """The client to test: $env_var when set, else `default`."""
    return os.environ.get(env_var) or default


class E2ETestCase(unittest.TestCase):
    TAG = "e2e"

    def unique(self, leaf="p"):
        """A parameter name no other test uses."""
        method = self._testMethodName.removeprefix("test_")[:40]
        return f"/e2e/{self.TAG}/{method}-{secrets.token_hex(4)}/{leaf}"

    def redact(self, text):
        return H.secrets.redact(text)

    def canary(self):
        return H.secrets.canary()

    def admin(self, *args):
        """Runs `paramsafe ...`; its output is checked to hold no registered secret."""
        r = H.run_admin(*args)
        self.assertEqual(H.secrets.find_in(r.stdout + r.stderr), 0,
                         "the admin CLI printed a secret value")
        return r


# ---------------------------------------------------------------------------------
# the audit, always last


class AuditCases:
    """Mixin: runs after the suite's tests (build_suite's order): secrets at rest and
    in logs, and the server's clean stop. Each test module subclasses it as `Audit`
    with E2ETestCase, so that it shares the module's harness."""

    TAG = "audit"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # At least one SecureString must be in the database for the dump check to mean
        # something, whatever the selected tests did.
        H.ssm().put_parameter(Name=f"/e2e/audit/{secrets.token_hex(4)}/secret",
                              Value=H.secrets.canary(), Type="SecureString")
        # Positive control: a marker in a Description (stored in clear, not a secret)
        # must be found by the same search, so the dump check cannot pass vacuously.
        cls.marker = harness.Secrets()
        H.ssm().put_parameter(Name=f"/e2e/audit/{secrets.token_hex(4)}/plain", Value="v",
                              Type="String", Description=cls.marker.canary())

    def test_1_database_dump_holds_no_plaintext_secret(self):
        dump = H.pg_dump()
        self.assertEqual(self.marker.find_in(dump), 1, "the dump search missed a planted marker")
        self.assertEqual(H.secrets.find_in(dump), 0,
                         "a canary or secret access key appears in pg_dump of the database")

    def test_2_server_exits_0_on_sigterm(self):
        self.assertTrue(H.server_running(), "the server died during the tests")
        self.assertEqual(H.stop_server(timeout=5), 0)

    def test_3_server_log_holds_no_plaintext_secret(self):
        H.stop_server(timeout=5)
        self.assertEqual(H.secrets.find_in(H.raw_server_log()), 0,
                         "a canary or secret access key appears in the server's stderr")

    def test_4_no_request_was_answered_with_5xx(self):
        H.stop_server(timeout=5)
        bad = [line for line in H.server_log().splitlines()
               if re.match(r"^\S+ \S+ 5\d\d ", line)]
        self.assertEqual(bad, [])


# ---------------------------------------------------------------------------------
# running a module's suites


def build_suite(suites, audit, names=None, patterns=None):
    """The test classes of `suites` (name -> classes) selected by `names` (default:
    all), filtered by `patterns`, then every test of `audit`, unfiltered."""
    loader = unittest.TestLoader()
    if patterns:
        loader.testNamePatterns = [p if "*" in p else f"*{p}*" for p in patterns]
    suite = unittest.TestSuite()
    for name in names or list(suites):
        for cls in suites[name]:
            suite.addTests(loader.loadTestsFromTestCase(cls))
    suite.addTests(unittest.TestLoader().loadTestsFromTestCase(audit))
    return suite


def main(suites, audit, doc):
    """The command line of a test module; returns the exit status."""
    ap = argparse.ArgumentParser(description=doc,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--server", help="paramsafe-server binary")
    ap.add_argument("--plugin", help="libparamsafe.so")
    ap.add_argument("--cli", help="paramsafe admin CLI binary")
    ap.add_argument("--suite", action="append", choices=[*suites, "all"],
                    help="which client suite(s) to run (default: all)")
    ap.add_argument("-k", action="append", dest="patterns", help="only tests matching")
    args = ap.parse_args()
    for var, value in (("PARAMSAFE_E2E_SERVER", args.server), ("PARAMSAFE_E2E_PLUGIN", args.plugin),
                       ("PARAMSAFE_E2E_CLI", args.cli)):
        if value:
            os.environ[var] = value
    names = args.suite or ["all"]
    names = list(suites) if "all" in names else names
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stderr).run(
        build_suite(suites, audit, names, args.patterns))
    if not result.wasSuccessful():
        h = H or globals().get("LAST_HARNESS")
        if h is not None:
            sys.stderr.write("\n---- paramsafe-server stderr (secrets redacted) ----\n")
            sys.stderr.write(h.server_log()[-20000:] or "(empty)\n")
    return 0 if result.wasSuccessful() else 1
