#!/usr/bin/env python3
"""End-to-end policy matrix, identity policies: users with different
policies calling through the aws CLI v1, each outcome and AWS's denial
message checked. Resource policies, key permissions and listings:
test_policy_resources.py.

  identity  allow, explicit deny, no match, prefix grants, wildcards,
            NotAction / NotResource, every condition operator family,
            a policy change taking effect within auth_cache_ms

  test_policy_matrix.py --server S --plugin P --cli C [--suite NAME] [-k PATTERN]

One server (auth_cache_ms 2000, the default) on a scratch database per run,
then the audit (foundation.py). Each test makes its own users. Needs
PARAMSAFE_TEST_DATABASE_URL (see harness.py).
"""

import datetime
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import foundation  # noqa: E402
from policy_e2e import (EXPLICIT_IDENTITY, PolicyTestCase, allow, boto_error,  # noqa: E402
                        denial, deny, document, new_principal, parameter_arn, secret_grant,
                        setUpModule, ssm_grant, tearDownModule)  # noqa: F401

DENIED = "AccessDeniedException"


class IdentityPolicyTest(PolicyTestCase):
    TAG = "identity"

    def put(self, name, value="v", **kw):
        self.ssm.put_parameter(Name=name, Value=value, Type=kw.pop("Type", "String"), **kw)
        return name

    def get_denied(self, who, name, because=None):
        self.denied(who, "ssm", "get-parameter", "--name", name,
                    message=denial(who.name, "ssm:GetParameter", parameter_arn(name), because))

    def secret_denied(self, who, secret, because=None):
        self.denied(who, "secretsmanager", "get-secret-value", "--secret-id", secret["ARN"],
                    message=denial(who.name, "secretsmanager:GetSecretValue", secret["ARN"],
                                   because))

    def secret_value(self, who, secret_id):
        return self.ok(who, "secretsmanager", "get-secret-value",
                       "--secret-id", secret_id)["SecretString"]

    def test_allow_for_one_user_no_matching_statement_for_the_other(self):
        root = self.root()
        name = self.put(f"/{root}/x", "shared")
        a = new_principal("a", document(allow("ssm:GetParameter", ssm_grant(f"{root}/*"))))
        b = new_principal("b", document(allow("ssm:DescribeParameters")))
        self.assertEqual(self.value_of(a, name), "shared")
        self.get_denied(b, name)

    def test_explicit_deny_beats_allow_in_the_same_or_another_document(self):
        root = self.root()
        open_, closed = self.put(f"/{root}/open"), self.put(f"/{root}/closed")
        a = new_principal("a", document(allow("ssm:*")))
        self.assertEqual(self.value_of(a, closed), "v")
        a.put_policy(document(deny("ssm:GetParameter", ssm_grant(f"{root}/closed"))), "no-closed")
        client = a.client("ssm")
        self.poll(lambda: boto_error(client.get_parameter, Name=closed) == DENIED,
                  "a Deny added to a user in use")
        self.get_denied(a, closed, EXPLICIT_IDENTITY)
        self.assertEqual(self.value_of(a, open_), "v")

        secret = self.sm.create_secret(Name=f"{root}/s", SecretString=self.canary())
        b = new_principal("b", document(allow("secretsmanager:*"),
                                        deny("secretsmanager:GetSecretValue",
                                             secret_grant(f"{root}/*"))))
        self.ok(b, "secretsmanager", "describe-secret", "--secret-id", secret["ARN"])
        self.secret_denied(b, secret, EXPLICIT_IDENTITY)

    def test_policy_changes_take_effect_within_the_auth_cache_lifetime(self):
        name = self.put(f"/{self.root()}/p")
        a = new_principal("a", document(allow("ssm:GetParameter")))
        client = a.client("ssm")
        self.assertEqual(self.value_of(a, name), "v")
        a.delete_policy()
        self.poll(lambda: boto_error(client.get_parameter, Name=name) == DENIED,
                  "a deleted policy")
        self.get_denied(a, name)
        a.put_policy(document(allow("ssm:GetParameter")))
        self.poll(lambda: boto_error(client.get_parameter, Name=name) is None, "a new policy")
        self.assertEqual(self.value_of(a, name), "v")

    def test_prefix_grant_gives_exactly_the_parameter_subtree(self):
        for n in ("/project-x/db", "/project-x/deep/er/leaf", "/project-y/db", "/project-xtra/db"):
            self.put(n, n)
        a = new_principal("px", document(allow(["ssm:GetParameter", "ssm:GetParametersByPath"],
                                               [ssm_grant("project-x/*"), ssm_grant("project-x")])))
        self.assertEqual(self.value_of(a, "/project-x/db"), "/project-x/db")
        self.assertEqual(self.value_of(a, "/project-x/deep/er/leaf"), "/project-x/deep/er/leaf")
        for n in ("/project-y/db", "/project-xtra/db", "/project-y/never-put"):
            self.get_denied(a, n)
        self.fails("ParameterNotFound", a, "ssm", "get-parameter", "--name", "/project-x/never-put")
        got = self.ok(a, "ssm", "get-parameters-by-path", "--path", "/project-x", "--recursive")
        self.assertEqual(sorted(p["Name"] for p in got["Parameters"]),
                         ["/project-x/db", "/project-x/deep/er/leaf"])
        self.denied(a, "ssm", "get-parameters-by-path", "--path", "/project-y", "--recursive",
                    message=denial(a.name, "ssm:GetParametersByPath", parameter_arn("/project-y")))

    def test_prefix_grant_gives_exactly_the_secret_subtree(self):
        values = {n: self.canary() for n in ("project-x/db", "project-y/db", "project-xtra/db")}
        made = {n: self.sm.create_secret(Name=n, SecretString=v) for n, v in values.items()}
        a = new_principal("px", document(allow("secretsmanager:GetSecretValue",
                                               secret_grant("project-x/*"))))
        x = made["project-x/db"]
        for sid in ("project-x/db", x["ARN"]):
            self.assertTrue(self.secret_value(a, sid) == values["project-x/db"],
                            "project-x/db's value differs (not shown)")
        self.secret_denied(a, made["project-y/db"])
        self.secret_denied(a, made["project-xtra/db"])
        # A secret that does not exist: refused in project-y (nothing leaks),
        # not found in project-x.
        text = self.denied(a, "secretsmanager", "get-secret-value",
                           "--secret-id", "project-y/never-made")
        self.assertTrue(text.startswith(f"User: {a.arn} is not authorized to perform: "
                                        "secretsmanager:GetSecretValue on resource: "), text)
        self.assertIn(":secret:project-y/never-made", text)
        self.fails("ResourceNotFoundException", a, "secretsmanager", "get-secret-value",
                   "--secret-id", "project-x/never-made")

    def test_wildcards_star_and_question_mark(self):
        root = self.root()
        one, twelve, deep = (self.put(f"/{root}/app-1/k"), self.put(f"/{root}/app-12/k"),
                             self.put(f"/{root}/app-1/deeper/k"))
        a = new_principal("wc", document(allow(
            "ssm:Get*", f"arn:aws:ssm:us-east-?:*:parameter/{root}/app-?/*")))
        self.assertEqual(self.value_of(a, one), "v")
        self.assertEqual(self.value_of(a, deep), "v")  # * crosses "/"
        history = self.ok(a, "ssm", "get-parameter-history", "--name", one)["Parameters"]
        self.assertEqual([p["Version"] for p in history], [1])
        self.get_denied(a, twelve)  # ? is exactly one character
        self.denied(a, "ssm", "put-parameter", "--name", one, "--value", "w", "--overwrite",
                    message=denial(a.name, "ssm:PutParameter", parameter_arn(one)))
        # Action names match without regard to case, as on AWS.
        b = new_principal("case", document(allow("SSM:getparameter")))
        self.assertEqual(self.value_of(b, one), "v")

    def test_not_action(self):
        name = self.put(f"/{self.root()}/p")
        a = new_principal("na", document(allow(not_action=["ssm:DeleteParameter",
                                                           "ssm:DeleteParameters"])))
        self.ok(a, "ssm", "put-parameter", "--name", name, "--value", "w", "--overwrite")
        self.assertEqual(self.value_of(a, name), "w")
        self.denied(a, "ssm", "delete-parameter", "--name", name,
                    message=denial(a.name, "ssm:DeleteParameter", parameter_arn(name)))
        b = new_principal("nd", document(allow("*"), deny(not_action="ssm:GetParameter")))
        self.assertEqual(self.value_of(b, name), "w")
        self.denied(b, "ssm", "put-parameter", "--name", name, "--value", "x", "--overwrite",
                    message=denial(b.name, "ssm:PutParameter", parameter_arn(name),
                                   EXPLICIT_IDENTITY))

    def test_not_resource(self):
        root = self.root()
        public, private = self.put(f"/{root}/public"), self.put(f"/{root}/private/key")
        a = new_principal("nr", document(allow("ssm:GetParameter",
                                               not_resource=ssm_grant(f"{root}/private/*"))))
        self.assertEqual(self.value_of(a, public), "v")
        self.get_denied(a, private)
        b = new_principal("nrd", document(allow("ssm:GetParameter"),
                                          deny("ssm:*", not_resource=ssm_grant(f"{root}/public"))))
        self.assertEqual(self.value_of(b, public), "v")
        self.get_denied(b, private, EXPLICIT_IDENTITY)

    # -- conditions --------------------------------------------------------------------

    def test_string_equals_and_string_not_like_on_secret_resource_tags(self):
        root = self.root()

        def make(leaf, **tags):
            return self.sm.create_secret(Name=f"{root}/{leaf}", SecretString=self.canary(),
                                         Tags=[{"Key": k, "Value": v} for k, v in tags.items()])
        blue, red = make("blue", team="blue", owner="svc-billing"), make("red", team="red")
        human, bare = make("human", team="blue", owner="alice"), make("bare")
        a = new_principal("se", document(allow(
            "secretsmanager:GetSecretValue",
            condition={"StringEquals": {"secretsmanager:ResourceTag/team": "blue"}})))
        self.ok(a, "secretsmanager", "get-secret-value", "--secret-id", blue["ARN"])
        self.secret_denied(a, red)
        self.secret_denied(a, bare)
        b = new_principal("snl", document(
            allow("secretsmanager:GetSecretValue"),
            deny("secretsmanager:GetSecretValue",
                 condition={"StringNotLike": {"secretsmanager:ResourceTag/owner": "svc-*"}})))
        self.ok(b, "secretsmanager", "get-secret-value", "--secret-id", blue["ARN"])
        self.secret_denied(b, human, EXPLICIT_IDENTITY)
        self.secret_denied(b, bare, EXPLICIT_IDENTITY)  # no tag: a negated operator holds

    def test_string_like_and_string_not_equals_on_parameter_resource_tags(self):
        root = self.root()

        def make(leaf, **tags):
            return self.put(f"/{root}/{leaf}",
                            Tags=[{"Key": k, "Value": v} for k, v in tags.items()])
        prod, dev = make("prod", env="prod-eu"), make("dev", env="dev")
        restricted = make("restricted", env="prod-us", **{"class": "restricted"})
        a = new_principal("sl", document(allow(
            "ssm:GetParameter", condition={"StringLike": {"ssm:resourceTag/env": "prod-*"}})))
        self.assertEqual(self.value_of(a, prod), "v")
        self.assertEqual(self.value_of(a, restricted), "v")
        self.get_denied(a, dev)
        b = new_principal("sne", document(allow(
            "ssm:GetParameter",
            condition={"StringNotEquals": {"ssm:resourceTag/class": "restricted"}})))
        self.assertEqual(self.value_of(b, prod), "v")  # no class tag: the condition holds
        self.get_denied(b, restricted)

    def test_request_tag_conditions_on_create_secret_and_put_parameter(self):
        root = self.root()
        a = new_principal("rt", document(
            allow("secretsmanager:CreateSecret",
                  condition={"StringEquals": {"aws:RequestTag/cost-center": "cc-1"}}),
            allow("ssm:PutParameter",
                  condition={"StringEquals": {"aws:RequestTag/owner": "team-a"}})))
        self.ok(a, "secretsmanager", "create-secret", "--name", f"{root}/ok",
                "--secret-string", self.canary(), "--tags", "Key=cost-center,Value=cc-1")
        for tags in (["--tags", "Key=cost-center,Value=cc-2"], []):
            self.denied(a, "secretsmanager", "create-secret", "--name", f"{root}/refused",
                        "--secret-string", self.canary(), *tags,
                        message=denial(a.name, "secretsmanager:CreateSecret",
                                       f"arn:aws:secretsmanager:us-east-1:123456789012:secret:"
                                       f"{root}/refused-??????"))
        self.assertEqual(boto_error(self.sm.describe_secret, SecretId=f"{root}/refused"),
                         "ResourceNotFoundException")
        name = f"/{root}/p"
        self.ok(a, "ssm", "put-parameter", "--name", name, "--value", "v", "--type", "String",
                "--tags", "Key=owner,Value=team-a")
        refused = f"/{root}/refused"
        self.denied(a, "ssm", "put-parameter", "--name", refused, "--value", "v", "--type",
                    "String", "--tags", "Key=owner,Value=team-b",
                    message=denial(a.name, "ssm:PutParameter", parameter_arn(refused)))
        self.assertEqual(boto_error(self.ssm.get_parameter, Name=refused), "ParameterNotFound")

    def test_bool_on_secure_transport(self):
        # These requests come over plain HTTP: aws:SecureTransport is false.
        name = self.put(f"/{self.root()}/p")
        only_tls = new_principal("tls", document(allow(
            "ssm:GetParameter", condition={"Bool": {"aws:SecureTransport": "true"}})))
        self.get_denied(only_tls, name)
        deny_plain = new_principal("plain", document(
            allow("ssm:GetParameter"),
            deny("*", condition={"Bool": {"aws:SecureTransport": "false"}})))
        self.get_denied(deny_plain, name, EXPLICIT_IDENTITY)
        plain_ok = new_principal("plainok", document(allow(
            "ssm:GetParameter", condition={"Bool": {"aws:SecureTransport": "false"}})))
        self.assertEqual(self.value_of(plain_ok, name), "v")

    def test_date_less_than_and_greater_than_on_current_time(self):
        name = self.put(f"/{self.root()}/p")
        now = datetime.datetime.now(datetime.timezone.utc)
        earlier, later = ((now + datetime.timedelta(hours=h)).strftime("%Y-%m-%dT%H:%M:%SZ")
                          for h in (-1, 1))
        window = new_principal("now", document(allow("ssm:GetParameter", condition={
            "DateGreaterThan": {"aws:CurrentTime": earlier},
            "DateLessThan": {"aws:CurrentTime": later}})))
        self.assertEqual(self.value_of(window, name), "v")
        not_yet = new_principal("later", document(allow(
            "ssm:GetParameter", condition={"DateGreaterThan": {"aws:CurrentTime": later}})))
        self.get_denied(not_yet, name)
        expired = new_principal("expired", document(allow(
            "ssm:GetParameter", condition={"DateLessThan": {"aws:CurrentTime": earlier}})))
        self.get_denied(expired, name)

    def test_ip_address_and_not_ip_address_on_source_ip(self):
        # The aws CLI connects from 127.0.0.1.
        name = self.put(f"/{self.root()}/p")

        def user(label, *statements):
            return new_principal(label, document(*statements))
        loopback = user("lo", allow("ssm:GetParameter",
                                    condition={"IpAddress": {"aws:SourceIp": "127.0.0.1/32"}}))
        self.assertEqual(self.value_of(loopback, name), "v")
        private = user("ten", allow("ssm:GetParameter",
                                    condition={"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}))
        self.get_denied(private, name)
        not_loopback = user("notlo", allow("ssm:GetParameter"), deny(
            "*", condition={"NotIpAddress": {"aws:SourceIp": "127.0.0.1/32"}}))
        self.assertEqual(self.value_of(not_loopback, name), "v")
        not_private = user("notten", allow("ssm:GetParameter"), deny(
            "*", condition={"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}))
        self.get_denied(not_private, name, EXPLICIT_IDENTITY)


# ---------------------------------------------------------------------------------
# the audit, always last


class Audit(foundation.AuditCases, foundation.E2ETestCase):
    """This module's audit: after its tests, on the same server."""


SUITES = {
    "identity": [IdentityPolicyTest],
}


def load_tests(loader, tests, pattern):
    """`python3 -m unittest test_policy_matrix`: the suite, the audit last."""
    return foundation.build_suite(SUITES, Audit)


if __name__ == "__main__":
    sys.exit(foundation.main(SUITES, Audit, __doc__))
