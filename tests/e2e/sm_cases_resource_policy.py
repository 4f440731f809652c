"""Secrets Manager cases, part 5: resource policies — PutResourcePolicy (the
document kept exactly as sent, BlockPublicPolicy, malformed documents),
GetResourcePolicy (the member left out when there is none),
DeleteResourcePolicy (idempotent) and ValidateResourcePolicy (findings as data,
only a document that is not JSON as an error).

ResourcePolicyCases runs on any driver (boto3 new and old, test_sm_boto3.py);
ResourcePolicyCliCases through the aws CLI v1 and v2 (test_sm_cli.py).
Mixins over secrets_manager.SmTestCase (see sm_cases_values.py).

CheckName values: AWS does not document them; paramsafe's are
BROAD_ACCESS_VALIDATION and SYNTAX_VALIDATION (docs/security-resource-policies.md).
"""

import json
import os
import sys
import time
import uuid

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import secrets_manager as sm  # noqa: E402

PUBLIC_POLICY_TEXT = "This resource policy contains a statement that grants public access."
SYNTAX_ERRORS = "Syntax errors in policy."
BROAD_ACCESS = "BROAD_ACCESS_VALIDATION"
SYNTAX_CHECK = "SYNTAX_VALIDATION"
OTHER_ACCOUNT = "210987654321"


def policy(principal, action="secretsmanager:GetSecretValue", condition=None):
    """A one-statement Allow document, with spacing and member order a client
    might choose (the server must give it back unchanged)."""
    statement = {"Sid": "Read", "Effect": "Allow", "Principal": principal, "Action": action,
                 "Resource": "*"}
    if condition:
        statement["Condition"] = condition
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]}, indent=1)


OWN = policy({"AWS": f"arn:aws:iam::{sm.ACCOUNT}:user/ops"})
PUBLIC = policy("*")
OTHER = policy({"AWS": OTHER_ACCOUNT})
PINNED = policy("*", condition={"StringEquals": {"aws:PrincipalAccount": sm.ACCOUNT}})
NO_PRINCIPAL = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]})


class ResourcePolicyCases:
    def get_policy(self, sid, driver=None):
        return self.ok("GetResourcePolicy", driver=driver, SecretId=sid)

    def test_put_get_delete_round_trip(self):
        c = self.create()
        name, arn = c["Name"], c["ARN"]
        self.assertEqual(self.get_policy(name), {"ARN": arn, "Name": name})
        self.assertEqual(self.ok("PutResourcePolicy", SecretId=name, ResourcePolicy=OWN),
                         {"ARN": arn, "Name": name})
        self.assertEqual(self.get_policy(arn),
                         {"ARN": arn, "Name": name, "ResourcePolicy": OWN})
        for _ in range(2):  # idempotent
            self.assertEqual(self.ok("DeleteResourcePolicy", SecretId=sm.arn_prefix(name)),
                             {"ARN": arn, "Name": name})
        self.assertEqual(self.get_policy(name), {"ARN": arn, "Name": name})

    def test_put_replaces_and_counts_as_a_change(self):
        name = self.create()["Name"]
        before = self.describe(name)["LastChangedDate"]
        time.sleep(0.05)
        self.ok("PutResourcePolicy", SecretId=name, ResourcePolicy=OWN)
        self.assertGreater(self.describe(name)["LastChangedDate"], before)
        self.ok("PutResourcePolicy", SecretId=name, ResourcePolicy=PINNED)
        self.assertEqual(self.get_policy(name)["ResourcePolicy"], PINNED)

    def test_block_public_policy_refuses_broad_access(self):
        name = self.create()["Name"]
        for broad in (PUBLIC, OTHER):
            self.err("PublicPolicyException", "PutResourcePolicy", message=PUBLIC_POLICY_TEXT,
                     SecretId=name, ResourcePolicy=broad, BlockPublicPolicy=True)
        self.assertNotIn("ResourcePolicy", self.get_policy(name))
        # Narrow documents pass the block, and without it a broad one is stored.
        self.ok("PutResourcePolicy", SecretId=name, ResourcePolicy=PINNED, BlockPublicPolicy=True)
        self.ok("PutResourcePolicy", SecretId=name, ResourcePolicy=PUBLIC, BlockPublicPolicy=False)
        self.assertEqual(self.get_policy(name)["ResourcePolicy"], PUBLIC)

    def test_malformed_documents_are_refused(self):
        name = self.create()["Name"]
        self.err("MalformedPolicyDocumentException", "PutResourcePolicy", message=SYNTAX_ERRORS,
                 SecretId=name, ResourcePolicy='{"Version": ')
        self.err("MalformedPolicyDocumentException", "PutResourcePolicy",
                 message="Missing required field Principal", SecretId=name,
                 ResourcePolicy=NO_PRINCIPAL)
        self.assertNotIn("ResourcePolicy", self.get_policy(name))

    def test_missing_secret_is_not_found(self):
        missing = self.secret_name()
        self.err("ResourceNotFoundException", "PutResourcePolicy", message=sm.NOT_FOUND,
                 SecretId=missing, ResourcePolicy=OWN)
        self.err("ResourceNotFoundException", "GetResourcePolicy", message=sm.NOT_FOUND,
                 SecretId=missing)
        self.err("ResourceNotFoundException", "DeleteResourcePolicy", message=sm.NOT_FOUND,
                 SecretId=missing)
        self.err("ResourceNotFoundException", "ValidateResourcePolicy", message=sm.NOT_FOUND,
                 SecretId=missing, ResourcePolicy=OWN)

    def test_a_secret_scheduled_for_deletion_keeps_its_policy_unchanged(self):
        name = self.create()["Name"]
        self.ok("PutResourcePolicy", SecretId=name, ResourcePolicy=OWN, driver=self.fx)
        self.ok("DeleteSecret", SecretId=name, RecoveryWindowInDays=7, driver=self.fx)
        self.err("InvalidRequestException", "PutResourcePolicy", message=sm.MARKED_FOR_DELETION,
                 SecretId=name, ResourcePolicy=PINNED)
        self.err("InvalidRequestException", "DeleteResourcePolicy",
                 message=sm.MARKED_FOR_DELETION, SecretId=name)
        self.assertEqual(self.get_policy(name)["ResourcePolicy"], OWN)
        self.ok("RestoreSecret", SecretId=name, driver=self.fx)

    def test_validate_passes_narrow_documents(self):
        for narrow in (OWN, PINNED):
            self.assertEqual(self.ok("ValidateResourcePolicy", ResourcePolicy=narrow),
                             {"PolicyValidationPassed": True, "ValidationErrors": []})

    def test_validate_reports_findings_as_data(self):
        out = self.ok("ValidateResourcePolicy", ResourcePolicy=PUBLIC)
        self.assertFalse(out["PolicyValidationPassed"])
        self.assertEqual([e["CheckName"] for e in out["ValidationErrors"]], [BROAD_ACCESS])
        self.assertIn("every principal", out["ValidationErrors"][0]["ErrorMessage"])
        out = self.ok("ValidateResourcePolicy", ResourcePolicy=NO_PRINCIPAL)
        self.assertEqual(out, {"PolicyValidationPassed": False, "ValidationErrors": [
            {"CheckName": SYNTAX_CHECK, "ErrorMessage": "Missing required field Principal"}]})

    def test_validate_refuses_a_document_that_is_not_json(self):
        self.err("MalformedPolicyDocumentException", "ValidateResourcePolicy",
                 message=SYNTAX_ERRORS, ResourcePolicy="not json")

    def test_validate_with_a_secret_id_stores_nothing(self):
        name = self.create()["Name"]
        self.assertTrue(self.ok("ValidateResourcePolicy", SecretId=name,
                                ResourcePolicy=OWN)["PolicyValidationPassed"])
        self.assertNotIn("ResourcePolicy", self.get_policy(name))


class ResourcePolicyCliCases:
    """The same through `aws secretsmanager ...` (CLI: a client_drivers.AwsCli)."""

    def test_put_get_delete_with_the_cli(self):
        c = self.create()
        name, arn = c["Name"], c["ARN"]
        out = self.cli_ok("put-resource-policy", "--secret-id", name, "--resource-policy", OWN,
                          "--block-public-policy")
        self.assertEqual(out, {"ARN": arn, "Name": name})
        self.assertEqual(self.cli_ok("get-resource-policy", "--secret-id", arn),
                         {"ARN": arn, "Name": name, "ResourcePolicy": OWN})
        self.assertEqual(self.cli_ok("delete-resource-policy", "--secret-id", name),
                         {"ARN": arn, "Name": name})
        self.assertEqual(self.cli_ok("get-resource-policy", "--secret-id", name),
                         {"ARN": arn, "Name": name})

    def test_policy_from_a_file(self):
        name = self.create()["Name"]
        path = os.path.join(sm.H().tmp, f"policy-{uuid.uuid4().hex}.json")
        with open(path, "w") as f:
            f.write(PINNED)
        try:
            self.cli_ok("put-resource-policy", "--secret-id", name, "--resource-policy",
                        f"file://{path}", "--block-public-policy")
        finally:
            os.unlink(path)
        self.assertEqual(self.get_policy_text(name), PINNED)

    def test_block_public_policy_with_the_cli(self):
        name = self.create()["Name"]
        self.cli_err("PublicPolicyException", "put-resource-policy", "--secret-id", name,
                     "--resource-policy", PUBLIC, "--block-public-policy",
                     message=PUBLIC_POLICY_TEXT)
        self.cli_err("MalformedPolicyDocumentException", "put-resource-policy", "--secret-id",
                     name, "--resource-policy", NO_PRINCIPAL,
                     message="Missing required field Principal")
        self.assertIsNone(self.get_policy_text(name))
        self.cli_ok("put-resource-policy", "--secret-id", name, "--resource-policy", PUBLIC,
                    "--no-block-public-policy")
        self.assertEqual(self.get_policy_text(name), PUBLIC)

    def test_validate_with_the_cli(self):
        self.assertEqual(self.cli_ok("validate-resource-policy", "--resource-policy", PINNED),
                         {"PolicyValidationPassed": True, "ValidationErrors": []})
        out = self.cli_ok("validate-resource-policy", "--resource-policy", OTHER)
        self.assertFalse(out["PolicyValidationPassed"])
        self.assertEqual([e["CheckName"] for e in out["ValidationErrors"]], [BROAD_ACCESS])
        self.assertIn(OTHER_ACCOUNT, out["ValidationErrors"][0]["ErrorMessage"])
        self.cli_err("MalformedPolicyDocumentException", "validate-resource-policy",
                     "--resource-policy", "[1, 2]", message=SYNTAX_ERRORS)

    def get_policy_text(self, sid):
        return self.ok("GetResourcePolicy", driver=self.fx, SecretId=sid).get("ResourcePolicy")


RESOURCE_POLICY_CASES = [ResourcePolicyCases]
