#!/usr/bin/env python3
"""End-to-end security tests: requests that must be refused, each refused AND
found in the audit trail (`paramsafe audit`) with its error code and what is
known of the caller (the access key id; the principal once authenticated).

  security  a request dated outside the clock-skew window (a replay), a
            signature over a different body, a disabled access key, a user
            with no policy, a user allowed project-x/* reading project-y

  test_security.py --server S --plugin P --cli C [--suite security] [-k PATTERN]

Hand-signed requests use botocore's SigV4Auth with a chosen timestamp (the
`sign` of test_raw_http.py); the others go through the aws CLI v1. One server
(auth_cache_ms 2000, the default) on a scratch database per run, then the
audit (foundation.py). Needs PARAMSAFE_TEST_DATABASE_URL (see harness.py).
"""

import datetime
import http.client
import json
import os
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import foundation  # noqa: E402
from policy_e2e import (CHANGE_DEADLINE, PolicyTestCase, allow, audit, audited,  # noqa: E402
                        boto_error, denial, document, new_principal, parameter_arn,
                        run_admin_ok, setUpModule, tearDownModule)  # noqa: F401
from test_raw_http import sign  # noqa: E402


def send(headers, body):
    """POSTs to the server; (status, x-amzn-RequestId, parsed JSON body)."""
    conn = http.client.HTTPConnection("127.0.0.1", foundation.H.port, timeout=30)
    try:
        conn.request("POST", "/", body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        return resp.status, resp.getheader("x-amzn-RequestId"), json.loads(data or b"{}")
    finally:
        conn.close()


class SecurityTest(PolicyTestCase):
    TAG = "security"

    def credentials(self, who):
        from botocore.credentials import Credentials
        return Credentials(who.key_id, who.secret)

    def assert_audited(self, records, what, **want):
        found = audited(records, **want)
        self.assertTrue(found, f"no audit record of {what} with {want}; records: "
                               f"{self.redact(json.dumps(records[:5]))[:3000]}")
        return found[0]

    def assert_refused_authentication_audited(self, who, request_id, code, operation):
        self.assertTrue(request_id, "no x-amzn-RequestId")
        rec = self.assert_audited(audit("--error-code", code), "the refused request",
                                  requestID=request_id)
        self.assertEqual(rec["eventName"], operation)
        self.assertEqual(rec["eventSource"], "ssm.amazonaws.com")
        self.assertEqual(rec["userIdentity"].get("accessKeyId"), who.key_id)
        self.assertNotIn("arn", rec["userIdentity"])  # not proven: no principal
        self.assertEqual(rec["sourceIPAddress"], "127.0.0.1")

    def assert_denial_audited(self, who, operation, resource):
        records = audit("--principal", who.arn, "--error-code", "AccessDeniedException")
        rec = self.assert_audited(records, f"the denied {operation}", eventName=operation,
                                  access_key_id=who.key_id)
        self.assertEqual(rec["userIdentity"].get("arn"), who.arn)
        self.assertIn(resource, [r.get("ARN") for r in rec.get("resources", [])])
        self.assertTrue(rec.get("errorMessage", "").startswith(f"User: {who.arn} is not "),
                        rec.get("errorMessage"))
        self.assertIn("aws-cli/", rec.get("userAgent") or "")
        self.assertEqual(rec["sourceIPAddress"], "127.0.0.1")

    # -- signatures --------------------------------------------------------------------

    def test_request_dated_outside_the_skew_window_is_refused_and_audited(self):
        who = new_principal("replay")
        name = f"/{self.root()}/p"
        self.ssm.put_parameter(Name=name, Value="v", Type="String")
        body = json.dumps({"Name": name}).encode()
        now = datetime.datetime.now(datetime.timezone.utc)
        # Control: the same request signed now is answered.
        status, _, data = send(sign(body, "AmazonSSM.GetParameter", when=now,
                                    creds=self.credentials(who)), body)
        self.assertEqual(status, 200, self.redact(json.dumps(data)))
        # A request captured 10 minutes ago and replayed now, and one dated
        # 10 minutes ahead: both outside the 5-minute window.
        for minutes, text in ((-10, "Signature expired"), (10, "Signature not yet current")):
            when = now + datetime.timedelta(minutes=minutes)
            status, request_id, data = send(sign(body, "AmazonSSM.GetParameter", when=when,
                                                 creds=self.credentials(who)), body)
            self.assertEqual((status, data.get("__type")), (400, "InvalidSignatureException"),
                             self.redact(json.dumps(data)))
            self.assertIn(text, data.get("message", ""))
            self.assert_refused_authentication_audited(who, request_id,
                                                       "InvalidSignatureException",
                                                       "GetParameter")

    def test_signature_over_a_different_body_is_refused_and_audited(self):
        who = new_principal("body")
        root = self.root()
        for leaf in ("a", "b"):
            self.ssm.put_parameter(Name=f"/{root}/{leaf}", Value=leaf, Type="String")
        signed = json.dumps({"Name": f"/{root}/a"}).encode()
        sent = json.dumps({"Name": f"/{root}/b"}).encode()  # same length
        status, request_id, data = send(sign(signed, "AmazonSSM.GetParameter",
                                             creds=self.credentials(who)), sent)
        self.assertEqual((status, data.get("__type")), (400, "InvalidSignatureException"),
                         self.redact(json.dumps(data)))
        self.assertNotIn("Value", json.dumps(data))
        self.assert_refused_authentication_audited(who, request_id, "InvalidSignatureException",
                                                   "GetParameter")

    # -- keys and principals -----------------------------------------------------------

    def test_disabled_access_key_is_refused_within_the_cache_lifetime_and_audited(self):
        who = new_principal("disabled")
        name = f"/{self.root()}/p"
        self.ssm.put_parameter(Name=name, Value="v", Type="String")
        self.assertEqual(self.value_of(who, name), "v")  # the key is now cached
        client = who.client("ssm")
        run_admin_ok(self, "iam", "update-access-key", "--access-key-id", who.key_id,
                     "--status", "Inactive")
        start = time.monotonic()
        self.poll(lambda: boto_error(client.get_parameter, Name=name)
                  == "UnrecognizedClientException", "the disabled key")
        elapsed = time.monotonic() - start
        self.assertLess(elapsed, CHANGE_DEADLINE)
        self.fails("UnrecognizedClientException", who, "ssm", "get-parameter", "--name", name)
        records = audit("--error-code", "UnrecognizedClientException")
        rec = self.assert_audited(records, "the disabled key's request",
                                  access_key_id=who.key_id, eventName="GetParameter")
        self.assertIn("aws-cli/", rec.get("userAgent") or "")
        self.assertNotIn("arn", rec["userIdentity"])

    def test_user_with_no_policy_is_refused_and_audited(self):
        who = new_principal("nopolicy", policy=None)
        root = self.root()
        name = f"/{root}/p"
        self.ssm.put_parameter(Name=name, Value="v", Type="String")
        secret = self.sm.create_secret(Name=f"{root}/s", SecretString=self.canary())
        self.denied(who, "ssm", "get-parameter", "--name", name,
                    message=denial(who.name, "ssm:GetParameter", parameter_arn(name)))
        self.denied(who, "secretsmanager", "get-secret-value", "--secret-id", secret["ARN"],
                    message=denial(who.name, "secretsmanager:GetSecretValue", secret["ARN"]))
        self.denied(who, "ssm", "describe-parameters",
                    message=denial(who.name, "ssm:DescribeParameters"))
        self.assert_denial_audited(who, "GetParameter", parameter_arn(name))
        self.assert_denial_audited(who, "GetSecretValue", secret["ARN"])

    def test_user_allowed_project_x_reading_project_y_is_refused_and_audited(self):
        value = self.canary()
        self.ssm.put_parameter(Name="/project-x/config", Value="x", Type="String")
        self.ssm.put_parameter(Name="/project-y/secret", Value=value, Type="SecureString")
        self.sm.create_secret(Name="project-x/secret", SecretString=self.canary())
        y = self.sm.create_secret(Name="project-y/secret", SecretString=value)
        who = new_principal("px", document(
            allow("ssm:GetParameter", "arn:aws:ssm:*:*:parameter/project-x/*"),
            allow("secretsmanager:GetSecretValue",
                  "arn:aws:secretsmanager:*:*:secret:project-x/*")))
        self.assertEqual(self.value_of(who, "/project-x/config"), "x")
        self.ok(who, "secretsmanager", "get-secret-value", "--secret-id", "project-x/secret")
        text = self.denied(who, "ssm", "get-parameter", "--name", "/project-y/secret",
                           "--with-decryption",
                           message=denial(who.name, "ssm:GetParameter",
                                          parameter_arn("/project-y/secret")))
        self.assertNotIn(value, text)
        self.denied(who, "secretsmanager", "get-secret-value", "--secret-id", "project-y/secret",
                    message=denial(who.name, "secretsmanager:GetSecretValue", y["ARN"]))
        self.assert_denial_audited(who, "GetParameter", parameter_arn("/project-y/secret"))
        self.assert_denial_audited(who, "GetSecretValue", y["ARN"])


# ---------------------------------------------------------------------------------
# the audit, always last


class Audit(foundation.AuditCases, foundation.E2ETestCase):
    """This module's audit: after its tests, on the same server."""


SUITES = {
    "security": [SecurityTest],
}


def load_tests(loader, tests, pattern):
    """`python3 -m unittest test_security`: every suite, the audit last."""
    return foundation.build_suite(SUITES, Audit)


if __name__ == "__main__":
    sys.exit(foundation.main(SUITES, Audit, __doc__))
