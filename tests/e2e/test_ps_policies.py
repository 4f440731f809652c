#!/usr/bin/env python3
"""End-to-end tests of parameter policies (Expiration, ExpirationNotification,
NoChangeNotification) through boto3: stored and returned with their
PolicyStatus, enforced by the server's job worker (PARAMSAFE_JOB_POLL_MS=200),
notifications recorded as EventBridge-shaped rows of paramsafe.events, and the
policy errors; and the NOTIFY each event is published with.

  policies    boto3 under `python3` on PATH

  test_ps_policies.py --server S --plugin P --cli C [-k PATTERN]

The tests run in name order: test_0 puts a parameter that expires a few
seconds later, the others run meanwhile, test_9 checks it is gone. A job due
an hour from now is made due at once by moving its run_at in the database (the
only way to test NoChangeNotification in seconds). One server on a scratch
database, then the audit (foundation.py). Needs PARAMSAFE_TEST_DATABASE_URL.
"""

import datetime
import json
import os
import re
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import client_drivers  # noqa: E402
import foundation  # noqa: E402
import harness  # noqa: E402
import parameter_store as ps  # noqa: E402
from parameter_store import setUpModule, tearDownModule  # noqa: E402,F401

EXPIRES_IN = 8  # seconds
NEED_ADVANCED = ("Parameter policies are supported only for advanced-tier parameters. To "
                 "attach policies, set the tier to Advanced or Intelligent-Tiering.")


def iso(when):
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


def expiration(when):
    return {"Type": "Expiration", "Version": "1.0", "Attributes": {"Timestamp": iso(when)}}


def notification(before="1", unit="Hours"):
    return {"Type": "ExpirationNotification", "Version": "1.0",
            "Attributes": {"Before": before, "Unit": unit}}


def no_change(after="1", unit="Hours"):
    return {"Type": "NoChangeNotification", "Version": "1.0",
            "Attributes": {"After": after, "Unit": unit}}


def events_of(name):
    return ps.db_rows("SELECT source, detail_type, resources, detail FROM paramsafe.events"
                      " WHERE detail->>'parameter-name' = :'a1' ORDER BY event_id", name)


class PoliciesTest(client_drivers.InProcessClient, ps.PsTestCase):
    TAG = "policies"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        now = datetime.datetime.now(datetime.timezone.utc)
        cls.expiring = f"/e2e/policies/{os.urandom(4).hex()}/expiring"
        cls.expires_at = now + datetime.timedelta(seconds=EXPIRES_IN)
        cls.expiring_policies = [expiration(cls.expires_at), notification("1", "Hours")]
        cls.put_reply = cls.fx.call("PutParameter", Name=cls.expiring, Value="soon gone",
                                    Type="String", Tier="Advanced",
                                    Policies=json.dumps(cls.expiring_policies))

    def policies_of(self, name):
        [m] = self.describe(ParameterFilters=[{"Key": "Name", "Values": [name]}])
        return m["Policies"]

    def wait_for(self, what, probe, timeout=10.0):
        deadline = time.monotonic() + timeout
        while True:
            value = probe()
            if value:
                return value
            if time.monotonic() > deadline:
                self.fail(f"timed out after {timeout} s waiting for {what}")
            time.sleep(0.1)

    def assert_event(self, event, name, policy_type, parameter_type="String"):
        self.assertEqual((event["source"], event["detail_type"], event["resources"]),
                         ("aws.ssm", "Parameter Store Policy Action", [ps.arn(name)]))
        detail = event["detail"]
        self.assertEqual((detail.get("parameter-name"), detail.get("parameter-type"),
                          detail.get("policy-type"), detail.get("action-status")),
                         (name, parameter_type, policy_type, "Finished"))

    # -- the expiring parameter (test_0 ... test_9) --------------------------------

    def test_0_policies_are_stored_and_returned(self):
        self.assertTrue(self.put_reply.ok, repr(self.put_reply))
        self.assertEqual(self.put_reply.data, {"Version": 1, "Tier": "Advanced"})
        policies = self.policies_of(self.expiring)
        self.assertEqual([(p["PolicyType"], json.loads(p["PolicyText"])) for p in policies],
                         [("Expiration", self.expiring_policies[0]),
                          ("ExpirationNotification", self.expiring_policies[1])])
        self.assertEqual(policies[0]["PolicyStatus"], "Pending")
        [h] = self.history(self.expiring)
        self.assertEqual([p["PolicyType"] for p in h["Policies"]],
                         ["Expiration", "ExpirationNotification"])

    def test_1_expiration_notification_fires_before_expiry(self):
        # Before=1 hour of an expiry seconds away: due at once.
        [event] = self.wait_for("the ExpirationNotification event", lambda: [
            e for e in events_of(self.expiring)
            if e["detail"].get("policy-type") == "ExpirationNotification"], timeout=4)
        self.assert_event(event, self.expiring, "ExpirationNotification")
        statuses = {p["PolicyType"]: p["PolicyStatus"] for p in self.policies_of(self.expiring)}
        self.assertEqual(statuses, {"Expiration": "Pending", "ExpirationNotification": "Finished"})
        self.assertEqual(self.get(self.expiring)["Value"], "soon gone")

    def test_9_expired_parameter_is_deleted(self):
        left = (self.expires_at - datetime.datetime.now(datetime.timezone.utc)).total_seconds()
        self.wait_for("the expired parameter to go", lambda: self.fx.call(
            "GetParameter", Name=self.expiring).code == "ParameterNotFound",
            timeout=max(left, 0) + 5)
        self.assertGreaterEqual(datetime.datetime.now(datetime.timezone.utc), self.expires_at)
        self.assertEqual(self.describe(ParameterFilters=[
            {"Key": "Name", "Values": [self.expiring]}]), [])
        types = [e["detail"]["policy-type"] for e in events_of(self.expiring)]
        self.assertEqual(types, ["ExpirationNotification", "Expiration"])
        self.assert_event(events_of(self.expiring)[1], self.expiring, "Expiration")

    # -- NoChangeNotification ----------------------------------------------------

    def listen(self, seconds):
        """A psql session LISTENing on paramsafe_events for `seconds` (psql prints
        what arrived when its pg_sleep ends)."""
        listener = subprocess.Popen(
            [harness.pg_tool("psql"), ps.H().database_url, "-X", "-q", "-c",
             "LISTEN paramsafe_events", "-c", f"SELECT pg_sleep({seconds})"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=harness.clean_env())
        # Listening once its pg_sleep runs (psql runs the -c commands in order).
        self.wait_for("the listener", lambda: ps.db_rows(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            " AND query LIKE 'SELECT pg_sleep(%' AND pid <> pg_backend_pid()"), timeout=5)
        return listener

    def notifications(self, listener):
        out, err = listener.communicate(timeout=30)
        self.assertEqual(listener.returncode, 0, err)
        return [json.loads(m) for m in re.findall(
            r'^Asynchronous notification "paramsafe_events" with payload "(.*)" received from '
            r"server process", out, re.M)]

    def make_due(self, name, kind):
        ps.db_exec("UPDATE paramsafe.jobs SET run_at = clock_timestamp() - interval '1 second'"
                   " WHERE kind = :'a2' AND state = 'pending' AND item_id ="
                   " (SELECT item_id FROM paramsafe.items WHERE kind = 'parameter'"
                   "  AND name = :'a1' AND region = 'us-east-1')", name, kind)

    def test_2_no_change_notification_fires_and_restarts_on_write(self):
        name = self.unique()
        self.ok("PutParameter", Name=name, Value="v", Type="SecureString", Tier="Advanced",
                Policies=json.dumps([no_change("1", "Hours")]))
        self.assertEqual([p["PolicyStatus"] for p in self.policies_of(name)], ["Pending"])
        listener = self.listen(seconds=3)
        self.make_due(name, "parameter-no-change-notification")
        [event] = self.wait_for("the NoChangeNotification event", lambda: events_of(name),
                                timeout=4)
        self.assert_event(event, name, "NoChangeNotification", "SecureString")
        published = [n for n in self.notifications(listener)
                     if n.get("detail", {}).get("parameter-name") == name]
        self.assertEqual(len(published), 1, "no NOTIFY on paramsafe_events for the event")
        self.assertEqual((published[0]["detail-type"], published[0]["source"],
                          published[0]["resources"], published[0]["region"],
                          published[0]["account"], published[0]["detail"]),
                         ("Parameter Store Policy Action", "aws.ssm", [ps.arn(name)],
                          "us-east-1", ps.ACCOUNT, event["detail"]))
        self.assertEqual([p["PolicyStatus"] for p in self.policies_of(name)], ["Finished"])
        # A write keeps the set and restarts its clock: After counts from now.
        self.ok("PutParameter", Name=name, Value="w", Overwrite=True)
        self.assertEqual([p["PolicyStatus"] for p in self.policies_of(name)], ["Pending"])
        [job] = ps.db_rows(
            "SELECT extract(epoch FROM run_at - clock_timestamp())::int AS due_in"
            " FROM paramsafe.jobs j JOIN paramsafe.items i USING (item_id)"
            " WHERE i.name = :'a1' AND j.kind = 'parameter-no-change-notification'"
            " AND j.state = 'pending'", name)
        self.assertTrue(3500 <= job["due_in"] <= 3600, job)
        self.assertEqual(len(events_of(name)), 1)

    def test_3_policies_replace_keep_and_clear(self):
        name = self.unique()
        later = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=30)
        self.ok("PutParameter", Name=name, Value="1", Type="String", Tier="Advanced",
                Policies=json.dumps([expiration(later), no_change("20", "Days")]))
        self.ok("PutParameter", Name=name, Value="2", Overwrite=True)  # no Policies: kept
        self.assertEqual([p["PolicyType"] for p in self.policies_of(name)],
                         ["Expiration", "NoChangeNotification"])
        self.ok("PutParameter", Name=name, Value="3", Overwrite=True,
                Policies=json.dumps([no_change("2", "Days")]))  # replaced
        [p] = self.policies_of(name)
        self.assertEqual(json.loads(p["PolicyText"]), no_change("2", "Days"))
        self.ok("PutParameter", Name=name, Value="4", Overwrite=True, Policies="[{}]")
        self.assertEqual(self.policies_of(name), [])
        self.assertEqual(self.get(name)["Version"], 4)

    def test_4_intelligent_tiering_with_policies_is_advanced(self):
        name = self.unique()
        later = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)
        self.assertEqual(self.ok("PutParameter", Name=name, Value="v", Type="String",
                                 Tier="Intelligent-Tiering",
                                 Policies=json.dumps([expiration(later)])),
                         {"Version": 1, "Tier": "Advanced"})

    # -- policy errors -----------------------------------------------------------

    def put_policies(self, code, policies, tier="Advanced", **kw):
        name = self.unique()
        text = policies if isinstance(policies, str) else json.dumps(policies)
        self.err(code, "PutParameter", Name=name, Value="v", Type="String", Tier=tier,
                 Policies=text, **kw)
        self.assert_absent(name)

    def test_5_policy_errors(self):
        later = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)
        past = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=1)
        self.put_policies("InvalidPolicyTypeException",
                          [{"Type": "Bogus", "Version": "1.0", "Attributes": {}}])
        self.put_policies("InvalidPolicyAttributeException",
                          [{"Type": "Expiration", "Version": "1.0", "Attributes": {}}])
        self.put_policies("InvalidPolicyAttributeException",
                          [{"Type": "Expiration", "Version": "1.0",
                            "Attributes": {"Timestamp": "not a time"}}])
        self.put_policies("InvalidPolicyAttributeException", [expiration(past)])
        self.put_policies("InvalidPolicyAttributeException",
                          [expiration(later), notification("1", "Weeks")])
        self.put_policies("InvalidPolicyAttributeException", [no_change("x", "Days")])
        self.put_policies("PoliciesLimitExceededException",
                          [expiration(later)] + [notification(str(i), "Days")
                                                 for i in range(1, 11)])
        self.put_policies("IncompatiblePolicyException",
                          [expiration(later), expiration(later + datetime.timedelta(days=1))])
        self.put_policies("ValidationException", [expiration(later)], tier="Standard")

    def test_6_policies_without_advanced_tier_on_overwrite_are_refused(self):
        name = self.unique()
        self.put(name, "v")
        later = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)
        self.err("ValidationException", "PutParameter", message=NEED_ADVANCED, Name=name,
                 Value="w", Overwrite=True, Policies=json.dumps([expiration(later)]))
        self.assertEqual(self.get(name)["Version"], 1)

    def test_7_malformed_policies_text_is_refused(self):
        for text in ("not json", "{}", "[1]"):
            with self.subTest(policies=text):
                name = self.unique()
                r = self.fx.call("PutParameter", Name=name, Value="v", Type="String",
                                 Tier="Advanced", Policies=text)
                self.assertIn((r.code, r.status), (("ValidationException", 400),
                                                   ("InvalidPolicyTypeException", 400),
                                                   ("InvalidPolicyAttributeException", 400)),
                              repr(r))
                self.assert_absent(name)


class Audit(foundation.AuditCases, foundation.E2ETestCase):
    """This module's audit: after its tests, on the same server."""


SUITES = {"policies": [PoliciesTest]}


def load_tests(loader, tests, pattern):
    return foundation.build_suite(SUITES, Audit)


if __name__ == "__main__":
    sys.exit(foundation.main(SUITES, Audit, __doc__))
