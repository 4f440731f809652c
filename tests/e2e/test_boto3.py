#!/usr/bin/env python3
"""End-to-end tests of paramsafe-server through boto3, new and old: each
interpreter runs boto3_roundtrip.py once, each test checks one part of its report.

  boto3     boto3 under `python3` (new, PyPI; or $PARAMSAFE_E2E_PYTHON_NEW) and
            `/usr/bin/python3` (old, Debian; or $PARAMSAFE_E2E_PYTHON_OLD)

  test_boto3.py --server S --plugin P --cli C [--suite boto3] [-k PATTERN]

One server on a scratch database per run, then the audit (foundation.py). Needs
PARAMSAFE_TEST_DATABASE_URL (see harness.py).
"""

import json
import os
import secrets
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import foundation  # noqa: E402
from foundation import E2ETestCase, setUpModule, tearDownModule  # noqa: E402,F401


class Boto3Cases:
    """Mixin: runs boto3_roundtrip.py once with PYTHON, each test checks one part."""

    PYTHON = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.PYTHON or not os.path.isfile(cls.PYTHON):
            raise AssertionError(f"interpreter {cls.PYTHON!r} not found")
        cls.canary_value = foundation.H.secrets.canary()
        env = foundation.H.aws_env()
        env["E2E_PREFIX"] = f"/e2e/{cls.TAG}/{secrets.token_hex(4)}"
        env["E2E_CANARY"] = cls.canary_value
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "boto3_roundtrip.py")
        r = subprocess.run([cls.PYTHON, script], capture_output=True, text=True, env=env,
                           timeout=120, stdin=subprocess.DEVNULL)
        if r.returncode != 0:
            raise AssertionError(f"{cls.PYTHON} boto3_roundtrip.py exited {r.returncode}: "
                                 f"{foundation.H.secrets.redact(r.stderr)[-3000:]}")
        cls.prefix = env["E2E_PREFIX"]
        cls.results = json.loads(r.stdout)
        if "fatal" in cls.results:
            raise AssertionError(cls.results["fatal"])

    def result(self, key):
        self.assertIn(key, self.results)
        return self.results[key]

    def test_reports_client_versions(self):
        for k in ("boto3", "botocore", "python"):
            self.assertTrue(self.results.get(k), k)
        self.check_versions(self.results["botocore"])

    def test_put_returns_version_1_standard_tier_and_request_id(self):
        self.assertEqual(self.result("put"),
                         {"Version": 1, "Tier": "Standard", "request_id": True})

    def test_get_with_decryption_returns_plaintext(self):
        g = self.result("get_decrypted")
        self.assertTrue(g.get("value_is_canary"), "decrypted value differs (not shown)")
        p = g["parameter"]
        self.assertEqual(p["Type"], "SecureString")
        self.assertEqual(p["Version"], 1)
        self.assertEqual(p["DataType"], "text")
        self.assertEqual(p["ARN"], "arn:aws:ssm:us-east-1:123456789012:parameter"
                         + self.prefix + "/secure")
        self.assertTrue(g["last_modified_is_datetime"])
        self.assertTrue(g["request_id"])
        self.assertEqual(g["http_status"], 200)

    def test_get_without_decryption_hides_plaintext(self):
        g = self.result("get_encrypted")
        self.assertFalse(g.get("value_contains_canary"))
        self.assertTrue(g.get("value"))

    def test_put_existing_name_raises_parameter_already_exists(self):
        self.assertEqual({k: self.result("put_again").get(k) for k in ("code", "status")},
                         {"code": "ParameterAlreadyExists", "status": 400})

    def test_overwrite_returns_version_2(self):
        self.assertEqual(self.result("overwrite"), {"Version": 2})

    def test_stringlist_round_trip(self):
        g = self.result("stringlist")
        self.assertEqual(g.get("value"), "a,b,c")
        self.assertEqual(g["parameter"]["Type"], "StringList")

    def test_missing_parameter_raises_client_error_400_with_request_id(self):
        m = self.result("missing")
        self.assertEqual(m.get("code"), "ParameterNotFound")
        self.assertEqual(m.get("status"), 400)
        self.assertTrue(m.get("request_id"))
        self.assertIn("not found", m.get("message") or "")

    def test_deleted_parameter_is_not_found(self):
        self.assertEqual(self.result("delete"), {"ok": True, "http_status": 200})
        self.assertEqual(self.result("after_delete").get("code"), "ParameterNotFound")


class Boto3NewTest(Boto3Cases, E2ETestCase):
    TAG = "boto3new"
    PYTHON = foundation.tool("PARAMSAFE_E2E_PYTHON_NEW", shutil.which("python3"))

    def check_versions(self, botocore_version):
        old = os.path.realpath(Boto3OldTest.PYTHON or "")
        self.assertNotEqual(os.path.realpath(self.PYTHON), old,
                            "python3 on PATH is the Debian interpreter: put the PyPI one first")


class Boto3OldTest(Boto3Cases, E2ETestCase):
    TAG = "boto3old"
    PYTHON = foundation.tool("PARAMSAFE_E2E_PYTHON_OLD", "/usr/bin/python3")

    def check_versions(self, botocore_version):
        pass


# ---------------------------------------------------------------------------------
# the audit, always last


class Audit(foundation.AuditCases, E2ETestCase):
    """This module's audit: after its tests, on the same server."""


SUITES = {
    "boto3": [Boto3NewTest, Boto3OldTest],
}


def load_tests(loader, tests, pattern):
    """`python3 -m unittest test_boto3`: every suite of this module, the audit last."""
    return foundation.build_suite(SUITES, Audit)


if __name__ == "__main__":
    sys.exit(foundation.main(SUITES, Audit, __doc__))
