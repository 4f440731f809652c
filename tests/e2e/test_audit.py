#!/usr/bin/env python3
"""End-to-end tests of the audit trail: requests made through the aws CLI and
boto3 leave CloudTrail-shaped records that `paramsafe audit` prints, with no
secret value in them, including refused signatures and failed requests.

  trail     aws CLI v1 (`aws` on PATH, or $PARAMSAFE_E2E_AWS_V1) and boto3

  test_audit.py --server S --plugin P --cli C [--suite trail] [-k PATTERN]

One server on a scratch database per run, then the audit of secrets at rest
(foundation.py). Needs PARAMSAFE_TEST_DATABASE_URL (see harness.py).
"""

import datetime
import json
import os
import secrets
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import foundation  # noqa: E402
import harness  # noqa: E402
from foundation import E2ETestCase, setUpModule, tearDownModule  # noqa: E402,F401

RECORD_KEYS = {"eventVersion", "eventTime", "eventSource", "eventName", "awsRegion",
               "userIdentity", "sourceIPAddress", "userAgent", "requestParameters",
               "responseElements", "requestID", "eventID", "readOnly", "resources",
               "eventType", "recipientAccountId"}


def scratch_sql(sql):
    """Runs `sql` with psql on the server's scratch database; returns its output."""
    h = foundation.H
    r = subprocess.run([harness.pg_tool("psql"), h.database_url, "-v", "ON_ERROR_STOP=1",
                        "-Atqc", sql], capture_output=True, text=True,
                       timeout=harness.PROCESS_TIMEOUT, env=harness.clean_env())
    if r.returncode != 0:
        raise harness.HarnessError(f"psql failed ({sql}): {r.stderr.strip()}")
    return r.stdout


class AuditTrailTest(E2ETestCase):
    TAG = "audit-trail"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.aws_cli = foundation.tool("PARAMSAFE_E2E_AWS_V1", shutil.which("aws") or "aws")
        cls.admin_arn = None

    # -- clients -------------------------------------------------------------------

    def aws(self, *args, env=None):
        cmd = [self.aws_cli, "--endpoint-url", foundation.H.endpoint, "--output", "json", *args]
        return subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                              env=env or foundation.H.aws_env(), timeout=harness.PROCESS_TIMEOUT)

    def sm(self, secret_access_key=None):
        """An in-process boto3 Secrets Manager client (no retries)."""
        import boto3
        from botocore.config import Config
        h = foundation.H
        return boto3.session.Session(
            aws_access_key_id=h.client["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=secret_access_key or h.client["AWS_SECRET_ACCESS_KEY"],
            region_name=h.client["AWS_DEFAULT_REGION"],
        ).client("secretsmanager", endpoint_url=h.endpoint,
                 config=Config(retries={"max_attempts": 1}))

    def audit(self, *args):
        """`paramsafe audit ARGS`: the records it prints, parsed, in its order."""
        r = foundation.H.run_admin("audit", *args)
        self.assertEqual(r.returncode, 0, self.redact(r.stderr))
        self.assertEqual(foundation.H.secrets.find_in(r.stdout), 0,
                         "a canary or secret access key appears in `paramsafe audit` output")
        lines = [line for line in r.stdout.splitlines() if line.strip()]
        return [json.loads(line) for line in lines]

    def record_of(self, request_id):
        records = [r for r in self.audit("--max-items", "200") if r["requestID"] == request_id]
        self.assertEqual(len(records), 1, f"records of request {request_id}: {records!r}")
        return records[0]

    def records_naming(self, name, *args):
        return [r for r in self.audit(*args)
                if (r.get("requestParameters") or {}).get("Name") == name
                or (r.get("requestParameters") or {}).get("SecretId") == name]

    def assertAuthenticatedRecord(self, rec, source, name, read_only):
        self.assertEqual(set(rec) - {"errorCode", "errorMessage"}, RECORD_KEYS)
        self.assertEqual(rec["eventSource"], source)
        self.assertEqual(rec["eventName"], name)
        self.assertEqual(rec["awsRegion"], foundation.H.client["AWS_DEFAULT_REGION"])
        ident = rec["userIdentity"]
        self.assertEqual(ident["type"], "IAMUser")
        self.assertRegex(ident["arn"], r"^arn:aws:iam::\d{12}:user/")
        self.assertEqual(ident["accessKeyId"], foundation.H.client["AWS_ACCESS_KEY_ID"])
        self.assertEqual(ident["userName"], ident["arn"].rsplit("/", 1)[1])
        self.assertEqual(rec["sourceIPAddress"], "127.0.0.1")
        self.assertEqual(rec["readOnly"], read_only)
        self.assertEqual(rec["eventType"], "AwsApiCall")
        when = datetime.datetime.fromisoformat(rec["eventTime"].replace("Z", "+00:00"))
        age = datetime.datetime.now(datetime.timezone.utc) - when
        self.assertLess(abs(age.total_seconds()), 600, rec["eventTime"])

    # -- Parameter Store through the aws CLI -----------------------------------------

    def test_cli_put_get_and_failed_get_are_recorded_without_the_value(self):
        name = self.unique("secret")
        value = self.canary()
        r = self.aws("ssm", "put-parameter", "--name", name, "--type", "SecureString",
                     "--value", value)
        self.assertEqual(r.returncode, 0, self.redact(r.stderr))
        r = self.aws("ssm", "get-parameter", "--name", name, "--with-decryption")
        self.assertEqual(r.returncode, 0, self.redact(r.stderr))
        missing = name + "-missing"
        r = self.aws("ssm", "get-parameter", "--name", missing)
        self.assertNotEqual(r.returncode, 0)

        put, = self.records_naming(name, "--action", "PutParameter")
        self.assertAuthenticatedRecord(put, "ssm.amazonaws.com", "PutParameter", False)
        self.assertEqual(put["requestParameters"]["Type"], "SecureString")
        self.assertNotIn("Value", put["requestParameters"])
        self.assertNotIn("errorCode", put)
        self.assertIn("aws-cli/", put["userAgent"])
        arn = put["resources"][0]["ARN"]
        self.assertRegex(arn, r"^arn:aws:ssm:us-east-1:\d{12}:parameter" + name + "$")

        get, = self.records_naming(name, "--action", "GetParameter")
        self.assertAuthenticatedRecord(get, "ssm.amazonaws.com", "GetParameter", True)
        self.assertIs(get["requestParameters"]["WithDecryption"], True)
        self.assertEqual(get["resources"], [{"ARN": arn}])

        failed, = self.records_naming(missing, "--errors-only")
        self.assertEqual(failed["errorCode"], "ParameterNotFound")
        self.assertIn(missing, failed["errorMessage"])

        # A write's record is committed in the write's own transaction.
        same = scratch_sql(
            "SELECT a.xmin = i.xmin FROM paramsafe.audit_events a, paramsafe.items i"
            f" WHERE a.event_id = {int(put['eventID'])} AND i.name = '{name}'")
        self.assertEqual(same.strip(), "t")

    # -- Secrets Manager through boto3 -----------------------------------------------

    def test_boto3_secret_values_never_reach_the_trail(self):
        client = self.sm()
        name = f"e2e/audit/{secrets.token_hex(6)}"
        string_value, binary_value = self.canary(), self.canary()
        token = self.canary()
        created = client.create_secret(Name=name, SecretString=string_value)
        put = client.put_secret_value(SecretId=name, SecretBinary=binary_value.encode())
        client.get_secret_value(SecretId=name)
        ids = {"CreateSecret": created["ResponseMetadata"]["RequestId"],
               "PutSecretValue": put["ResponseMetadata"]["RequestId"]}
        for op, request_id in ids.items():
            rec = self.record_of(request_id)
            self.assertAuthenticatedRecord(rec, "secretsmanager.amazonaws.com", op, False)
            params = rec["requestParameters"]
            self.assertNotIn("SecretString", params)
            self.assertNotIn("SecretBinary", params)
        rec = self.record_of(ids["CreateSecret"])
        self.assertEqual(rec["requestParameters"]["Name"], name)
        # A RotationToken is a sensitive shape too, even on a request that fails.
        with self.assertRaises(Exception):
            client.put_secret_value(SecretId=name + "-nope", SecretString="x",
                                    RotationToken=token)
        rec, = [r for r in self.audit("--action", "PutSecretValue", "--errors-only")
                if (r["requestParameters"] or {}).get("SecretId") == name + "-nope"]
        self.assertNotIn("RotationToken", rec["requestParameters"])
        self.assertIn("errorCode", rec)

    def test_refused_signature_is_recorded_without_principal(self):
        client = self.sm(secret_access_key="wrong" + secrets.token_hex(16))
        marker = f"e2e/audit/refused-{secrets.token_hex(4)}"
        try:
            client.get_secret_value(SecretId=marker)
            self.fail("a request with a wrong secret key was answered")
        except client.exceptions.ClientError as e:
            code = e.response["Error"]["Code"]
            request_id = e.response["ResponseMetadata"].get("RequestId")
        self.assertEqual(code, "InvalidSignatureException")
        self.assertTrue(request_id, "no x-amzn-RequestId on the refusal")
        rec, = [r for r in self.audit("--error-code", "InvalidSignatureException")
                if r["requestID"] == request_id]
        self.assertEqual(rec["eventSource"], "secretsmanager.amazonaws.com")
        self.assertEqual(rec["eventName"], "GetSecretValue")
        self.assertEqual(rec["userIdentity"], {"type": "Unknown",
                                               "accessKeyId":
                                                   foundation.H.client["AWS_ACCESS_KEY_ID"]})
        self.assertIsNone(rec["requestParameters"])
        self.assertNotIn(marker, json.dumps(rec))  # the unauthenticated body is not kept
        self.assertEqual(rec["sourceIPAddress"], "127.0.0.1")

    # -- reading the trail -------------------------------------------------------------

    def test_filters_select_records_and_newest_comes_first(self):
        ssm = foundation.H.ssm()
        name = self.unique("filter")
        ssm.put_parameter(Name=name, Value="v", Type="String")
        ids = [ssm.get_parameter(Name=name)["ResponseMetadata"]["RequestId"] for _ in range(3)]
        everything = self.audit()
        order = [r["requestID"] for r in everything if r["requestID"] in ids]
        self.assertEqual(order, list(reversed(ids)))
        times = [r["eventTime"] for r in everything]
        self.assertEqual(times, sorted(times, reverse=True))

        self.assertEqual(len(self.audit("--max-items", "2")), 2)
        arn = self.record_of(ids[0])["resources"][0]["ARN"]
        by_resource = self.audit("--resource", arn, "--action", "GetParameter")
        self.assertEqual(sorted(r["requestID"] for r in by_resource), sorted(ids))
        principal = self.record_of(ids[0])["userIdentity"]["arn"]
        self.assertTrue(all(r["userIdentity"].get("arn") == principal
                            for r in self.audit("--principal", principal)))
        future = (datetime.datetime.now(datetime.timezone.utc)
                  + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.assertEqual(self.audit("--start-time", future), [])
        self.assertTrue(self.audit("--end-time", future, "--max-items", "1"))
        self.assertTrue(all("errorCode" in r for r in self.audit("--errors-only")))

    def test_bad_options_are_usage_errors(self):
        for args in (["--start-time", "yesterday"], ["--start-time", "2030-01-01T00:00:00"],
                     ["--max-items", "0"], ["--errors-only", "--error-code", "X"]):
            r = foundation.H.run_admin("audit", *args)
            self.assertEqual(r.returncode, 252, f"{args}: {r.stderr}")

    def test_audit_table_holds_no_secret_value(self):
        # Values of both faces written now, and a marker in a Description (not a
        # secret, so it is recorded): the search must find the marker, or it
        # proves nothing.
        marker = harness.Secrets()
        name = self.unique("table")
        r = self.aws("ssm", "put-parameter", "--name", name, "--type", "SecureString",
                     "--value", self.canary(), "--description", marker.canary())
        self.assertEqual(r.returncode, 0, self.redact(r.stderr))
        self.sm().create_secret(Name=f"e2e/audit/{secrets.token_hex(6)}",
                                SecretString=self.canary())
        text = scratch_sql(
            "SELECT string_agg(audit_events::text, E'\\n') FROM paramsafe.audit_events")
        self.assertEqual(marker.find_in(text), 1, "the search missed the planted marker")
        self.assertEqual(foundation.H.secrets.find_in(text), 0,
                         "a canary or secret access key appears in the audit table")


# ---------------------------------------------------------------------------------
# the audit of secrets at rest, always last


class Audit(foundation.AuditCases, E2ETestCase):
    """This module's audit: after its tests, on the same server."""


SUITES = {
    "trail": [AuditTrailTest],
}


def load_tests(loader, tests, pattern):
    """`python3 -m unittest test_audit`: every suite of this module, the audit last."""
    return foundation.build_suite(SUITES, Audit)


if __name__ == "__main__":
    sys.exit(foundation.main(SUITES, Audit, __doc__))
