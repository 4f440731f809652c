#!/usr/bin/env python3
"""End-to-end tests of the admin CLI's identity commands, against a running
server whose auth_cache_ms is the default 2000 (not the harness's 0), so that
what docs/security-identities.md promises about running servers is what runs:

  cli_iam   `paramsafe iam put-user-policy / get-user-policy / list-user-policies /
            delete-user-policy` (IAM's shapes, error codes and texts, file:// and
            inline documents, the 2,048-character aggregate limit), delete-user
            with policies, the bootstrap admin's AdministratorAccess (kept across
            re-runs), a policy change and a key rotation reaching the running
            server within auth_cache_ms.

  test_cli_iam.py --server S --plugin P --cli C [--suite cli_iam] [-k PATTERN]

One server on a scratch database per run, then the audit (foundation.py). Needs
PARAMSAFE_TEST_DATABASE_URL (see harness.py). Secret access keys are registered
with the harness and never printed.
"""

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import foundation  # noqa: E402
import harness  # noqa: E402
from foundation import E2ETestCase, tearDownModule  # noqa: E402,F401

AUTH_CACHE_S = 2.0  # the server's auth_cache_ms, set below
ADMIN_POLICY = {"Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}


def setUpModule():
    foundation.H = harness.module_harness({"PARAMSAFE_AUTH_CACHE_MS": str(int(AUTH_CACHE_S * 1000))})


def ssm_access(prefix):
    """A policy allowing the Parameter Store reads and writes under `prefix`."""
    return {"Version": "2012-10-17",
            "Statement": [{"Effect": "Allow",
                           "Action": ["ssm:PutParameter", "ssm:GetParameter"],
                           "Resource": f"arn:aws:ssm:*:*:parameter{prefix}*"}]}


def error_code(call, **params):
    """The AWS error code `call(**params)` fails with, or None when it succeeds."""
    from botocore.exceptions import ClientError
    try:
        call(**params)
    except ClientError as e:
        return e.response["Error"]["Code"]
    return None


def eventually(predicate, within):
    """True as soon as predicate() is; False when it is still false after
    `within` seconds."""
    deadline = time.monotonic() + within
    while True:
        if predicate():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)


class IamCliTest(E2ETestCase):
    TAG = "cli-iam"

    def admin_ok(self, *args):
        r = self.admin(*args)
        self.assertEqual(r.returncode, 0, f"paramsafe {' '.join(args[:2])}: {self.redact(r.stderr)}")
        return r

    def admin_json(self, *args):
        return json.loads(self.admin_ok(*args).stdout)

    def assert_iam_error(self, r, operation, code, message=None):
        self.assertEqual(r.returncode, 254, self.redact(r.stderr))
        self.assertIn(f"An error occurred ({code}) when calling the {operation} operation: ",
                      r.stderr)
        if message is not None:
            self.assertEqual(r.stderr.strip().split("operation: ", 1)[1], message)

    def new_user(self):
        user = f"cli-iam-{secrets.token_hex(4)}"
        self.admin_ok("iam", "create-user", "--user-name", user)
        return user

    def put(self, user, name, document):
        text = document if isinstance(document, str) else json.dumps(document)
        return self.admin("iam", "put-user-policy", "--user-name", user, "--policy-name", name,
                          "--policy-document", text)

    def policy_names(self, user):
        return self.admin_json("iam", "list-user-policies", "--user-name", user)["PolicyNames"]

    def write_file(self, text):
        fd, path = tempfile.mkstemp(dir=foundation.H.tmp, suffix=".json")
        with os.fdopen(fd, "w") as f:
            f.write(text)
        return path

    # ---- the policy commands --------------------------------------------------

    def test_put_then_get_prints_iams_shape_with_the_document_as_an_object(self):
        user = self.new_user()
        policy = ssm_access("/cli-iam/a/")
        r = self.put(user, "readers", policy)
        self.assertEqual((r.returncode, r.stdout), (0, ""), self.redact(r.stderr))
        out = self.admin_json("iam", "get-user-policy", "--user-name", user,
                              "--policy-name", "readers")
        self.assertEqual(list(out), ["UserName", "PolicyName", "PolicyDocument"])
        self.assertEqual((out["UserName"], out["PolicyName"]), (user, "readers"))
        self.assertEqual(out["PolicyDocument"], policy)

    def test_document_from_a_file_is_stored_as_written(self):
        user = self.new_user()
        text = json.dumps(ssm_access("/cli-iam/b/"), indent=2) + "\n"
        r = self.put(user, "from-file", "file://" + self.write_file(text))
        self.assertEqual(r.returncode, 0, self.redact(r.stderr))
        # What an SQL administrator sees.
        H = foundation.H
        r = subprocess.run([H.psql, H.database_url, "-v", "ON_ERROR_STOP=1", "-Atc",
                            "SELECT document FROM paramsafe.user_policies"
                            f" WHERE user_name = '{user}' AND policy_name = 'from-file'"],
                           capture_output=True, text=True, timeout=harness.PROCESS_TIMEOUT,
                           env=harness.clean_env())
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, text + "\n")  # psql ends the row with a newline
        out = self.admin_json("iam", "get-user-policy", "--user-name", user,
                              "--policy-name", "from-file")
        self.assertEqual(out["PolicyDocument"], json.loads(text))

    def test_missing_policy_file_is_a_usage_error(self):
        user = self.new_user()
        r = self.put(user, "p", "file://" + os.path.join(foundation.H.tmp, "nowhere.json"))
        self.assertEqual(r.returncode, 252, r.stderr)
        self.assertIn("Error parsing parameter '--policy-document': Unable to load paramfile",
                      r.stderr)
        self.assertEqual(self.policy_names(user), [])

    def test_list_names_every_policy_in_order_and_put_replaces(self):
        user = self.new_user()
        for name in ("b", "a", "C"):
            self.assertEqual(self.put(user, name, ssm_access(f"/cli-iam/{name}/")).returncode, 0)
        self.assertEqual(self.put(user, "a", ssm_access("/cli-iam/a2/")).returncode, 0)
        self.assertEqual(self.admin_json("iam", "list-user-policies", "--user-name", user),
                         {"PolicyNames": ["C", "a", "b"]})
        out = self.admin_json("iam", "get-user-policy", "--user-name", user, "--policy-name", "a")
        self.assertEqual(out["PolicyDocument"], ssm_access("/cli-iam/a2/"))

    def test_user_without_policies_lists_none(self):
        self.assertEqual(self.admin_json("iam", "list-user-policies", "--user-name",
                                         self.new_user()),
                         {"PolicyNames": []})

    def test_delete_removes_the_policy(self):
        user = self.new_user()
        self.put(user, "p", ssm_access("/cli-iam/c/"))
        self.put(user, "q", ssm_access("/cli-iam/d/"))
        r = self.admin_ok("iam", "delete-user-policy", "--user-name", user, "--policy-name", "p")
        self.assertEqual(r.stdout, "")
        self.assertEqual(self.policy_names(user), ["q"])

    def test_malformed_document_is_refused_and_nothing_is_stored(self):
        user = self.new_user()
        for document in ("not json", '{"Version":"2012-10-17","Statement":[{"Action":"*",'
                                     '"Resource":"*"}]}'):
            with self.subTest(document=document):
                r = self.put(user, "p", document)
                self.assert_iam_error(r, "PutUserPolicy", "MalformedPolicyDocument")
        self.assertEqual(self.policy_names(user), [])

    def test_unknown_user_is_no_such_entity(self):
        message = "The user with name cli-iam-nobody cannot be found."
        r = self.put("cli-iam-nobody", "p", ADMIN_POLICY)
        self.assert_iam_error(r, "PutUserPolicy", "NoSuchEntity", message)
        for command, operation in (("get-user-policy", "GetUserPolicy"),
                                   ("delete-user-policy", "DeleteUserPolicy")):
            r = self.admin("iam", command, "--user-name", "cli-iam-nobody", "--policy-name", "p")
            self.assert_iam_error(r, operation, "NoSuchEntity", message)
        r = self.admin("iam", "list-user-policies", "--user-name", "cli-iam-nobody")
        self.assert_iam_error(r, "ListUserPolicies", "NoSuchEntity", message)

    def test_unknown_policy_is_no_such_entity(self):
        user = self.new_user()
        for command, operation in (("get-user-policy", "GetUserPolicy"),
                                   ("delete-user-policy", "DeleteUserPolicy")):
            r = self.admin("iam", command, "--user-name", user, "--policy-name", "nope")
            self.assert_iam_error(r, operation, "NoSuchEntity",
                                  "The user policy with name nope cannot be found.")

    def test_policy_name_outside_iams_pattern_is_a_validation_error(self):
        user = self.new_user()
        r = self.put(user, "no spaces", ADMIN_POLICY)
        self.assert_iam_error(r, "PutUserPolicy", "ValidationError")
        self.assertIn("at 'policyName' failed to satisfy constraint", r.stderr)
        r = self.put(user, "x" * 129, ADMIN_POLICY)
        self.assert_iam_error(r, "PutUserPolicy", "ValidationError")

    def test_aggregate_size_over_2048_characters_is_limit_exceeded(self):
        user = self.new_user()

        def sized(n):
            # A valid document of exactly n characters that count (padded in
            # the resource name), with white space, which does not count.
            head = ('{"Version":"2012-10-17","Statement":[{"Effect":"Allow",'
                    '"Action":"ssm:GetParameter","Resource":"arn:aws:ssm:*:*:parameter/cli-iam/')
            tail = '"}]}'
            doc = head + "x" * (n - len(head) - len(tail)) + tail
            return doc.replace(",", ",\n    ")

        self.assertEqual(self.put(user, "p", sized(1200)).returncode, 0)
        r = self.put(user, "q", sized(849))
        self.assert_iam_error(r, "PutUserPolicy", "LimitExceeded",
                              f"Maximum policy size of 2048 bytes exceeded for user {user}")
        self.assertEqual(self.policy_names(user), ["p"])
        self.assertEqual(self.put(user, "q", sized(848)).returncode, 0)
        self.assertEqual(self.policy_names(user), ["p", "q"])

    def test_user_with_policies_is_deleted_only_after_them(self):
        user = self.new_user()
        self.put(user, "p", ADMIN_POLICY)
        r = self.admin("iam", "delete-user", "--user-name", user)
        self.assert_iam_error(r, "DeleteUser", "DeleteConflict",
                              "Cannot delete entity, must delete policies first.")
        self.admin_ok("iam", "delete-user-policy", "--user-name", user, "--policy-name", "p")
        self.admin_ok("iam", "delete-user", "--user-name", user)
        r = self.admin("iam", "get-user", "--user-name", user)
        self.assert_iam_error(r, "GetUser", "NoSuchEntity")

    # ---- bootstrap ------------------------------------------------------------

    def test_bootstrap_admin_holds_administrator_access(self):
        self.assertEqual(self.policy_names("admin"), ["AdministratorAccess"])
        out = self.admin_json("iam", "get-user-policy", "--user-name", "admin",
                              "--policy-name", "AdministratorAccess")
        self.assertEqual(out["PolicyDocument"], ADMIN_POLICY)
        # The same document passes put-user-policy's checks.
        user = self.new_user()
        self.assertEqual(self.put(user, "AdministratorAccess", ADMIN_POLICY).returncode, 0)

    def test_bootstrap_again_keeps_the_admins_policy_and_restores_a_missing_one(self):
        H = foundation.H
        env_file = os.path.join(H.tmp, "client-again.env")
        shutil.copyfile(H.client_env_file, env_file)

        def bootstrap():
            r = self.admin_ok("bootstrap", "--client-env", env_file, "--endpoint", H.endpoint)
            self.assertIn("reusing access key", r.stdout)

        # Still everything, spelled differently, so the admin's requests in
        # between are not affected.
        edited = {"Version": "2012-10-17",
                  "Statement": [{"Sid": "Edited", "Effect": "Allow", "Action": "*",
                                 "Resource": "*"}]}
        try:
            self.assertEqual(self.put("admin", "AdministratorAccess", edited).returncode, 0)
            bootstrap()
            out = self.admin_json("iam", "get-user-policy", "--user-name", "admin",
                                  "--policy-name", "AdministratorAccess")
            self.assertEqual(out["PolicyDocument"], edited)
            self.admin_ok("iam", "delete-user-policy", "--user-name", "admin",
                          "--policy-name", "AdministratorAccess")
            bootstrap()
        finally:
            if "AdministratorAccess" not in self.policy_names("admin"):
                self.put("admin", "AdministratorAccess", ADMIN_POLICY)
        out = self.admin_json("iam", "get-user-policy", "--user-name", "admin",
                              "--policy-name", "AdministratorAccess")
        self.assertEqual(out["PolicyDocument"], ADMIN_POLICY)
        self.assertEqual(self.policy_names("admin"), ["AdministratorAccess"])

    # ---- what running servers see ---------------------------------------------

    def test_policy_changes_reach_the_server_within_auth_cache_ms(self):
        H = foundation.H
        user = self.new_user()
        key = self.admin_json("iam", "create-access-key", "--user-name", user)["AccessKey"]
        H.secrets.add(key["SecretAccessKey"])
        ssm = H.ssm(access_key_id=key["AccessKeyId"], secret_access_key=key["SecretAccessKey"])
        name = self.unique("value")
        put = dict(Name=name, Value="v", Type="String", Overwrite=True)
        self.assertEqual(error_code(ssm.put_parameter, **put), "AccessDeniedException")

        self.assertEqual(self.put(user, "p", ssm_access("/e2e/cli-iam/")).returncode, 0)
        self.assertTrue(eventually(lambda: error_code(ssm.put_parameter, **put) is None,
                                   AUTH_CACHE_S + 1), "the new policy never took effect")

        self.admin_ok("iam", "delete-user-policy", "--user-name", user, "--policy-name", "p")
        started = time.monotonic()
        self.assertTrue(eventually(
            lambda: error_code(ssm.put_parameter, **put) == "AccessDeniedException",
            AUTH_CACHE_S + 1), "the deleted policy still allowed the write")
        self.assertLessEqual(time.monotonic() - started, AUTH_CACHE_S + 1)

    def test_key_rotation_without_downtime(self):
        H = foundation.H
        user = self.new_user()
        self.assertEqual(self.put(user, "p", ssm_access("/e2e/cli-iam/")).returncode, 0)
        name = self.unique("rotated")
        put = dict(Name=name, Value="v", Type="String", Overwrite=True)

        def client(key):
            H.secrets.add(key["SecretAccessKey"])
            return H.ssm(access_key_id=key["AccessKeyId"],
                         secret_access_key=key["SecretAccessKey"])

        old = self.admin_json("iam", "create-access-key", "--user-name", user)["AccessKey"]
        old_ssm = client(old)
        self.assertTrue(eventually(lambda: error_code(old_ssm.put_parameter, **put) is None,
                                   AUTH_CACHE_S + 1))
        # 1. a second key, working at once, while the first still works
        new = self.admin_json("iam", "create-access-key", "--user-name", user)["AccessKey"]
        new_ssm = client(new)
        self.assertIsNone(error_code(new_ssm.put_parameter, **put))
        self.assertIsNone(error_code(old_ssm.put_parameter, **put))
        # 2. the first deactivated: refused within auth_cache_ms, the second unaffected
        self.admin_ok("iam", "update-access-key", "--user-name", user,
                      "--access-key-id", old["AccessKeyId"], "--status", "Inactive")
        self.assertTrue(eventually(
            lambda: error_code(old_ssm.put_parameter, **put) == "UnrecognizedClientException",
            AUTH_CACHE_S + 1), "the deactivated key still worked")
        self.assertIsNone(error_code(new_ssm.put_parameter, **put))
        # 3. deleted for good
        self.admin_ok("iam", "delete-access-key", "--user-name", user,
                      "--access-key-id", old["AccessKeyId"])
        keys = self.admin_json("iam", "list-access-keys", "--user-name", user)
        self.assertEqual([k["AccessKeyId"] for k in keys["AccessKeyMetadata"]],
                         [new["AccessKeyId"]])
        self.assertEqual(error_code(old_ssm.put_parameter, **put), "UnrecognizedClientException")
        self.assertIsNone(error_code(new_ssm.put_parameter, **put))


# ---------------------------------------------------------------------------------
# the audit, always last


class Audit(foundation.AuditCases, E2ETestCase):
    """This module's audit: after its tests, on the same server."""


SUITES = {
    "cli_iam": [IamCliTest],
}


def load_tests(loader, tests, pattern):
    """`python3 -m unittest test_cli_iam`: every suite of this module, the audit last."""
    return foundation.build_suite(SUITES, Audit)


if __name__ == "__main__":
    sys.exit(foundation.main(SUITES, Audit, __doc__))
