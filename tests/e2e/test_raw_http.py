#!/usr/bin/env python3
"""End-to-end tests of paramsafe-server with hand-made HTTP requests signed with
botocore's SigV4Auth: what no SDK would send.

  raw_http  raw signed HTTP

  test_raw_http.py --server S --plugin P --cli C [--suite raw_http] [-k PATTERN]

One server on a scratch database per run, then the audit (foundation.py). Needs
PARAMSAFE_TEST_DATABASE_URL (see harness.py).
"""

import datetime
import http.client
import json
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import foundation  # noqa: E402
from foundation import E2ETestCase, setUpModule, tearDownModule  # noqa: E402,F401

AUTH_ERRORS = {"InvalidSignatureException", "IncompleteSignatureException",
               "UnrecognizedClientException", "AccessDeniedException",
               "MissingAuthenticationTokenException"}


def sign(body, target, service="ssm", region="us-east-1", when=None, creds=None):
    """Headers for a POST / signed with botocore's SigV4Auth at time `when`."""
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
    client = foundation.H.client
    creds = creds or Credentials(client["AWS_ACCESS_KEY_ID"], client["AWS_SECRET_ACCESS_KEY"])
    req = AWSRequest(method="POST", url=foundation.H.endpoint + "/", data=body,
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
        conn = http.client.HTTPConnection("127.0.0.1", foundation.H.port, timeout=30)
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
        foundation.H.ssm().put_parameter(Name=name, Value="v", Type="String")
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
        foundation.H.ssm().put_parameter(Name=name, Value="v", Type="String")
        body = json.dumps({"Name": name}).encode()
        status, headers, data = self.send(
            "POST", "/", sign(body, "AmazonSSM.GetParameter", service="secretsmanager"), body)
        self.assertIn(status, (400, 403), self.redact(data))
        self.assertIn(json.loads(data).get("__type"), AUTH_ERRORS, self.redact(data))


# ---------------------------------------------------------------------------------
# the audit, always last


class Audit(foundation.AuditCases, E2ETestCase):
    """This module's audit: after its tests, on the same server."""


SUITES = {
    "raw_http": [RawHttpTest],
}


def load_tests(loader, tests, pattern):
    """`python3 -m unittest test_raw_http`: every suite of this module, the audit last."""
    return foundation.build_suite(SUITES, Audit)


if __name__ == "__main__":
    sys.exit(foundation.main(SUITES, Audit, __doc__))
