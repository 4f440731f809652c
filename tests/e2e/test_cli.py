#!/usr/bin/env python3
"""End-to-end tests of paramsafe-server through the unchanged aws CLI, v1 and v2:
the same cases run by each.

  cli_v1    aws CLI v1 (`aws` on PATH, PyPI awscli 1.x; or $PARAMSAFE_E2E_AWS_V1)
  cli_v2    aws CLI v2 (`/usr/bin/aws`, Debian 2.9; or $PARAMSAFE_E2E_AWS_V2)

  test_cli.py --server S --plugin P --cli C [--suite NAME] [-k PATTERN]

One server on a scratch database per run, then the audit (foundation.py). Needs
PARAMSAFE_TEST_DATABASE_URL (see harness.py).
"""

import base64
import binascii
import json
import os
import re
import secrets
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import foundation  # noqa: E402
import harness  # noqa: E402
from foundation import E2ETestCase, setUpModule, tearDownModule  # noqa: E402,F401


class AwsCliCases:
    """Mixin: the cases run by each aws CLI. CLI is the executable; MAJOR its major
    version ('1' or '2')."""

    CLI = None
    MAJOR = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.CLI or not os.path.isfile(cls.CLI):
            raise AssertionError(f"aws CLI v{cls.MAJOR} not found at {cls.CLI!r}")
        r = subprocess.run([cls.CLI, "--version"], capture_output=True, text=True,
                           timeout=harness.PROCESS_TIMEOUT, env=harness.clean_env())
        version = (r.stdout + r.stderr).strip()
        if not version.startswith(f"aws-cli/{cls.MAJOR}."):
            raise AssertionError(f"{cls.CLI} is {version!r}, expected aws-cli/{cls.MAJOR}.x")
        cls.fx = foundation.H.ssm()

    # -- running the CLI ---------------------------------------------------------

    def aws(self, *args, env=None, region=None):
        cmd = [self.CLI, "--endpoint-url", foundation.H.endpoint, "--output", "json"]
        if region:
            cmd += ["--region", region]
        cmd += list(args)
        return subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                              env=env or foundation.H.aws_env(), timeout=harness.PROCESS_TIMEOUT)

    def describe(self, r):
        return (f"`aws {self.redact(' '.join(r.args[5:]))}` exited {r.returncode}\n"
                f"stdout: {self.redact(r.stdout)[-2000:]}\nstderr: {self.redact(r.stderr)[-2000:]}")

    def ok(self, *args, **kw):
        """Runs the CLI, asserts success, returns the parsed JSON output ({} if none)."""
        r = self.aws(*args, **kw)
        if r.returncode != 0:
            self.fail(self.describe(r))
        return json.loads(r.stdout) if r.stdout.strip() else {}

    def fails_with(self, code, *args, **kw):
        """Runs the CLI, asserts it fails with the AWS error `code` from the server."""
        r = self.aws(*args, **kw)
        self.assertNotEqual(r.returncode, 0, "succeeded unexpectedly: " + self.describe(r))
        self.assertTrue(f"An error occurred ({code})" in r.stderr,
                        f"expected {code}: " + self.describe(r))
        if self.MAJOR == "2":  # v2: 254 = the service answered with an error
            self.assertEqual(r.returncode, 254, self.describe(r))
        return r

    def put_fixture(self, name, value, type_="String", **kw):
        return self.fx.put_parameter(Name=name, Value=value, Type=type_, **kw)

    def check_value(self, parameter, expected):
        self.assertTrue(parameter.get("Value") == expected,
                        "Value differs from the value put (not shown)"
                        if expected in foundation.H.secrets.values() else
                        f"Value {parameter.get('Value')!r} != {expected!r}")

    # -- SecureString round trip -------------------------------------------------

    def test_demo_password_put_then_get_with_decryption(self):
        name = "/demo/db/password"
        canary = self.canary()
        self.addCleanup(lambda: self.fx.delete_parameter(Name=name))
        out = self.ok("ssm", "put-parameter", "--name", name, "--type", "SecureString",
                      "--value", canary)
        self.assertEqual(out, {"Version": 1, "Tier": "Standard"})
        p = self.ok("ssm", "get-parameter", "--name", name, "--with-decryption")["Parameter"]
        self.check_value(p, canary)
        self.assertEqual(p["Name"], name)
        self.assertEqual(p["Type"], "SecureString")
        self.assertEqual(p["ARN"], "arn:aws:ssm:us-east-1:123456789012:parameter/demo/db/password")
        self.assertEqual(p["Version"], 1)
        self.assertEqual(p["DataType"], "text")
        self.assertIn("LastModifiedDate", p)
        self.assertNotIn("Selector", p)
        self.assertNotIn("KeyId", p)  # never part of Parameter

    def test_get_securestring_without_decryption_returns_ciphertext(self):
        name = self.unique()
        canary = self.canary()
        self.put_fixture(name, canary, "SecureString")
        p = self.ok("ssm", "get-parameter", "--name", name)["Parameter"]
        value = p.get("Value", "")
        self.assertTrue(value and canary not in value, "plaintext returned without decryption")
        try:
            raw = base64.b64decode(value, validate=True)
        except binascii.Error:
            self.fail(f"Value is not base64: {self.redact(value)!r}")
        self.assertNotIn(canary.encode(), raw)
        self.assertEqual(p["Type"], "SecureString")

    def test_put_existing_name_without_overwrite_is_parameter_already_exists(self):
        name = self.unique()
        self.put_fixture(name, self.canary(), "SecureString")
        self.fails_with("ParameterAlreadyExists", "ssm", "put-parameter", "--name", name,
                        "--type", "SecureString", "--value", self.canary())

    def test_put_with_overwrite_creates_version_2(self):
        name = self.unique()
        self.put_fixture(name, self.canary(), "SecureString")
        second = self.canary()
        out = self.ok("ssm", "put-parameter", "--name", name, "--type", "SecureString",
                      "--value", second, "--overwrite")
        self.assertEqual(out, {"Version": 2, "Tier": "Standard"})
        p = self.fx.get_parameter(Name=name, WithDecryption=True)["Parameter"]
        self.check_value(p, second)
        self.assertEqual(p["Version"], 2)

    # -- other types -------------------------------------------------------------

    def test_string_round_trip(self):
        name = self.unique()
        self.assertEqual(self.ok("ssm", "put-parameter", "--name", name, "--type", "String",
                                 "--value", "plain value 1")["Version"], 1)
        p = self.ok("ssm", "get-parameter", "--name", name)["Parameter"]
        self.check_value(p, "plain value 1")
        self.assertEqual((p["Type"], p["Version"], p["DataType"]), ("String", 1, "text"))

    def test_stringlist_round_trip(self):
        name = self.unique()
        self.assertEqual(self.ok("ssm", "put-parameter", "--name", name, "--type", "StringList",
                                 "--value", "alpha,beta,gamma")["Version"], 1)
        p = self.ok("ssm", "get-parameter", "--name", name, "--with-decryption")["Parameter"]
        self.check_value(p, "alpha,beta,gamma")
        self.assertEqual(p["Type"], "StringList")

    # -- not found ---------------------------------------------------------------

    def test_deleted_parameter_is_parameter_not_found(self):
        name = self.unique()
        self.put_fixture(name, self.canary(), "SecureString")
        self.assertEqual(self.ok("ssm", "delete-parameter", "--name", name), {})
        self.fails_with("ParameterNotFound", "ssm", "get-parameter", "--name", name)

    def test_unknown_name_is_parameter_not_found(self):
        r = self.fails_with("ParameterNotFound", "ssm", "get-parameter",
                            "--name", self.unique("never-put"))
        self.assertIn("not found", r.stderr)

    # -- authentication ----------------------------------------------------------

    def test_wrong_secret_key_is_invalid_signature(self):
        wrong = foundation.H.secrets.add(secrets.token_urlsafe(30)[:40])
        env = foundation.H.aws_env(secret_access_key=wrong)
        self.fails_with("InvalidSignatureException", "ssm", "get-parameter",
                        "--name", self.unique(), env=env)

    def test_unknown_access_key_id_is_unrecognized_client(self):
        unknown = "AKIA" + "".join(secrets.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
                                   for _ in range(16))
        env = foundation.H.aws_env(access_key_id=unknown)
        self.fails_with("UnrecognizedClientException", "ssm", "get-parameter",
                        "--name", self.unique(), env=env)

    def new_user_env(self):
        user = f"e2e-{self.TAG}-{secrets.token_hex(4)}"
        key = foundation.H.create_user_with_key(user)["AccessKey"]
        env = foundation.H.aws_env(access_key_id=key["AccessKeyId"],
                                   secret_access_key=key["SecretAccessKey"])
        return key["AccessKeyId"], env

    def admin(self, *args):
        r = foundation.H.run_admin(*args)
        self.assertEqual(r.returncode, 0, f"paramsafe {' '.join(args)}: {self.redact(r.stderr)}")
        return r

    def test_inactive_access_key_is_refused_until_reactivated(self):
        key_id, env = self.new_user_env()
        name = self.unique()
        self.put_fixture(name, "v")
        self.ok("ssm", "get-parameter", "--name", name, env=env)
        self.admin("iam", "update-access-key", "--access-key-id", key_id, "--status", "Inactive")
        self.fails_with("UnrecognizedClientException", "ssm", "get-parameter", "--name", name,
                        env=env)
        self.admin("iam", "update-access-key", "--access-key-id", key_id, "--status", "Active")
        self.check_value(self.ok("ssm", "get-parameter", "--name", name, env=env)["Parameter"],
                         "v")

    def test_deleted_access_key_is_refused(self):
        key_id, env = self.new_user_env()
        name = self.unique()
        self.put_fixture(name, "v")
        self.ok("ssm", "get-parameter", "--name", name, env=env)
        self.admin("iam", "delete-access-key", "--access-key-id", key_id)
        self.fails_with("UnrecognizedClientException", "ssm", "get-parameter", "--name", name,
                        env=env)

    # -- KMS keys ----------------------------------------------------------------

    def test_securestring_with_customer_key_alias(self):
        alias = f"alias/e2e-{self.TAG}-{secrets.token_hex(4)}"
        out = json.loads(self.admin("kms", "create-key", "--alias", alias).stdout)
        self.assertEqual(out.get("AliasName"), alias)
        name = self.unique()
        canary = self.canary()
        self.assertEqual(self.ok("ssm", "put-parameter", "--name", name, "--type",
                                 "SecureString", "--key-id", alias, "--value", canary)["Version"],
                         1)
        p = self.ok("ssm", "get-parameter", "--name", name, "--with-decryption")["Parameter"]
        self.check_value(p, canary)

    def test_unknown_key_alias_is_invalid_key_id(self):
        self.fails_with("InvalidKeyId", "ssm", "put-parameter", "--name", self.unique(),
                        "--type", "SecureString", "--key-id", "alias/does-not-exist",
                        "--value", self.canary())

    # -- regions -----------------------------------------------------------------

    def test_regions_do_not_see_each_other(self):
        name = self.unique()
        self.ok("ssm", "put-parameter", "--name", name, "--type", "String", "--value", "eu",
                region="eu-west-1")
        self.fails_with("ParameterNotFound", "ssm", "get-parameter", "--name", name,
                        region="us-east-1")
        p = self.ok("ssm", "get-parameter", "--name", name, region="eu-west-1")["Parameter"]
        self.assertEqual(p["ARN"], "arn:aws:ssm:eu-west-1:123456789012:parameter" + name)

    # -- selectors ---------------------------------------------------------------

    def test_version_selectors_return_that_version(self):
        name = self.unique()
        self.put_fixture(name, "first")
        self.put_fixture(name, "second", Overwrite=True)
        p1 = self.ok("ssm", "get-parameter", "--name", name + ":1")["Parameter"]
        p2 = self.ok("ssm", "get-parameter", "--name", name + ":2")["Parameter"]
        self.assertEqual((p1["Name"], p1["Version"], p1.get("Selector"), p1["Value"]),
                         (name, 1, ":1", "first"))
        self.assertEqual((p2["Name"], p2["Version"], p2.get("Selector"), p2["Value"]),
                         (name, 2, ":2", "second"))

    def test_missing_version_selector_is_parameter_version_not_found(self):
        name = self.unique()
        self.put_fixture(name, "first")
        self.fails_with("ParameterVersionNotFound", "ssm", "get-parameter", "--name", name + ":99")

    # -- validation --------------------------------------------------------------

    def test_name_with_space_is_validation_exception(self):
        self.fails_with("ValidationException", "ssm", "put-parameter", "--name", "bad name",
                        "--type", "String", "--value", "v")

    def test_unknown_type_is_rejected_without_server_error(self):
        r = self.aws("ssm", "put-parameter", "--name", self.unique(), "--type", "Bogus",
                     "--value", "v")
        self.assertNotEqual(r.returncode, 0, self.describe(r))
        server_said = "An error occurred (ValidationException)" in r.stderr
        client_said = re.search(r"Invalid (choice|value)|ParamValidation|valid values",
                                r.stderr, re.I)
        self.assertTrue(server_said or client_said, self.describe(r))
        self.assertNotRegex(r.stderr, r"InternalServerError|InternalFailure|\(500\)")

    def test_standard_tier_value_over_4096_chars_is_validation_exception(self):
        r = self.fails_with("ValidationException", "ssm", "put-parameter", "--name",
                            self.unique(), "--type", "String", "--tier", "Standard",
                            "--value", "x" * 4097)
        self.assertIn("4096", r.stderr)

    def test_reserved_aws_path_is_access_denied(self):
        self.fails_with("AccessDeniedException", "ssm", "put-parameter", "--name", "/aws/x/y",
                        "--type", "String", "--value", "v")

    def test_aws_prefixed_name_is_validation_exception(self):
        self.fails_with("ValidationException", "ssm", "put-parameter", "--name", "awsfoo",
                        "--type", "String", "--value", "v")


class AwsCliV1Test(AwsCliCases, E2ETestCase):
    TAG = "cli1"
    CLI = foundation.tool("PARAMSAFE_E2E_AWS_V1", shutil.which("aws"))
    MAJOR = "1"


class AwsCliV2Test(AwsCliCases, E2ETestCase):
    TAG = "cli2"
    CLI = foundation.tool("PARAMSAFE_E2E_AWS_V2", "/usr/bin/aws")
    MAJOR = "2"


# ---------------------------------------------------------------------------------
# the audit, always last


class Audit(foundation.AuditCases, E2ETestCase):
    """This module's audit: after its tests, on the same server."""


SUITES = {
    "cli_v1": [AwsCliV1Test],
    "cli_v2": [AwsCliV2Test],
}


def load_tests(loader, tests, pattern):
    """`python3 -m unittest test_cli`: every suite of this module, the audit last."""
    return foundation.build_suite(SUITES, Audit)


if __name__ == "__main__":
    sys.exit(foundation.main(SUITES, Audit, __doc__))
