#!/usr/bin/env python3
"""End-to-end tests of bad input to every Secrets Manager operation, sent as raw
SigV4-signed HTTP (what no SDK would send): every constraint of the model
(lengths, enums, required members, list sizes), both or neither of
SecretString/SecretBinary, bad ClientRequestTokens, bad ARNs and filters, wrong
JSON types. Each gets HTTP 400 with AWS's error type (ValidationException for a
model constraint, SerializationException for a wrong JSON type,
InvalidParameterException for a semantic problem, or the operation's own
error) — never a 5xx — and never a partial write: after each case the fixture
secret, its versions, labels, tags, description and deletion state are checked
unchanged, and the name a failed create used must not exist. Plus the wire
shapes boto3 hides, and a stored value tampered with in the database
(DecryptionFailure).

  bad_input   raw signed HTTP (botocore's SigV4Auth), plus wire-shape checks

  test_sm_bad_input.py --server S --plugin P --cli C [-k PATTERN]

One server on a scratch database, then the audit (foundation.py). Needs
PARAMSAFE_TEST_DATABASE_URL.
"""

import base64
import json
import os
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import foundation  # noqa: E402
import secrets_manager as sm  # noqa: E402
from bad_input import NULL, RefusalAssertions, S, V, substitute, too_long, too_short  # noqa: E402
from secrets_manager import masked, setUpModule, tearDownModule  # noqa: E402,F401

IPE = "InvalidParameterException"
T36 = "0123456789abcdef0123456789abcdef0123"  # 36 characters, no version of $E


# (operation, body, expected __type (or a tuple of acceptable ones), text the
# message must contain or None). In bodies, "$N" is a fresh name no secret has,
# "$E" the fixture secret (one version "$T", labelled AWSCURRENT, value secret,
# tag t=1, description "fixture"), "$A" its ARN.
CREATE, PUT, UPDATE, GET = "CreateSecret", "PutSecretValue", "UpdateSecret", "GetSecretValue"
USVS, LIST, BATCH = "UpdateSecretVersionStage", "ListSecrets", "BatchGetSecretValue"
CASES = [
    # -- CreateSecret -------------------------------------------------------------------
    (CREATE, {}, V, "Value null at 'name' failed to satisfy constraint: " + NULL),
    (CREATE, {"Name": ""}, V, too_short(1)),
    (CREATE, {"Name": "n" * 513, "SecretString": "v"}, V, too_long(512)),
    (CREATE, {"Name": "$N!", "SecretString": "v"}, (IPE, V), None),
    (CREATE, {"Name": "$N with space", "SecretString": "v"}, (IPE, V), None),
    (CREATE, {"Name": "$Nü", "SecretString": "v"}, (IPE, V), None),
    (CREATE, {"Name": "$N", "SecretString": "v", "ClientRequestToken": "short"}, (IPE, V), None),
    (CREATE, {"Name": "$N", "SecretString": "v", "ClientRequestToken": "t" * 65}, (IPE, V),
     None),
    (CREATE, {"Name": "$N", "SecretString": "v", "Description": "d" * 2049}, V, too_long(2048)),
    (CREATE, {"Name": "$N", "SecretString": "v", "KmsKeyId": "k" * 2049}, V, too_long(2048)),
    (CREATE, {"Name": "$N", "SecretString": ""}, (V, IPE), None),
    (CREATE, {"Name": "$N", "SecretString": "s" * 65537}, V, too_long(65536)),
    (CREATE, {"Name": "$N", "SecretBinary": base64.b64encode(b"\x01" * 65537).decode()}, V,
     too_long(65536)),
    (CREATE, {"Name": "$N", "SecretBinary": "***not base64***"}, (S, V, IPE), None),
    (CREATE, {"Name": "$N", "SecretString": "v", "SecretBinary": "dg=="}, IPE, None),
    (CREATE, {"Name": "$N", "SecretString": "v", "Tags": [{"Key": "", "Value": "v"}]}, V,
     too_short(1)),
    (CREATE, {"Name": "$N", "SecretString": "v", "Tags": [{"Key": "k" * 129, "Value": "v"}]},
     V, too_long(128)),
    (CREATE, {"Name": "$N", "SecretString": "v", "Tags": [{"Key": "k", "Value": "v" * 257}]},
     V, too_long(256)),
    (CREATE, {"Name": "$N", "SecretString": "v", "Tags": [{"Value": "v"}]}, (V, IPE), None),
    (CREATE, {"Name": "$N", "SecretString": "v",
              "Tags": [{"Key": f"k{i}", "Value": "v"} for i in range(51)]},
     (V, IPE, "LimitExceededException"), None),
    (CREATE, {"Name": "$N", "SecretString": "v",
              "AddReplicaRegions": [{"Region": "Not A Region"}]}, (V, IPE), None),
    (CREATE, {"Name": "$E", "SecretString": "v"}, "ResourceExistsException", None),
    (CREATE, {"Name": 5, "SecretString": "v"}, S, None),
    (CREATE, {"Name": "$N", "SecretString": 5}, S, None),
    (CREATE, {"Name": "$N", "SecretString": "v", "Tags": {}}, S, None),
    (CREATE, {"Name": "$N", "SecretString": "v", "Tags": ["k=v"]}, S, None),
    (CREATE, {"Name": "$N", "SecretString": "v", "Description": 7}, S, None),
    # -- GetSecretValue -----------------------------------------------------------------
    (GET, {}, V, "Value null at 'secretId' failed to satisfy constraint: " + NULL),
    (GET, {"SecretId": ""}, V, too_short(1)),
    (GET, {"SecretId": "s" * 2049}, V, too_long(2048)),
    (GET, {"SecretId": "$E", "VersionId": "short"}, V, too_short(32)),
    (GET, {"SecretId": "$E", "VersionId": "v" * 65}, V, too_long(64)),
    (GET, {"SecretId": "$E", "VersionStage": ""}, V, too_short(1)),
    (GET, {"SecretId": "$E", "VersionStage": "s" * 257}, V, too_long(256)),
    (GET, {"SecretId": 5}, S, None),
    (GET, {"SecretId": ["$E"]}, S, None),
    (GET, {"SecretId": "arn:aws:secretsmanager:us-east-1"}, ("ResourceNotFoundException", V,
                                                             IPE), None),
    (GET, {"SecretId": "arn:aws:ssm:us-east-1:123456789012:parameter/$E"},
     ("ResourceNotFoundException", V, IPE), None),
    (GET, {"SecretId": "arn:"}, ("ResourceNotFoundException", V, IPE), None),
    # -- PutSecretValue -----------------------------------------------------------------
    (PUT, {"SecretString": "v"}, V, NULL),
    (PUT, {"SecretId": "$E", "ClientRequestToken": T36}, IPE, None),
    (PUT, {"SecretId": "$E", "ClientRequestToken": T36, "SecretString": "v",
           "SecretBinary": "dg=="}, IPE, None),
    (PUT, {"SecretId": "$E", "ClientRequestToken": "t" * 31, "SecretString": "v"}, (IPE, V),
     None),
    (PUT, {"SecretId": "$E", "ClientRequestToken": "t" * 65, "SecretString": "v"}, (IPE, V),
     None),
    (PUT, {"SecretId": "$E", "ClientRequestToken": T36, "SecretString": "v",
           "VersionStages": []}, V, too_short(1)),
    (PUT, {"SecretId": "$E", "ClientRequestToken": T36, "SecretString": "v",
           "VersionStages": [f"s{i}" for i in range(21)]}, V, too_long(20)),
    (PUT, {"SecretId": "$E", "ClientRequestToken": T36, "SecretString": "v",
           "VersionStages": ["ok", ""]}, V, too_short(1)),
    (PUT, {"SecretId": "$E", "ClientRequestToken": T36, "SecretString": "v",
           "VersionStages": ["s" * 257]}, V, too_long(256)),
    (PUT, {"SecretId": "$E", "ClientRequestToken": T36, "SecretString": "s" * 65537}, V,
     too_long(65536)),
    (PUT, {"SecretId": "$E", "ClientRequestToken": T36, "SecretString": ""}, (V, IPE), None),
    (PUT, {"SecretId": "$E", "ClientRequestToken": "$T", "SecretString": "another"},
     "ResourceExistsException", "$T"),
    (PUT, {"SecretId": "$E", "ClientRequestToken": T36, "SecretString": "v",
           "VersionStages": "AWSCURRENT"}, S, None),
    (PUT, {"SecretId": "$E", "ClientRequestToken": 5, "SecretString": "v"}, S, None),
    (PUT, {"SecretId": "$N", "ClientRequestToken": T36, "SecretString": "v"},
     "ResourceNotFoundException", None),
    # -- UpdateSecret -------------------------------------------------------------------
    (UPDATE, {}, V, NULL),
    (UPDATE, {"SecretId": "$E", "ClientRequestToken": T36, "SecretString": "v",
              "SecretBinary": "dg=="}, IPE, None),
    (UPDATE, {"SecretId": "$E", "Description": "d" * 2049}, V, too_long(2048)),
    (UPDATE, {"SecretId": "$E", "KmsKeyId": "k" * 2049}, V, too_long(2048)),
    (UPDATE, {"SecretId": "$E", "ClientRequestToken": "short", "SecretString": "v"}, (IPE, V),
     None),
    (UPDATE, {"SecretId": "$E", "ClientRequestToken": T36, "SecretString": "s" * 65537,
              "Description": "changed"}, V, too_long(65536)),
    (UPDATE, {"SecretId": "$E", "Description": ["changed"]}, S, None),
    # -- DescribeSecret, ListSecretVersionIds ---------------------------------------------
    ("DescribeSecret", {}, V, NULL),
    ("DescribeSecret", {"SecretId": ""}, V, too_short(1)),
    ("DescribeSecret", {"SecretId": "s" * 2049}, V, too_long(2048)),
    ("ListSecretVersionIds", {}, V, NULL),
    ("ListSecretVersionIds", {"SecretId": "$E", "MaxResults": 0}, V,
     "Member must have value greater than or equal to 1"),
    ("ListSecretVersionIds", {"SecretId": "$E", "MaxResults": 101}, V,
     "Member must have value less than or equal to 100"),
    ("ListSecretVersionIds", {"SecretId": "$E", "NextToken": ""}, V, too_short(1)),
    ("ListSecretVersionIds", {"SecretId": "$E", "NextToken": "garbage"},
     "InvalidNextTokenException", None),
    ("ListSecretVersionIds", {"SecretId": "$E", "IncludeDeprecated": "yes"}, S, None),
    # -- ListSecrets --------------------------------------------------------------------
    (LIST, {"MaxResults": 0}, V, "Member must have value greater than or equal to 1"),
    (LIST, {"MaxResults": 101}, V, "Member must have value less than or equal to 100"),
    (LIST, {"MaxResults": "5"}, S, None),
    (LIST, {"SortOrder": "up"}, V, "Member must satisfy enum value set: [asc, desc]"),
    (LIST, {"SortOrder": "ASC"}, V, "enum value set"),
    (LIST, {"SortBy": "size"}, V, "enum value set"),
    (LIST, {"Filters": [{"Key": "bogus", "Values": ["x"]}]}, V, "enum value set"),
    (LIST, {"Filters": [{"Key": "Name", "Values": ["x"]}]}, V, "enum value set"),
    (LIST, {"Filters": [{"Key": "name", "Values": []}]}, V, too_short(1)),
    (LIST, {"Filters": [{"Key": "name", "Values": [f"v{i}" for i in range(11)]}]}, V,
     too_long(10)),
    (LIST, {"Filters": [{"Key": "name", "Values": ["x" * 513]}]}, V, too_long(512)),
    (LIST, {"Filters": [{"Key": "name", "Values": ["a*b"]}]}, (V, IPE), None),
    (LIST, {"Filters": [{"Key": "name", "Values": ["x"]} for _ in range(11)]}, V, too_long(10)),
    (LIST, {"Filters": [{"Key": "name"}]}, (V, IPE), None),
    (LIST, {"Filters": [{"Values": ["x"]}]}, (V, IPE), None),
    (LIST, {"Filters": {"Key": "name", "Values": ["x"]}}, S, None),
    (LIST, {"NextToken": ""}, V, too_short(1)),
    (LIST, {"NextToken": "garbage"}, "InvalidNextTokenException", None),
    (LIST, {"NextToken": "n" * 4097}, V, too_long(4096)),
    (LIST, {"IncludePlannedDeletion": "yes"}, S, None),
    # -- UpdateSecretVersionStage ---------------------------------------------------------
    (USVS, {}, V, "2 validation errors detected: "),
    (USVS, {"SecretId": "$E"}, V, "Value null at 'versionStage'"),
    (USVS, {"SecretId": "$E", "VersionStage": ""}, V, too_short(1)),
    (USVS, {"SecretId": "$E", "VersionStage": "s" * 257}, V, too_long(256)),
    (USVS, {"SecretId": "$E", "VersionStage": "x", "MoveToVersionId": "short"}, V,
     too_short(32)),
    (USVS, {"SecretId": "$E", "VersionStage": "x", "RemoveFromVersionId": "v" * 65}, V,
     too_long(64)),
    (USVS, {"SecretId": "$E", "VersionStage": "x", "MoveToVersionId": T36}, IPE, None),
    (USVS, {"SecretId": "$E", "VersionStage": "AWSCURRENT", "RemoveFromVersionId": "$T"}, IPE,
     None),
    (USVS, {"SecretId": "$E", "VersionStage": "x", "MoveToVersionId": 5}, S, None),
    # -- DeleteSecret, RestoreSecret ------------------------------------------------------
    ("DeleteSecret", {}, V, NULL),
    ("DeleteSecret", {"SecretId": "$E", "RecoveryWindowInDays": 6}, IPE, None),
    ("DeleteSecret", {"SecretId": "$E", "RecoveryWindowInDays": 31}, IPE, None),
    ("DeleteSecret", {"SecretId": "$E", "RecoveryWindowInDays": 7,
                      "ForceDeleteWithoutRecovery": True}, IPE, None),
    ("DeleteSecret", {"SecretId": "$E", "RecoveryWindowInDays": "7"}, S, None),
    ("DeleteSecret", {"SecretId": "$E", "RecoveryWindowInDays": 7.5}, (S, V, IPE), None),
    ("DeleteSecret", {"SecretId": "$E", "ForceDeleteWithoutRecovery": "true"}, S, None),
    ("RestoreSecret", {}, V, NULL),
    ("RestoreSecret", {"SecretId": ""}, V, too_short(1)),
    # -- TagResource, UntagResource -------------------------------------------------------
    ("TagResource", {"SecretId": "$E"}, V, "Value null at 'tags'"),
    ("TagResource", {"Tags": [{"Key": "a", "Value": "b"}]}, V, NULL),
    ("TagResource", {"SecretId": "$E", "Tags": [{"Key": "ok", "Value": "1"},
                                                 {"Key": "k" * 129, "Value": "v"}]}, V,
     too_long(128)),
    ("TagResource", {"SecretId": "$E", "Tags": [{"Key": "ok", "Value": "v" * 257}]}, V,
     too_long(256)),
    ("TagResource", {"SecretId": "$E", "Tags": [{"Key": "", "Value": "v"}]}, V, too_short(1)),
    ("TagResource", {"SecretId": "$E", "Tags": [{"Key": "aws:reserved", "Value": "v"}]},
     (IPE, V), None),
    ("TagResource", {"SecretId": "$E", "Tags": "t=2"}, S, None),
    ("UntagResource", {"SecretId": "$E"}, V, "Value null at 'tagKeys'"),
    ("UntagResource", {"SecretId": "$E", "TagKeys": ["t", ""]}, V, too_short(1)),
    ("UntagResource", {"SecretId": "$E", "TagKeys": ["t", "k" * 129]}, V, too_long(128)),
    ("UntagResource", {"SecretId": "$E", "TagKeys": "t"}, S, None),
    # -- BatchGetSecretValue --------------------------------------------------------------
    (BATCH, {}, IPE, None),
    (BATCH, {"SecretIdList": []}, (V, IPE), None),
    (BATCH, {"SecretIdList": [f"s{i}" for i in range(21)]}, V, too_long(20)),
    (BATCH, {"SecretIdList": ["$E", ""]}, V, too_short(1)),
    (BATCH, {"SecretIdList": ["$E"], "Filters": [{"Key": "name", "Values": ["x"]}]}, IPE,
     None),
    (BATCH, {"SecretIdList": ["$E"], "MaxResults": 5}, IPE, None),
    (BATCH, {"Filters": [{"Key": "name", "Values": ["x"]}], "MaxResults": 0}, V,
     "Member must have value greater than or equal to 1"),
    (BATCH, {"Filters": [{"Key": "name", "Values": ["x"]}], "MaxResults": 21}, V,
     "Member must have value less than or equal to 20"),
    (BATCH, {"Filters": [{"Key": "bogus", "Values": ["x"]}]}, V, "enum value set"),
    (BATCH, {"SecretIdList": "$E"}, S, None),
]


class BadInputTest(RefusalAssertions, sm.SmTestCase):
    TAG = "smbad"

    def setUp(self):
        self.E = self.secret_name("fixture")
        self.T = sm.token()
        self.value = self.canary()
        self.A = self.create(self.E, self.value, ClientRequestToken=self.T,
                             Description="fixture", Tags=[{"Key": "t", "Value": "1"}])["ARN"]

    def assert_untouched(self, new_name):
        d = self.describe(self.E)
        self.assertEqual((d["Description"], d["Tags"], d["VersionIdsToStages"]),
                         ("fixture", [{"Key": "t", "Value": "1"}], {self.T: ["AWSCURRENT"]}),
                         "the fixture changed")
        self.assertNotIn("DeletedDate", d, "the fixture was scheduled for deletion")
        self.assertNotIn("KmsKeyId", d)
        self.assertEqual([v["VersionId"] for v in self.version_list(self.E, True)], [self.T])
        self.assertEqual(self.get_value(self.E)["SecretString"], masked(self.value))
        for name in (new_name, new_name + "!", new_name + " with space"):
            self.assert_missing(name)

    def run_case(self, op, body, expected, contains):
        new_name = self.secret_name("new")
        names = {"$N": new_name, "$E": self.E, "$T": self.T, "$A": self.A}
        payload = json.dumps(substitute(body, names)).encode()
        status, headers, parsed = sm.send_raw(op, payload)
        self.assert_refused(status, headers, parsed, expected,
                            None if contains is None else substitute(contains, names))
        self.assertEqual(sm.H().secrets.find_in(json.dumps(parsed)), 0, "a value echoed")
        self.assert_untouched(new_name)

    def test_every_model_constraint_and_wrong_type(self):
        for i, (op, body, expected, contains) in enumerate(CASES):
            with self.subTest(case=i, op=op, body=json.dumps(body)[:120]):
                self.run_case(op, body, expected, contains)

    def test_body_that_is_not_a_json_object(self):
        for raw in (b"[]", b'"text"', b"42", b"null", b"{", b'{"SecretId": "x"} trailing'):
            with self.subTest(body=raw):
                status, _, parsed = sm.send_raw("DescribeSecret", raw)
                self.assertEqual((status, parsed.get("__type")), (400, S), parsed)

    def test_unknown_members_are_ignored(self):
        name = self.secret_name()
        body = json.dumps({"Name": name, "SecretString": self.canary(), "Bogus": 1,
                           "Nested": {"a": [1]}, "ClientRequestToken": sm.token()}).encode()
        status, _, parsed = sm.send_raw("CreateSecret", body)
        self.assertEqual(status, 200, self.redact(json.dumps(parsed)))
        self.assertEqual(parsed["Name"], name)
        status, _, parsed = sm.send_raw("DescribeSecret", json.dumps(
            {"SecretId": name, "Extra": True}).encode())
        self.assertEqual((status, parsed.get("Name")), (200, name))

    def test_canary_in_a_rejected_request_is_not_echoed(self):
        canary = self.canary()
        name = self.secret_name()
        for body in ({"Name": name, "SecretString": canary + "x" * 65536},
                     {"Name": name, "SecretString": canary, "SecretBinary": "dg=="},
                     {"Name": name + "!", "SecretString": canary},
                     {"Name": name, "SecretString": canary, "KmsKeyId": "alias/e2e-missing"},
                     {"Name": self.E, "SecretString": canary},
                     {"Name": name, "SecretString": canary, "ClientRequestToken": "short"}):
            with self.subTest(keys=sorted(body)):
                status, _, parsed = sm.send_raw("CreateSecret", json.dumps(body).encode())
                self.assertEqual(status, 400)
                self.assertEqual(sm.H().secrets.find_in(json.dumps(parsed)), 0,
                                 "a rejected SecretString was echoed in the error")
        status, _, parsed = sm.send_raw("PutSecretValue", json.dumps(
            {"SecretId": self.E, "ClientRequestToken": self.T, "SecretString": canary}).encode())
        self.assertEqual((status, parsed.get("__type")), (400, "ResourceExistsException"))
        self.assertEqual(sm.H().secrets.find_in(json.dumps(parsed)), 0)
        self.assert_missing(name)


class WireShapeTest(sm.SmTestCase):
    """What boto3 hides: JSON types, blobs and member casing on the wire."""

    TAG = "smwire"

    def call(self, op, **body):
        return sm.send_raw(op, json.dumps(body).encode())

    def test_timestamps_are_epoch_second_numbers_and_nothing_is_null(self):
        c = self.create(Description="d")
        name = c["Name"]
        self.get_value(name)
        for op, body, pick, keys in (
                ("GetSecretValue", {"SecretId": name}, lambda r: r, ["CreatedDate"]),
                ("DescribeSecret", {"SecretId": name}, lambda r: r,
                 ["CreatedDate", "LastChangedDate", "LastAccessedDate"]),
                ("ListSecretVersionIds", {"SecretId": name}, lambda r: r["Versions"][0],
                 ["CreatedDate", "LastAccessedDate"]),
                ("ListSecrets", {"Filters": [{"Key": "name", "Values": [name]}]},
                 lambda r: r["SecretList"][0], ["CreatedDate", "LastChangedDate"])):
            with self.subTest(op=op):
                status, headers, parsed = self.call(op, **body)
                self.assertEqual(status, 200, self.redact(json.dumps(parsed)))
                self.assertEqual(headers.get("content-type"), "application/x-amz-json-1.1")
                self.assertTrue(headers.get("x-amzn-requestid"))
                entry = pick(parsed)
                for key in keys:
                    self.assertIsInstance(entry[key], (int, float), key)
                    self.assertNotIsInstance(entry[key], bool)
                    self.assertLess(abs(entry[key] - time.time()), 86400 + 120, key)
                self.assertNotIn(None, entry.values(), "a member sent as null")
        status, _, parsed = self.call("DeleteSecret", SecretId=name, RecoveryWindowInDays=7)
        self.assertIsInstance(parsed["DeletionDate"], (int, float))
        _, _, parsed = self.call("DescribeSecret", SecretId=name)
        self.assertIsInstance(parsed["DeletedDate"], (int, float))

    def test_secret_binary_is_base64_on_the_wire(self):
        blob = self.binary()
        name = self.secret_name()
        status, _, parsed = self.call("CreateSecret", Name=name, ClientRequestToken=sm.token(),
                                      SecretBinary=base64.b64encode(blob).decode())
        self.assertEqual(status, 200, parsed)
        _, _, parsed = self.call("GetSecretValue", SecretId=name)
        self.assertNotIn("SecretString", parsed)
        self.assertIsInstance(parsed["SecretBinary"], str)
        self.assertEqual(masked(base64.b64decode(parsed["SecretBinary"])), masked(blob))

    def test_error_member_is_message_with_a_capital_m(self):
        _, headers, parsed = self.call("DescribeSecret", SecretId=self.secret_name())
        self.assertEqual(parsed.get("__type"), "ResourceNotFoundException")
        self.assertEqual(headers.get("x-amzn-errortype"), "ResourceNotFoundException")
        self.assertEqual(parsed.get("Message"), sm.NOT_FOUND)

    def test_a_request_without_a_token_writes_one_version_or_none(self):
        # Only the SDKs fill ClientRequestToken in; AWS asks raw callers to send one.
        name = self.create()["Name"]
        status, _, parsed = self.call("PutSecretValue", SecretId=name,
                                      SecretString=self.canary())
        shown = self.redact(json.dumps(parsed))
        versions = self.version_list(name, include_deprecated=True)
        if status == 200:
            self.assert_token_shaped(parsed["VersionId"])
            self.assertEqual(self.stages(name)[parsed["VersionId"]], ["AWSCURRENT"])
            self.assertEqual(len(versions), 2, shown)
        else:
            self.assertEqual(status, 400, shown)
            self.assertIn(parsed.get("__type"), (IPE, V), shown)
            self.assertEqual(len(versions), 1, shown)

    def test_no_next_token_key_on_the_last_page(self):
        name = self.create()["Name"]
        _, _, parsed = self.call("ListSecretVersionIds", SecretId=name)
        self.assertNotIn("NextToken", parsed)
        _, _, parsed = self.call("ListSecrets", Filters=[{"Key": "name", "Values": [name]}])
        self.assertNotIn("NextToken", parsed)

    def test_unknown_operation(self):
        status, headers, parsed = self.call("RotateSecret", SecretId=self.create()["Name"])
        self.assertEqual((status, parsed.get("__type")), (400, "UnknownOperationException"))
        status, _, parsed = sm.send_raw("NoSuchOperation", b"{}")
        self.assertEqual((status, parsed.get("__type")), (400, "UnknownOperationException"))


class TamperedValueTest(sm.SmTestCase):
    """A stored value that no longer opens (its ciphertext changed in the database)
    is DecryptionFailure, HTTP 400, without a byte of any value in the answer."""

    TAG = "smtamper"

    def tamper(self, arn):
        # Versions are immutable: the triggers are off for this statement only.
        sm.db_exec("SET session_replication_role = replica;"
                   " UPDATE paramsafe.versions"
                   " SET ciphertext = set_byte(ciphertext, 0, get_byte(ciphertext, 0) # 255)"
                   " WHERE item_id = (SELECT item_id FROM paramsafe.items WHERE arn = :'a1');",
                   arn)

    def test_tampered_value_is_decryption_failure(self):
        c = self.create()
        self.tamper(c["ARN"])
        r = self.err("DecryptionFailure", "GetSecretValue", driver=self.fx, SecretId=c["Name"])
        self.assertEqual(sm.H().secrets.find_in(r.message), 0)
        out = self.ok("BatchGetSecretValue", driver=self.fx, SecretIdList=[c["Name"]])
        self.assertEqual(out["SecretValues"], [])
        self.assertEqual([(e["SecretId"], e["ErrorCode"]) for e in out["Errors"]],
                         [(c["Name"], "DecryptionFailure")])
        self.assertEqual(self.describe(c["Name"])["ARN"], c["ARN"])
        new = self.put_value(c["Name"])
        self.assertEqual(self.get_value(c["Name"])["VersionId"], new["VersionId"])
        self.err("DecryptionFailure", "GetSecretValue", driver=self.fx, SecretId=c["Name"],
                 VersionStage="AWSPREVIOUS")


class Audit(sm.SmAuditCases, foundation.E2ETestCase):
    """This module's audit: after its tests, on the same server."""


SUITES = {"bad_input": [BadInputTest, WireShapeTest, TamperedValueTest]}


def load_tests(loader, tests, pattern):
    return foundation.build_suite(SUITES, Audit)


if __name__ == "__main__":
    sys.exit(foundation.main(SUITES, Audit, __doc__))
