#!/usr/bin/env python3
"""End-to-end tests of the Secrets Manager API through the unchanged aws CLI, v1
and v2: every operation with its usual flags (binary values from fileb://,
shorthand tags and filters), representative errors with their texts and exit
codes, and the CLI's automatic paging of list-secrets (plus --page-size,
--max-items, --starting-token). batch-get-secret-value and
--include-planned-deletion only exist in v1 (v2 2.9 has the older model).

  cli_v1    aws CLI v1 (`aws` on PATH, PyPI awscli 1.45; or $PARAMSAFE_E2E_AWS_V1)
  cli_v2    aws CLI v2 (/usr/bin/aws, Debian 2.9; or $PARAMSAFE_E2E_AWS_V2)

  test_sm_cli.py --server S --plugin P --cli C [--suite NAME] [-k PATTERN]

Each `aws` call costs about half a second, so fixtures go through boto3 in this
process and every CLI call checks as much as it can. One server on a scratch
database per run, then the audit (foundation.py). Needs
PARAMSAFE_TEST_DATABASE_URL.
"""

import base64
import datetime
import os
import secrets
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import client_drivers  # noqa: E402
import foundation  # noqa: E402
import secrets_manager as sm  # noqa: E402
from secrets_manager import masked, setUpModule, tearDownModule  # noqa: E402,F401
from sm_cases_listing import LIST_REGION, listing_set  # noqa: E402
from sm_cases_resource_policy import ResourcePolicyCliCases  # noqa: E402


class CliCases(client_drivers.AwsCliCases):
    """Mixin: the cases run by each aws CLI (CLI: a client_drivers.AwsCli of
    secretsmanager)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lset = listing_set()

    # -- create, read, describe ------------------------------------------------------

    def test_create_get_and_describe(self):
        name, value = self.secret_name(), self.canary()
        out = self.cli_ok("create-secret", "--name", name, "--secret-string", value,
                          "--description", "from the cli", "--tags", "Key=env,Value=prod",
                          "Key=team,Value=blue")
        self.assertEqual(set(out), {"ARN", "Name", "VersionId"})
        self.assert_arn(out["ARN"], name)
        self.assert_token_shaped(out["VersionId"])
        got = self.cli_ok("get-secret-value", "--secret-id", out["ARN"])
        self.assert_cli_timestamp(got.pop("CreatedDate"))
        self.assertEqual(got, {"ARN": out["ARN"], "Name": name, "VersionId": out["VersionId"],
                               "SecretString": masked(value), "VersionStages": ["AWSCURRENT"]})
        d = self.cli_ok("describe-secret", "--secret-id", sm.arn_prefix(name))
        for key in ("CreatedDate", "LastChangedDate", "LastAccessedDate"):
            self.cli_time(d.pop(key))
        d.pop("PrimaryRegion", None)
        d.pop("RotationEnabled", None)
        self.assertEqual(d, {"ARN": out["ARN"], "Name": name, "Description": "from the cli",
                             "Tags": [{"Key": "env", "Value": "prod"},
                                      {"Key": "team", "Value": "blue"}],
                             "VersionIdsToStages": {out["VersionId"]: ["AWSCURRENT"]}})

    def test_binary_secret_from_a_file(self):
        name, blob = self.secret_name(), self.binary()
        path = os.path.join(sm.H().tmp, f"blob-{secrets.token_hex(4)}")
        with open(path, "wb") as f:
            f.write(blob)
        try:
            self.cli_ok("create-secret", "--name", name, "--secret-binary", f"fileb://{path}")
        finally:
            os.unlink(path)
        got = self.cli_ok("get-secret-value", "--secret-id", name)
        self.assertNotIn("SecretString", got)
        self.assertEqual(masked(base64.b64decode(got["SecretBinary"])), masked(blob))

    # -- versions ----------------------------------------------------------------------

    def test_put_with_a_token_retry_and_conflict(self):
        c = self.create()
        name, t, value = c["Name"], sm.token(), self.canary()
        out = self.cli_ok("put-secret-value", "--secret-id", name, "--client-request-token", t,
                          "--secret-string", value)
        self.assertEqual(out, {"ARN": c["ARN"], "Name": name, "VersionId": t,
                               "VersionStages": ["AWSCURRENT"]})
        self.assertEqual(self.cli_ok("put-secret-value", "--secret-id", name,
                                     "--client-request-token", t, "--secret-string", value), out)
        self.cli_err("ResourceExistsException", "put-secret-value", "--secret-id", name,
                     "--client-request-token", t, "--secret-string", self.canary(),
                     message=sm.token_in_use(t, c["ARN"]))
        self.assertEqual(self.stages(name), {c["VersionId"]: ["AWSPREVIOUS"], t: ["AWSCURRENT"]})

    def test_version_stages_and_reads_by_stage_and_id(self):
        c = self.create()
        name, pending = c["Name"], self.canary()
        out = self.cli_ok("put-secret-value", "--secret-id", name, "--secret-string", pending,
                          "--version-stages", "AWSPENDING", "custom")
        self.assertEqual(sorted(out["VersionStages"]), ["AWSPENDING", "custom"])
        got = self.cli_ok("get-secret-value", "--secret-id", name, "--version-stage",
                          "AWSPENDING", "--version-id", out["VersionId"])
        self.assertEqual(got["SecretString"], masked(pending))
        self.cli_err("InvalidRequestException", "get-secret-value", "--secret-id", name,
                     "--version-stage", "AWSCURRENT", "--version-id", out["VersionId"],
                     message=sm.STAGE_NOT_ON_VERSION)

    def test_update_secret_version_stage_rules(self):
        c = self.create()
        name, v1 = c["Name"], c["VersionId"]
        v2 = self.put_value(name)["VersionId"]
        self.cli_err("InvalidParameterException", "update-secret-version-stage", "--secret-id",
                     name, "--version-stage", "AWSCURRENT", "--move-to-version-id", v1,
                     message=sm.remove_from_required("AWSCURRENT", v2))
        out = self.cli_ok("update-secret-version-stage", "--secret-id", name, "--version-stage",
                          "AWSCURRENT", "--move-to-version-id", v1, "--remove-from-version-id", v2)
        self.assertEqual(out, {"ARN": c["ARN"], "Name": name})
        self.assertEqual(self.stages(name), {v1: ["AWSCURRENT"], v2: ["AWSPREVIOUS"]})

    def test_list_secret_version_ids_with_and_without_deprecated(self):
        c = self.create()
        name = c["Name"]
        ids = [c["VersionId"]] + [self.put_value(name)["VersionId"] for _ in range(2)]
        out = self.cli_ok("list-secret-version-ids", "--secret-id", name)
        self.assertEqual((out["ARN"], out["Name"]), (c["ARN"], name))
        self.assertEqual(sorted(v["VersionId"] for v in out["Versions"]), sorted(ids[1:]))
        for v in out["Versions"]:
            self.assert_cli_timestamp(v["CreatedDate"])
        out = self.cli_ok("list-secret-version-ids", "--secret-id", name, "--include-deprecated")
        self.assertEqual(sorted(v["VersionId"] for v in out["Versions"]), sorted(ids))

    def test_update_secret_metadata_key_and_value(self):
        alias = f"alias/e2e-smcli-{secrets.token_hex(4)}"
        sm.create_key(alias)
        c = self.create()
        name = c["Name"]
        out = self.cli_ok("update-secret", "--secret-id", name, "--description", "changed",
                          "--kms-key-id", alias)
        self.assertEqual(out, {"ARN": c["ARN"], "Name": name})
        value = self.canary()
        out = self.cli_ok("update-secret", "--secret-id", c["ARN"], "--secret-string", value)
        self.assertEqual(set(out), {"ARN", "Name", "VersionId"})
        self.assertEqual(self.get_value(name)["SecretString"], masked(value))
        self.assertEqual(self.describe(name)["Description"], "changed")

    # -- listing -----------------------------------------------------------------------

    def test_list_secrets_pages_automatically(self):
        out = self.cli_ok("list-secrets", "--filters", "Key=name,Values=page/", "--sort-order",
                          "asc", "--page-size", "5", region=LIST_REGION)
        self.assertNotIn("NextToken", out)
        self.assertEqual([s["Name"] for s in out["SecretList"]], self.lset["paged"])

    def test_list_secrets_max_items_and_starting_token(self):
        first = self.cli_ok("list-secrets", "--filters", "Key=name,Values=page/",
                            "--sort-order", "desc", "--max-items", "7", "--page-size", "3",
                            region=LIST_REGION)
        self.assertEqual(len(first["SecretList"]), 7)
        rest = self.cli_ok("list-secrets", "--filters", "Key=name,Values=page/",
                           "--sort-order", "desc", "--starting-token", first["NextToken"],
                           region=LIST_REGION)
        self.assertEqual([s["Name"] for s in first["SecretList"] + rest["SecretList"]],
                         self.lset["paged"][::-1])

    def test_list_secrets_with_filters(self):
        out = self.cli_ok("list-secrets", "--filters", "Key=tag-key,Values=env",
                          "Key=tag-value,Values=prod", region=LIST_REGION)
        self.assertEqual(sorted(s["Name"] for s in out["SecretList"]),
                         ["cat/alpha/db", "cat/beta/db"])
        entry = next(s for s in out["SecretList"] if s["Name"] == "cat/alpha/db")
        self.assertIn("SecretVersionsToStages", entry)
        self.assert_cli_timestamp(entry["CreatedDate"], slack=600)
        out = self.cli_ok("list-secrets", "--filters", "Key=name,Values=!cat/",
                          "Key=name,Values=!page/", region=LIST_REGION)
        self.assertEqual([s["Name"] for s in out["SecretList"]], ["Cat/gamma"])

    def test_list_secrets_include_planned_deletion(self):
        if self.CLI.major == "2":
            self.skipTest("aws CLI 2.9's model has no --include-planned-deletion")
        out = self.cli_ok("list-secrets", "--filters", "Key=name,Values=cat/deleted",
                          "--include-planned-deletion", region=LIST_REGION)
        [e] = out["SecretList"]
        self.assertEqual(e["Name"], "cat/deleted")
        self.assert_cli_timestamp(e["DeletedDate"], slack=31 * 86400)

    def test_batch_get_secret_value(self):
        if self.CLI.major == "2":
            self.skipTest("aws CLI 2.9's model has no batch-get-secret-value")
        a, b = self.create(), self.create()
        missing = self.secret_name("missing")
        out = self.cli_ok("batch-get-secret-value", "--secret-id-list", a["Name"], b["ARN"],
                          missing)
        self.assertEqual(sorted((v["Name"], v["SecretString"]) for v in out["SecretValues"]),
                         sorted([(a["Name"], masked(a["Value"])),
                                 (b["Name"], masked(b["Value"]))]))
        self.assertEqual([(e["SecretId"], e["ErrorCode"]) for e in out["Errors"]],
                         [(missing, "ResourceNotFoundException")])
        self.cli_err("InvalidParameterException", "batch-get-secret-value",
                     message=sm.BATCH_EITHER)

    # -- deletion, tags, errors --------------------------------------------------------

    def test_delete_restore_and_force_delete(self):
        c = self.create()
        name = c["Name"]
        out = self.cli_ok("delete-secret", "--secret-id", name, "--recovery-window-in-days", "7")
        self.assertEqual((out["ARN"], out["Name"]), (c["ARN"], name))
        week = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=7)
        self.assert_cli_timestamp(out["DeletionDate"], near=week)
        self.cli_err("InvalidRequestException", "get-secret-value", "--secret-id", name,
                     message=sm.MARKED_FOR_DELETION)
        self.assertEqual(self.cli_ok("restore-secret", "--secret-id", c["ARN"]),
                         {"ARN": c["ARN"], "Name": name})
        self.assertEqual(self.get_value(name)["SecretString"], masked(c["Value"]))
        out = self.cli_ok("delete-secret", "--secret-id", name, "--force-delete-without-recovery")
        self.assert_cli_timestamp(out["DeletionDate"])
        self.cli_err("ResourceNotFoundException", "describe-secret", "--secret-id", name,
                     message=sm.NOT_FOUND)

    def test_tag_and_untag(self):
        name = self.create()["Name"]
        self.assertEqual(self.cli_ok("tag-resource", "--secret-id", name, "--tags",
                                     "Key=a,Value=1", "Key=b,Value=2"), {})
        self.assertEqual(self.cli_ok("untag-resource", "--secret-id", name, "--tag-keys", "a"),
                         {})
        self.assertEqual(self.describe(name)["Tags"], [{"Key": "b", "Value": "2"}])

    def test_errors(self):
        c = self.create()
        self.cli_err("ResourceNotFoundException", "get-secret-value", "--secret-id",
                     self.secret_name("missing"), message=sm.NOT_FOUND)
        self.cli_err("ResourceExistsException", "create-secret", "--name", c["Name"],
                     "--secret-string", self.canary(), message=sm.already_exists(c["Name"]))
        self.cli_err("InvalidParameterException", "delete-secret", "--secret-id", c["Name"],
                     "--recovery-window-in-days", "7", "--force-delete-without-recovery")
        self.cli_err("UnknownOperationException", "rotate-secret", "--secret-id", c["Name"])
        self.assertNotIn("DeletedDate", self.describe(c["Name"]))


class CliV1Test(CliCases, sm.SmTestCase):
    TAG = "smcli1"
    CLI = sm.CLI_V1


class CliV2Test(CliCases, sm.SmTestCase):
    TAG = "smcli2"
    CLI = sm.CLI_V2
    NEW_MODEL = False


class ResourcePolicyCliV1Test(ResourcePolicyCliCases, client_drivers.AwsCliCases,
                              sm.SmTestCase):
    TAG = "smrpcli1"
    CLI = sm.CLI_V1


class ResourcePolicyCliV2Test(ResourcePolicyCliCases, client_drivers.AwsCliCases,
                              sm.SmTestCase):
    TAG = "smrpcli2"
    CLI = sm.CLI_V2
    NEW_MODEL = False


class Audit(sm.SmAuditCases, foundation.E2ETestCase):
    """This module's audit: after its tests, on the same server."""


SUITES = {
    "cli_v1": [CliV1Test, ResourcePolicyCliV1Test],
    "cli_v2": [CliV2Test, ResourcePolicyCliV2Test],
}


def load_tests(loader, tests, pattern):
    """`python3 -m unittest test_sm_cli`: every suite of this module, the audit last."""
    return foundation.build_suite(SUITES, Audit)


if __name__ == "__main__":
    sys.exit(foundation.main(SUITES, Audit, __doc__))
