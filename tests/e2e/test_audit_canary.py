#!/usr/bin/env python3
"""End-to-end canary tests of the audit trail: values written through the aws
CLI v1 and raw signed HTTP (SecureString, String, SecretString, SecretBinary,
PutParameter's Value, also in requests that fail: denied, invalid, malformed,
badly signed) never appear in paramsafe.audit_events (any column), in
`paramsafe audit`'s output, in error messages, in the server's log or in a
pg_dump (the last two: the module's Audit, foundation.py), while the requests
themselves are audited.

  canary    the writes run once (setUpClass); each test checks one place

  test_audit_canary.py --server S --plugin P --cli C [--suite canary] [-k PATTERN]

One server on a scratch database per run, then the audit (foundation.py).
Needs PARAMSAFE_TEST_DATABASE_URL (see harness.py).
"""

import http.client
import json
import os
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import foundation  # noqa: E402
import harness  # noqa: E402
from policy_e2e import (PolicyTestCase, allow, audit, aws, document, error_of,  # noqa: E402
                        new_principal, setUpModule, tearDownModule)  # noqa: F401
from test_raw_http import sign  # noqa: E402


def H():
    return foundation.H


def send(headers, body):
    """POSTs to the server; (status, response body text)."""
    conn = http.client.HTTPConnection("127.0.0.1", H().port, timeout=30)
    try:
        conn.request("POST", "/", body=body, headers=headers)
        resp = conn.getresponse()
        return resp.status, resp.read().decode("utf-8", "replace")
    finally:
        conn.close()


def audit_table_text():
    """Every column of every row of paramsafe.audit_events, as JSON lines."""
    r = subprocess.run([harness.pg_tool("psql"), H().database_url, "-v", "ON_ERROR_STOP=1",
                        "-Atqc", "SELECT row_to_json(e)::text FROM paramsafe.audit_events e"],
                       capture_output=True, text=True, timeout=harness.PROCESS_TIMEOUT,
                       env=harness.clean_env())
    if r.returncode != 0:
        raise harness.HarnessError(f"psql failed: {r.stderr.strip()}")
    return r.stdout


class AuditCanaryTest(PolicyTestCase):
    TAG = "canary"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.root = f"canary-{os.getpid()}"
        cls.outputs = []   # (what, text) of every client answer that must hold no canary
        cls.expected = []  # (eventName, errorCode or None, a request parameter to find)
        cls.reader = new_principal("reader", document(allow(["ssm:Get*", "secretsmanager:Get*"])))
        cls._write_through_the_cli()
        cls._fail_through_the_cli()
        cls._fail_through_raw_http()

    @classmethod
    def cli(cls, principal, event, error, needle, *args):
        r = aws(principal, *args)
        code, _ = error_of(r)
        if (r.returncode == 0) != (error is None) or code != error:
            raise AssertionError(f"{event}: expected {error or 'success'}, got rc "
                                 f"{r.returncode} {code}: {H().secrets.redact(r.stderr)[-1500:]}")
        cls.outputs.append((f"aws {event} stderr", r.stderr))
        if not event.startswith("Get"):
            cls.outputs.append((f"aws {event} stdout", r.stdout))
        cls.expected.append((event, error, needle))
        return r

    @classmethod
    def _write_through_the_cli(cls):
        s = H().secrets
        root, cli = cls.root, cls.cli
        secure, plain = f"/{root}/secure", f"/{root}/plain"
        cli(None, "PutParameter", None, secure, "ssm", "put-parameter", "--name", secure,
            "--type", "SecureString", "--value", s.canary())
        cli(None, "PutParameter", None, plain, "ssm", "put-parameter", "--name", plain,
            "--type", "String", "--value", s.canary())
        cli(None, "PutParameter", None, secure, "ssm", "put-parameter", "--name", secure,
            "--type", "SecureString", "--value", s.canary(), "--overwrite")
        text, binary = f"{root}/text", f"{root}/binary"
        cli(None, "CreateSecret", None, text, "secretsmanager", "create-secret", "--name", text,
            "--secret-string", s.canary())
        cli(None, "PutSecretValue", None, text, "secretsmanager", "put-secret-value",
            "--secret-id", text, "--secret-string", s.canary())
        cli(None, "UpdateSecret", None, text, "secretsmanager", "update-secret",
            "--secret-id", text, "--secret-string", s.canary())
        blob = os.path.join(H().tmp, "canary.bin")
        with open(blob, "wb") as f:
            f.write(s.canary().encode() + b"\x00\xff")
        cli(None, "CreateSecret", None, binary, "secretsmanager", "create-secret",
            "--name", binary, "--secret-binary", f"fileb://{blob}")
        cli(None, "PutSecretValue", None, binary, "secretsmanager", "put-secret-value",
            "--secret-id", binary, "--secret-binary", f"fileb://{blob}")
        os.remove(blob)
        # Reads return the values; their records must not.
        cli(cls.reader, "GetParameter", None, secure, "ssm", "get-parameter", "--name", secure,
            "--with-decryption")
        cli(cls.reader, "GetParameters", None, plain, "ssm", "get-parameters", "--names", plain,
            secure, "--with-decryption")
        cli(cls.reader, "GetSecretValue", None, text, "secretsmanager", "get-secret-value",
            "--secret-id", text)
        cli(cls.reader, "GetSecretValue", None, binary, "secretsmanager", "get-secret-value",
            "--secret-id", binary)
        cli(cls.reader, "GetParameter", None, f"/aws/reference/secretsmanager/{text}", "ssm",
            "get-parameter", "--name", f"/aws/reference/secretsmanager/{text}",
            "--with-decryption")

    @classmethod
    def _fail_through_the_cli(cls):
        s = H().secrets
        root, cli = cls.root, cls.cli
        # Denied: the reader may not write.
        cli(cls.reader, "PutParameter", "AccessDeniedException", f"/{root}/denied", "ssm",
            "put-parameter", "--name", f"/{root}/denied", "--type", "SecureString",
            "--value", s.canary())
        cli(cls.reader, "CreateSecret", "AccessDeniedException", f"{root}/denied",
            "secretsmanager", "create-secret", "--name", f"{root}/denied",
            "--secret-string", s.canary())
        # Refused by the service after authorization.
        cli(None, "PutParameter", "ParameterAlreadyExists", f"/{root}/plain", "ssm",
            "put-parameter", "--name", f"/{root}/plain", "--type", "String",
            "--value", s.canary())
        cli(None, "PutParameter", "ParameterPatternMismatchException", f"/{root}/pattern", "ssm",
            "put-parameter", "--name", f"/{root}/pattern", "--type", "String",
            "--allowed-pattern", "^x$", "--value", s.canary())
        cli(None, "CreateSecret", "ResourceExistsException", f"{root}/text", "secretsmanager",
            "create-secret", "--name", f"{root}/text", "--secret-string", s.canary())
        cli(None, "PutSecretValue", "ResourceNotFoundException", f"{root}/never-made",
            "secretsmanager", "put-secret-value", "--secret-id", f"{root}/never-made",
            "--secret-string", s.canary())

    @classmethod
    def _fail_through_raw_http(cls):
        s = H().secrets
        name = f"/{cls.root}/raw"
        # A member of the wrong type: the whole request is unreadable to the service.
        body = json.dumps({"Name": name, "Value": s.canary(), "Type": 7}).encode()
        cls.raw("PutParameter", "SerializationException", sign(body, "AmazonSSM.PutParameter"),
                body)
        # Both value members, one of them not base64: refused by validation.
        body = json.dumps({"Name": name.lstrip("/"), "SecretString": s.canary(),
                           "SecretBinary": "not base64!"}).encode()
        cls.raw("CreateSecret", "*", sign(body, "secretsmanager.CreateSecret",
                                          service="secretsmanager"), body)
        # Signed over another body: refused before the body is read.
        signed = json.dumps({"Name": name, "Value": s.canary(), "Type": "SecureString"}).encode()
        sent = json.dumps({"Name": name, "Value": s.canary(), "Type": "SecureString"}).encode()
        cls.raw("PutParameter", "InvalidSignatureException",
                sign(signed, "AmazonSSM.PutParameter"), sent)

    @classmethod
    def raw(cls, event, error, headers, body):
        """Sends a request that must fail with `error` ("*": any 4xx error)."""
        status, text = send(headers, body)
        if status < 400 or status >= 500:
            raise AssertionError(f"raw {event}: status {status}: {H().secrets.redact(text)}")
        got = json.loads(text).get("__type")
        if error != "*" and got != error:
            raise AssertionError(f"raw {event}: {got} instead of {error}")
        cls.outputs.append((f"raw {event} response", text))
        cls.expected.append((event, error, None))

    # -- the checks --------------------------------------------------------------------

    def assert_requests_recorded(self, records):
        """Positive control: each request of setUpClass has its record, so the
        searches below looked at something."""
        for event, error, needle in self.expected:
            found = [r for r in records if r.get("eventName") == event
                     and (r.get("errorCode") is not None if error == "*"
                          else r.get("errorCode") == error)
                     and (needle is None or needle in json.dumps(r.get("requestParameters")))]
            self.assertTrue(found, f"no audit record of {event} ({error or 'success'}) "
                                   f"naming {needle}")

    def test_audit_table_holds_no_canary_in_any_column(self):
        text = audit_table_text()
        self.assert_requests_recorded([self.cloudtrail_shape(json.loads(line))
                                       for line in text.splitlines() if line.strip()])
        self.assertEqual(H().secrets.find_in(text), 0,
                         "a canary or secret access key appears in paramsafe.audit_events")

    @staticmethod
    def cloudtrail_shape(row):
        """The fields assert_requests_recorded reads, from a table row."""
        return {"eventName": row.get("event_name"), "errorCode": row.get("error_code"),
                "requestParameters": row.get("request_parameters")}

    def test_paramsafe_audit_output_holds_no_canary(self):
        r = H().run_admin("audit")
        self.assertEqual(r.returncode, 0, self.redact(r.stderr))
        self.assert_requests_recorded([json.loads(line) for line in r.stdout.splitlines()
                                       if line.strip()])
        self.assertEqual(H().secrets.find_in(r.stdout + r.stderr), 0,
                         "a canary or secret access key appears in `paramsafe audit`'s output")

    def test_error_messages_and_write_answers_hold_no_canary(self):
        self.assertTrue(any("AccessDeniedException" in t for _, t in self.outputs))
        leaks = [what for what, text in self.outputs if H().secrets.find_in(text)]
        self.assertEqual(leaks, [], "a canary appears in these client answers")

    def test_failed_authentication_records_no_request_parameters(self):
        refused = audit("--error-code", "InvalidSignatureException")
        self.assertTrue(refused, "the badly signed request was not audited")
        for rec in refused:
            self.assertIsNone(rec.get("requestParameters"), self.redact(json.dumps(rec)))

    def test_secret_members_are_left_out_of_recorded_parameters(self):
        members = {"Value", "SecretString", "SecretBinary"}
        seen = 0
        for rec in audit():
            params = rec.get("requestParameters") or {}
            if rec.get("eventName") in ("PutParameter", "CreateSecret", "PutSecretValue",
                                        "UpdateSecret") and params:
                seen += 1
                self.assertFalse(members & set(params), self.redact(json.dumps(params)))
        self.assertGreaterEqual(seen, 8, "too few write records to check")


# ---------------------------------------------------------------------------------
# the audit, always last


class Audit(foundation.AuditCases, foundation.E2ETestCase):
    """This module's audit: pg_dump and the server's log, after its tests."""


SUITES = {
    "canary": [AuditCanaryTest],
}


def load_tests(loader, tests, pattern):
    """`python3 -m unittest test_audit_canary`: every suite, the audit last."""
    return foundation.build_suite(SUITES, Audit)


if __name__ == "__main__":
    sys.exit(foundation.main(SUITES, Audit, __doc__))
