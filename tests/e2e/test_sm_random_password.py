#!/usr/bin/env python3
"""End-to-end test of secretsmanager.GetRandomPassword through the unchanged
clients: aws CLI v1 (`aws` on PATH) and v2 (/usr/bin/aws), boto3 under `python3`
on PATH and under /usr/bin/python3 (Debian). One server on a scratch database.

  test_sm_random_password.py --server S --plugin P --cli C

Needs PARAMSAFE_TEST_DATABASE_URL. Passwords are secrets: they are checked for
their shape and never printed.
"""

import json
import os
import shutil
import string
import subprocess
import sys
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

H = None
PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
CLIS = {"v1": shutil.which("aws"), "v2": "/usr/bin/aws"}
PYTHONS = {"new": shutil.which("python3"), "old": "/usr/bin/python3"}

# Run by each interpreter: one call with options, one refused call; prints a
# summary of the shapes (never the passwords).
BOTO3_SCRIPT = r"""
import json, os, string, sys, boto3, botocore
c = boto3.client("secretsmanager", endpoint_url=os.environ["PARAMSAFE_ENDPOINT"])
p = c.get_random_password(PasswordLength=40, ExcludeCharacters="abc", IncludeSpace=True)
pw = p["RandomPassword"]
out = {"botocore": botocore.__version__, "length": len(pw),
       "excluded_seen": any(ch in "abc" for ch in pw), "space": " " in pw,
       "upper": any(ch in string.ascii_uppercase for ch in pw),
       "digit": any(ch in string.digits for ch in pw)}
try:
    c.get_random_password(PasswordLength=3)
    out["error"] = None
except botocore.exceptions.ClientError as e:
    out["error"] = e.response["Error"]["Code"]
    out["status"] = e.response["ResponseMetadata"]["HTTPStatusCode"]
print(json.dumps(out))
"""


def setUpModule():
    global H
    H = harness.module_harness()


def tearDownModule():
    if H is not None:
        H.close()


class GetRandomPasswordThroughClients(unittest.TestCase):
    def cli(self, major, *args):
        exe = CLIS[major]
        if not exe or not os.path.isfile(exe):
            self.fail(f"aws CLI {major} not found")
        return subprocess.run([exe, "--endpoint-url", H.endpoint, "secretsmanager", *args],
                              capture_output=True, text=True, timeout=harness.PROCESS_TIMEOUT,
                              env=H.aws_env(), stdin=subprocess.DEVNULL)

    def test_cli_defaults_and_options(self):
        for major in CLIS:
            with self.subTest(cli=major):
                r = self.cli(major, "get-random-password")
                self.assertEqual(r.returncode, 0, H.secrets.redact(r.stderr))
                pw = json.loads(r.stdout)["RandomPassword"]
                self.assertEqual(len(pw), 32)
                for chars in (string.ascii_uppercase, string.ascii_lowercase, string.digits,
                              PUNCTUATION):
                    self.assertTrue(any(ch in chars for ch in pw), "a class is missing")

                r = self.cli(major, "get-random-password", "--password-length", "50",
                             "--exclude-punctuation", "--exclude-uppercase",
                             "--no-require-each-included-type", "--output", "text")
                self.assertEqual(r.returncode, 0, H.secrets.redact(r.stderr))
                pw = r.stdout.strip()
                self.assertEqual(len(pw), 50)
                self.assertTrue(all(ch in string.ascii_lowercase + string.digits for ch in pw))

    def test_cli_errors(self):
        for major in CLIS:
            with self.subTest(cli=major):
                r = self.cli(major, "get-random-password", "--exclude-numbers",
                             "--exclude-punctuation", "--exclude-uppercase",
                             "--exclude-lowercase")
                self.assertNotEqual(r.returncode, 0)
                self.assertIn("InvalidParameterException", r.stderr)
                r = self.cli(major, "get-random-password", "--password-length", "5000")
                self.assertNotEqual(r.returncode, 0)
                self.assertIn("ValidationException", r.stderr)

    def test_boto3_old_and_new(self):
        for name, python in PYTHONS.items():
            with self.subTest(boto3=name):
                if not python or not os.path.isfile(python):
                    self.fail(f"interpreter for boto3 {name} not found")
                r = subprocess.run([python, "-c", BOTO3_SCRIPT], capture_output=True, text=True,
                                   timeout=harness.PROCESS_TIMEOUT, env=H.aws_env(),
                                   stdin=subprocess.DEVNULL)
                self.assertEqual(r.returncode, 0, H.secrets.redact(r.stderr))
                out = json.loads(r.stdout)
                self.assertTrue(out["botocore"].startswith("1.2" if name == "old" else "1.4"),
                                out["botocore"])
                self.assertEqual(out["length"], 40)
                self.assertFalse(out["excluded_seen"])
                self.assertTrue(out["space"] and out["upper"] and out["digit"])
                self.assertEqual(out["error"], "InvalidParameterException")
                self.assertEqual(out["status"], 400)


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
