"""Secrets Manager cases, part 3: listing — ListSecrets with every filter key,
negation, several values and filters, SortOrder and SortBy, IncludePlannedDeletion,
paging (the boto3 paginator, MaxResults/NextToken), the entry shape; and
BatchGetSecretValue (ids, filters, the Errors list, paging, its refusals).

The listing set lives alone in LIST_REGION, so counts are exact whatever else
the module writes. Mixins over secrets_manager.SmTestCase (see
sm_cases_values.py).
"""

import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import secrets_manager as sm  # noqa: E402
from secrets_manager import masked  # noqa: E402

LIST_REGION = "ap-southeast-2"
PAGED = 22  # page/pNN secrets
CATALOG = {
    "cat/alpha/db": {"Description": "Primary database password",
                     "Tags": [{"Key": "env", "Value": "prod"}, {"Key": "team", "Value": "blue"}]},
    "cat/alpha/api": {"Description": "API key for payments",
                      "Tags": [{"Key": "env", "Value": "dev"}]},
    "cat/beta/db": {"Description": "replica credentials",
                    "Tags": [{"Key": "env", "Value": "prod"}, {"Key": "Owner", "Value": "ops"}]},
    "Cat/gamma": {},
}
DELETED = "cat/deleted"  # scheduled for deletion (30 days): hidden by default
_listing = {}


def listing_set():
    """{"paged": page/pNN names in creation order, "catalog": {name: ARN},
    "values": {name: value}}. Built with in-process boto3 on first use per server;
    LIST_REGION holds nothing else."""
    if _listing.get("harness") is sm.H():
        return _listing
    fx = sm.InProcessDriver()
    arns, values = {}, {}

    def create(name, **kw):
        values[name] = sm.H().secrets.canary()
        r = fx.call("CreateSecret", region=LIST_REGION, Name=name, SecretString=values[name],
                    **kw)
        if not r.ok:
            raise AssertionError(f"listing set: CreateSecret {name}: {r!r}")
        arns[name] = r.data["ARN"]

    paged = [f"page/p{i:02d}" for i in range(PAGED)]
    for name in paged:
        create(name)
    for name, kw in CATALOG.items():
        create(name, **kw)
    create(DELETED, Description="scheduled", Tags=[{"Key": "env", "Value": "prod"}])
    r = fx.call("DeleteSecret", region=LIST_REGION, SecretId=DELETED)
    if not r.ok:
        raise AssertionError(f"listing set: DeleteSecret: {r!r}")
    _listing.clear()
    _listing.update(harness=sm.H(), paged=paged, arns=arns, values=values)
    return _listing


class ListingSetCases:
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lset = listing_set()

    def names(self, filters, driver=None, **params):
        listed = self.list_secrets(driver=driver or self.c, region=LIST_REGION,
                                   Filters=filters, **params)
        names = [s["Name"] for s in listed]
        self.assertEqual(len(names), len(set(names)), f"listed twice: {names}")
        return names

    def assert_filter(self, filters, expected, **params):
        self.assertEqual(sorted(self.names(filters, **params)), sorted(expected), filters)


class ListFilterCases(ListingSetCases):
    def test_name_is_a_case_sensitive_prefix(self):
        three = ["cat/alpha/db", "cat/alpha/api", "cat/beta/db"]
        self.assert_filter([{"Key": "name", "Values": ["cat/"]}], three)
        self.assert_filter([{"Key": "name", "Values": ["Cat/"]}], ["Cat/gamma"])
        self.assert_filter([{"Key": "name", "Values": ["cat/alpha/db"]}], ["cat/alpha/db"])
        self.assert_filter([{"Key": "name", "Values": ["alpha"]}], [])

    def test_values_of_one_filter_or_together(self):
        self.assert_filter([{"Key": "name", "Values": ["cat/alpha", "Cat"]}],
                           ["cat/alpha/db", "cat/alpha/api", "Cat/gamma"])

    def test_filters_and_together(self):
        self.assert_filter([{"Key": "name", "Values": ["cat/"]},
                            {"Key": "tag-value", "Values": ["dev"]}], ["cat/alpha/api"])
        self.assert_filter([{"Key": "tag-key", "Values": ["env"]},
                            {"Key": "tag-value", "Values": ["prod"]},
                            {"Key": "description", "Values": ["replica"]}], ["cat/beta/db"])

    def test_negation(self):
        self.assert_filter([{"Key": "name", "Values": ["!cat/"]}],
                           ["Cat/gamma"] + self.lset["paged"])
        self.assert_filter([{"Key": "name", "Values": ["cat/"]},
                            {"Key": "name", "Values": ["!cat/alpha"]}], ["cat/beta/db"])

    def test_description_is_case_insensitive(self):
        self.assert_filter([{"Key": "description", "Values": ["api"]}], ["cat/alpha/api"])
        self.assert_filter([{"Key": "description", "Values": ["PRIMARY"]}], ["cat/alpha/db"])

    def test_tag_key_and_tag_value_are_case_sensitive_prefixes(self):
        self.assert_filter([{"Key": "tag-key", "Values": ["env"]}],
                           ["cat/alpha/db", "cat/alpha/api", "cat/beta/db"])
        self.assert_filter([{"Key": "tag-key", "Values": ["Owner"]}], ["cat/beta/db"])
        self.assert_filter([{"Key": "tag-key", "Values": ["owner"]}], [])
        self.assert_filter([{"Key": "tag-value", "Values": ["pro"]}],
                           ["cat/alpha/db", "cat/beta/db"])
        self.assert_filter([{"Key": "tag-value", "Values": ["Prod"]}], [])

    def test_primary_region(self):
        self.assert_filter([{"Key": "name", "Values": ["cat/"]},
                            {"Key": "primary-region", "Values": [LIST_REGION]}],
                           ["cat/alpha/db", "cat/alpha/api", "cat/beta/db"])
        self.assert_filter([{"Key": "name", "Values": ["cat/"]},
                            {"Key": "primary-region", "Values": ["us-"]}], [])

    def test_all_matches_words_of_name_description_and_tags(self):
        self.assert_filter([{"Key": "all", "Values": ["alpha"]}],
                           ["cat/alpha/db", "cat/alpha/api"])
        self.assert_filter([{"Key": "all", "Values": ["PAYMENTS"]}], ["cat/alpha/api"])
        self.assert_filter([{"Key": "all", "Values": ["ops"]}], ["cat/beta/db"])
        self.assert_filter([{"Key": "all", "Values": ["gamma"]}], ["Cat/gamma"])

    def test_owning_service(self):
        if not self.NEW_MODEL:
            self.skipTest("owning-service is not in this client's model")
        self.assert_filter([{"Key": "name", "Values": ["cat/"]},
                            {"Key": "owning-service", "Values": ["rds"]}], [])

    def test_planned_deletion_is_listed_only_on_request(self):
        self.assertNotIn(DELETED, self.names([{"Key": "name", "Values": ["cat/"]}]))
        if not self.NEW_MODEL:
            return
        listed = self.list_secrets(driver=self.c, region=LIST_REGION,
                                   Filters=[{"Key": "name", "Values": [DELETED]}],
                                   IncludePlannedDeletion=True)
        self.assertEqual([s["Name"] for s in listed], [DELETED])
        self.assert_timestamp(listed[0]["DeletedDate"], slack=31 * 86400)
        self.assertGreater(listed[0]["DeletedDate"], listed[0]["CreatedDate"])

    def test_sort_order_by_creation(self):
        paged = self.lset["paged"]
        f = [{"Key": "name", "Values": ["page/"]}]
        self.assertEqual(self.names(f, SortOrder="asc"), paged)
        self.assertEqual(self.names(f, SortOrder="desc"), paged[::-1])

    def test_sort_by_name(self):
        if not self.NEW_MODEL:
            self.skipTest("SortBy is not in this client's model")
        f = [{"Key": "name", "Values": ["cat/", "Cat/"]}]
        expected = sorted(CATALOG)  # code point order: "Cat/gamma" first
        self.assertEqual(self.names(f, SortBy="name", SortOrder="asc"), expected)
        self.assertEqual(self.names(f, SortBy="name", SortOrder="desc"), expected[::-1])


class ListPagingCases(ListingSetCases):
    F = [{"Key": "name", "Values": ["page/"]}]

    def test_paginator_with_page_size_returns_every_secret_once_in_order(self):
        pages, error = self.c.paginate("list_secrets", config={"PageSize": 4}, region=LIST_REGION,
                                       Filters=self.F, SortOrder="asc")
        self.assertIsNone(error)
        self.assertGreaterEqual(len(pages), PAGED // 4)
        for page in pages:
            self.assertLessEqual(len(page["SecretList"]), 4)
        self.assertEqual([s["Name"] for p in pages for s in p["SecretList"]], self.lset["paged"])

    def test_max_items_and_starting_token(self):
        pages, error = self.c.paginate("list_secrets", config={"PageSize": 3, "MaxItems": 7},
                                       region=LIST_REGION, Filters=self.F, SortOrder="asc")
        self.assertIsNone(error)
        first = [s["Name"] for p in pages for s in p["SecretList"]]
        self.assertEqual(len(first), 7)
        resume = self.c.resume_token
        self.assertTrue(resume)
        pages, error = self.c.paginate("list_secrets", config={"PageSize": 5,
                                                               "StartingToken": resume},
                                       region=LIST_REGION, Filters=self.F, SortOrder="asc")
        self.assertIsNone(error)
        self.assertEqual(first + [s["Name"] for p in pages for s in p["SecretList"]],
                         self.lset["paged"])

    def test_next_token_by_hand_and_the_last_page_has_none(self):
        seen, token, calls = [], None, 0
        while True:
            params = {"MaxResults": 5, "Filters": self.F, "SortOrder": "desc"}
            if token:
                params["NextToken"] = token
            out = self.ok("ListSecrets", region=LIST_REGION, **params)
            seen += [s["Name"] for s in out["SecretList"]]
            calls += 1
            token = out.get("NextToken")
            if not token:
                break
            self.assertLess(calls, 20, "NextToken never ends")
        self.assertEqual(seen, self.lset["paged"][::-1])

    def test_a_next_token_can_be_used_twice(self):
        # Pages may be short (a page examines a bounded number of candidates,
        # other regions' secrets included), so walk to the first token after
        # four names, then use it twice.
        seen, token = [], None
        while len(seen) < 4:
            params = {"MaxResults": 4, "Filters": self.F, "SortOrder": "asc"}
            if token:
                params["NextToken"] = token
            out = self.ok("ListSecrets", region=LIST_REGION, **params)
            seen += [s["Name"] for s in out["SecretList"]]
            token = out["NextToken"]
        a = self.ok("ListSecrets", region=LIST_REGION, MaxResults=4, Filters=self.F,
                    SortOrder="asc", NextToken=token)
        b = self.ok("ListSecrets", region=LIST_REGION, MaxResults=4, Filters=self.F,
                    SortOrder="asc", NextToken=token)
        self.assertEqual(seen, self.lset["paged"][:len(seen)])
        names = [s["Name"] for s in a["SecretList"]]
        self.assertEqual(names, self.lset["paged"][len(seen):len(seen) + len(names)])
        self.assertEqual(a["SecretList"], b["SecretList"])

    def test_bad_next_token_is_invalid_next_token(self):
        self.err("InvalidNextTokenException", "ListSecrets", region=LIST_REGION,
                 NextToken="bm90IGEgdG9rZW4=")


class ListEntryCases:
    def test_entry_shape(self):
        c = self.create(Description="entry", Tags=[{"Key": "k", "Value": "v"}])
        name = c["Name"]
        [e] = self.list_secrets(driver=self.c, Filters=[{"Key": "name", "Values": [name]}])
        self.assert_timestamp(e.pop("CreatedDate"))
        self.assert_timestamp(e.pop("LastChangedDate"))
        primary = e.pop("PrimaryRegion", sm.REGION)
        self.assertEqual(primary, sm.REGION)
        self.assertIn(e.pop("RotationEnabled", False), (False,))
        self.assertEqual(e, {"ARN": c["ARN"], "Name": name, "Description": "entry",
                             "Tags": [{"Key": "k", "Value": "v"}],
                             "SecretVersionsToStages": {c["VersionId"]: ["AWSCURRENT"]}})

    def test_entry_shows_last_accessed_day_after_a_read(self):
        name = self.create()["Name"]
        self.get_value(name)
        [e] = self.list_secrets(driver=self.c, Filters=[{"Key": "name", "Values": [name]}])
        self.assert_read_today(e["LastAccessedDate"])


class BatchGetCases(ListingSetCases):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.NEW_MODEL:
            raise AssertionError("BatchGetSecretValue cases need a client that has it")

    def test_ids_with_values_and_errors(self):
        a, b = self.create(), self.create(SecretBinary=self.binary())
        c = self.create()
        empty = self.create(value=False)
        missing = self.secret_name("missing")
        out = self.ok("BatchGetSecretValue",
                      SecretIdList=[a["Name"], b["ARN"], sm.arn_prefix(c["Name"]), missing,
                                    empty["Name"]])
        self.assertNotIn("NextToken", out)
        got = {v["ARN"]: v for v in out["SecretValues"]}
        self.assertEqual(set(got), {a["ARN"], b["ARN"], c["ARN"]})
        va = got[a["ARN"]]
        self.assert_timestamp(va.pop("CreatedDate"))
        self.assertEqual(va, {"ARN": a["ARN"], "Name": a["Name"], "VersionId": a["VersionId"],
                              "SecretString": masked(a["Value"]), "VersionStages": ["AWSCURRENT"]})
        self.assertEqual(got[b["ARN"]]["SecretBinary"], masked(b["Value"]))
        self.assertNotIn("SecretString", got[b["ARN"]])
        self.assertEqual(got[c["ARN"]]["SecretString"], masked(c["Value"]))
        errors = {e["SecretId"]: e for e in out["Errors"]}
        self.assertEqual(set(errors), {missing, empty["Name"]})
        for e in errors.values():
            self.assertEqual(e["ErrorCode"], "ResourceNotFoundException")
            self.assertTrue(e["Message"])

    def test_filters_with_max_results_page_through_current_values(self):
        f = [{"Key": "name", "Values": ["cat/"]}]
        values, token, calls = {}, None, 0
        while True:
            params = {"Filters": f, "MaxResults": 2}
            if token:
                params["NextToken"] = token
            out = self.ok("BatchGetSecretValue", region=LIST_REGION, **params)
            self.assertLessEqual(len(out["SecretValues"]), 2)
            self.assertEqual(out.get("Errors", []), [])
            for v in out["SecretValues"]:
                self.assertNotIn(v["Name"], values, "returned twice")
                values[v["Name"]] = v["SecretString"]
                self.assertEqual(v["VersionStages"], ["AWSCURRENT"])
            calls += 1
            token = out.get("NextToken")
            if not token:
                break
            self.assertLess(calls, 10, "NextToken never ends")
        three = ["cat/alpha/db", "cat/alpha/api", "cat/beta/db"]
        self.assertEqual(values, {n: masked(self.lset["values"][n]) for n in three})

    def test_both_or_neither_and_max_results_without_filters_are_invalid_parameter(self):
        name = self.create()["Name"]
        self.err("InvalidParameterException", "BatchGetSecretValue", message=sm.BATCH_EITHER,
                 SecretIdList=[name], Filters=[{"Key": "name", "Values": [name]}])
        self.err("InvalidParameterException", "BatchGetSecretValue", message=sm.BATCH_EITHER)
        self.err("InvalidParameterException", "BatchGetSecretValue", SecretIdList=[name],
                 MaxResults=5)

    def test_bad_next_token(self):
        self.err("InvalidNextTokenException", "BatchGetSecretValue",
                 Filters=[{"Key": "name", "Values": ["x"]}], NextToken="bm90IGEgdG9rZW4=")


LISTING_CASES = [ListFilterCases, ListPagingCases, ListEntryCases]
BATCH_CASES = [BatchGetCases]
