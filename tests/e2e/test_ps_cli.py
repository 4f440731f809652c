#!/usr/bin/env python3
"""End-to-end tests of the Parameter Store API through the unchanged aws CLI, v1
and v2: every operation with its usual flags, representative errors, and the
CLI's automatic paging (plus --max-items, --page-size, --starting-token) over
266 parameters.

  cli_v1    aws CLI v1 (`aws` on PATH, PyPI awscli 1.x; or $PARAMSAFE_E2E_AWS_V1)
  cli_v2    aws CLI v2 (/usr/bin/aws, Debian 2.9; or $PARAMSAFE_E2E_AWS_V2)

  test_ps_cli.py --server S --plugin P --cli C [--suite NAME] [-k PATTERN]

Each `aws` call costs about half a second, so fixtures go through boto3 in this
process and every CLI call checks as much as it can. One server on a scratch
database per run, then the audit (foundation.py). Needs
PARAMSAFE_TEST_DATABASE_URL.
"""

import os
import secrets
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import client_drivers  # noqa: E402
import foundation  # noqa: E402
import parameter_store as ps  # noqa: E402
from parameter_store import mask, setUpModule, tearDownModule  # noqa: E402,F401
from ps_cases_listing import PAGING_REGION, paging_set  # noqa: E402
from ps_cases_values import ALREADY_EXISTS, TAGS_AND_OVERWRITE, not_found  # noqa: E402
from ps_cases_values import version_not_found  # noqa: E402


class CliCases(client_drivers.AwsCliCases):
    """Mixin: the cases run by each aws CLI (CLI: a client_drivers.AwsCli of ssm)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pset = paging_set()

    def assert_exactly_once(self, got, expected):
        self.assertEqual(sorted({n for n in got if got.count(n) > 1}), [], "listed twice")
        self.assertEqual(sorted(got), sorted(expected))

    # -- PutParameter / GetParameter -----------------------------------------------

    def test_put_and_get_with_every_attribute(self):
        name = self.unique()
        out = self.cli_ok("put-parameter", "--name", name, "--value", "123", "--type", "String",
                          "--description", "a description", "--allowed-pattern", "^[0-9]+$",
                          "--tags", "Key=env,Value=prod", "--tier", "Advanced")
        self.assertEqual(out, {"Version": 1, "Tier": "Advanced"})
        p = self.cli_ok("get-parameter", "--name", name)["Parameter"]
        self.assert_cli_timestamp(p.pop("LastModifiedDate"))
        self.assertEqual(p, {"Name": name, "Type": "String", "Value": "123", "Version": 1,
                             "ARN": ps.arn(name), "DataType": "text"})
        [m] = self.cli_ok("describe-parameters", "--parameter-filters",
                          f"Key=Name,Values={name}")["Parameters"]
        self.assert_cli_timestamp(m.pop("LastModifiedDate"))
        m.pop("ARN", None)  # newer models only
        self.assertEqual(m, {"Name": name, "Type": "String", "Description": "a description",
                             "AllowedPattern": "^[0-9]+$", "Version": 1, "Tier": "Advanced",
                             "Policies": [], "DataType": "text",
                             "LastModifiedUser": ps.ADMIN_ARN})

    def test_securestring_with_customer_key_and_decryption(self):
        alias = f"alias/e2e-cli-{secrets.token_hex(4)}"
        r = ps.H().run_admin("kms", "create-key", "--alias", alias)
        self.assertEqual(r.returncode, 0, self.redact(r.stderr))
        name, canary = self.unique(), self.canary()
        self.assertEqual(self.cli_ok("put-parameter", "--name", name, "--value", canary,
                                     "--type", "SecureString", "--key-id", alias)["Version"], 1)
        plain = self.cli_ok("get-parameter", "--name", name, "--with-decryption")["Parameter"]
        self.assertEqual(plain["Value"], mask(canary))
        # (without decryption: test_cli.py's test_get_securestring_without_decryption_...)

    def test_get_parameters_with_selectors_and_invalid_names(self):
        name, missing = self.unique(), self.unique("missing")
        self.put(name, "one")
        self.put(name, "two", Overwrite=True)
        self.ok("LabelParameterVersion", driver=self.fx, Name=name, ParameterVersion=1,
                Labels=["old"])
        out = self.cli_ok("get-parameters", "--names", name, f"{name}:1", f"{name}:old",
                          f"{name}:99", missing)
        got = sorted((p["Version"], p.get("Selector", ""), p["Value"]) for p in out["Parameters"])
        self.assertEqual(got, [(1, ":1", "one"), (1, ":old", "one"), (2, "", "two")])
        self.assertEqual(sorted(out["InvalidParameters"]), sorted([f"{name}:99", missing]))

    # -- automatic paging --------------------------------------------------------

    def test_get_parameters_by_path_root_recursive_returns_every_item_once(self):
        out = self.cli_ok("get-parameters-by-path", "--path", "/", "--recursive",
                          region=PAGING_REGION)
        self.assertNotIn("NextToken", out)
        self.assert_exactly_once([p["Name"] for p in out["Parameters"]], self.pset["names"])

    def test_get_parameters_by_path_page_size_max_items_and_starting_token(self):
        first = self.cli_ok("get-parameters-by-path", "--path", "/page", "--recursive",
                            "--page-size", "4", "--max-items", "15", "--parameter-filters",
                            "Key=Type,Values=String", region=PAGING_REGION)
        self.assertEqual(len(first["Parameters"]), 15)
        self.assertTrue(first.get("NextToken"))
        rest = self.cli_ok("get-parameters-by-path", "--path", "/page", "--recursive",
                           "--page-size", "10", "--starting-token", first["NextToken"],
                           "--parameter-filters", "Key=Type,Values=String",
                           region=PAGING_REGION)
        self.assertNotIn("NextToken", rest)
        self.assert_exactly_once([p["Name"] for p in first["Parameters"] + rest["Parameters"]],
                                 self.pset["grouped"])

    def test_describe_parameters_returns_every_item_once(self):
        out = self.cli_ok("describe-parameters", region=PAGING_REGION)
        self.assert_exactly_once([p["Name"] for p in out["Parameters"]], self.pset["names"])

    def test_describe_parameters_max_items_page_size_and_starting_token(self):
        first = self.cli_ok("describe-parameters", "--max-items", "7", "--page-size", "3",
                            region=PAGING_REGION)
        self.assertEqual(len(first["Parameters"]), 7)
        rest = self.cli_ok("describe-parameters", "--starting-token", first["NextToken"],
                           region=PAGING_REGION)
        self.assert_exactly_once([p["Name"] for p in first["Parameters"] + rest["Parameters"]],
                                 self.pset["names"])

    def test_describe_parameters_with_filters(self):
        p = self.prefix()
        self.put(p + "/a", Tags=[{"Key": "env", "Value": "prod"}])
        self.put(p + "/b", Tags=[{"Key": "env", "Value": "dev"}])
        self.put(p + "/c/d", Tags=[{"Key": "env", "Value": "prod"}])
        out = self.cli_ok("describe-parameters", "--parameter-filters",
                          f"Key=Path,Option=Recursive,Values={p}", "Key=tag:env,Values=prod")
        self.assertEqual(sorted(m["Name"] for m in out["Parameters"]), [p + "/a", p + "/c/d"])
        self.cli_err("InvalidFilterKey", "describe-parameters", "--parameter-filters",
                     "Key=Label,Values=x",
                     message="The following filter key is not valid: Label. Valid filter keys "
                             "include: [Path, Name, Type, KeyId, Tier].")

    def test_get_parameter_history_pages_through_the_100_retained_versions(self):
        out = self.cli_ok("get-parameter-history", "--name", self.pset["history"],
                          "--page-size", "7", region=PAGING_REGION)
        self.assertEqual([h["Version"] for h in out["Parameters"]], list(range(6, 106)))
        self.assert_cli_timestamp(out["Parameters"][-1]["LastModifiedDate"])

    # -- labels, tags, delete ----------------------------------------------------

    def test_label_select_and_unlabel(self):
        name = self.unique()
        self.put(name, "one")
        self.put(name, "two", Overwrite=True)
        out = self.cli_ok("label-parameter-version", "--name", name, "--parameter-version", "1",
                          "--labels", "Blue", "1bad")
        self.assertEqual(out, {"InvalidLabels": ["1bad"], "ParameterVersion": 1})
        p = self.cli_ok("get-parameter", "--name", name + ":Blue")["Parameter"]
        self.assertEqual((p["Version"], p["Selector"], p["Value"]), (1, ":Blue", "one"))
        out = self.cli_ok("unlabel-parameter-version", "--name", name, "--parameter-version",
                          "1", "--labels", "Blue", "Green")
        self.assertEqual(out, {"RemovedLabels": ["Blue"], "InvalidLabels": ["Green"]})

    def test_tag_list_untag(self):
        name = self.unique()
        self.put(name)
        self.assertEqual(self.cli_ok("add-tags-to-resource", "--resource-type", "Parameter",
                                     "--resource-id", name, "--tags", "Key=a,Value=1",
                                     "Key=b,Value=2"), {})
        self.assertEqual(self.cli_ok("remove-tags-from-resource", "--resource-type", "Parameter",
                                     "--resource-id", name, "--tag-keys", "a"), {})
        self.assertEqual(self.cli_ok("list-tags-for-resource", "--resource-type", "Parameter",
                                     "--resource-id", name), {"TagList": [{"Key": "b",
                                                                           "Value": "2"}]})
        self.cli_err("InvalidResourceId", "list-tags-for-resource", "--resource-type",
                     "Parameter", "--resource-id", name + "-missing")

    def test_delete_parameter_and_delete_parameters(self):
        a, b, missing = self.unique("a"), self.unique("b"), self.unique("missing")
        self.put(a)
        self.put(b)
        self.assertEqual(self.cli_ok("delete-parameter", "--name", a), {})
        out = self.cli_ok("delete-parameters", "--names", b, missing)
        self.assertEqual(out, {"DeletedParameters": [b], "InvalidParameters": [missing]})
        self.cli_err("ParameterNotFound", "delete-parameter", "--name", b, message=not_found(b))

    # -- errors ------------------------------------------------------------------

    def test_put_errors(self):
        name = self.unique()
        self.put(name, "1", AllowedPattern="^[0-9]+$")
        self.cli_err("ParameterAlreadyExists", "put-parameter", "--name", name, "--value", "2",
                     "--type", "String", message=ALREADY_EXISTS)
        self.cli_err("ValidationException", "put-parameter", "--name", name, "--value", "2",
                     "--type", "String", "--overwrite", "--tags", "Key=a,Value=b",
                     message=TAGS_AND_OVERWRITE)
        self.cli_err("ParameterPatternMismatchException", "put-parameter", "--name", name,
                     "--value", "x", "--overwrite",
                     message="Parameter value, cannot be validated against allowedPattern: "
                             "^[0-9]+$")
        deep = "/e2e/" + "/".join(f"l{i}" for i in range(15))
        self.cli_err("HierarchyLevelLimitExceededException", "put-parameter", "--name", deep,
                     "--value", "v", "--type", "String")
        # (AccessDeniedException and InvalidKeyId through the CLI: test_cli.py)
        self.assertEqual(self.get(name)["Version"], 1)

    def test_get_version_not_found(self):
        name = self.unique()
        self.put(name)
        self.cli_err("ParameterVersionNotFound", "get-parameter", "--name", name + ":99",
                     message=version_not_found(name, 99))


class CliV1Test(CliCases, ps.PsTestCase):
    TAG = "pscli1"
    CLI = ps.CLI_V1


class CliV2Test(CliCases, ps.PsTestCase):
    TAG = "pscli2"
    CLI = ps.CLI_V2


class Audit(foundation.AuditCases, foundation.E2ETestCase):
    """This module's audit: after its tests, on the same server."""


SUITES = {
    "cli_v1": [CliV1Test],
    "cli_v2": [CliV2Test],
}


def load_tests(loader, tests, pattern):
    """`python3 -m unittest test_ps_cli`: every suite of this module, the audit last."""
    return foundation.build_suite(SUITES, Audit)


if __name__ == "__main__":
    sys.exit(foundation.main(SUITES, Audit, __doc__))
