#!/usr/bin/env python3
"""End-to-end tests of the Secrets Manager deletion recovery window through
boto3, new and old: DeleteSecret with a window or ForceDeleteWithoutRecovery,
what a secret scheduled for deletion refuses (InvalidRequestException) and
allows (DescribeSecret, ListSecretVersionIds, RestoreSecret), the name it keeps
taken, RestoreSecret, the purge when the window has passed — run by the admin
CLI's `paramsafe jobs run-due --now <instant>`, never by sleeping — and the
record of every attempt to read a secret scheduled for deletion
(paramsafe.secrets.reads_while_scheduled and its paramsafe.events rows).

  deletion    boto3 under `python3` on PATH and under /usr/bin/python3

  test_sm_deletion.py --server S --plugin P --cli C [-k PATTERN]

The purge test runs last: it runs the jobs due a week and an hour from now,
which purges every secret of the database scheduled with a 7-day window. One
server on a scratch database, then the audit (foundation.py). Needs
PARAMSAFE_TEST_DATABASE_URL.
"""

import datetime
import json
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import client_drivers  # noqa: E402
import foundation  # noqa: E402
import secrets_manager as sm  # noqa: E402
from secrets_manager import masked, setUpModule, tearDownModule  # noqa: E402,F401

READ_EVENT = "Secret Read While Scheduled For Deletion"
DAY = datetime.timedelta(days=1)


def now():
    return datetime.datetime.now(datetime.timezone.utc)


def reference(name):
    return f"/aws/reference/secretsmanager/{name}"


class DeletionCases:
    """Mixin: run by each boto3 (self.c)."""

    def scheduled(self, days=None, **kw):
        """A secret with two versions, a tag and a description, then deleted with
        `days` (None: the default window): (create reply, DeleteSecret reply)."""
        c = self.create(Description="to delete", Tags=[{"Key": "t", "Value": "1"}], **kw)
        self.put_value(c["Name"])
        params = {} if days is None else {"RecoveryWindowInDays": days}
        out = self.ok("DeleteSecret", SecretId=c["Name"], **params)
        return c, out

    def test_default_window_is_30_days_and_describe_shows_deleted_date(self):
        asked = now()
        c, out = self.scheduled()
        self.assertEqual(set(out), {"ARN", "Name", "DeletionDate"})
        self.assertEqual((out["ARN"], out["Name"]), (c["ARN"], c["Name"]))
        self.assert_timestamp(out["DeletionDate"], near=asked + 30 * DAY)
        d = self.describe(c["Name"], driver=self.c)
        self.assertLess(abs((d["DeletedDate"] - out["DeletionDate"]).total_seconds()), 1)
        self.assertEqual(d["Description"], "to delete")

    def test_window_of_7_days(self):
        asked = now()
        _, out = self.scheduled(days=7)
        self.assert_timestamp(out["DeletionDate"], near=asked + 7 * DAY)

    def test_scheduled_secret_refuses_reads_and_changes(self):
        c, _ = self.scheduled()
        name = c["Name"]
        before = self.describe(name)
        versions = self.version_list(name, include_deprecated=True)
        current = self.get_stage(before, "AWSCURRENT")
        refused = [
            ("GetSecretValue", {}),
            ("GetSecretValue", {"VersionId": current}),
            ("PutSecretValue", {"SecretString": self.canary()}),
            ("UpdateSecret", {"Description": "changed"}),
            ("UpdateSecret", {"SecretString": self.canary()}),
            ("UpdateSecretVersionStage", {"VersionStage": "x", "MoveToVersionId": current}),
            ("TagResource", {"Tags": [{"Key": "u", "Value": "2"}]}),
            ("UntagResource", {"TagKeys": ["t"]}),
            ("DeleteSecret", {}),
            ("DeleteSecret", {"RecoveryWindowInDays": 10}),
        ]
        for op, params in refused:
            with self.subTest(op=op, params=sorted(params)):
                self.err("InvalidRequestException", op, message=sm.MARKED_FOR_DELETION,
                         SecretId=name, **params)
        after = self.describe(name, driver=self.c)
        self.assertEqual(after, before)
        self.assertEqual(self.version_list(name, include_deprecated=True, driver=self.c),
                         versions)

    def get_stage(self, described, stage):
        return next(v for v, s in described["VersionIdsToStages"].items() if stage in s)

    def test_name_of_a_scheduled_secret_cannot_be_created(self):
        c, _ = self.scheduled()
        self.err("InvalidRequestException", "CreateSecret", message=sm.NAME_SCHEDULED,
                 Name=c["Name"], SecretString=self.canary())
        d = self.describe(c["Name"])
        self.assertEqual(d["ARN"], c["ARN"])
        self.assertIn("DeletedDate", d)

    def test_listing_hides_a_scheduled_secret_unless_asked(self):
        c, _ = self.scheduled()
        f = [{"Key": "name", "Values": [c["Name"]]}]
        self.assertEqual(self.list_secrets(driver=self.c, Filters=f), [])
        if self.NEW_MODEL:
            [e] = self.list_secrets(driver=self.c, Filters=f, IncludePlannedDeletion=True)
            self.assertEqual(e["ARN"], c["ARN"])
            self.assertIn("DeletedDate", e)

    def test_restore_brings_everything_back(self):
        c, _ = self.scheduled(days=7)
        name = c["Name"]
        scheduled = self.describe(name)
        out = self.ok("RestoreSecret", SecretId=c["ARN"])
        self.assertEqual(out, {"ARN": c["ARN"], "Name": name})
        d = self.describe(name, driver=self.c)
        self.assertNotIn("DeletedDate", d)
        for key in ("ARN", "Description", "Tags", "VersionIdsToStages", "CreatedDate"):
            self.assertEqual(d.get(key), scheduled.get(key), key)
        self.assertEqual(self.get_value(name, driver=self.c, VersionStage="AWSPREVIOUS")
                         ["SecretString"], masked(c["Value"]))
        self.put_value(name)
        f = [{"Key": "name", "Values": [name]}]
        self.assertEqual([e["ARN"] for e in self.list_secrets(driver=self.c, Filters=f)],
                         [c["ARN"]])

    def test_restore_of_a_secret_not_scheduled_changes_nothing(self):
        c = self.create()
        before = self.describe(c["Name"])
        self.assertEqual(self.ok("RestoreSecret", SecretId=c["Name"]),
                         {"ARN": c["ARN"], "Name": c["Name"]})
        self.assertEqual(self.describe(c["Name"])["VersionIdsToStages"],
                         before["VersionIdsToStages"])

    def test_force_delete_frees_the_name_at_once(self):
        c = self.create()
        name = c["Name"]
        asked = now()
        out = self.ok("DeleteSecret", SecretId=name, ForceDeleteWithoutRecovery=True)
        self.assertEqual((out["ARN"], out["Name"]), (c["ARN"], name))
        self.assert_timestamp(out["DeletionDate"], near=asked, slack=60)
        for sid in (name, c["ARN"]):
            self.err("ResourceNotFoundException", "DescribeSecret", message=sm.NOT_FOUND,
                     SecretId=sid)
            self.err("ResourceNotFoundException", "RestoreSecret", SecretId=sid)
        again = self.ok("CreateSecret", Name=name, SecretString=self.canary())
        self.assertNotEqual(again["ARN"], c["ARN"], "a re-created secret got the old suffix")
        self.assert_arn(again["ARN"], name)
        self.err("ResourceNotFoundException", "GetSecretValue", SecretId=c["ARN"])
        self.assertEqual(len(self.version_list(name, include_deprecated=True)), 1)
        self.assertEqual(sm.db_rows("SELECT 1 FROM paramsafe.items WHERE arn = :'a1'",
                                    c["ARN"]), [])

    def test_force_delete_of_a_scheduled_secret_purges_it(self):
        c, _ = self.scheduled()
        self.ok("DeleteSecret", SecretId=c["Name"], ForceDeleteWithoutRecovery=True)
        self.assert_missing(c["Name"])
        self.ok("CreateSecret", Name=c["Name"], SecretString=self.canary())

    def test_delete_parameter_errors_schedule_nothing(self):
        c = self.create()
        name = c["Name"]
        self.err("InvalidParameterException", "DeleteSecret", contains="ForceDeleteWithoutRecovery",
                 SecretId=name, RecoveryWindowInDays=7, ForceDeleteWithoutRecovery=True)
        for days in (6, 31, 0, -1):
            with self.subTest(days=days):
                self.err("InvalidParameterException", "DeleteSecret",
                         contains="RecoveryWindowInDays", SecretId=name,
                         RecoveryWindowInDays=days)
        self.assertNotIn("DeletedDate", self.describe(name))
        self.err("ResourceNotFoundException", "DeleteSecret", message=sm.NOT_FOUND,
                 SecretId=self.secret_name("missing"))

    def test_batch_get_reports_a_scheduled_secret_in_errors(self):
        if not self.NEW_MODEL:
            self.skipTest("BatchGetSecretValue is not in this client's model")
        c, _ = self.scheduled()
        live = self.create()
        out = self.ok("BatchGetSecretValue", SecretIdList=[c["Name"], live["Name"]])
        self.assertEqual([v["ARN"] for v in out["SecretValues"]], [live["ARN"]])
        self.assertEqual([(e["SecretId"], e["ErrorCode"]) for e in out["Errors"]],
                         [(c["Name"], "InvalidRequestException")])


class DeletionNewTest(DeletionCases, client_drivers.InProcessClient, sm.SmTestCase):
    TAG = "smdelnew"


class DeletionOldTest(DeletionCases, client_drivers.Boto3Client, sm.SmTestCase):
    TAG = "smdelold"
    NEW_MODEL = False
    PYTHON, BOTOCORE = sm.OLD_PYTHON, "1.29"


class ReadsWhileScheduledTest(client_drivers.InProcessClient, sm.SmTestCase):
    """Every attempt to read a secret scheduled for deletion is counted and
    recorded as an event; metadata reads are not attempts to read the value."""

    TAG = "smreads"

    def counted(self, arn):
        [row] = sm.db_rows("SELECT s.reads_while_scheduled AS n FROM paramsafe.secrets s"
                           " JOIN paramsafe.items i USING (item_id) WHERE i.arn = :'a1'", arn)
        return row["n"]

    def events(self, arn):
        return sm.db_rows("SELECT source, detail_type, resources, detail FROM paramsafe.events"
                          " WHERE detail_type = :'a1' AND :'a2' = ANY (resources)"
                          " ORDER BY event_id", READ_EVENT, arn)

    def test_reads_are_counted_and_recorded(self):
        c = self.create()
        arn = c["ARN"]
        self.ok("DeleteSecret", SecretId=arn)
        self.assertEqual((self.counted(arn), self.events(arn)), (0, []))
        for _ in range(2):
            self.err("InvalidRequestException", "GetSecretValue", SecretId=c["Name"])
        self.describe(c["Name"])
        self.version_list(c["Name"])
        self.assertEqual(self.counted(arn), 2)
        events = self.events(arn)
        self.assertEqual(len(events), 2)
        for e in events:
            self.assertEqual((e["source"], e["detail_type"], e["resources"]),
                             ("aws.secretsmanager", READ_EVENT, [arn]))
        self.assertEqual(sm.H().secrets.find_in(json.dumps(events)), 0, "a value in an event")

        out = self.ok("BatchGetSecretValue", SecretIdList=[c["Name"]])
        self.assertEqual(out["SecretValues"], [])
        self.assertEqual(self.counted(arn), 3, "BatchGetSecretValue was not counted")

        r = self.fx.call("GetParameter", service="ssm", Name=reference(c["Name"]),
                         WithDecryption=True)
        self.assertEqual((r.code, r.message), ("ValidationException",
                                               "Invalid Request to Secrets Manager"), repr(r))
        self.assertEqual(self.counted(arn), 4, "the /aws/reference read was not counted")
        self.assertEqual(len(self.events(arn)), 4)

    def test_restore_keeps_the_record(self):
        c = self.create()
        self.ok("DeleteSecret", SecretId=c["Name"])
        self.err("InvalidRequestException", "GetSecretValue", SecretId=c["Name"])
        self.ok("RestoreSecret", SecretId=c["Name"])
        self.get_value(c["Name"])
        self.assertEqual(self.counted(c["ARN"]), 1)
        self.assertEqual(len(self.events(c["ARN"])), 1)


class PurgeTest(client_drivers.InProcessClient, sm.SmTestCase):
    """The tests run in order, each on the state the previous one left."""

    TAG = "smpurge"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start = now()
        cls.week = {}
        for key, days in (("purged", 7), ("month", 30), ("restored", 7)):
            name = f"e2e/smpurge/{os.urandom(4).hex()}/{key}"
            first = sm.H().secrets.canary()
            r = cls.fx.call("CreateSecret", Name=name, SecretString=first,
                            Tags=[{"Key": "k", "Value": "v"}])
            if not r.ok:
                raise AssertionError(f"CreateSecret: {r!r}")
            cls.week[key] = dict(r.data, Value=first)
            r = cls.fx.call("PutSecretValue", SecretId=name, SecretString=sm.H().secrets.canary())
            r = r.ok and cls.fx.call("DeleteSecret", SecretId=name, RecoveryWindowInDays=days)
            if not r or not r.ok:
                raise AssertionError(f"PutSecretValue/DeleteSecret: {r!r}")
        r = cls.fx.call("RestoreSecret", SecretId=cls.week["restored"]["Name"])
        if not r.ok:
            raise AssertionError(f"RestoreSecret: {r!r}")
        [row] = sm.db_rows("SELECT item_id FROM paramsafe.items WHERE arn = :'a1'",
                           cls.week["purged"]["ARN"])
        cls.purged_item = row["item_id"]

    def run_jobs(self, at):
        r = sm.run_due(at)
        self.assertEqual(r.returncode, 0, f"paramsafe jobs run-due: {self.redact(r.stderr)}")
        self.assertEqual(sm.H().secrets.find_in(r.stdout + r.stderr), 0)

    def test_1_nothing_is_purged_before_the_window_ends(self):
        self.run_jobs(self.start + 6 * DAY)
        d = self.describe(self.week["purged"]["Name"])
        self.assertIn("DeletedDate", d)
        self.assertEqual(len(d["VersionIdsToStages"]), 2)

    def test_2_after_the_window_the_secret_and_its_versions_are_gone(self):
        self.run_jobs(self.start + 7 * DAY + datetime.timedelta(hours=1))
        p = self.week["purged"]
        for sid in (p["Name"], p["ARN"]):
            self.err("ResourceNotFoundException", "DescribeSecret", message=sm.NOT_FOUND,
                     SecretId=sid)
            self.err("ResourceNotFoundException", "ListSecretVersionIds", SecretId=sid)
            self.err("ResourceNotFoundException", "RestoreSecret", SecretId=sid)
        listed = self.list_secrets(Filters=[{"Key": "name", "Values": [p["Name"]]}],
                                   IncludePlannedDeletion=True)
        self.assertEqual(listed, [])
        for table in ("items", "versions", "labels", "secrets", "secret_version_access",
                      "tags"):
            with self.subTest(table=table):
                self.assertEqual(sm.db_rows(f"SELECT 1 FROM paramsafe.{table}"
                                            " WHERE item_id = :'a1'", self.purged_item), [])

    def test_3_a_longer_window_and_a_restored_secret_are_kept(self):
        month = self.describe(self.week["month"]["Name"])
        self.assertIn("DeletedDate", month)
        self.assertEqual(len(month["VersionIdsToStages"]), 2)
        restored = self.describe(self.week["restored"]["Name"])
        self.assertNotIn("DeletedDate", restored)
        got = self.get_value(self.week["restored"]["Name"], VersionStage="AWSPREVIOUS")
        self.assertEqual(got["SecretString"], masked(self.week["restored"]["Value"]))

    def test_4_the_name_can_be_created_again(self):
        p = self.week["purged"]
        again = self.ok("CreateSecret", Name=p["Name"], SecretString=self.canary())
        self.assertNotEqual(again["ARN"], p["ARN"])
        self.assertEqual(self.stages(p["Name"]), {again["VersionId"]: ["AWSCURRENT"]})

    def test_5_running_the_jobs_again_changes_nothing(self):
        self.run_jobs(self.start + 8 * DAY)
        self.assertIn("DeletedDate", self.describe(self.week["month"]["Name"]))
        self.describe(self.week["purged"]["Name"])  # the new one


class Audit(sm.SmAuditCases, foundation.E2ETestCase):
    """This module's audit: after its tests, on the same server."""


SUITES = {"deletion": [DeletionNewTest, DeletionOldTest, ReadsWhileScheduledTest, PurgeTest]}


def load_tests(loader, tests, pattern):
    return foundation.build_suite(SUITES, Audit)


if __name__ == "__main__":
    sys.exit(foundation.main(SUITES, Audit, __doc__))
