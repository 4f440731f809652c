#!/usr/bin/env python3
"""End-to-end tests of concurrent writers on one secret and of the version
window. 16 boto3 clients in 16
processes (8 under `python3` on PATH, 8 under /usr/bin/python3) each call
PutSecretValue 100 times at once, every call with the SDK's own
ClientRequestToken.

  concurrency   the writers, then the labels and versions they leave

  test_sm_concurrency.py --server S --plugin P --cli C [-k PATTERN]

Expected: every call acknowledged with its own VersionId; afterwards exactly one
AWSCURRENT and exactly one AWSPREVIOUS, AWSCURRENT on an acknowledged version
whose value is the one its writer sent, and every acknowledged version listed by
ListSecretVersionIds with IncludeDeprecated (none is younger than 24 h, so none
may be pruned).

The window: once a secret has more than 100 versions, a write removes the
oldest versions without a label that are older than 24 hours, never a labelled
one. The versions are aged by moving their created_at back two days in the
database (triggers off for that statement: versions are otherwise immutable).

One server on a scratch database, then the audit (foundation.py). Needs
PARAMSAFE_TEST_DATABASE_URL.
"""

import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import client_drivers  # noqa: E402
import foundation  # noqa: E402
import secrets_manager as sm  # noqa: E402
from secrets_manager import masked, setUpModule, tearDownModule  # noqa: E402,F401

WRITERS, WRITES = 16, 100
PYTHONS = [sm.NEW_PYTHON, sm.OLD_PYTHON]


class ConcurrentPutSecretValueTest(sm.SmTestCase):
    TAG = "smconc"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.name = f"e2e/smconc/{os.urandom(4).hex()}/shared"
        cls.first_value = sm.H().secrets.canary()
        r = cls.fx.call("CreateSecret", Name=cls.name, SecretString=cls.first_value)
        if not r.ok:
            raise AssertionError(f"CreateSecret: {r!r}")
        cls.first = r.data["VersionId"]
        # One canary per writer; call j of writer i sends "<canary i>-<j>".
        cls.bases = [sm.H().secrets.canary() for _ in range(WRITERS)]
        cls.results = client_drivers.concurrent_repeats(
            sm.WORKER, PYTHONS, WRITERS, "PutSecretValue", WRITES, "SecretString",
            lambda i: dict(SecretId=cls.name, SecretString=cls.bases[i]))

    def acknowledged(self):
        """{VersionId: the value its writer sent} over every acknowledged call."""
        return {r["VersionId"]: f"{self.bases[i]}-{j}"
                for i, replies in enumerate(self.results) for j, r in enumerate(replies or [])
                if r.get("VersionId")}

    def test_1_every_call_is_acknowledged_with_its_own_version(self):
        self.assertTrue(all(r is not None for r in self.results), "a writer did not finish")
        errors = [(i, r) for i, replies in enumerate(self.results) for r in replies
                  if not r.get("VersionId")]
        self.assertEqual(errors, [])
        ids = [r["VersionId"] for replies in self.results for r in replies]
        self.assertEqual(len(ids), WRITERS * WRITES)
        self.assertEqual(len(set(ids)), WRITERS * WRITES, "a VersionId acknowledged twice")

    def test_2_exactly_one_awscurrent_and_one_awsprevious(self):
        versions = self.version_list(self.name, include_deprecated=True)
        holders = {stage: [v["VersionId"] for v in versions
                           if stage in v.get("VersionStages", [])]
                   for stage in ("AWSCURRENT", "AWSPREVIOUS")}
        self.assertEqual(len(holders["AWSCURRENT"]), 1, holders)
        self.assertEqual(len(holders["AWSPREVIOUS"]), 1, holders)
        acks = self.acknowledged()
        self.assertIn(holders["AWSCURRENT"][0], acks)
        self.assertNotEqual(holders["AWSCURRENT"], holders["AWSPREVIOUS"])
        self.assertEqual(self.stages(self.name),
                         {holders["AWSCURRENT"][0]: ["AWSCURRENT"],
                          holders["AWSPREVIOUS"][0]: ["AWSPREVIOUS"]})
        rows = sm.db_rows("SELECT l.label, count(*) AS n FROM paramsafe.labels l"
                          " JOIN paramsafe.items i USING (item_id)"
                          " WHERE i.kind = 'secret' AND i.region = :'a2' AND i.name = :'a1'"
                          " GROUP BY l.label", self.name, sm.REGION)
        self.assertEqual({r["label"]: r["n"] for r in rows}, {"AWSCURRENT": 1, "AWSPREVIOUS": 1})

    def test_3_awscurrent_holds_the_value_its_writer_sent(self):
        got = self.get_value(self.name)
        self.assertEqual(got["SecretString"], masked(self.acknowledged()[got["VersionId"]]))
        prev = self.get_value(self.name, VersionStage="AWSPREVIOUS")
        expected = self.acknowledged().get(prev["VersionId"], self.first_value)
        self.assertEqual(prev["SecretString"], masked(expected))

    def test_4_every_acknowledged_version_is_listed(self):
        listed = [v["VersionId"] for v in self.version_list(self.name, include_deprecated=True)]
        self.assertEqual(len(listed), len(set(listed)), "a version listed twice")
        missing = set(self.acknowledged()) - set(listed)
        self.assertEqual(sorted(missing), [])
        self.assertEqual(set(listed), set(self.acknowledged()) | {self.first})

    def test_5_a_sample_of_versions_reads_back_its_value(self):
        acks = self.acknowledged()
        for vid in sorted(acks)[:: max(1, len(acks) // 20)]:
            got = self.get_value(self.name, VersionId=vid)
            self.assertEqual(got["SecretString"], masked(acks[vid]))


class VersionWindowTest(sm.SmTestCase):
    TAG = "smwindow"

    def test_old_unlabelled_versions_beyond_100_are_removed_labelled_ones_kept(self):
        c = self.create(ClientRequestToken=sm.token())
        name = c["Name"]
        replies = self.fx.repeat("PutSecretValue", 104, "SecretString", SecretId=name,
                                 SecretString=self.canary())
        ids = [c["VersionId"]] + [r.get("VersionId") for r in replies]  # oldest first
        self.assertEqual(len(set(ids) - {None}), 105, replies[:3])
        self.ok("UpdateSecretVersionStage", SecretId=name, VersionStage="keep",
                MoveToVersionId=ids[0], driver=self.fx)
        # Young versions are never removed, however many there are.
        self.assertEqual(len(self.version_list(name, include_deprecated=True)), 105)
        sm.db_exec("SET session_replication_role = replica;"
                   " UPDATE paramsafe.versions SET created_at = created_at - interval '2 days'"
                   " WHERE item_id = (SELECT item_id FROM paramsafe.items WHERE arn = :'a1');",
                   c["ARN"])
        ids.append(self.put_value(name)["VersionId"])  # version 106
        left = {v["VersionId"] for v in self.version_list(name, include_deprecated=True)}
        self.assertEqual(self.stages(name), {ids[0]: ["keep"], ids[104]: ["AWSPREVIOUS"],
                                             ids[105]: ["AWSCURRENT"]})
        # Kept: the labelled oldest and the newest 99 (#8..#106); removed: #2..#6,
        # the unlabelled versions outside the newest 100; #7 either way.
        self.assertTrue({ids[0]} | set(ids[7:]) <= left, "a labelled or recent version is gone")
        self.assertEqual(left & set(ids[1:6]), set(), "old unlabelled versions are still there")
        self.assertIn(len(left), (100, 101))
        self.err("ResourceNotFoundException", "GetSecretValue", driver=self.fx, SecretId=name,
                 VersionId=ids[1])
        self.assertEqual(self.get_value(name, VersionStage="keep")["VersionId"], ids[0])


class Audit(sm.SmAuditCases, foundation.E2ETestCase):
    """This module's audit: after its tests, on the same server."""


SUITES = {"concurrency": [ConcurrentPutSecretValueTest, VersionWindowTest]}


def load_tests(loader, tests, pattern):
    return foundation.build_suite(SUITES, Audit)


if __name__ == "__main__":
    sys.exit(foundation.main(SUITES, Audit, __doc__))
