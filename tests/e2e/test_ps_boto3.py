#!/usr/bin/env python3
"""End-to-end tests of the Parameter Store API through boto3, new and old: every
operation, its documented errors (__type and HTTP status), filters, and the
paginators over 266 parameters, run once per client.

  boto3_new   boto3 under `python3` on PATH (PyPI; or $PARAMSAFE_E2E_PYTHON_NEW)
  boto3_old   boto3 under /usr/bin/python3 (Debian; or $PARAMSAFE_E2E_PYTHON_OLD)

  test_ps_boto3.py --server S --plugin P --cli C [--suite NAME] [-k PATTERN]

Each client runs in its own ps_boto3_worker.py process; fixtures use boto3 in
this process. The cases live in ps_cases_*.py. One server on a scratch database
per run, then the audit (foundation.py). Needs PARAMSAFE_TEST_DATABASE_URL.
"""

import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import client_drivers  # noqa: E402
import foundation  # noqa: E402
import parameter_store as ps  # noqa: E402
from parameter_store import setUpModule, tearDownModule  # noqa: E402,F401
from ps_cases_listing import LISTING_CASES  # noqa: E402
from ps_cases_tags import TAG_CASES  # noqa: E402
from ps_cases_values import VALUE_CASES  # noqa: E402
from ps_cases_versions import VERSION_CASES  # noqa: E402

CASES = VALUE_CASES + VERSION_CASES + LISTING_CASES + TAG_CASES


def suite_classes(tag, python, botocore, new_model):
    """One test class per case mixin, for one client."""
    return client_drivers.boto3_suite_classes(__name__, CASES, ps.PsTestCase, tag, python,
                                              botocore, new_model)


SUITES = {
    "boto3_new": suite_classes("boto3new", ps.NEW_PYTHON, "1.4", True),
    "boto3_old": suite_classes("boto3old", ps.OLD_PYTHON, "1.29", False),
}


class Audit(foundation.AuditCases, foundation.E2ETestCase):
    """This module's audit: after its tests, on the same server."""


def load_tests(loader, tests, pattern):
    """`python3 -m unittest test_ps_boto3`: every suite of this module, the audit last."""
    return foundation.build_suite(SUITES, Audit)


if __name__ == "__main__":
    sys.exit(foundation.main(SUITES, Audit, __doc__))
