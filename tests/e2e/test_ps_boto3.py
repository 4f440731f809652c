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
import shutil
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import foundation  # noqa: E402
import parameter_store as ps  # noqa: E402
from parameter_store import setUpModule, tearDownModule  # noqa: E402,F401
from ps_cases_listing import LISTING_CASES  # noqa: E402
from ps_cases_tags import TAG_CASES  # noqa: E402
from ps_cases_values import VALUE_CASES  # noqa: E402
from ps_cases_versions import VERSION_CASES  # noqa: E402

NEW_PYTHON = foundation.tool("PARAMSAFE_E2E_PYTHON_NEW", shutil.which("python3"))
OLD_PYTHON = foundation.tool("PARAMSAFE_E2E_PYTHON_OLD", "/usr/bin/python3")
CASES = VALUE_CASES + VERSION_CASES + LISTING_CASES + TAG_CASES

_workers = {}


def worker(python):
    """One worker per interpreter per server, shared by that client's classes."""
    w = _workers.get(python)
    if w is None or w[0] is not ps.H():
        if w is not None:
            w[1].close()
        _workers[python] = (ps.H(), ps.WorkerDriver(python))
    return _workers[python][1]


class Boto3Client:
    """Mixin: the client under test is boto3 under PYTHON, whose botocore must
    start with BOTOCORE ('1.2' old Debian, '1.4' new PyPI)."""

    PYTHON = None
    BOTOCORE = None
    NEW_MODEL = None  # ParameterMetadata has ARN, TagValue may be ""

    @classmethod
    def setUpClass(cls):
        if not cls.PYTHON or not os.path.isfile(cls.PYTHON):
            raise AssertionError(f"interpreter {cls.PYTHON!r} not found")
        cls.c = worker(cls.PYTHON)
        version = cls.c.info()["botocore"]
        if not version.startswith(cls.BOTOCORE):
            raise AssertionError(f"{cls.PYTHON} has botocore {version}, expected {cls.BOTOCORE}x")
        super().setUpClass()


def suite_classes(tag, python, botocore, new_model):
    """One test class per case mixin, for one client."""
    classes = []
    for case in CASES:
        name = f"{case.__name__.removesuffix('Cases')}_{tag}"
        classes.append(type(name, (case, Boto3Client, ps.PsTestCase), {
            "TAG": tag, "PYTHON": python, "BOTOCORE": botocore, "NEW_MODEL": new_model,
            "__module__": __name__}))
        globals()[name] = classes[-1]
    return classes


SUITES = {
    "boto3_new": suite_classes("boto3new", NEW_PYTHON, "1.4", True),
    "boto3_old": suite_classes("boto3old", OLD_PYTHON, "1.29", False),
}


class Audit(foundation.AuditCases, foundation.E2ETestCase):
    """This module's audit: after its tests, on the same server."""

    @classmethod
    def tearDownClass(cls):
        for _, w in _workers.values():
            w.close()
        _workers.clear()
        super().tearDownClass()


def load_tests(loader, tests, pattern):
    """`python3 -m unittest test_ps_boto3`: every suite of this module, the audit last."""
    return foundation.build_suite(SUITES, Audit)


if __name__ == "__main__":
    sys.exit(foundation.main(SUITES, Audit, __doc__))
