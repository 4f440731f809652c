"""Parameter Store cases, part 3: listing — DescribeParameters and
GetParametersByPath with every filter key and option, their errors, and paging
(NextToken, MaxResults, boto3 paginators) over a set of 265 parameters.

Mixins over parameter_store.PsTestCase (see ps_cases_values.py).
"""

import json
import os
import secrets
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import parameter_store as ps  # noqa: E402
from parameter_store import mask  # noqa: E402

BOTH_FILTERS = "You can use either Filters or ParameterFilters in a single request."
LABEL_NOT_FOR_DESCRIBE = ("The following filter key is not valid: Label. Valid filter keys "
                          "include: [Path, Name, Type, KeyId, Tier].")
NAME_NOT_FOR_BY_PATH = ("The following filter key is not valid: Name. Valid filter keys "
                        "include: [Type, KeyId].")
COMMON_PREFIX = "Filters for common parameters can't be prefixed with \"aws\" or \"ssm\""


# ---------------------------------------------------------------------------------
# the paging set: 265 parameters alone in their region, made once per process

PAGING_REGION = "eu-central-1"
PAGING_GROUPS, PAGING_PER_GROUP, PAGING_ROOT = 13, 20, 5
HISTORY_VERSIONS = 105
_paging = {}


def paging_set():
    """{"names": every name in PAGING_REGION, "grouped": /page/g<g>/p<i> names,
    "root": single-level names, "history": a name with 105 versions}. Built with
    in-process boto3 on first use; the region holds nothing else."""
    if _paging.get("harness") is ps.H():
        return _paging
    fx = ps.InProcessDriver()
    grouped = [f"/page/g{g:02d}/p{i:03d}" for g in range(PAGING_GROUPS)
               for i in range(PAGING_PER_GROUP)]
    root = [f"pageroot{i}" for i in range(PAGING_ROOT)]
    history = "/page-history/h"
    for name in grouped + root:
        r = fx.call("PutParameter", region=PAGING_REGION, Name=name, Value="v-" + name,
                    Type="String")
        if not r.ok:
            raise AssertionError(f"paging set: PutParameter {name}: {r!r}")
    replies = fx.repeat("PutParameter", HISTORY_VERSIONS, "Value", region=PAGING_REGION,
                        Name=history, Value="h", Type="String", Overwrite=True)
    if [r.get("Version") for r in replies] != list(range(1, HISTORY_VERSIONS + 1)):
        raise AssertionError(f"paging set: history versions {replies[:3]}...")
    _paging.clear()
    _paging.update(harness=ps.H(), grouped=grouped, root=root, history=history,
                   names=sorted(grouped + root + [history]))
    return _paging


def names_of(items):
    return [p["Name"] for p in items]


class PagingCases:
    """boto3 paginators and raw NextToken paging over the paging set."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pset = paging_set()

    def pages(self, name, config=None, **params):
        pages, error = self.c.paginate(name, config=config, region=PAGING_REGION, **params)
        if error:
            self.fail(f"{name} paginator failed after {len(pages)} pages: {error!r}")
        return pages

    def assert_exactly_once(self, got, expected):
        dupes = sorted({n for n in got if got.count(n) > 1})
        self.assertEqual(dupes, [], "listed more than once")
        self.assertEqual(sorted(got), sorted(expected))

    def test_describe_parameters_paginator_lists_every_parameter_once(self):
        pages = self.pages("describe_parameters")
        self.assertGreaterEqual(len(pages), 6)  # 266 at most 50 a page
        self.assertTrue(all(len(p["Parameters"]) <= 50 for p in pages))
        self.assert_exactly_once(names_of(p for pg in pages for p in pg["Parameters"]),
                                 self.pset["names"])

    def test_describe_parameters_paginator_with_small_pages(self):
        pages = self.pages("describe_parameters", config={"PageSize": 7},
                           ParameterFilters=[{"Key": "Path", "Option": "Recursive",
                                              "Values": ["/page"]}])
        self.assertTrue(all(len(p["Parameters"]) <= 7 for p in pages))
        self.assertGreaterEqual(len(pages), 38)
        self.assert_exactly_once(names_of(p for pg in pages for p in pg["Parameters"]),
                                 self.pset["grouped"])

    def test_get_parameters_by_path_paginator_from_root_recursive(self):
        pages = self.pages("get_parameters_by_path", Path="/", Recursive=True)
        self.assertTrue(all(len(p["Parameters"]) <= 10 for p in pages))
        self.assertGreaterEqual(len(pages), 27)
        items = [p for pg in pages for p in pg["Parameters"]]
        self.assert_exactly_once(names_of(items), self.pset["names"])
        by_name = {p["Name"]: p for p in items}
        self.assertEqual(by_name["/page/g03/p007"]["Value"], "v-/page/g03/p007")

    def test_get_parameters_by_path_paginator_one_level_and_subtree(self):
        self.assert_exactly_once(
            names_of(p for pg in self.pages("get_parameters_by_path", Path="/")
                     for p in pg["Parameters"]), self.pset["root"])
        self.assert_exactly_once(
            names_of(p for pg in self.pages("get_parameters_by_path", Path="/page/g05")
                     for p in pg["Parameters"]),
            [n for n in self.pset["grouped"] if n.startswith("/page/g05/")])
        self.assert_exactly_once(
            names_of(p for pg in self.pages("get_parameters_by_path", Path="/page",
                                            Recursive=True, config={"PageSize": 4})
                     for p in pg["Parameters"]), self.pset["grouped"])
        self.assertEqual(names_of(p for pg in self.pages("get_parameters_by_path", Path="/page")
                                  for p in pg["Parameters"]), [])

    def test_get_parameter_history_paginator_shows_the_last_100_versions(self):
        pages = self.pages("get_parameter_history", config={"PageSize": 7},
                           Name=self.pset["history"])
        self.assertTrue(all(len(p["Parameters"]) <= 7 for p in pages))
        versions = [h["Version"] for pg in pages for h in pg["Parameters"]]
        first = HISTORY_VERSIONS - 99
        self.assertEqual(versions, list(range(first, HISTORY_VERSIONS + 1)))
        values = [h["Value"] for pg in pages for h in pg["Parameters"]]
        self.assertEqual(values[0], f"h-{first - 1}")  # the repeat's call i wrote version i+1

    def test_max_items_and_starting_token_resume_without_gap_or_repeat(self):
        first = self.pages("describe_parameters", config={"MaxItems": 25, "PageSize": 10})
        token = self.c.resume_token
        self.assertTrue(token, "no resume token after MaxItems")
        rest = self.pages("describe_parameters", config={"StartingToken": token, "PageSize": 10})
        got = names_of(p for pg in first for p in pg["Parameters"])
        self.assertEqual(len(got), 25)
        got += names_of(p for pg in rest for p in pg["Parameters"])
        self.assert_exactly_once(got, self.pset["names"])

    def test_next_token_pages_stay_exact_under_concurrent_inserts_and_deletes(self):
        """Items inserted and deleted while paging (before and after the cursor)
        never make an original item skipped or repeated."""
        flt = [{"Key": "Path", "Option": "Recursive", "Values": ["/page"]}]
        added = []

        def cleanup():
            for i in range(0, len(added), 10):
                self.fx.call("DeleteParameters", region=PAGING_REGION, Names=added[i:i + 10])
        self.addCleanup(cleanup)
        seen, token, page_no = [], None, 0
        while True:
            kw = {"NextToken": token} if token else {}
            page = self.ok("DescribeParameters", region=PAGING_REGION, ParameterFilters=flt,
                           MaxResults=10, **kw)
            seen += [n for n in names_of(page["Parameters"]) if "/new" not in n]
            token = page.get("NextToken")
            if not token:
                break
            page_no += 1
            # A name sorting before the cursor, one after, one at the cursor's group.
            for k, g in enumerate((0, PAGING_GROUPS - 1, min(page_no // 2, PAGING_GROUPS - 1))):
                name = f"/page/g{g:02d}/new{page_no:03d}-{k}"
                self.ok("PutParameter", driver=self.fx, region=PAGING_REGION, Name=name,
                        Value="n", Type="String")
                added.append(name)
            if page_no % 3 == 0:  # delete some of the newcomers again
                gone, added[:] = added[:2], added[2:]
                self.ok("DeleteParameters", driver=self.fx, region=PAGING_REGION, Names=gone)
        self.assertGreaterEqual(page_no, 26)
        self.assert_exactly_once(seen, self.pset["grouped"])

    def test_manual_pages_of_get_parameters_by_path_with_max_results(self):
        seen, token, pages = [], None, 0
        while True:
            kw = {"NextToken": token} if token else {}
            page = self.ok("GetParametersByPath", region=PAGING_REGION, Path="/page/g07",
                           MaxResults=3, **kw)
            self.assertLessEqual(len(page["Parameters"]), 3)
            seen += names_of(page["Parameters"])
            pages += 1
            token = page.get("NextToken")
            if not token:
                break
        self.assertGreaterEqual(pages, 7)
        self.assert_exactly_once(seen, [n for n in self.pset["grouped"]
                                        if n.startswith("/page/g07/")])

    def test_next_token_of_another_listing_is_invalid_next_token(self):
        page = self.ok("DescribeParameters", region=PAGING_REGION, MaxResults=5)
        self.err("InvalidNextToken", "GetParametersByPath", region=PAGING_REGION, Path="/page",
                 Recursive=True, NextToken=page["NextToken"])
        self.err("InvalidNextToken", "DescribeParameters", region=PAGING_REGION,
                 NextToken="not-a-token")
        self.err("InvalidNextToken", "DescribeParameters", region=PAGING_REGION,
                 NextToken=page["NextToken"][:-3])


# ---------------------------------------------------------------------------------
# filters, over a small set of every kind


class FilterSet:
    """Mixin: builds, once per class, P/str, P/list, P/sec, P/sec2 (customer key),
    P/adv, P/img, P/sub/deep, P/sub/deeper/leaf under a fresh P."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        P = f"/e2e/{cls.TAG}/filters-{secrets.token_hex(4)}"
        cls.P = P
        cls.alias = f"alias/e2e-filters-{secrets.token_hex(4)}"
        r = ps.H().run_admin("kms", "create-key", "--alias", cls.alias)
        if r.returncode != 0:
            raise AssertionError(f"kms create-key: {ps.H().secrets.redact(r.stderr)}")
        cls.secret1, cls.secret2 = ps.H().secrets.canary(), ps.H().secrets.canary()
        puts = [
            dict(Name=P + "/str", Value="s1", Type="String"),
            dict(Name=P + "/str", Value="s2", Overwrite=True),
            dict(Name=P + "/list", Value="a,b", Type="StringList"),
            dict(Name=P + "/sec", Value=cls.secret1, Type="SecureString"),
            dict(Name=P + "/sec2", Value=cls.secret2, Type="SecureString", KeyId=cls.alias),
            dict(Name=P + "/adv", Value="a", Type="String", Tier="Advanced"),
            dict(Name=P + "/img", Value="ami-0123456789abcdef0", Type="String",
                 DataType="aws:ec2:image"),
            dict(Name=P + "/sub/deep", Value="d", Type="String"),
            dict(Name=P + "/sub/deeper/leaf", Value="l", Type="String"),
        ]
        for kw in puts:
            r = cls.fx.call("PutParameter", **kw)
            if not r.ok:
                raise AssertionError(f"filter set: PutParameter {kw['Name']}: {r!r}")
        # Tags through AddTagsToResource: Tags on PutParameter have their own tests.
        for op, kw in (("LabelParameterVersion", dict(Name=P + "/str", ParameterVersion=1,
                                                      Labels=["old"])),
                       ("AddTagsToResource", dict(ResourceType="Parameter", ResourceId=P + "/str",
                                                  Tags=[{"Key": "env", "Value": "prod"},
                                                        {"Key": "team", "Value": "core"}])),
                       ("AddTagsToResource", dict(ResourceType="Parameter",
                                                  ResourceId=P + "/list",
                                                  Tags=[{"Key": "env", "Value": "preprod"}]))):
            r = cls.fx.call(op, **kw)
            if not r.ok:
                raise AssertionError(f"filter set: {op}: {r!r}")

    def rel(self, names):
        return sorted(n[len(self.P) + 1:] for n in names)

    def describe_in_set(self, *filters, **kw):
        flt = [{"Key": "Path", "Option": "Recursive", "Values": [self.P]}, *filters]
        pages, error = self.c.paginate("describe_parameters", ParameterFilters=flt, **kw)
        if error:
            self.fail(f"DescribeParameters {json.dumps(filters)}: {error!r}")
        return self.rel(names_of(p for pg in pages for p in pg["Parameters"]))


ONE_LEVEL = ["adv", "img", "list", "sec", "sec2", "str"]
ALL = sorted(ONE_LEVEL + ["sub/deep", "sub/deeper/leaf"])
STRINGS = ["adv", "img", "list", "str", "sub/deep", "sub/deeper/leaf"]


class DescribeFilterCases(FilterSet):
    def test_path_one_level_and_recursive(self):
        pages, _ = self.c.paginate("describe_parameters", ParameterFilters=[
            {"Key": "Path", "Values": [self.P]}])  # OneLevel is the default
        self.assertEqual(self.rel(names_of(p for pg in pages for p in pg["Parameters"])),
                         ONE_LEVEL)
        pages, _ = self.c.paginate("describe_parameters", ParameterFilters=[
            {"Key": "Path", "Option": "OneLevel", "Values": [self.P + "/sub"]}])
        self.assertEqual(self.rel(names_of(p for pg in pages for p in pg["Parameters"])),
                         ["sub/deep"])
        self.assertEqual(self.describe_in_set(), ALL)

    def test_name_equals_begins_with_contains(self):
        self.assertEqual(self.describe_in_set({"Key": "Name", "Values": [self.P + "/str"]}),
                         ["str"])
        self.assertEqual(self.describe_in_set({"Key": "Name", "Option": "Equals",
                                               "Values": [self.P + "/sec", self.P + "/adv"]}),
                         ["adv", "sec"])
        self.assertEqual(self.describe_in_set({"Key": "Name", "Option": "BeginsWith",
                                               "Values": [self.P + "/s"]}),
                         ["sec", "sec2", "str", "sub/deep", "sub/deeper/leaf"])
        self.assertEqual(self.describe_in_set({"Key": "Name", "Option": "Contains",
                                               "Values": ["sec"]}), ["sec", "sec2"])

    def test_type_key_id_tier_data_type(self):
        cases = [
            ({"Key": "Type", "Values": ["SecureString"]}, ["sec", "sec2"]),
            ({"Key": "Type", "Option": "Equals", "Values": ["String", "StringList"]}, STRINGS),
            ({"Key": "Type", "Option": "BeginsWith", "Values": ["String"]}, STRINGS),
            ({"Key": "KeyId", "Values": ["alias/aws/ssm"]}, ["sec"]),
            ({"Key": "KeyId", "Option": "Equals", "Values": [self.alias]}, ["sec2"]),
            ({"Key": "KeyId", "Option": "BeginsWith", "Values": ["alias/"]}, ["sec", "sec2"]),
            ({"Key": "Tier", "Values": ["Advanced"]}, ["adv"]),
            ({"Key": "Tier", "Option": "Equals", "Values": ["Standard"]},
             sorted(set(ALL) - {"adv"})),
            ({"Key": "DataType", "Values": ["aws:ec2:image"]}, ["img"]),
            ({"Key": "DataType", "Option": "BeginsWith", "Values": ["te"]},
             sorted(set(ALL) - {"img"})),
        ]
        for flt, expected in cases:
            with self.subTest(filter=flt):
                self.assertEqual(self.describe_in_set(flt), expected)

    def test_tag_filters(self):
        self.assertEqual(self.describe_in_set({"Key": "tag:env", "Values": ["prod"]}), ["str"])
        self.assertEqual(self.describe_in_set({"Key": "tag:env", "Option": "BeginsWith",
                                               "Values": ["pr"]}), ["list", "str"])
        self.assertEqual(self.describe_in_set({"Key": "tag:team", "Option": "Equals",
                                               "Values": ["core", "other"]}), ["str"])
        self.assertEqual(self.describe_in_set({"Key": "tag:env", "Values": ["prod"]},
                                              {"Key": "Type", "Values": ["StringList"]}), [])

    def test_legacy_filters(self):
        pages, error = self.c.paginate("describe_parameters", Filters=[
            {"Key": "Name", "Values": [self.P + "/s"]}])
        self.assertIsNone(error)
        self.assertEqual(self.rel(names_of(p for pg in pages for p in pg["Parameters"])),
                         ["sec", "sec2", "str", "sub/deep", "sub/deeper/leaf"])
        pages, error = self.c.paginate("describe_parameters", Filters=[
            {"Key": "Type", "Values": ["SecureString"]}, {"Key": "KeyId", "Values": [self.alias]}])
        self.assertIsNone(error)
        self.assertEqual(names_of(p for pg in pages for p in pg["Parameters"]), [self.P + "/sec2"])

    def test_metadata_shape(self):
        pages, _ = self.c.paginate("describe_parameters", ParameterFilters=[
            {"Key": "Name", "Values": [self.P + "/sec", self.P + "/str"]}])
        by_name = {p["Name"]: p for pg in pages for p in pg["Parameters"]}
        sec, st = by_name[self.P + "/sec"], by_name[self.P + "/str"]
        for m in (sec, st):
            self.assert_timestamp(m.pop("LastModifiedDate"))
            self.assertNotIn("Value", m)
            if "ARN" in m or self.NEW_MODEL:
                self.assertEqual(m.pop("ARN"), ps.arn(m["Name"]))
        self.assertEqual(sec, {"Name": self.P + "/sec", "Type": "SecureString",
                               "KeyId": "alias/aws/ssm", "LastModifiedUser": ps.ADMIN_ARN,
                               "Version": 1, "Tier": "Standard", "Policies": [],
                               "DataType": "text"})
        self.assertEqual(st, {"Name": self.P + "/str", "Type": "String",
                              "LastModifiedUser": ps.ADMIN_ARN, "Version": 2, "Tier": "Standard",
                              "Policies": [], "DataType": "text"})

    def test_describe_filter_errors(self):
        path = {"Key": "Path", "Option": "Recursive", "Values": [self.P]}
        self.err("ValidationException", "DescribeParameters", message=BOTH_FILTERS,
                 Filters=[{"Key": "Name", "Values": [self.P]}], ParameterFilters=[path])
        self.err("InvalidFilterKey", "DescribeParameters", message=LABEL_NOT_FOR_DESCRIBE,
                 ParameterFilters=[{"Key": "Label", "Values": ["x"]}])
        self.err("InvalidFilterKey", "DescribeParameters",
                 contains="The following filter is duplicated in the request",
                 ParameterFilters=[path, path])
        self.err("InvalidFilterValue", "DescribeParameters",
                 ParameterFilters=[{"Key": "Name", "Option": "Equals"}])
        self.err("InvalidFilterOption", "DescribeParameters",
                 contains="The following filter option is not valid: Foo",
                 ParameterFilters=[{"Key": "Name", "Option": "Foo", "Values": ["x"]}])
        self.err("InvalidFilterOption", "DescribeParameters",
                 contains="The following filter option is not valid: BeginsWith",
                 ParameterFilters=[{"Key": "Path", "Option": "BeginsWith", "Values": ["/x"]}])
        self.err("InvalidFilterOption", "DescribeParameters",
                 ParameterFilters=[{"Key": "Type", "Option": "Contains", "Values": ["String"]}])
        self.err("ValidationException", "DescribeParameters", contains=COMMON_PREFIX,
                 ParameterFilters=[{"Key": "Path", "Values": ["/aws/x"]}])
        self.err("ValidationException", "DescribeParameters", contains=COMMON_PREFIX,
                 ParameterFilters=[{"Key": "Path", "Values": ["/SSM"]}])
        self.err("ValidationException", "DescribeParameters",
                 ParameterFilters=[{"Key": "Bogus", "Values": ["x"]}])
        self.err("ValidationException", "DescribeParameters", MaxResults=51)
        for key in ("Type", "Tier"):
            with self.subTest(key=key):
                r = self.c.call("DescribeParameters",
                                ParameterFilters=[{"Key": key, "Values": ["Bogus"]}])
                self.assertIn((r.code, r.status), (("InvalidFilterValue", 400),
                                                   ("InvalidFilterOption", 400)), repr(r))


class ByPathCases(FilterSet):
    def by_path_rel(self, **kw):
        pages, error = self.c.paginate("get_parameters_by_path", **kw)
        if error:
            self.fail(f"GetParametersByPath {kw}: {error!r}")
        items = [p for pg in pages for p in pg["Parameters"]]
        return self.rel(names_of(items)), items

    def test_one_level_recursive_and_trailing_slash(self):
        self.assertEqual(self.by_path_rel(Path=self.P)[0], ONE_LEVEL)
        self.assertEqual(self.by_path_rel(Path=self.P, Recursive=True)[0], ALL)
        self.assertEqual(self.by_path_rel(Path=self.P + "/sub")[0], ["sub/deep"])
        self.assertEqual(self.by_path_rel(Path=self.P + "/", Recursive=True)[0], ALL)
        self.assertEqual(self.by_path_rel(Path=self.P + "/none", Recursive=True)[0], [])

    def test_values_and_decryption(self):
        _, items = self.by_path_rel(Path=self.P, WithDecryption=True)
        values = {p["Name"][len(self.P) + 1:]: p["Value"] for p in items}
        self.assertEqual(values, {"str": "s2", "list": "a,b", "sec": mask(self.secret1),
                                  "sec2": mask(self.secret2), "adv": "a",
                                  "img": "ami-0123456789abcdef0"})
        _, items = self.by_path_rel(Path=self.P)
        for p in items:
            if p["Type"] == "SecureString":
                self.assertTrue(p["Value"])
                self.assertNotIn("<secret:", p["Value"])
            self.assertEqual(p["ARN"], ps.arn(p["Name"]))
            self.assert_timestamp(p["LastModifiedDate"])

    def test_type_key_id_and_label_filters(self):
        self.assertEqual(self.by_path_rel(Path=self.P, Recursive=True, ParameterFilters=[
            {"Key": "Type", "Option": "Equals", "Values": ["SecureString"]}])[0], ["sec", "sec2"])
        self.assertEqual(self.by_path_rel(Path=self.P, ParameterFilters=[
            {"Key": "KeyId", "Values": [self.alias]}])[0], ["sec2"])
        names, items = self.by_path_rel(Path=self.P, Recursive=True, ParameterFilters=[
            {"Key": "Label", "Option": "Equals", "Values": ["old"]}])
        self.assertEqual(names, ["str"])
        self.assertEqual((items[0]["Version"], items[0]["Value"]), (1, "s1"))

    def test_single_level_names_live_at_the_root(self):
        bare = f"rootlevel{secrets.token_hex(4)}"
        self.put(bare, "r")
        pages, error = self.c.paginate("get_parameters_by_path", Path="/")
        self.assertIsNone(error)
        names = names_of(p for pg in pages for p in pg["Parameters"])
        self.assertIn(bare, names)
        self.assertEqual([n for n in names if "/" in n.lstrip("/")], [])

    def test_by_path_errors(self):
        self.err("InvalidFilterKey", "GetParametersByPath", message=NAME_NOT_FOR_BY_PATH,
                 Path=self.P, ParameterFilters=[{"Key": "Name", "Values": ["x"]}])
        for key in ("Path", "Tier", "DataType", "tag:env"):
            with self.subTest(key=key):
                self.err("InvalidFilterKey", "GetParametersByPath", Path=self.P,
                         ParameterFilters=[{"Key": key, "Values": ["x"]}])
        self.err("InvalidFilterOption", "GetParametersByPath", Path=self.P,
                 ParameterFilters=[{"Key": "Label", "Option": "BeginsWith", "Values": ["o"]}])
        self.err("ValidationException", "GetParametersByPath", Path="no-leading-slash")
        for path in ("/aws", "/aws/x", "/SSM/x"):
            with self.subTest(path=path):
                self.err("ValidationException", "GetParametersByPath", Path=path)
        self.err("ValidationException", "GetParametersByPath", Path=self.P, MaxResults=11)
        self.err("InvalidNextToken", "GetParametersByPath", Path=self.P, NextToken="bogus")


LISTING_CASES = [DescribeFilterCases, ByPathCases, PagingCases]
