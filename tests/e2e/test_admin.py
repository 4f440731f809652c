#!/usr/bin/env python3
"""End-to-end tests of the admin CLI's output shapes, against a running server.

  admin     `paramsafe iam ...`

  test_admin.py --server S --plugin P --cli C [--suite admin] [-k PATTERN]

One server on a scratch database per run, then the audit (foundation.py). Needs
PARAMSAFE_TEST_DATABASE_URL (see harness.py).
"""

import datetime
import json
import os
import secrets
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import foundation  # noqa: E402
from foundation import E2ETestCase, setUpModule, tearDownModule  # noqa: E402,F401


class AdminCliTest(E2ETestCase):
    TAG = "admin"

    def test_create_access_key_prints_iam_access_key_shape(self):
        user = f"e2e-admin-{secrets.token_hex(4)}"
        key = foundation.H.create_user_with_key(user).get("AccessKey")
        self.assertIsInstance(key, dict)
        self.assertEqual(set(key), {"UserName", "AccessKeyId", "Status", "SecretAccessKey",
                                    "CreateDate"})
        self.assertEqual(key["UserName"], user)
        self.assertEqual(key["Status"], "Active")
        self.assertRegex(key["AccessKeyId"], r"^AKIA[A-Z2-7]{16}$")
        self.assertTrue(len(key["SecretAccessKey"]) == 40, "secret is not 40 characters")
        created = datetime.datetime.fromisoformat(key["CreateDate"])
        age = datetime.datetime.now(datetime.timezone.utc) - created
        self.assertLess(abs(age.total_seconds()), 600, f"CreateDate {key['CreateDate']}")

    def test_list_access_keys_shows_status(self):
        user = f"e2e-admin-{secrets.token_hex(4)}"
        key_id = foundation.H.create_user_with_key(user)["AccessKey"]["AccessKeyId"]
        r = foundation.H.run_admin("iam", "update-access-key", "--access-key-id", key_id,
                                   "--status", "Inactive")
        self.assertEqual(r.returncode, 0, r.stderr)
        r = foundation.H.run_admin("iam", "list-access-keys", "--user-name", user)
        self.assertEqual(r.returncode, 0, r.stderr)
        keys = json.loads(r.stdout)["AccessKeyMetadata"]
        self.assertEqual([(k["AccessKeyId"], k["Status"]) for k in keys], [(key_id, "Inactive")])


# ---------------------------------------------------------------------------------
# the audit, always last


class Audit(foundation.AuditCases, E2ETestCase):
    """This module's audit: after its tests, on the same server."""


SUITES = {
    "admin": [AdminCliTest],
}


def load_tests(loader, tests, pattern):
    """`python3 -m unittest test_admin`: every suite of this module, the audit last."""
    return foundation.build_suite(SUITES, Audit)


if __name__ == "__main__":
    sys.exit(foundation.main(SUITES, Audit, __doc__))
