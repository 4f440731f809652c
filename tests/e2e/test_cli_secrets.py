#!/usr/bin/env python3
"""End-to-end tests of the admin CLI's Secrets Manager commands, against a
running server:

  cli_secrets   `paramsafe promote-to-secret` then boto3's secretsmanager client
                (GetSecretValue by stage and version, ListSecretVersionIds order,
                DescribeSecret) and the /aws/reference/secretsmanager/ bridge;
                `paramsafe jobs run-due --now` past a recovery window purging a
                secret deleted through boto3, --max, and bad arguments.

  test_cli_secrets.py --server S --plugin P --cli C [--suite cli_secrets] [-k PATTERN]

One server on a scratch database per run, then the audit (foundation.py). Needs
PARAMSAFE_TEST_DATABASE_URL (see harness.py). Values are canaries: compared,
never printed.
"""

import datetime
import json
import os
import re
import secrets
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import foundation  # noqa: E402
from foundation import E2ETestCase, setUpModule, tearDownModule  # noqa: E402,F401

ACCOUNT = "123456789012"
ARN = re.compile(r"^arn:aws:secretsmanager:(?P<region>[a-z0-9-]+):" + ACCOUNT +
                 r":secret:(?P<name>.+)-[A-Za-z0-9]{6}$")
REFERENCE = "/aws/reference/secretsmanager/"
DAY = datetime.timedelta(days=1)


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc)


def iso(when):
    return when.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def client(service, region=None):
    """An in-process boto3 client of the harness's server, without retries."""
    import boto3
    from botocore.config import Config
    H = foundation.H
    os.environ["AWS_CONFIG_FILE"] = os.path.join(H.tmp, "aws-config")
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.path.join(H.tmp, "aws-credentials")
    return boto3.session.Session(
        aws_access_key_id=H.client["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=H.client["AWS_SECRET_ACCESS_KEY"],
        region_name=region or H.client["AWS_DEFAULT_REGION"],
    ).client(service, endpoint_url=H.endpoint, config=Config(retries={"max_attempts": 1}))


def error_code(call, **params):
    """The AWS error code `call(**params)` fails with, or None when it succeeds."""
    from botocore.exceptions import ClientError
    try:
        call(**params)
    except ClientError as e:
        return e.response["Error"]["Code"]
    return None


class CliTestCase(E2ETestCase):
    TAG = "cli-secrets"

    def admin_json(self, *args):
        r = self.admin(*args)
        self.assertEqual(r.returncode, 0, f"paramsafe {args[0]}: {self.redact(r.stderr)}")
        return json.loads(r.stdout)

    def assert_same_value(self, actual, expected, what):
        # assertEqual would print both values on failure.
        self.assertTrue(actual == expected, f"{what}: not the expected value")


class PromoteToSecretTest(CliTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ssm = client("ssm")
        cls.sm = client("secretsmanager")

    def put_history(self, name, labels):
        """Four SecureString versions of `name`, labels {version: [labels]};
        returns the values, oldest first, and GetParameterHistory's entries."""
        values = [self.canary() for _ in range(4)]
        for i, value in enumerate(values):
            self.ssm.put_parameter(Name=name, Value=value, Type="SecureString",
                                   Overwrite=i > 0)
        for version, names in labels.items():
            self.ssm.label_parameter_version(Name=name, ParameterVersion=version, Labels=names)
        history = self.ssm.get_parameter_history(Name=name)["Parameters"]
        self.assertEqual([h["Version"] for h in history], [1, 2, 3, 4])
        return values, history

    def test_promotion_keeps_every_version_in_order(self):
        name = self.unique("db")
        values, history = self.put_history(name, {1: ["release-a"], 3: ["beta"]})

        out = self.admin_json("promote-to-secret", name)
        self.assertEqual(set(out), {"ARN", "Name", "VersionIdsToStages"})
        self.assertEqual(out["Name"], name)
        m = ARN.match(out["ARN"])
        self.assertIsNotNone(m, out["ARN"])
        self.assertEqual((m["region"], m["name"]), ("us-east-1", name))
        # Version 2 carries no label: deprecated, so not in VersionIdsToStages.
        stages = {vid: sorted(s) for vid, s in out["VersionIdsToStages"].items()}
        self.assertEqual(sorted(stages.values()),
                         [["AWSCURRENT"], ["AWSPREVIOUS", "beta"], ["release-a"]])

        described = self.sm.describe_secret(SecretId=name)
        self.assertEqual(described["ARN"], out["ARN"])
        self.assertEqual({vid: sorted(s) for vid, s in described["VersionIdsToStages"].items()},
                         stages)

        listed = self.sm.list_secret_version_ids(SecretId=name, IncludeDeprecated=True)["Versions"]
        self.assertEqual(len(listed), 4)
        # Newest first, each version created when its parameter version was.
        self.assertEqual([v["CreatedDate"] for v in listed],
                         [h["LastModifiedDate"] for h in reversed(history)])
        created = [v["CreatedDate"] for v in listed]
        self.assertEqual(created, sorted(created, reverse=True))
        self.assertEqual(len(set(created)), 4)
        for v, expected in zip(listed, reversed(values)):
            got = self.sm.get_secret_value(SecretId=name, VersionId=v["VersionId"])
            self.assert_same_value(got["SecretString"], expected, f"version {v['VersionId']}")
        labelled = self.sm.list_secret_version_ids(SecretId=name)["Versions"]
        self.assertEqual({v["VersionId"] for v in labelled}, set(stages))

    def test_promoted_secret_answers_every_stage(self):
        name = self.unique("db")
        values, _ = self.put_history(name, {1: ["release-a"], 3: ["beta"]})
        self.admin_json("promote-to-secret", name)
        for stage, expected in ((None, values[3]), ("AWSCURRENT", values[3]),
                                ("AWSPREVIOUS", values[2]), ("beta", values[2]),
                                ("release-a", values[0])):
            with self.subTest(stage=stage):
                params = {"VersionStage": stage} if stage else {}
                got = self.sm.get_secret_value(SecretId=name, **params)
                self.assert_same_value(got["SecretString"], expected, f"stage {stage}")
                self.assertIn(stage or "AWSCURRENT", got["VersionStages"])

    def test_promoted_secret_is_read_through_the_parameter_store_bridge(self):
        name = self.unique("db")
        values, _ = self.put_history(name, {})
        arn = self.admin_json("promote-to-secret", name)["ARN"]
        p = self.ssm.get_parameter(Name=REFERENCE + name, WithDecryption=True)["Parameter"]
        self.assert_same_value(p["Value"], values[3], "bridge AWSCURRENT")
        self.assertEqual((p["Name"], p["Type"], p["Version"], p["ARN"]),
                         (REFERENCE + name, "SecureString", 0, arn))
        p = self.ssm.get_parameter(Name=REFERENCE + name + ":AWSPREVIOUS",
                                   WithDecryption=True)["Parameter"]
        self.assert_same_value(p["Value"], values[2], "bridge AWSPREVIOUS")
        self.assertEqual(p["Selector"], ":AWSPREVIOUS")

    def test_the_parameter_is_gone_after_promotion(self):
        name = self.unique("db")
        self.put_history(name, {})
        self.admin_json("promote-to-secret", name)
        self.assertEqual(error_code(self.ssm.get_parameter, Name=name), "ParameterNotFound")

    def test_missing_parameter_is_parameter_not_found(self):
        r = self.admin("promote-to-secret", self.unique("nothing"))
        self.assertEqual(r.returncode, 254, self.redact(r.stderr))
        self.assertIn("An error occurred (ParameterNotFound) when calling the PromoteToSecret "
                      "operation:", r.stderr)

    def test_a_secret_of_that_name_refuses_the_promotion_and_keeps_the_parameter(self):
        name = self.unique("taken")
        value = self.canary()
        self.ssm.put_parameter(Name=name, Value=value, Type="SecureString")
        self.sm.create_secret(Name=name, SecretString=self.canary())
        r = self.admin("promote-to-secret", name)
        self.assertEqual(r.returncode, 254, self.redact(r.stderr))
        self.assertIn("(ResourceExistsException)", r.stderr)
        got = self.ssm.get_parameter(Name=name, WithDecryption=True)["Parameter"]["Value"]
        self.assert_same_value(got, value, "the parameter after a refused promotion")

    def test_region_option_names_the_parameters_region(self):
        name = self.unique("west")
        client("ssm", "eu-west-1").put_parameter(Name=name, Value=self.canary(),
                                                 Type="SecureString")
        r = self.admin("promote-to-secret", name)
        self.assertEqual(r.returncode, 254, "promoted a parameter of another region")
        out = self.admin_json("promote-to-secret", name, "--region", "eu-west-1")
        self.assertEqual(ARN.match(out["ARN"])["region"], "eu-west-1")
        self.assertEqual(error_code(client("secretsmanager").describe_secret, SecretId=name),
                         "ResourceNotFoundException")
        client("secretsmanager", "eu-west-1").describe_secret(SecretId=name)

    def test_usage(self):
        r = self.admin("promote-to-secret", "--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("promote-to-secret <parameter-name>", r.stdout)
        self.assertEqual(self.admin("promote-to-secret").returncode, 252)
        self.assertEqual(self.admin("promote-to-secret", "/a", "/b").returncode, 252)


class RunDueJobsTest(CliTestCase):
    """Each test schedules its own deletions. They run in name order: test_1 and
    test_2 count the jobs due past their windows, so nothing scheduled earlier
    may still be due then (test_3's secret stays scheduled)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sm = client("secretsmanager")

    def schedule(self, days=7):
        name = self.unique("doomed")
        self.sm.create_secret(Name=name, SecretString=self.canary())
        self.sm.delete_secret(SecretId=name, RecoveryWindowInDays=days)
        return name

    def run_due(self, when=None, *extra):
        args = ["jobs", "run-due", *(["--now", iso(when)] if when else []), *extra]
        out = self.admin_json(*args)
        self.assertEqual(set(out), {"Done", "Failed"})
        return out

    def test_1_past_the_recovery_window_the_secret_is_purged(self):
        start = utc_now()
        name = self.schedule(days=7)
        self.assertEqual(self.run_due(start + 6 * DAY), {"Done": 0, "Failed": 0})
        self.assertIn("DeletedDate", self.sm.describe_secret(SecretId=name))
        self.assertEqual(self.run_due(start + 7 * DAY + datetime.timedelta(hours=1)),
                         {"Done": 1, "Failed": 0})
        self.assertEqual(error_code(self.sm.describe_secret, SecretId=name),
                         "ResourceNotFoundException")
        # The name is free again.
        self.sm.create_secret(Name=name, SecretString=self.canary())

    def test_2_max_bounds_the_jobs_run(self):
        start = utc_now()
        names = [self.schedule(days=8), self.schedule(days=8)]
        later = start + 8 * DAY + datetime.timedelta(hours=1)
        self.assertEqual(self.run_due(later, "--max", "1"), {"Done": 1, "Failed": 0})
        gone = [n for n in names
                if error_code(self.sm.describe_secret, SecretId=n) == "ResourceNotFoundException"]
        self.assertEqual(len(gone), 1)
        self.assertEqual(self.run_due(later, "--max", "1"), {"Done": 1, "Failed": 0})
        self.assertEqual(self.run_due(later), {"Done": 0, "Failed": 0})

    def test_3_without_now_only_jobs_due_now_run(self):
        name = self.schedule(days=7)
        self.run_due()
        self.assertIn("DeletedDate", self.sm.describe_secret(SecretId=name))

    def test_4_bad_arguments_are_usage_errors(self):
        for args in (["--now", "tomorrow"], ["--now", "2030-01-31T12:00:00"],
                     ["--now", "2030-02-30T12:00:00Z"], ["--now", "2030-01-31T24:00:00Z"],
                     ["--now", "2030-01-31 12:00:00Z"], ["--max", "0"], ["--bogus"]):
            with self.subTest(args=args):
                r = self.admin("jobs", "run-due", *args)
                self.assertEqual(r.returncode, 252, r.stderr)
        self.assertEqual(self.admin("jobs", "run-everything").returncode, 252)

    def test_5_fractions_and_offset_zero_are_accepted(self):
        for when in ("2001-01-01T00:00:00.5Z", "2001-01-01T00:00:00+00:00"):
            with self.subTest(now=when):
                out = self.admin_json("jobs", "run-due", "--now", when)
                self.assertEqual(out, {"Done": 0, "Failed": 0})


# ---------------------------------------------------------------------------------
# the audit, always last


class Audit(foundation.AuditCases, E2ETestCase):
    """This module's audit: after its tests, on the same server."""


SUITES = {
    "cli_secrets": [PromoteToSecretTest, RunDueJobsTest],
}


def load_tests(loader, tests, pattern):
    """`python3 -m unittest test_cli_secrets`: every suite of this module, the audit last."""
    return foundation.build_suite(SUITES, Audit)


if __name__ == "__main__":
    sys.exit(foundation.main(SUITES, Audit, __doc__))
