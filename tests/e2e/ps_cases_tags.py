"""Parameter Store cases, part 4: tags — Tags on PutParameter,
AddTagsToResource, RemoveTagsFromResource, ListTagsForResource (ResourceType
Parameter).

Mixins over parameter_store.PsTestCase (see ps_cases_values.py).
"""

import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ps_cases_values import TAGS_AND_OVERWRITE  # noqa: E402


def tags(**kv):
    return [{"Key": k, "Value": v} for k, v in kv.items()]


def by_key(tag_list):
    return sorted(tag_list, key=lambda t: t["Key"])


class TagCases:
    def list_tags(self, name, driver=None):
        return by_key(self.ok("ListTagsForResource", driver=driver, ResourceType="Parameter",
                              ResourceId=name)["TagList"])

    def test_tags_on_create_are_listed(self):
        name = self.unique()
        self.ok("PutParameter", Name=name, Value="v", Type="String",
                Tags=tags(env="prod", owner="team-a"))
        self.assertEqual(self.list_tags(name), tags(env="prod", owner="team-a"))

    def test_tags_with_overwrite_is_validation_exception(self):
        name = self.unique()
        self.put(name, "v1")
        self.err("ValidationException", "PutParameter", message=TAGS_AND_OVERWRITE, Name=name,
                 Value="v2", Type="String", Overwrite=True, Tags=tags(env="prod"))
        self.assertEqual(self.get(name)["Version"], 1)
        self.assertEqual(self.list_tags(name, driver=self.fx), [])

    def test_add_upserts_remove_ignores_absent_keys(self):
        name = self.unique()
        self.put(name, Tags=tags(a="1", b="2"))
        self.assertEqual(self.ok("AddTagsToResource", ResourceType="Parameter", ResourceId=name,
                                 Tags=tags(b="20", c="3")), {})
        self.assertEqual(self.list_tags(name), tags(a="1", b="20", c="3"))
        self.assertEqual(self.ok("RemoveTagsFromResource", ResourceType="Parameter",
                                 ResourceId=name, TagKeys=["a", "never"]), {})
        self.assertEqual(self.list_tags(name), tags(b="20", c="3"))

    def test_tags_are_per_parameter_not_per_version(self):
        name = self.unique()
        self.put(name, Tags=tags(k="v"))
        self.put(name, "2", Overwrite=True)
        self.assertEqual(self.list_tags(name), tags(k="v"))

    def test_empty_tag_value_and_unicode(self):
        name = self.unique()
        self.put(name)
        expected = [{"Key": "späß", "Value": "ok @/:=+-."}]
        if self.NEW_MODEL:  # TagValue's minimum is 1 in older models: boto3 1.26 refuses ""
            expected.append({"Key": "empty", "Value": ""})
        self.ok("AddTagsToResource", ResourceType="Parameter", ResourceId=name, Tags=expected)
        self.assertEqual(self.list_tags(name), by_key(expected))

    def test_fifty_tags_then_one_more_is_too_many_tags(self):
        name = self.unique()
        self.put(name)
        fifty = [{"Key": f"k{i:02d}", "Value": str(i)} for i in range(50)]
        self.ok("AddTagsToResource", ResourceType="Parameter", ResourceId=name, Tags=fifty)
        self.err("TooManyTagsError", "AddTagsToResource", ResourceType="Parameter",
                 ResourceId=name, Tags=tags(extra="x"))
        self.assertEqual(self.list_tags(name, driver=self.fx), fifty)
        # Replacing an existing key stays within the limit.
        self.ok("AddTagsToResource", ResourceType="Parameter", ResourceId=name,
                Tags=tags(k00="new"))

    def test_more_than_50_tags_on_create_is_too_many_tags(self):
        name = self.unique()
        self.err("TooManyTagsError", "PutParameter", Name=name, Value="v", Type="String",
                 Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(51)])
        self.assert_absent(name)

    def test_missing_parameter_is_invalid_resource_id(self):
        name = self.unique()
        self.err("InvalidResourceId", "AddTagsToResource", ResourceType="Parameter",
                 ResourceId=name, Tags=tags(a="1"))
        self.err("InvalidResourceId", "RemoveTagsFromResource", ResourceType="Parameter",
                 ResourceId=name, TagKeys=["a"])
        self.err("InvalidResourceId", "ListTagsForResource", ResourceType="Parameter",
                 ResourceId=name)

    def test_other_resource_type_is_invalid_resource_type(self):
        name = self.unique()
        self.put(name)
        for rtype in ("Document", "ManagedInstance"):
            with self.subTest(resource_type=rtype):
                self.err("InvalidResourceType", "ListTagsForResource", ResourceType=rtype,
                         ResourceId=name)
                self.err("InvalidResourceType", "AddTagsToResource", ResourceType=rtype,
                         ResourceId=name, Tags=tags(a="1"))
        self.err("ValidationException", "ListTagsForResource", ResourceType="Bogus",
                 ResourceId=name)
        self.assertEqual(self.list_tags(name, driver=self.fx), [])

    def test_bad_tags_are_validation_exception_and_nothing_is_added(self):
        name = self.unique()
        self.put(name)
        for bad in ([{"Key": "k" * 129, "Value": "v"}], [{"Key": "k", "Value": "v" * 257}],
                    [{"Key": "bad*key", "Value": "v"}], [{"Key": "aws:reserved", "Value": "v"}],
                    [{"Key": "ok", "Value": "v"}, {"Key": "bad#", "Value": "v"}]):
            with self.subTest(tags=str(bad)[:60]):
                self.err("ValidationException", "AddTagsToResource", ResourceType="Parameter",
                         ResourceId=name, Tags=bad)
        self.assertEqual(self.list_tags(name, driver=self.fx), [])


TAG_CASES = [TagCases]
