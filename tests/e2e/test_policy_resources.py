#!/usr/bin/env python3
"""End-to-end policy matrix, the resource side: resource policies on secrets
(a grant to a user no identity policy allows, a Deny beating an identity
Allow), customer key permissions (values withheld while metadata stays
readable; AWS managed keys need no grant) and listing operations (their own
action on "*"), through the aws CLI v1 as several users. Identity policies:
test_policy_matrix.py.

  resource  resource policies, key permissions, listings

  test_policy_resources.py --server S --plugin P --cli C [--suite resource] [-k PATTERN]

One server (auth_cache_ms 2000, the default) on a scratch database per run,
then the audit (foundation.py). Each test makes its own users. Needs
PARAMSAFE_TEST_DATABASE_URL (see harness.py).
"""

import json
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import foundation  # noqa: E402
from policy_e2e import (EXPLICIT_RESOURCE, PolicyTestCase, allow, boto_error,  # noqa: E402
                        denial, document, new_principal, run_admin_ok, secret_grant,
                        setUpModule, ssm_grant, tearDownModule)  # noqa: F401

DENIED = "AccessDeniedException"


class ResourceAndKeyTest(PolicyTestCase):
    TAG = "resource"

    def resource_policy(self, secret, effect, principal_arn):
        self.sm.put_resource_policy(SecretId=secret["ARN"], ResourcePolicy=json.dumps(document({
            "Effect": effect, "Principal": {"AWS": principal_arn},
            "Action": "secretsmanager:GetSecretValue", "Resource": "*"})))

    def create_key(self):
        alias = f"alias/{self.root('key')}"
        out = json.loads(run_admin_ok(self, "kms", "create-key", "--alias", alias).stdout)
        return alias, out["KeyMetadata"]["Arn"]

    def test_resource_policy_grants_a_user_without_any_identity_allow(self):
        value = self.canary()
        secret = self.sm.create_secret(Name=f"{self.root()}/shared", SecretString=value)
        b, c = new_principal("rpb", policy=None), new_principal("rpc", policy=None)
        message = denial(b.name, "secretsmanager:GetSecretValue", secret["ARN"])
        self.denied(b, "secretsmanager", "get-secret-value", "--secret-id", secret["ARN"],
                    message=message)
        self.resource_policy(secret, "Allow", b.arn)
        client = b.client("secretsmanager")
        self.poll(lambda: boto_error(client.get_secret_value, SecretId=secret["ARN"]) is None,
                  "the resource policy's grant")
        got = self.ok(b, "secretsmanager", "get-secret-value", "--secret-id", secret["ARN"])
        self.assertTrue(got.get("SecretString") == value, "the value differs (not shown)")
        self.denied(b, "secretsmanager", "describe-secret", "--secret-id", secret["ARN"],
                    message=denial(b.name, "secretsmanager:DescribeSecret", secret["ARN"]))
        self.denied(c, "secretsmanager", "get-secret-value", "--secret-id", secret["ARN"],
                    message=denial(c.name, "secretsmanager:GetSecretValue", secret["ARN"]))

    def test_resource_policy_deny_beats_an_identity_allow(self):
        secret = self.sm.create_secret(Name=f"{self.root()}/guarded", SecretString=self.canary())
        a = new_principal("rpd")
        self.ok(a, "secretsmanager", "get-secret-value", "--secret-id", secret["ARN"])
        self.resource_policy(secret, "Deny", a.arn)
        client = a.client("secretsmanager")
        self.poll(lambda: boto_error(client.get_secret_value, SecretId=secret["ARN"]) == DENIED,
                  "the resource policy's Deny")
        self.denied(a, "secretsmanager", "get-secret-value", "--secret-id", secret["ARN"],
                    message=denial(a.name, "secretsmanager:GetSecretValue", secret["ARN"],
                                   EXPLICIT_RESOURCE))
        self.ok(a, "secretsmanager", "describe-secret", "--secret-id", secret["ARN"])

    def test_customer_key_withholds_parameter_values_but_not_metadata(self):
        alias, key_arn = self.create_key()
        root = self.root()
        name, value = f"/{root}/db", self.canary()
        self.ssm.put_parameter(Name=name, Value=value, Type="SecureString", KeyId=alias)
        a = new_principal("kd", document(allow("ssm:*")))
        listed = self.ok(a, "ssm", "describe-parameters", "--parameter-filters",
                         f"Key=Name,Values={name}")["Parameters"]
        self.assertEqual([p["Name"] for p in listed], [name])
        self.assertNotIn(value, self.value_of(a, name))  # the ciphertext, not the value
        message = denial(a.name, "kms:Decrypt", key_arn)
        self.denied(a, "ssm", "get-parameter", "--name", name, "--with-decryption",
                    message=message)
        self.denied(a, "ssm", "get-parameters", "--names", name, "--with-decryption",
                    message=message)
        self.denied(a, "ssm", "get-parameters-by-path", "--path", f"/{root}",
                    "--with-decryption", message=message)
        self.denied(a, "ssm", "put-parameter", "--name", f"/{root}/new", "--type",
                    "SecureString", "--key-id", alias, "--value", self.canary(),
                    message=denial(a.name, "kms:Encrypt", key_arn))
        b = new_principal("kd", document(allow("ssm:*"), allow("kms:Decrypt", key_arn)))
        self.assertTrue(self.value_of(b, name, decrypt=True) == value,
                        "the value differs (not shown)")

    def test_customer_key_withholds_secret_values_but_not_metadata(self):
        alias, key_arn = self.create_key()
        root = self.root()
        value = self.canary()
        secret = self.sm.create_secret(Name=f"{root}/db", SecretString=value, KmsKeyId=alias)
        a = new_principal("kd", document(allow("secretsmanager:*")))
        self.assertEqual(self.ok(a, "secretsmanager", "describe-secret",
                                 "--secret-id", secret["ARN"])["ARN"], secret["ARN"])
        self.denied(a, "secretsmanager", "get-secret-value", "--secret-id", secret["ARN"],
                    message=denial(a.name, "kms:Decrypt", key_arn))
        self.denied(a, "secretsmanager", "put-secret-value", "--secret-id", secret["ARN"],
                    "--secret-string", self.canary(),
                    message=denial(a.name, "kms:GenerateDataKey", key_arn))
        b = new_principal("kd", document(allow("secretsmanager:*"), allow("kms:Decrypt", key_arn)))
        got = self.ok(b, "secretsmanager", "get-secret-value", "--secret-id", secret["ARN"])
        self.assertTrue(got.get("SecretString") == value, "the value differs (not shown)")

    def test_managed_keys_need_no_kms_grant(self):
        root = self.root()
        a = new_principal("mk", document(allow(["ssm:*", "secretsmanager:*"])))
        name, value = f"/{root}/db", self.canary()
        self.ok(a, "ssm", "put-parameter", "--name", name, "--type", "SecureString",
                "--value", value)
        self.assertTrue(self.value_of(a, name, decrypt=True) == value, "value differs")
        second = self.canary()
        self.ok(a, "ssm", "put-parameter", "--name", name, "--type", "SecureString",
                "--key-id", "alias/aws/ssm", "--value", second, "--overwrite")
        self.assertTrue(self.value_of(a, name, decrypt=True) == second, "value differs")
        secret = self.ok(a, "secretsmanager", "create-secret", "--name", f"{root}/s",
                         "--secret-string", value)
        got = self.ok(a, "secretsmanager", "get-secret-value", "--secret-id", secret["ARN"])
        self.assertTrue(got.get("SecretString") == value, "the value differs (not shown)")

    def test_listing_needs_its_own_action_on_every_resource(self):
        root = self.root()
        name = f"/{root}/p"
        self.ssm.put_parameter(Name=name, Value="v", Type="String")
        secret = self.sm.create_secret(Name=f"{root}/s", SecretString=self.canary())
        readers = new_principal("rd", document(allow(["ssm:GetParameter",
                                                      "secretsmanager:GetSecretValue"])))
        subtree = new_principal("sub", document(allow(
            ["ssm:DescribeParameters", "secretsmanager:ListSecrets"],
            [ssm_grant(f"{root}/*"), secret_grant(f"{root}/*")])))
        for who in (readers, subtree):
            self.denied(who, "ssm", "describe-parameters",
                        message=denial(who.name, "ssm:DescribeParameters"))
            self.denied(who, "secretsmanager", "list-secrets",
                        message=denial(who.name, "secretsmanager:ListSecrets"))
        lister = new_principal("ls", document(allow(["ssm:DescribeParameters",
                                                     "secretsmanager:ListSecrets"])))
        listed = self.ok(lister, "ssm", "describe-parameters")["Parameters"]
        self.assertIn(name, [p["Name"] for p in listed])
        listed = self.ok(lister, "secretsmanager", "list-secrets")["SecretList"]
        self.assertIn(secret["ARN"], [s["ARN"] for s in listed])


# ---------------------------------------------------------------------------------
# the audit, always last


class Audit(foundation.AuditCases, foundation.E2ETestCase):
    """This module's audit: after its tests, on the same server."""


SUITES = {
    "resource": [ResourceAndKeyTest],
}


def load_tests(loader, tests, pattern):
    """`python3 -m unittest test_policy_resources`: the suite, the audit last."""
    return foundation.build_suite(SUITES, Audit)


if __name__ == "__main__":
    sys.exit(foundation.main(SUITES, Audit, __doc__))
