"""Secrets Manager cases, part 4: metadata — DescribeSecret with every field it
returns (LastAccessedDate at day granularity, LastChangedDate), TagResource and
UntagResource, and the operations of later issues (rotation, replication)
answering UnknownOperationException without doing anything.

Mixins over secrets_manager.SmTestCase (see sm_cases_values.py).
"""

import os
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import secrets_manager as sm  # noqa: E402

# Members DescribeSecret may return for a plain secret, beyond the ones checked.
LAMBDA = f"arn:aws:lambda:us-east-1:{sm.ACCOUNT}:function:e2e-rotator"


def by_key(tags):
    return sorted(tags or [], key=lambda t: t["Key"])


class DescribeCases:
    def test_every_field_of_a_new_secret(self):
        c = self.create(Description="described", Tags=[{"Key": "a", "Value": "1"}])
        d = self.describe(c["Name"], driver=self.c)
        created, changed = d.pop("CreatedDate"), d.pop("LastChangedDate")
        self.assert_timestamp(created)
        self.assertGreaterEqual(changed, created)
        self.assertEqual(d.pop("PrimaryRegion", sm.REGION), sm.REGION)
        self.assertIn(d.pop("RotationEnabled", False), (False,))
        self.assertEqual(d, {"ARN": c["ARN"], "Name": c["Name"], "Description": "described",
                             "Tags": [{"Key": "a", "Value": "1"}],
                             "VersionIdsToStages": {c["VersionId"]: ["AWSCURRENT"]}})

    def test_last_accessed_date_is_the_utc_day_of_the_last_read(self):
        name = self.create()["Name"]
        self.assertNotIn("LastAccessedDate", self.describe(name, driver=self.c))
        self.get_value(name)
        seen = self.describe(name, driver=self.c)["LastAccessedDate"]
        self.assert_read_today(seen)
        self.assertEqual((seen.hour, seen.minute, seen.second, seen.microsecond), (0, 0, 0, 0))

    def test_describe_and_metadata_writes_are_not_reads(self):
        name = self.create()["Name"]
        self.describe(name)
        self.ok("ListSecretVersionIds", SecretId=name)
        self.put_value(name)
        self.assertNotIn("LastAccessedDate", self.describe(name, driver=self.c))

    def test_last_changed_date_moves_with_a_new_value_and_a_description(self):
        name = self.create()["Name"]
        first = self.describe(name)["LastChangedDate"]
        time.sleep(0.05)
        self.put_value(name)
        second = self.describe(name, driver=self.c)["LastChangedDate"]
        self.assertGreater(second, first)
        time.sleep(0.05)
        self.ok("UpdateSecret", SecretId=name, Description="new")
        self.assertGreater(self.describe(name)["LastChangedDate"], second)

    def test_describe_missing_is_not_found(self):
        self.err("ResourceNotFoundException", "DescribeSecret", message=sm.NOT_FOUND,
                 SecretId=self.secret_name())


class TagCases:
    def tags_of(self, sid):
        return by_key(self.describe(sid).get("Tags"))

    def test_tag_adds_and_overwrites_untag_removes_and_ignores_missing(self):
        c = self.create(Tags=[{"Key": "keep", "Value": "1"}])
        name = c["Name"]
        self.assertEqual(self.ok("TagResource", SecretId=name,
                                 Tags=[{"Key": "env", "Value": "dev"},
                                       {"Key": "Env", "Value": "Upper"}]), {})
        self.ok("TagResource", SecretId=c["ARN"], Tags=[{"Key": "env", "Value": "prod"}])
        self.assertEqual(self.tags_of(name), by_key([{"Key": "keep", "Value": "1"},
                                                     {"Key": "env", "Value": "prod"},
                                                     {"Key": "Env", "Value": "Upper"}]))
        self.assertEqual(self.ok("UntagResource", SecretId=name, TagKeys=["env", "absent"]), {})
        self.assertEqual(self.tags_of(name), by_key([{"Key": "keep", "Value": "1"},
                                                     {"Key": "Env", "Value": "Upper"}]))
        self.ok("UntagResource", SecretId=name, TagKeys=["keep", "Env"])
        self.assertEqual(self.tags_of(name), [])

    def test_fifty_tags_then_refused(self):
        name = self.create()["Name"]
        fifty = [{"Key": f"k{i:02d}", "Value": str(i)} for i in range(50)]
        self.ok("TagResource", SecretId=name, Tags=fifty)
        r = self.c.call("TagResource", SecretId=name, Tags=[{"Key": "one-more", "Value": "x"}])
        self.assertFalse(r.ok, "a 51st tag was accepted")
        self.assertEqual(r.status, 400, repr(r))
        self.assertIn(r.code, ("ValidationException", "InvalidParameterException",
                               "LimitExceededException"), repr(r))
        self.assertEqual(self.tags_of(name), by_key(fifty))
        self.ok("TagResource", SecretId=name, Tags=[{"Key": "k00", "Value": "overwritten"}])

    def test_tags_of_a_missing_secret_are_not_found(self):
        missing = self.secret_name()
        self.err("ResourceNotFoundException", "TagResource", SecretId=missing,
                 Tags=[{"Key": "a", "Value": "b"}])
        self.err("ResourceNotFoundException", "UntagResource", SecretId=missing, TagKeys=["a"])


class UnsupportedCases:
    OPERATIONS = [
        ("RotateSecret", {"RotationLambdaARN": LAMBDA,
                          "RotationRules": {"AutomaticallyAfterDays": 30}}),
        ("CancelRotateSecret", {}),
        ("ReplicateSecretToRegions", {"AddReplicaRegions": [{"Region": "eu-west-1"}]}),
        ("RemoveRegionsFromReplication", {"RemoveReplicaRegions": ["eu-west-1"]}),
        ("StopReplicationToReplica", {}),
    ]

    def test_later_operations_answer_unknown_operation_and_change_nothing(self):
        c = self.create()
        name = c["Name"]
        before = self.describe(name)
        for op, params in self.OPERATIONS:
            with self.subTest(op=op):
                r = self.err("UnknownOperationException", op, SecretId=name, **params)
                self.assertIn(op, r.message)
        after = self.describe(name)
        self.assertEqual(after, before)
        self.assertEqual(len(self.version_list(name, include_deprecated=True)), 1)
        self.assert_missing(name, region="eu-west-1")

    def test_create_with_replica_regions_is_refused_and_creates_nothing(self):
        name = self.secret_name()
        r = self.c.call("CreateSecret", Name=name, SecretString=self.canary(),
                        AddReplicaRegions=[{"Region": "eu-west-1"}])
        self.assertFalse(r.ok, "CreateSecret with AddReplicaRegions claimed to replicate")
        self.assertEqual(r.status, 400, repr(r))
        self.assert_missing(name)
        self.assert_missing(name, region="eu-west-1")


METADATA_CASES = [DescribeCases, TagCases, UnsupportedCases]
