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
import foundation  # noqa: E402
import secrets_manager as sm  # noqa: E402
from secrets_manager import setUpModule, tearDownModule  # noqa: E402,F401
from sm_cases_listing import BATCH_CASES, LISTING_CASES  # noqa: E402
from sm_cases_metadata import METADATA_CASES  # noqa: E402
from sm_cases_values import VALUE_CASES  # noqa: E402
from sm_cases_versions import VERSION_CASES  # noqa: E402

CASES = VALUE_CASES + VERSION_CASES + LISTING_CASES + METADATA_CASES


class Boto3Client:
    """Mixin: the client under test is boto3 under PYTHON, whose botocore must
    start with BOTOCORE ('1.29' old Debian, '1.4' new PyPI)."""

    PYTHON = None
    BOTOCORE = None

    @classmethod
    def setUpClass(cls):
        if not cls.PYTHON or not os.path.isfile(cls.PYTHON):
            raise AssertionError(f"interpreter {cls.PYTHON!r} not found")
        cls.c = sm.worker(cls.PYTHON)
        version = cls.c.info()["botocore"]
        if not version.startswith(cls.BOTOCORE):
            raise AssertionError(f"{cls.PYTHON} has botocore {version}, expected {cls.BOTOCORE}x")
        super().setUpClass()


def suite_classes(tag, python, botocore, new_model):
    """One test class per case mixin, for one client."""
    classes = []
    for case in CASES + (BATCH_CASES if new_model else []):
        name = f"{case.__name__.removesuffix('Cases')}_{tag}"
        classes.append(type(name, (case, Boto3Client, sm.SmTestCase), {
            "TAG": tag, "PYTHON": python, "BOTOCORE": botocore, "NEW_MODEL": new_model,
            "__module__": __name__}))
        globals()[name] = classes[-1]
    return classes


SUITES = {
    "boto3_new": suite_classes("smboto3new", sm.NEW_PYTHON, "1.4", True),
    "boto3_old": suite_classes("smboto3old", sm.OLD_PYTHON, "1.29", False),
}


class Audit(sm.SmAuditCases, foundation.E2ETestCase):
    """This module's audit: after its tests, on the same server."""

    @classmethod
    def tearDownClass(cls):
        sm.close_workers()
        super().tearDownClass()


def load_tests(loader, tests, pattern):
    """`python3 -m unittest test_sm_boto3`: every suite of this module, the audit last."""
    return foundation.build_suite(SUITES, Audit)


if __name__ == "__main__":
    sys.exit(foundation.main(SUITES, Audit, __doc__))
