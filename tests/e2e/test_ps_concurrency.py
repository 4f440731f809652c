#!/usr/bin/env python3
"""End-to-end test of concurrent writers and the 100-version window: 8 boto3
clients in 8 processes (4 under `python3` on PATH, 4 under /usr/bin/python3)
each PutParameter --overwrite one name 100 times at once.

  concurrency   the writers, then the window and label rules on their result

  test_ps_concurrency.py --server S --plugin P --cli C [-k PATTERN]

Expected: every write acknowledged exactly once with its own version number;
with the creating write the versions are exactly 1..801; the history holds the
last 100 (702..801) with the values their writers sent; labelling the oldest
retained version makes the next overwrite fail with
ParameterMaxVersionLimitExceeded (nothing written), and moving the label lets it
through. One server on a scratch database, then the audit (foundation.py).
"""

import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import client_drivers  # noqa: E402
import foundation  # noqa: E402
import parameter_store as ps  # noqa: E402
from parameter_store import setUpModule, tearDownModule  # noqa: E402,F401

WRITERS, WRITES = 8, 100
PYTHONS = [ps.NEW_PYTHON, ps.OLD_PYTHON]


def max_version_message(name, version):
    return (f"You attempted to create a new version of {name} by calling the PutParameter API "
            f"with the overwrite flag. Version {version}, the oldest version, can't be deleted "
            "because it has a label associated with it. Move the label to another version of "
            "the parameter, and try again.")


class ConcurrentWritersTest(ps.PsTestCase):
    """The tests run in order, each on the state the previous one left."""

    TAG = "conc"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.name = f"/e2e/conc/{os.urandom(4).hex()}/shared"
        r = cls.fx.call("PutParameter", Name=cls.name, Value="first", Type="String")
        if not r.ok or r.data != {"Version": 1, "Tier": "Standard"}:
            raise AssertionError(f"first write: {r!r}")
        cls.results = client_drivers.concurrent_repeats(
            ps.WORKER, PYTHONS, WRITERS, "PutParameter", WRITES, "Value",
            lambda i: dict(Name=cls.name, Value=f"w{i}", Type="String", Overwrite=True))

    def acknowledged(self):
        """{version: value written} over every writer's acknowledged writes."""
        acks = {}
        for i, replies in enumerate(self.results):
            for j, r in enumerate(replies):
                acks.setdefault(r.get("Version"), []).append(f"w{i}-{j}")
        return acks

    def test_1_every_write_is_acknowledged_with_a_version(self):
        self.assertTrue(all(r is not None for r in self.results), "a writer did not finish")
        errors = [(i, r) for i, replies in enumerate(self.results) for r in replies
                  if "Version" not in r or r["Version"] is None]
        self.assertEqual(errors, [])
        self.assertEqual(sum(len(r) for r in self.results), WRITERS * WRITES)

    def test_2_versions_are_exactly_1_to_801_without_duplicates(self):
        acks = self.acknowledged()
        dupes = {v: w for v, w in acks.items() if len(w) > 1}
        self.assertEqual(dupes, {})
        self.assertEqual(sorted([1] + list(acks)), list(range(1, WRITERS * WRITES + 2)))
        spans = []
        for replies in self.results:  # each writer's versions grow with its writes
            versions = [r["Version"] for r in replies]
            self.assertEqual(versions, sorted(versions))
            spans.append((versions[0], versions[-1]))
        # The writers really overlapped: most version ranges interleave with another's.
        overlapping = [a for a in spans if any(b is not a and b[0] < a[1] and a[0] < b[1]
                                               for b in spans)]
        self.assertGreaterEqual(len(overlapping), WRITERS // 2, spans)

    def test_3_history_holds_exactly_the_last_100_with_their_values(self):
        last = WRITERS * WRITES + 1
        hist = self.history(self.name)
        self.assertEqual([h["Version"] for h in hist], list(range(last - 99, last + 1)))
        acks = self.acknowledged()
        self.assertEqual({h["Version"]: h["Value"] for h in hist},
                         {v: acks[v][0] for v in range(last - 99, last + 1)})
        p = self.get(self.name)
        self.assertEqual((p["Version"], p["Value"]), (last, acks[last][0]))
        self.err("ParameterVersionNotFound", "GetParameter", driver=self.fx,
                 Name=f"{self.name}:{last - 100}")

    def test_4_labelled_oldest_version_blocks_the_next_overwrite(self):
        last = WRITERS * WRITES + 1
        oldest = last - 99
        self.assertEqual(self.ok("LabelParameterVersion", driver=self.fx, Name=self.name,
                                 ParameterVersion=oldest, Labels=["keep"]),
                         {"InvalidLabels": [], "ParameterVersion": oldest})
        self.err("ParameterMaxVersionLimitExceeded", "PutParameter", driver=self.fx,
                 message=max_version_message(self.name, oldest), Name=self.name,
                 Value="blocked", Overwrite=True)
        hist = self.history(self.name)
        self.assertEqual([h["Version"] for h in hist], list(range(oldest, last + 1)))
        self.assertNotIn("blocked", [h["Value"] for h in hist])
        self.assertEqual(self.get(self.name)["Version"], last)

    def test_5_moving_the_label_lets_the_write_through(self):
        last = WRITERS * WRITES + 1
        self.ok("LabelParameterVersion", driver=self.fx, Name=self.name, ParameterVersion=last,
                Labels=["keep"])
        self.assertEqual(self.ok("PutParameter", driver=self.fx, Name=self.name,
                                 Value="after", Overwrite=True)["Version"], last + 1)
        hist = self.history(self.name)
        self.assertEqual([h["Version"] for h in hist], list(range(last - 98, last + 2)))
        self.assertEqual(self.get(f"{self.name}:keep")["Version"], last)
        self.assertEqual(self.get(self.name)["Value"], "after")


class Audit(foundation.AuditCases, foundation.E2ETestCase):
    """This module's audit: after its tests, on the same server."""


SUITES = {"concurrency": [ConcurrentWritersTest]}


def load_tests(loader, tests, pattern):
    return foundation.build_suite(SUITES, Audit)


if __name__ == "__main__":
    sys.exit(foundation.main(SUITES, Audit, __doc__))
