#!/usr/bin/env python3
"""End-to-end tests of bad input to every Parameter Store operation, sent as raw
SigV4-signed HTTP (what no SDK would send): every constraint of the SSM model
(lengths, patterns, enums, required members, list sizes), wrong JSON types and
unknown members. Each gets HTTP 400 with ValidationException (a wrong JSON type:
SerializationException) or the operation's own error — never a 5xx — and never a
partial write: after each case the fixture parameter, its value, labels and tags
are checked unchanged, and the name a failed create used must not exist.

  bad_input   raw signed HTTP (botocore's SigV4Auth), plus wire-shape checks

  test_ps_bad_input.py --server S --plugin P --cli C [-k PATTERN]

One server on a scratch database, then the audit (foundation.py). Needs
PARAMSAFE_TEST_DATABASE_URL.
"""

import json
import os
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import foundation  # noqa: E402
import parameter_store as ps  # noqa: E402
from bad_input import NULL, RefusalAssertions, S, V, substitute, too_long, too_short  # noqa: E402
from parameter_store import setUpModule, tearDownModule  # noqa: E402,F401

# (operation, body, expected __type (or a tuple of acceptable ones), text the
# message must contain or None). In bodies, "$N" is a fresh name no parameter
# has, "$E" the fixture parameter (version 1, value "fixture", label "L",
# tag t=1).
PUT = "PutParameter"
CASES = [
    # -- PutParameter ---------------------------------------------------------------
    (PUT, {}, V, "2 validation errors detected: "),
    (PUT, {"Name": "$N", "Type": "String"}, V,
     "1 validation error detected: Value null at 'value' failed to satisfy constraint: " + NULL),
    (PUT, {"Value": "v", "Type": "String"}, V, "Value null at 'name' failed to satisfy constraint"),
    (PUT, {"Name": "", "Value": "v", "Type": "String"}, V, too_short(1)),
    (PUT, {"Name": "/n" * 1025, "Value": "v", "Type": "String"}, V, too_long(2048)),
    (PUT, {"Name": "$N", "Value": "", "Type": "String"}, V, too_short(1)),
    (PUT, {"Name": "$N", "Value": "v", "Type": "Bogus"}, V,
     "Member must satisfy enum value set: [String, StringList, SecureString]"),
    (PUT, {"Name": "$N", "Value": "v", "Type": "string"}, V, "enum value set"),
    (PUT, {"Name": "$N", "Value": "v", "Type": "String", "Tier": "Premium"}, V,
     "Member must satisfy enum value set: [Standard, Advanced, Intelligent-Tiering]"),
    (PUT, {"Name": "$N", "Value": "v", "Type": "String", "Description": "d" * 1025}, V,
     too_long(1024)),
    (PUT, {"Name": "$N", "Value": "v", "Type": "SecureString", "KeyId": ""}, V, too_short(1)),
    (PUT, {"Name": "$N", "Value": "v", "Type": "SecureString", "KeyId": "bad key!"}, V,
     "Member must satisfy regular expression pattern: ^([a-zA-Z0-9:/_-]+)$"),
    (PUT, {"Name": "$N", "Value": "v", "Type": "SecureString", "KeyId": "k" * 257}, V,
     too_long(256)),
    (PUT, {"Name": "$N", "Value": "v", "Type": "String", "AllowedPattern": "a" * 1025}, V,
     too_long(1024)),
    (PUT, {"Name": "$N", "Value": "v", "Type": "String", "Tier": "Advanced", "Policies": ""},
     V, too_short(1)),
    (PUT, {"Name": "$N", "Value": "v", "Type": "String", "Tier": "Advanced",
           "Policies": "[" + " " * 4096 + "]"}, V, too_long(4096)),
    (PUT, {"Name": "$N", "Value": "v", "Type": "String", "DataType": "t" * 129}, V,
     too_long(128)),
    (PUT, {"Name": "$N", "Value": "ami-12345678", "Type": "String", "DataType": "aws:ec2:Image"},
     V, "The following data type is not supported: aws:ec2:Image"),
    (PUT, {"Name": "$N", "Value": "v", "Type": "String", "Tags": [{"Key": "k"}]}, V, NULL),
    (PUT, {"Name": "$N", "Value": "v", "Type": "String", "Tags": [{"Value": "v"}]}, V, NULL),
    (PUT, {"Name": "$N", "Value": "v", "Type": "String",
           "Tags": [{"Key": "k" * 129, "Value": "v"}]}, V, too_long(128)),
    (PUT, {"Name": "$N", "Value": "v", "Type": "String",
           "Tags": [{"Key": "k", "Value": "v" * 257}]}, V, too_long(256)),
    (PUT, {"Name": "$N", "Value": "v", "Type": "String", "Tags": [{"Key": "a*b", "Value": "v"}]},
     V, "Member must satisfy regular expression pattern"),
    (PUT, {"Name": "$N", "Value": "v", "Type": "String",
           "Tags": [{"Key": f"k{i}", "Value": "v"} for i in range(1001)]}, V, too_long(1000)),
    (PUT, {"Name": "$N", "Value": "v", "Type": "String",
           "Tags": [{"Key": f"k{i}", "Value": "v"} for i in range(51)]}, "TooManyTagsError",
     None),
    (PUT, {"Name": "$N", "Value": "{{ssm:/other}}", "Type": "String"}, V, None),
    (PUT, {"Name": "/e2e/ünïcode/x", "Value": "v", "Type": "String"}, V, None),
    (PUT, {"Name": "/e2e/tab\there", "Value": "v", "Type": "String"}, V, None),
    (PUT, {"Name": "$N", "Value": "v", "Type": "String", "Overwrite": "true"}, S, None),
    (PUT, {"Name": 5, "Value": "v", "Type": "String"}, S, None),
    (PUT, {"Name": "$N", "Value": 42, "Type": "String"}, S, None),
    (PUT, {"Name": "$N", "Value": "v", "Type": ["String"]}, S, None),
    (PUT, {"Name": "$N", "Value": "v", "Type": "String", "Tags": {}}, S, None),
    (PUT, {"Name": "$N", "Value": "v", "Type": "String", "Tags": ["k=v"]}, S, None),
    (PUT, {"Name": "$N", "Value": "v", "Type": "String", "Description": 7}, S, None),
    (PUT, {"Name": "$E", "Value": "changed", "Type": "Bogus", "Overwrite": True}, V, None),
    (PUT, {"Name": "$E", "Value": "changed", "Overwrite": True,
           "Tags": [{"Key": "t", "Value": "2"}]}, V, "tags and overwrite can't be used together"),
    (PUT, {"Name": "$E", "Value": "x" * 4097, "Overwrite": True}, V,
     "Standard tier parameters support a maximum parameter value of 4096 characters."),
    (PUT, {"Name": "$E", "Value": "changed", "Overwrite": True, "KeyId": "alias/aws/ssm"}, V,
     None),
    (PUT, {"Name": "$E", "Value": "changed", "Overwrite": True, "Tier": "Bogus"}, V,
     "enum value set"),
    (PUT, {"Name": "$E", "Value": "changed", "Overwrite": "yes"}, S, None),
    (PUT, {"Name": "", "Value": "", "Type": "Bogus"}, V, "3 validation errors detected: "),
    # -- GetParameter -------------------------------------------------------------------
    ("GetParameter", {}, V, "Value null at 'name' failed to satisfy constraint: " + NULL),
    ("GetParameter", {"Name": ""}, V, too_short(1)),
    ("GetParameter", {"Name": "/n" * 1025}, V, too_long(2048)),
    ("GetParameter", {"Name": "$E", "WithDecryption": "yes"}, S, None),
    ("GetParameter", {"Name": ["$E"]}, S, None),
    ("GetParameter", {"Name": "$E:"}, V, None),
    ("GetParameter", {"Name": "$E:1:2"}, V, None),
    # -- GetParameters ------------------------------------------------------------------
    ("GetParameters", {}, V, NULL),
    ("GetParameters", {"Names": []}, V, too_short(1)),
    ("GetParameters", {"Names": [f"/n{i}" for i in range(11)]}, V, too_long(10)),
    ("GetParameters", {"Names": "$E"}, S, None),
    ("GetParameters", {"Names": [1]}, S, None),
    ("GetParameters", {"Names": ["$E"], "WithDecryption": 1}, S, None),
    # -- GetParametersByPath ------------------------------------------------------------
    ("GetParametersByPath", {}, V, NULL),
    ("GetParametersByPath", {"Path": ""}, V, too_short(1)),
    ("GetParametersByPath", {"Path": "/p" * 1025}, V, too_long(2048)),
    ("GetParametersByPath", {"Path": "/", "MaxResults": 0}, V,
     "Member must have value greater than or equal to 1"),
    ("GetParametersByPath", {"Path": "/", "MaxResults": 11}, V,
     "Member must have value less than or equal to 10"),
    ("GetParametersByPath", {"Path": "/", "MaxResults": "5"}, S, None),
    ("GetParametersByPath", {"Path": "/", "Recursive": "yes"}, S, None),
    ("GetParametersByPath", {"Path": "/", "ParameterFilters": [{"Values": ["x"]}]}, V, NULL),
    ("GetParametersByPath", {"Path": "/", "ParameterFilters": [{"Key": ""}]}, V, too_short(1)),
    ("GetParametersByPath", {"Path": "/", "ParameterFilters": [
        {"Key": "Type", "Option": "Equals", "Values": []}]}, V, too_short(1)),
    ("GetParametersByPath", {"Path": "/", "ParameterFilters": [
        {"Key": "Type", "Option": "EqualsEquals", "Values": ["String"]}]}, V, too_long(10)),
    ("GetParametersByPath", {"Path": "/", "ParameterFilters": [
        {"Key": "Type", "Values": ["x" * 1025]}]}, V, too_long(1024)),
    ("GetParametersByPath", {"Path": "/", "ParameterFilters": [
        {"Key": "Type", "Values": [f"v{i}" for i in range(51)]}]}, V, too_long(50)),
    ("GetParametersByPath", {"Path": "/", "ParameterFilters": {}}, S, None),
    ("GetParametersByPath", {"Path": "/", "NextToken": 5}, S, None),
    # -- DeleteParameter(s) ---------------------------------------------------------------
    ("DeleteParameter", {}, V, NULL),
    ("DeleteParameter", {"Name": ""}, V, too_short(1)),
    ("DeleteParameter", {"Name": 5}, S, None),
    # A selector is no part of a name: refused, or not found; never deletes $E.
    ("DeleteParameter", {"Name": "$E:1"}, (V, "ParameterNotFound"), None),
    ("DeleteParameters", {}, V, NULL),
    ("DeleteParameters", {"Names": []}, V, too_short(1)),
    ("DeleteParameters", {"Names": ["$E"] + [f"/n{i}" for i in range(10)]}, V, too_long(10)),
    ("DeleteParameters", {"Names": ["$E", ""]}, V, too_short(1)),
    ("DeleteParameters", {"Names": ["$E", 5]}, S, None),
    # -- DescribeParameters -------------------------------------------------------------
    ("DescribeParameters", {"MaxResults": 0}, V,
     "Member must have value greater than or equal to 1"),
    ("DescribeParameters", {"MaxResults": 51}, V,
     "Member must have value less than or equal to 50"),
    ("DescribeParameters", {"Filters": [{"Key": "Name"}]}, V, NULL),
    ("DescribeParameters", {"Filters": [{"Key": "Bogus", "Values": ["x"]}]}, V,
     "Member must satisfy enum value set: [Name, Type, KeyId]"),
    ("DescribeParameters", {"Filters": [{"Key": "Name", "Values": []}]}, V, too_short(1)),
    ("DescribeParameters", {"Filters": [{"Key": "Name", "Values": ["x" * 1025]}]}, V,
     too_long(1024)),
    ("DescribeParameters", {"ParameterFilters": [{"Key": "tag:", "Values": ["x"]}]}, V,
     "Member must satisfy regular expression pattern"),
    ("DescribeParameters", {"ParameterFilters": [{"Key": "k" * 133, "Values": ["x"]}]}, V,
     too_long(132)),
    ("DescribeParameters", {"Shared": "yes"}, S, None),
    ("DescribeParameters", {"Filters": "Name"}, S, None),
    # -- GetParameterHistory ------------------------------------------------------------
    ("GetParameterHistory", {}, V, NULL),
    ("GetParameterHistory", {"Name": "$E", "MaxResults": 51}, V,
     "Member must have value less than or equal to 50"),
    ("GetParameterHistory", {"Name": "$E", "MaxResults": 0}, V,
     "Member must have value greater than or equal to 1"),
    ("GetParameterHistory", {"Name": "$E", "WithDecryption": "no"}, S, None),
    # -- LabelParameterVersion ----------------------------------------------------------
    ("LabelParameterVersion", {"Name": "$E"}, V,
     "Value null at 'labels' failed to satisfy constraint: " + NULL),
    ("LabelParameterVersion", {"Labels": ["x"]}, V, NULL),
    ("LabelParameterVersion", {"Name": "$E", "Labels": []}, V, too_short(1)),
    ("LabelParameterVersion", {"Name": "$E", "Labels": [f"l{i}" for i in range(11)]}, V,
     too_long(10)),
    ("LabelParameterVersion", {"Name": "$E", "Labels": ["ok", "x" * 101]}, V, too_long(100)),
    ("LabelParameterVersion", {"Name": "$E", "Labels": ["ok", ""]}, V, too_short(1)),
    ("LabelParameterVersion", {"Name": "$E", "Labels": ["ok"], "ParameterVersion": "1"}, S,
     None),
    ("LabelParameterVersion", {"Name": "$E", "Labels": ["ok"], "ParameterVersion": 1.5}, S,
     None),
    ("LabelParameterVersion", {"Name": "$E", "Labels": "ok"}, S, None),
    ("LabelParameterVersion", {"Name": "$E", "Labels": ["ok"], "ParameterVersion": 9},
     "ParameterVersionNotFound", None),
    ("LabelParameterVersion", {"Name": "$N", "Labels": ["ok"]}, "ParameterNotFound", None),
    # -- UnlabelParameterVersion --------------------------------------------------------
    ("UnlabelParameterVersion", {"Name": "$E", "Labels": ["L"]}, V,
     "Value null at 'parameterVersion' failed to satisfy constraint: " + NULL),
    ("UnlabelParameterVersion", {"Name": "$E", "ParameterVersion": 1, "Labels": []}, V,
     too_short(1)),
    ("UnlabelParameterVersion", {"Name": "$E", "ParameterVersion": 1, "Labels": ["L", ""]}, V,
     too_short(1)),
    ("UnlabelParameterVersion", {"Name": "$E", "ParameterVersion": "1", "Labels": ["L"]}, S,
     None),
    # -- tags ---------------------------------------------------------------------------
    ("AddTagsToResource", {"ResourceId": "$E", "Tags": [{"Key": "a", "Value": "b"}]}, V, NULL),
    ("AddTagsToResource", {"ResourceType": "Parameter", "Tags": [{"Key": "a", "Value": "b"}]},
     V, NULL),
    ("AddTagsToResource", {"ResourceType": "Parameter", "ResourceId": "$E"}, V, NULL),
    ("AddTagsToResource", {"ResourceType": "Bogus", "ResourceId": "$E",
                           "Tags": [{"Key": "a", "Value": "b"}]}, V, "enum value set"),
    ("AddTagsToResource", {"ResourceType": "Parameter", "ResourceId": "$E",
                           "Tags": [{"Key": "ok", "Value": "1"}, {"Key": "k" * 129,
                                                                  "Value": "v"}]}, V,
     too_long(128)),
    ("AddTagsToResource", {"ResourceType": "Parameter", "ResourceId": "$E",
                           "Tags": [{"Key": "ok", "Value": "1"}, {"Key": "ok2"}]}, V, NULL),
    ("AddTagsToResource", {"ResourceType": "Parameter", "ResourceId": "$E", "Tags": {}}, S,
     None),
    ("AddTagsToResource", {"ResourceType": "Parameter", "ResourceId": 5,
                           "Tags": [{"Key": "a", "Value": "b"}]}, S, None),
    ("RemoveTagsFromResource", {"ResourceType": "Parameter", "ResourceId": "$E"}, V, NULL),
    ("RemoveTagsFromResource", {"ResourceType": "Parameter", "ResourceId": "$E",
                                "TagKeys": "t"}, S, None),
    ("RemoveTagsFromResource", {"ResourceType": "Parameter", "ResourceId": "$E",
                                "TagKeys": ["t", ""]}, V, too_short(1)),
    ("RemoveTagsFromResource", {"ResourceType": "Parameter", "ResourceId": "$E",
                                "TagKeys": ["t", "k" * 129]}, V, too_long(128)),
    ("ListTagsForResource", {"ResourceType": "Parameter"}, V, NULL),
    ("ListTagsForResource", {"ResourceId": "$E"}, V, NULL),
]


class RawClient:
    def send(self, op, body):
        """POSTs `body` (bytes) signed for AmazonSSM.<op>: (status, headers, parsed)."""
        return ps.send_raw(op, body)


class BadInputTest(RefusalAssertions, ps.PsTestCase, RawClient):
    TAG = "bad"

    def setUp(self):
        self.E = self.unique("fixture")
        self.put(self.E, "fixture")
        self.ok("AddTagsToResource", driver=self.fx, ResourceType="Parameter",
                ResourceId=self.E, Tags=[{"Key": "t", "Value": "1"}])
        self.ok("LabelParameterVersion", driver=self.fx, Name=self.E, ParameterVersion=1,
                Labels=["L"])

    def assert_untouched(self, new_name):
        [h] = self.history(self.E)
        self.assertEqual((h["Version"], h["Value"], h.get("Labels"), h["Type"], h["Tier"]),
                         (1, "fixture", ["L"], "String", "Standard"), "the fixture changed")
        tags = self.ok("ListTagsForResource", driver=self.fx, ResourceType="Parameter",
                       ResourceId=self.E)["TagList"]
        self.assertEqual(tags, [{"Key": "t", "Value": "1"}], "the fixture's tags changed")
        self.assert_absent(new_name)

    def run_case(self, op, body, expected, contains):
        new_name = self.unique("new")
        names = {"$N": new_name, "$E": self.E}
        payload = json.dumps(substitute(body, names)).encode()
        status, headers, parsed = self.send(op, payload)
        self.assert_refused(status, headers, parsed, expected, contains)
        self.assert_untouched(new_name)

    def test_every_model_constraint_and_wrong_type(self):
        for i, (op, body, expected, contains) in enumerate(CASES):
            with self.subTest(case=i, op=op, body=json.dumps(body)[:120]):
                self.run_case(op, body, expected, contains)

    def test_body_that_is_not_a_json_object(self):
        for raw in (b"[]", b'"text"', b"42", b"null", b"{", b'{"Name": "/x"} trailing'):
            with self.subTest(body=raw):
                status, _, parsed = self.send("GetParameter", raw)
                self.assertEqual((status, parsed.get("__type")), (400, S), parsed)

    def test_empty_body_is_a_request_without_members(self):
        status, _, parsed = self.send("PutParameter", b"")
        self.assertEqual(status, 400, parsed)
        self.assertIn(parsed.get("__type"), (V, S), parsed)

    def test_unknown_members_are_ignored(self):
        name = self.unique()
        body = json.dumps({"Name": name, "Value": "v", "Type": "String", "Bogus": 1,
                           "Nested": {"a": [1]}}).encode()
        status, _, parsed = self.send("PutParameter", body)
        self.assertEqual((status, parsed), (200, {"Version": 1, "Tier": "Standard"}))
        self.assertEqual(self.get(name)["Value"], "v")
        status, _, parsed = self.send("DescribeParameters", json.dumps({
            "ParameterFilters": [{"Key": "Name", "Values": [name], "Extra": True}],
            "Shared": False}).encode())
        self.assertEqual(status, 200, parsed)
        self.assertEqual([m["Name"] for m in parsed["Parameters"]], [name])

    def test_failed_batch_label_attaches_nothing(self):
        name = self.unique()
        self.put(name)
        body = json.dumps({"Name": name, "Labels": ["good", "x" * 101]}).encode()
        status, _, parsed = self.send("LabelParameterVersion", body)
        self.assertEqual((status, parsed.get("__type")), (400, V), parsed)
        self.assertEqual(self.history(name)[0].get("Labels", []), [])
        self.err("ParameterVersionNotFound", "GetParameter", driver=self.fx, Name=name + ":good")


class WireShapeTest(ps.PsTestCase, RawClient):
    """What boto3 hides: JSON types and member casing on the wire."""

    TAG = "wire"

    def call(self, op, **body):
        status, headers, parsed = self.send(op, json.dumps(body).encode())
        return status, headers, parsed

    def test_timestamps_are_epoch_second_numbers(self):
        name = self.unique()
        self.put(name, "v", Description="d")
        for op, body, pick in (
                ("GetParameter", {"Name": name}, lambda r: r["Parameter"]),
                ("GetParameters", {"Names": [name]}, lambda r: r["Parameters"][0]),
                ("GetParametersByPath", {"Path": name.rsplit("/", 1)[0]},
                 lambda r: r["Parameters"][0]),
                ("GetParameterHistory", {"Name": name}, lambda r: r["Parameters"][0]),
                ("DescribeParameters", {"ParameterFilters": [{"Key": "Name",
                                                              "Values": [name]}]},
                 lambda r: r["Parameters"][0])):
            with self.subTest(op=op):
                status, headers, parsed = self.call(op, **body)
                self.assertEqual(status, 200, parsed)
                self.assertEqual(headers.get("content-type"), "application/x-amz-json-1.1")
                value = pick(parsed)["LastModifiedDate"]
                self.assertIsInstance(value, (int, float))
                self.assertNotIsInstance(value, bool)
                self.assertLess(abs(value - time.time()), 120)
                self.assertNotIn(None, pick(parsed).values(), "a member sent as null")

    def test_version_is_an_integer(self):
        name = self.unique()
        self.put(name)
        _, _, parsed = self.call("GetParameter", Name=name)
        self.assertIs(type(parsed["Parameter"]["Version"]), int)
        _, _, parsed = self.call("PutParameter", Name=name, Value="w", Overwrite=True)
        self.assertEqual(parsed, {"Version": 2, "Tier": "Standard"})
        self.assertIs(type(parsed["Version"]), int)

    def test_error_member_casing_follows_the_model(self):
        _, _, parsed = self.call("GetParameter", Name=self.unique())
        self.assertEqual(parsed.get("__type"), "ParameterNotFound")
        self.assertIn("message", parsed)
        _, _, parsed = self.call("DescribeParameters", NextToken="bogus")
        self.assertEqual(parsed.get("__type"), "InvalidNextToken")
        self.assertIn("Message", parsed)  # the model declares "Message" for this one

    def test_no_next_token_key_on_the_last_page(self):
        name = self.unique()
        self.put(name)
        _, _, parsed = self.call("GetParametersByPath", Path=name.rsplit("/", 1)[0])
        self.assertNotIn("NextToken", parsed)
        _, _, parsed = self.call("GetParameterHistory", Name=name)
        self.assertNotIn("NextToken", parsed)

    def test_canary_in_a_rejected_request_is_not_echoed(self):
        canary = self.canary()
        name = self.unique()
        for body in ({"Name": name, "Value": canary, "Type": "Bogus"},
                     {"Name": name, "Value": canary, "Type": "SecureString", "KeyId": "bad key!"},
                     {"Name": name, "Value": canary, "Type": "String", "AllowedPattern": "^x$"},
                     {"Name": name, "Value": canary + "x" * 4096, "Type": "SecureString"}):
            with self.subTest(keys=sorted(body)):
                status, _, parsed = self.call("PutParameter", **body)
                self.assertEqual(status, 400)
                self.assertEqual(ps.H().secrets.find_in(json.dumps(parsed)), 0,
                                 "a rejected SecureString value was echoed in the error")
        self.assert_absent(name)


class Audit(foundation.AuditCases, foundation.E2ETestCase):
    """This module's audit: after its tests, on the same server."""


SUITES = {"bad_input": [BadInputTest, WireShapeTest]}


def load_tests(loader, tests, pattern):
    return foundation.build_suite(SUITES, Audit)


if __name__ == "__main__":
    sys.exit(foundation.main(SUITES, Audit, __doc__))
