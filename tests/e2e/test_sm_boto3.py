#!/usr/bin/env python3
"""End-to-end tests of the Secrets Manager API through boto3, new and old: every
operation, its documented errors (__type and HTTP status), secret ids,
idempotency, staging labels, ListSecrets filters and paging, BatchGetSecretValue
(new boto3 only: the Debian model does not have it), run once per client.

  boto3_new   boto3 under `python3` on PATH (PyPI 1.43; or $PARAMSAFE_E2E_PYTHON_NEW)
  boto3_old   boto3 under /usr/bin/python3 (Debian 1.26; or $PARAMSAFE_E2E_PYTHON_OLD)

  test_sm_boto3.py --server S --plugin P --cli C [--suite NAME] [-k PATTERN]

Each client runs in its own sm_boto3_worker.py process; fixtures use boto3 in
this process. The cases live in sm_cases_*.py; the deletion window, the bridge,
concurrency and bad input have their own modules. One server on a scratch
database per run, then the audit (foundation.py). Needs
PARAMSAFE_TEST_DATABASE_URL.
"""

import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import client_drivers  # noqa: E402
import foundation  # noqa: E402
import secrets_manager as sm  # noqa: E402
from secrets_manager import setUpModule, tearDownModule  # noqa: E402,F401
from sm_cases_listing import BATCH_CASES, LISTING_CASES  # noqa: E402
from sm_cases_metadata import METADATA_CASES  # noqa: E402
from sm_cases_resource_policy import RESOURCE_POLICY_CASES  # noqa: E402
from sm_cases_values import VALUE_CASES  # noqa: E402
from sm_cases_versions import VERSION_CASES  # noqa: E402

CASES = VALUE_CASES + VERSION_CASES + LISTING_CASES + METADATA_CASES + RESOURCE_POLICY_CASES


def suite_classes(tag, python, botocore, new_model):
    """One test class per case mixin, for one client (BATCH_CASES: new models only)."""
    cases = CASES + (BATCH_CASES if new_model else [])
    return client_drivers.boto3_suite_classes(__name__, cases, sm.SmTestCase, tag, python,
                                              botocore, new_model)


SUITES = {
    "boto3_new": suite_classes("smboto3new", sm.NEW_PYTHON, "1.4", True),
    "boto3_old": suite_classes("smboto3old", sm.OLD_PYTHON, "1.29", False),
}


class Audit(sm.SmAuditCases, foundation.E2ETestCase):
    """This module's audit: after its tests, on the same server."""


def load_tests(loader, tests, pattern):
    """`python3 -m unittest test_sm_boto3`: every suite of this module, the audit last."""
    return foundation.build_suite(SUITES, Audit)


if __name__ == "__main__":
    sys.exit(foundation.main(SUITES, Audit, __doc__))
