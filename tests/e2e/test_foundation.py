#!/usr/bin/env python3
"""End-to-end tests of paramsafe-server through the unchanged AWS clients.

One paramsafe-server on a scratch database per run (harness.py). Suites:
  cli_v1    aws CLI v1 (`aws` on PATH, PyPI awscli 1.x)
  cli_v2    aws CLI v2 (`/usr/bin/aws`, Debian 2.9)
  boto3     boto3 under `python3` (new, PyPI) and `/usr/bin/python3` (old, Debian)
  raw_http  hand-made HTTP requests signed with botocore's SigV4Auth
  admin     the admin CLI's output shapes
Every suite ends with the audit: no plaintext secret in a pg_dump of the database
or in the server's log, no 5xx answered, and a clean exit 0 on SIGTERM.

  test_foundation.py --server S --plugin P --cli C [--suite NAME] [-k PATTERN]

Needs PARAMSAFE_TEST_DATABASE_URL (see harness.py). Secret values and canaries
are never printed: failure messages go through the harness's redaction.
"""

import argparse
import base64
import binascii
import datetime
import http.client
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

H = None  # the module's Harness


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


AUTH_ERRORS = {"InvalidSignatureException", "IncompleteSignatureException",
               "UnrecognizedClientException", "AccessDeniedException",
               "MissingAuthenticationTokenException"}


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


# ---------------------------------------------------------------------------------
# aws CLI v1 and v2


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
        cls.fx = H.ssm()

    # -- running the CLI ---------------------------------------------------------

    def aws(self, *args, env=None, region=None):
        cmd = [self.CLI, "--endpoint-url", H.endpoint, "--output", "json"]
        if region:
            cmd += ["--region", region]
        cmd += list(args)
        return subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                              env=env or H.aws_env(), timeout=harness.PROCESS_TIMEOUT)

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
                        if expected in H.secrets.values() else
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
        env = H.aws_env(secret_access_key=H.secrets.add(secrets.token_urlsafe(30)[:40]))
        self.fails_with("InvalidSignatureException", "ssm", "get-parameter",
                        "--name", self.unique(), env=env)

    def test_unknown_access_key_id_is_unrecognized_client(self):
        unknown = "AKIA" + "".join(secrets.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
                                   for _ in range(16))
        env = H.aws_env(access_key_id=unknown)
        self.fails_with("UnrecognizedClientException", "ssm", "get-parameter",
                        "--name", self.unique(), env=env)

    def new_user_env(self):
        key = H.create_user_with_key(f"e2e-{self.TAG}-{secrets.token_hex(4)}")["AccessKey"]
        return key["AccessKeyId"], H.aws_env(access_key_id=key["AccessKeyId"],
                                             secret_access_key=key["SecretAccessKey"])

    def admin(self, *args):
        r = H.run_admin(*args)
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


def _tool(env_var, default):
    return os.environ.get(env_var) or default


class AwsCliV1Test(AwsCliCases, E2ETestCase):
    TAG = "cli1"
    CLI = _tool("PARAMSAFE_E2E_AWS_V1", shutil.which("aws"))
    MAJOR = "1"


class AwsCliV2Test(AwsCliCases, E2ETestCase):
    TAG = "cli2"
    CLI = _tool("PARAMSAFE_E2E_AWS_V2", "/usr/bin/aws")
    MAJOR = "2"


# ---------------------------------------------------------------------------------
# boto3, new and old


class Boto3Cases:
    """Mixin: runs boto3_roundtrip.py once with PYTHON, each test checks one part."""

    PYTHON = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.PYTHON or not os.path.isfile(cls.PYTHON):
            raise AssertionError(f"interpreter {cls.PYTHON!r} not found")
        cls.canary_value = H.secrets.canary()
        env = H.aws_env()
        env["E2E_PREFIX"] = f"/e2e/{cls.TAG}/{secrets.token_hex(4)}"
        env["E2E_CANARY"] = cls.canary_value
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "boto3_roundtrip.py")
        r = subprocess.run([cls.PYTHON, script], capture_output=True, text=True, env=env,
                           timeout=120, stdin=subprocess.DEVNULL)
        if r.returncode != 0:
            raise AssertionError(f"{cls.PYTHON} boto3_roundtrip.py exited {r.returncode}: "
                                 f"{H.secrets.redact(r.stderr)[-3000:]}")
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
    PYTHON = _tool("PARAMSAFE_E2E_PYTHON_NEW", shutil.which("python3"))

    def check_versions(self, botocore_version):
        old = os.path.realpath(Boto3OldTest.PYTHON or "")
        self.assertNotEqual(os.path.realpath(self.PYTHON), old,
                            "python3 on PATH is the Debian interpreter: put the PyPI one first")


class Boto3OldTest(Boto3Cases, E2ETestCase):
    TAG = "boto3old"
    PYTHON = _tool("PARAMSAFE_E2E_PYTHON_OLD", "/usr/bin/python3")

    def check_versions(self, botocore_version):
        pass


# ---------------------------------------------------------------------------------
# raw HTTP


def sign(body, target, service="ssm", region="us-east-1", when=None, creds=None):
    """Headers for a POST / signed with botocore's SigV4Auth at time `when`."""
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
    creds = creds or Credentials(H.client["AWS_ACCESS_KEY_ID"], H.client["AWS_SECRET_ACCESS_KEY"])
    req = AWSRequest(method="POST", url=H.endpoint + "/", data=body,
                     headers={"Content-Type": "application/x-amz-json-1.1",
                              "X-Amz-Target": target})
    auth = SigV4Auth(creds, service, region)
    when = when or datetime.datetime.now(datetime.timezone.utc)
    # What SigV4Auth.add_auth does, with our timestamp instead of the clock's.
    req.context["timestamp"] = when.strftime("%Y%m%dT%H%M%SZ")
    auth._modify_request_before_signing(req)
    canonical = auth.canonical_request(req)
    auth._inject_signature_to_request(req, auth.signature(auth.string_to_sign(req, canonical), req))
    return dict(req.headers.items())


class RawHttpTest(E2ETestCase):
    TAG = "http"

    def send(self, method, path, headers, body=None):
        conn = http.client.HTTPConnection("127.0.0.1", H.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            headers = {k.lower(): v for k, v in resp.getheaders()}
            return resp.status, headers, data
        finally:
            conn.close()

    def assert_aws_error(self, status, headers, data, code, http_status=400):
        text = self.redact(data)
        self.assertEqual(status, http_status, text)
        self.assertEqual(headers.get("x-amzn-errortype"), code, text)
        body = json.loads(data)
        self.assertEqual(body.get("__type"), code, text)
        self.assertTrue(body.get("message") or body.get("Message"), text)
        self.assertTrue(headers.get("x-amzn-requestid"), "no x-amzn-RequestId")
        return body

    def test_signed_put_succeeds_with_request_id_and_date(self):
        body = json.dumps({"Name": self.unique(), "Value": "v", "Type": "String"}).encode()
        status, headers, data = self.send("POST", "/", sign(body, "AmazonSSM.PutParameter"), body)
        self.assertEqual(status, 200, self.redact(data))
        self.assertEqual(json.loads(data), {"Version": 1, "Tier": "Standard"})
        self.assertTrue(headers.get("x-amzn-requestid"))
        self.assertTrue(headers.get("date"))
        self.assertEqual(headers.get("content-type"), "application/x-amz-json-1.1")

    def test_unknown_target_is_unknown_operation_exception(self):
        body = b'{"Name": "/x"}'
        self.assert_aws_error(*self.send("POST", "/", sign(body, "AmazonSSM.Nope"), body),
                              "UnknownOperationException")

    def test_malformed_json_is_serialization_exception(self):
        body = b'{"Name": '
        self.assert_aws_error(*self.send("POST", "/", sign(body, "AmazonSSM.GetParameter"), body),
                              "SerializationException")

    def test_member_of_wrong_json_type_is_serialization_exception(self):
        body = b'{"Name": 5}'
        self.assert_aws_error(*self.send("POST", "/", sign(body, "AmazonSSM.GetParameter"), body),
                              "SerializationException")

    def test_health_needs_no_authentication(self):
        status, _, data = self.send("GET", "/health", {})
        self.assertEqual(status, 200, data)

    def test_missing_authorization_is_missing_authentication_token(self):
        body = b'{"Name": "/x"}'
        headers = {"Content-Type": "application/x-amz-json-1.1",
                   "X-Amz-Target": "AmazonSSM.GetParameter"}
        self.assert_aws_error(*self.send("POST", "/", headers, body),
                              "MissingAuthenticationTokenException")

    def test_body_changed_after_signing_is_invalid_signature(self):
        name = self.unique()
        H.ssm().put_parameter(Name=name, Value="v", Type="String")
        # Same length, one name swapped for another: only the payload hash differs.
        signed = json.dumps({"Name": name[:-1] + "q"}).encode()
        sent = json.dumps({"Name": name}).encode()
        self.assert_aws_error(*self.send("POST", "/", sign(signed, "AmazonSSM.GetParameter"),
                                         sent), "InvalidSignatureException")

    def test_request_dated_6_minutes_ago_is_signature_expired(self):
        body = b'{"Name": "/x"}'
        when = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=6)
        err = self.assert_aws_error(
            *self.send("POST", "/", sign(body, "AmazonSSM.GetParameter", when=when), body),
            "InvalidSignatureException")
        self.assertIn("Signature expired", err.get("message", ""))

    def test_scope_for_secretsmanager_on_ssm_target_is_refused(self):
        name = self.unique()
        H.ssm().put_parameter(Name=name, Value="v", Type="String")
        body = json.dumps({"Name": name}).encode()
        status, headers, data = self.send(
            "POST", "/", sign(body, "AmazonSSM.GetParameter", service="secretsmanager"), body)
        self.assertIn(status, (400, 403), self.redact(data))
        self.assertIn(json.loads(data).get("__type"), AUTH_ERRORS, self.redact(data))


# ---------------------------------------------------------------------------------
# admin CLI


class AdminCliTest(E2ETestCase):
    TAG = "admin"

    def test_create_access_key_prints_iam_access_key_shape(self):
        user = f"e2e-admin-{secrets.token_hex(4)}"
        key = H.create_user_with_key(user).get("AccessKey")
        self.assertIsInstance(key, dict)
        self.assertEqual(set(key), {"UserName", "AccessKeyId", "Status", "SecretAccessKey",
                                    "CreateDate"})
        self.assertEqual(key["UserName"], user)
        self.assertEqual(key["Status"], "Active")
        self.assertRegex(key["AccessKeyId"], r"^AKIA[A-Z2-7]{16}$")
        self.assertTrue(len(key["SecretAccessKey"]) == 40, "secret is not 40 characters")
        created = datetime.datetime.fromisoformat(key["CreateDate"])
        age = datetime.datetime.now(datetime.timezone.utc) - created
        self.assertLess(abs(age.total_seconds()), 600, f"CreateDate {key['CreateDate']}")

    def test_list_access_keys_shows_status(self):
        user = f"e2e-admin-{secrets.token_hex(4)}"
        key_id = H.create_user_with_key(user)["AccessKey"]["AccessKeyId"]
        r = H.run_admin("iam", "update-access-key", "--access-key-id", key_id,
                        "--status", "Inactive")
        self.assertEqual(r.returncode, 0, r.stderr)
        r = H.run_admin("iam", "list-access-keys", "--user-name", user)
        self.assertEqual(r.returncode, 0, r.stderr)
        keys = json.loads(r.stdout)["AccessKeyMetadata"]
        self.assertEqual([(k["AccessKeyId"], k["Status"]) for k in keys], [(key_id, "Inactive")])


# ---------------------------------------------------------------------------------
# the audit, always last


class Audit(E2ETestCase):
    """Runs after the suite's tests (load order below): secrets at rest and in logs,
    and the server's clean stop."""

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


SUITES = {
    "cli_v1": [AwsCliV1Test],
    "cli_v2": [AwsCliV2Test],
    "boto3": [Boto3NewTest, Boto3OldTest],
    "raw_http": [RawHttpTest],
    "admin": [AdminCliTest],
}


def build_suite(names, patterns=None):
    loader = unittest.TestLoader()
    if patterns:
        loader.testNamePatterns = [p if "*" in p else f"*{p}*" for p in patterns]
    suite = unittest.TestSuite()
    for name in names:
        for cls in SUITES[name]:
            suite.addTests(loader.loadTestsFromTestCase(cls))
    suite.addTests(unittest.TestLoader().loadTestsFromTestCase(Audit))
    return suite


def load_tests(loader, tests, pattern):
    """`python3 -m unittest test_foundation`: every suite, the audit last."""
    return build_suite(list(SUITES))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--server", help="paramsafe-server binary")
    ap.add_argument("--plugin", help="libparamsafe.so")
    ap.add_argument("--cli", help="paramsafe admin CLI binary")
    ap.add_argument("--suite", action="append", choices=[*SUITES, "all"],
                    help="which client suite(s) to run (default: all)")
    ap.add_argument("-k", action="append", dest="patterns", help="only tests matching")
    args = ap.parse_args()
    for var, value in (("PARAMSAFE_E2E_SERVER", args.server), ("PARAMSAFE_E2E_PLUGIN", args.plugin),
                       ("PARAMSAFE_E2E_CLI", args.cli)):
        if value:
            os.environ[var] = value
    names = args.suite or ["all"]
    names = list(SUITES) if "all" in names else names
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stderr).run(
        build_suite(names, args.patterns))
    if not result.wasSuccessful():
        h = H or globals().get("LAST_HARNESS")
        if h is not None:
            sys.stderr.write("\n---- paramsafe-server stderr (secrets redacted) ----\n")
            sys.stderr.write(h.server_log()[-20000:] or "(empty)\n")
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
