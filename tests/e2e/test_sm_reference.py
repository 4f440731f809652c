#!/usr/bin/env python3
"""End-to-end tests of the bridge from Parameter Store to Secrets Manager:
GetParameter and GetParameters on /aws/reference/secretsmanager/<secret
name>[:<stage>|:<version id>] with WithDecryption, the fields AWS returns
(Name, Type SecureString, Value, Version 0, Selector, the secret's ARN,
LastModifiedDate, SourceResult) and every error row of parameter-store.md §3,
through the SSM clients: boto3 new and old, and one call of each aws CLI.

  reference   boto3 (ssm) under `python3` on PATH and /usr/bin/python3; aws CLI v1, v2

  test_sm_reference.py --server S --plugin P --cli C [-k PATTERN]

One server on a scratch database, then the audit (foundation.py). Needs
PARAMSAFE_TEST_DATABASE_URL.
"""

import json
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import client_drivers  # noqa: E402
import foundation  # noqa: E402
import secrets_manager as sm  # noqa: E402
from secrets_manager import masked, setUpModule, tearDownModule  # noqa: E402,F401

PREFIX = "/aws/reference/secretsmanager/"
NEED_DECRYPTION = "WithDecryption flag must be True for retrieving a Secret Manager secret."
BAD_SYNTAX = ("Invalid parameter name. Please use correct syntax for referencing a "
              "version/label")
NOT_FOUND_START = "An error occurred (ParameterNotFound) when referencing Secrets Manager: Secret "
SCHEDULED = "Invalid Request to Secrets Manager"


class ReferenceCases:
    """Mixin: run by each boto3 (self.c), through its SSM client."""

    def ssm(self, op, **params):
        return self.c.call(op, service="ssm", **params)

    def ssm_ok(self, op, **params):
        r = self.ssm(op, **params)
        if not r.ok:
            self.fail(f"{op} failed: {r!r}")
        return r.data

    def ssm_err(self, code, op, **params):
        r = self.ssm(op, **params)
        self.assertFalse(r.ok, f"{op} succeeded, expected {code}: {r!r}")
        self.assertEqual((r.code, r.status), (code, 400), repr(r))
        return r

    def two_versions(self, **kw):
        """(create reply with "Value", v2 id, v2 value): v2 AWSCURRENT, v1 AWSPREVIOUS."""
        c = self.create(**kw)
        v2 = self.canary()
        return c, self.put_value(c["Name"], v2)["VersionId"], v2

    def test_get_parameter_returns_the_current_value_with_aws_fields(self):
        c, v2, value = self.two_versions()
        current = self.get_value(c["Name"])
        p = self.ssm_ok("GetParameter", Name=PREFIX + c["Name"], WithDecryption=True)["Parameter"]
        source = json.loads(p.pop("SourceResult"))
        modified = p.pop("LastModifiedDate")
        self.assertLess(abs((modified - current["CreatedDate"]).total_seconds()), 0.002)
        self.assertEqual(p, {"Name": PREFIX + c["Name"], "Type": "SecureString",
                             "Value": masked(value), "Version": 0, "ARN": c["ARN"]})
        source.pop("CreatedDate")
        self.assertEqual(source, {"ARN": c["ARN"], "Name": c["Name"], "VersionId": v2,
                                  "SecretString": masked(value), "VersionStages": ["AWSCURRENT"]})

    def test_selectors_name_a_stage_or_a_version_id(self):
        c, v2, value = self.two_versions()
        ref = PREFIX + c["Name"]
        for selector, expected in ((":AWSPREVIOUS", c["Value"]), (":AWSCURRENT", value),
                                   (":" + c["VersionId"], c["Value"]), (":" + v2, value)):
            with self.subTest(selector=selector):
                p = self.ssm_ok("GetParameter", Name=ref + selector,
                                WithDecryption=True)["Parameter"]
                self.assertEqual((p["Name"], p["Selector"], p["Value"], p["Version"]),
                                 (ref, selector, masked(expected), 0))
        self.ok("UpdateSecretVersionStage", driver=self.fx, SecretId=c["Name"],
                VersionStage="blue-1.x_y", MoveToVersionId=c["VersionId"])
        p = self.ssm_ok("GetParameter", Name=ref + ":blue-1.x_y", WithDecryption=True)["Parameter"]
        self.assertEqual(p["Value"], masked(c["Value"]))

    def test_without_decryption_is_refused_before_the_lookup(self):
        name = self.create()["Name"]
        for ref in (PREFIX + name, PREFIX + name + ":AWSCURRENT", PREFIX + self.secret_name()):
            with self.subTest(ref=ref):
                r = self.ssm_err("ValidationException", "GetParameter", Name=ref)
                self.assertEqual(r.message, NEED_DECRYPTION)
                r = self.ssm_err("ValidationException", "GetParameter", Name=ref,
                                 WithDecryption=False)
                self.assertEqual(r.message, NEED_DECRYPTION)

    def test_bad_selectors_are_refused_before_the_decryption_flag(self):
        c = self.create()
        for ref in (PREFIX + c["Name"] + ":a:b", PREFIX + c["Name"] + ":", PREFIX + c["ARN"]):
            with self.subTest(ref=ref):
                for flag in (True, False):
                    r = self.ssm_err("ValidationException", "GetParameter", Name=ref,
                                     WithDecryption=flag)
                    self.assertTrue(r.message.startswith(BAD_SYNTAX), r.message)

    def test_missing_secret_stage_or_version_is_parameter_not_found(self):
        c = self.create()
        for ref in (PREFIX + self.secret_name("missing"), PREFIX + c["Name"] + ":AWSPENDING",
                    PREFIX + c["Name"] + ":" + sm.token()):
            with self.subTest(ref=ref):
                r = self.ssm_err("ParameterNotFound", "GetParameter", Name=ref,
                                 WithDecryption=True)
                self.assertTrue(r.message.startswith(NOT_FOUND_START), r.message)
                self.assertTrue(r.message.endswith(" not found."), r.message)

    def test_binary_secret_has_no_value(self):
        c = self.create(SecretBinary=self.binary())
        p = self.ssm_ok("GetParameter", Name=PREFIX + c["Name"], WithDecryption=True)["Parameter"]
        self.assertNotIn("Value", p)
        self.assertEqual((p["Type"], p["ARN"]), ("SecureString", c["ARN"]))

    def test_scheduled_secret_is_validation_exception(self):
        c = self.create()
        self.ok("DeleteSecret", driver=self.fx, SecretId=c["Name"])
        r = self.ssm_err("ValidationException", "GetParameter", Name=PREFIX + c["Name"],
                         WithDecryption=True)
        self.assertEqual(r.message, SCHEDULED)

    def test_get_parameters_mixes_references_and_parameters(self):
        c, v2, value = self.two_versions()
        param = "/" + self.secret_name("param")
        self.ok("PutParameter", driver=self.fx, service="ssm", Name=param, Value="plain",
                Type="String")
        ref, missing = PREFIX + c["Name"], PREFIX + self.secret_name("missing")
        bad = ref + ":a:b"
        out = self.ssm_ok("GetParameters", Names=[ref, ref + ":AWSPREVIOUS", missing, bad, param],
                          WithDecryption=True)
        got = {(p["Name"], p.get("Selector")): p.get("Value") for p in out["Parameters"]}
        self.assertEqual(got, {(ref, None): masked(value),
                               (ref, ":AWSPREVIOUS"): masked(c["Value"]),
                               (param, None): "plain"})
        self.assertEqual(sorted(out["InvalidParameters"]), sorted([missing, bad]))
        out = self.ssm_ok("GetParameters", Names=[ref, param])
        self.assertEqual([p["Name"] for p in out["Parameters"]], [param])
        self.assertEqual(out["InvalidParameters"], [ref])

    def test_the_reference_is_read_only_and_not_listed(self):
        c = self.create()
        ref = PREFIX + c["Name"]
        for op, params in (("PutParameter", {"Name": ref, "Value": "x", "Type": "String",
                                             "Overwrite": True}),
                           ("DeleteParameter", {"Name": ref}),
                           ("LabelParameterVersion", {"Name": ref, "Labels": ["l"]})):
            with self.subTest(op=op):
                r = self.ssm(op, **params)
                self.assertFalse(r.ok, f"{op} on a reference succeeded: {r!r}")
                self.assertEqual(r.status, 400, repr(r))
        self.assertEqual(self.get_value(c["Name"])["SecretString"], masked(c["Value"]))
        r = self.ssm("GetParametersByPath", Path="/aws/reference/secretsmanager",
                     Recursive=True, WithDecryption=True)
        if r.ok:
            self.assertEqual(r.data.get("Parameters", []), [])
        else:
            self.assertEqual(r.status, 400, repr(r))


class ReferenceNewTest(ReferenceCases, client_drivers.InProcessClient, sm.SmTestCase):
    TAG = "smrefnew"


class ReferenceOldTest(ReferenceCases, client_drivers.Boto3Client, sm.SmTestCase):
    TAG = "smrefold"
    NEW_MODEL = False
    PYTHON, BOTOCORE = sm.OLD_PYTHON, "1.29"


class ReferenceCliTest(sm.SmTestCase):
    TAG = "smrefcli"

    def test_aws_ssm_get_parameter_with_decryption(self):
        c = self.create()
        for cli in (sm.CLI_V1, sm.CLI_V2):
            with self.subTest(cli=cli.major):
                cli.check()
                r = cli.run("get-parameter", "--name", PREFIX + c["Name"] + ":AWSCURRENT",
                            "--with-decryption", service="ssm")
                self.assertEqual(r.returncode, 0, self.redact(r.stderr))
                p = masked(json.loads(r.stdout))["Parameter"]
                self.assertEqual((p["Type"], p["Value"], p["Selector"], p["ARN"]),
                                 ("SecureString", masked(c["Value"]), ":AWSCURRENT", c["ARN"]))
                r = cli.run("get-parameter", "--name", PREFIX + c["Name"], service="ssm")
                self.assertNotEqual(r.returncode, 0)
                self.assertIn("(ValidationException)", r.stderr)
                self.assertIn(NEED_DECRYPTION, r.stderr)


class Audit(sm.SmAuditCases, foundation.E2ETestCase):
    """This module's audit: after its tests, on the same server."""


SUITES = {"reference": [ReferenceNewTest, ReferenceOldTest, ReferenceCliTest]}


def load_tests(loader, tests, pattern):
    return foundation.build_suite(SUITES, Audit)


if __name__ == "__main__":
    sys.exit(foundation.main(SUITES, Audit, __doc__))
