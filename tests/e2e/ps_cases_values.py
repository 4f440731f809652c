"""Parameter Store cases, part 1: writing and reading values — PutParameter,
GetParameter and GetParameters; names and hierarchy, types, SecureString keys,
DataType, AllowedPattern, tiers and value sizes, selectors, ARNs, writers.

Mixins over parameter_store.PsTestCase: self.c is the client under test (a
driver), self.fx the fixture driver. Expected types and messages come from
../shared/reference/parameter-store.md ([O] texts verbatim) and the SSM model.
"""

import json
import os
import secrets
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import parameter_store as ps  # noqa: E402
from parameter_store import mask  # noqa: E402

RESERVED_PREFIX = "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive)."
STANDARD_TOO_BIG = ("Standard tier parameters support a maximum parameter value of 4096 "
                    "characters. To create a larger parameter value, upgrade the parameter to "
                    "use the advanced-parameter tier.")
ALREADY_EXISTS = ("The parameter already exists. To overwrite this value, set the overwrite "
                  "option in the request to true.")
TAGS_AND_OVERWRITE = (
    "Invalid request: tags and overwrite can't be used together. To create a parameter with "
    "tags, please remove overwrite flag. To update tags for an existing parameter, please use "
    "AddTagsToResource or RemoveTagsFromResource.")


def not_found(name):
    return f"Parameter {name} not found."


def version_not_found(name, version):
    return (f"Systems Manager could not find version {version} of {name}. "
            "Verify the version and try again.")


class PutGetCases:
    """PutParameter / GetParameter round trips, types and response shapes."""

    def test_put_returns_version_1_and_tier(self):
        name = self.unique()
        self.assertEqual(self.ok("PutParameter", Name=name, Value="v", Type="String"),
                         {"Version": 1, "Tier": "Standard"})

    def test_get_parameter_shape(self):
        name = self.unique()
        self.put(name, "plain value")
        p = self.ok("GetParameter", Name=name)["Parameter"]
        self.assert_timestamp(p.pop("LastModifiedDate"))
        self.assertEqual(p, {"Name": name, "Type": "String", "Value": "plain value", "Version": 1,
                             "ARN": ps.arn(name), "DataType": "text"})

    def test_overwrite_bumps_version_even_with_identical_value(self):
        name = self.unique()
        self.put(name, "same")
        self.assertEqual(self.ok("PutParameter", Name=name, Value="same", Type="String",
                                 Overwrite=True)["Version"], 2)
        self.assertEqual(self.ok("PutParameter", Name=name, Value="same",
                                 Overwrite=True)["Version"], 3)  # Type omitted: kept
        p = self.get(name)
        self.assertEqual((p["Version"], p["Type"], p["Value"]), (3, "String", "same"))

    def test_existing_name_without_overwrite_is_parameter_already_exists(self):
        name = self.unique()
        self.put(name, "first")
        self.err("ParameterAlreadyExists", "PutParameter", message=ALREADY_EXISTS, Name=name,
                 Value="second", Type="String")
        self.err("ParameterAlreadyExists", "PutParameter", Name=name, Value="second",
                 Type="String", Overwrite=False)
        p = self.get(name)
        self.assertEqual((p["Version"], p["Value"]), (1, "first"))

    def test_missing_type_on_create_is_validation_exception(self):
        name = self.unique()
        self.err("ValidationException", "PutParameter",
                 message="A parameter type is required when you create a parameter.",
                 Name=name, Value="v")
        self.assert_absent(name)

    def test_overwrite_keeps_omitted_attributes(self):
        name = self.unique()
        self.put(name, "123", Description="first description", AllowedPattern="^[0-9]+$",
                 Tier="Advanced")
        self.ok("PutParameter", Name=name, Value="456", Overwrite=True)
        [m] = self.describe(ParameterFilters=[{"Key": "Name", "Values": [name]}])
        self.assertEqual((m["Type"], m["Description"], m["AllowedPattern"], m["Tier"],
                          m["Version"], m["DataType"]),
                         ("String", "first description", "^[0-9]+$", "Advanced", 2, "text"))

    def test_stringlist_round_trip(self):
        name = self.unique()
        self.ok("PutParameter", Name=name, Value="alpha,beta,gamma", Type="StringList")
        p = self.ok("GetParameter", Name=name, WithDecryption=True)["Parameter"]
        self.assertEqual((p["Type"], p["Value"]), ("StringList", "alpha,beta,gamma"))

    def test_unicode_value_round_trip(self):
        name = self.unique()
        value = "grüße, 日本, emoji \U0001f511, quote \" backslash \\"
        self.ok("PutParameter", Name=name, Value=value, Type="String")
        self.assertEqual(self.get(name, driver=self.c)["Value"], value)

    def test_description_round_trip_in_metadata(self):
        name = self.unique()
        self.ok("PutParameter", Name=name, Value="v", Type="String", Description="d" * 1024)
        [m] = self.describe(ParameterFilters=[{"Key": "Name", "Values": [name]}])
        self.assertEqual(m["Description"], "d" * 1024)

    def test_last_modified_user_is_the_callers_iam_arn(self):
        name = self.unique()
        self.ok("PutParameter", Name=name, Value="v", Type="String")
        user = f"e2e-writer-{secrets.token_hex(4)}"
        key = ps.H().create_user_with_key(user)["AccessKey"]
        other = ps.InProcessDriver(access_key_id=key["AccessKeyId"],
                                   secret_access_key=key["SecretAccessKey"])
        self.ok("PutParameter", driver=other, Name=name, Value="w", Overwrite=True)
        writer = f"arn:aws:iam::{ps.ACCOUNT}:user/{user}"
        [m] = self.describe(driver=self.c, ParameterFilters=[{"Key": "Name", "Values": [name]}])
        self.assertEqual(m["LastModifiedUser"], writer)
        users = [h["LastModifiedUser"] for h in self.history(name, driver=self.c)]
        self.assertEqual(users, [ps.ADMIN_ARN, writer])

    def test_last_modified_date_moves_with_each_version(self):
        name = self.unique()
        self.put(name, "1")
        first = self.get(name)["LastModifiedDate"]
        self.put(name, "2", Overwrite=True)
        second = self.ok("GetParameter", Name=name)["Parameter"]["LastModifiedDate"]
        self.assert_timestamp(second)
        self.assertGreaterEqual(second, first)


class NameCases:
    """Names and hierarchy (§2.1, §2.2), ARNs."""

    def levels(self, n):
        """A fresh name of exactly n levels: /e2e/<hex>/l3/.../l<n>."""
        name = f"/e2e/{secrets.token_hex(4)}/" + "/".join(f"l{i}" for i in range(3, n + 1))
        self.assertEqual(name.count("/"), n)
        return name

    def test_15_levels_are_accepted(self):
        name = self.levels(15)
        self.assertEqual(self.ok("PutParameter", Name=name, Value="v", Type="String"),
                         {"Version": 1, "Tier": "Standard"})
        self.assertEqual(self.get(name)["Name"], name)

    def test_16_levels_are_hierarchy_level_limit_exceeded(self):
        name = self.levels(16)
        self.err("HierarchyLevelLimitExceededException", "PutParameter", Name=name, Value="v",
                 Type="String")
        self.assert_absent(name)

    def test_aws_and_ssm_prefixes_are_validation_exception(self):
        for name in (f"awsTest{secrets.token_hex(2)}", f"AWS-x{secrets.token_hex(2)}",
                     f"ssmfoo{secrets.token_hex(2)}", f"/SSM{secrets.token_hex(2)}"):
            with self.subTest(name=name):
                self.err("ValidationException", "PutParameter", contains=RESERVED_PREFIX,
                         Name=name, Value="v", Type="String")
                self.assert_absent(name)
        name = f"/ssm/x{secrets.token_hex(2)}"
        self.err("ValidationException", "PutParameter", Name=name, Value="v", Type="String")
        self.assert_absent(name)

    def test_reserved_aws_path_is_access_denied(self):
        for name in ("/aws/x", f"/aws/x{secrets.token_hex(2)}/y", "/AWS/Upper/case"):
            with self.subTest(name=name):
                self.err("AccessDeniedException", "PutParameter",
                         message=f"No access to reserved parameter name: {name}.",
                         Name=name, Value="v", Type="String")

    def test_invalid_names_are_validation_exception(self):
        base = self.prefix()
        for name, probe in ((base + "/has space", None), (base + "/star*", None),
                            (base + "//double", base + "/double"), (base + "/trail/", base + "/trail"),
                            (base.lstrip("/") + "/not-qualified", base + "/not-qualified"),
                            (base + "/colon:x/y", base + "/colon"), (base + "/" + "n" * 2048, None)):
            with self.subTest(name=name[:80]):
                self.err("ValidationException", "PutParameter", Name=name, Value="v",
                         Type="String")
                if probe:
                    self.assert_absent(probe)
        self.assertEqual(self.by_path(Path=base, Recursive=True), [])

    def test_name_longer_than_1011_with_arn_prefix_is_validation_exception(self):
        prefix = self.prefix()
        room = 1011 - len(ps.arn(prefix + "/"))  # chars left for the leaf
        ok_name = f"{prefix}/{'a' * room}"
        self.assertEqual(len(ps.arn(ok_name)), 1011)
        self.ok("PutParameter", Name=ok_name, Value="v", Type="String")
        self.assertEqual(self.get(ok_name)["Name"], ok_name)
        long_name = ok_name + "b"
        self.err("ValidationException", "PutParameter", Name=long_name, Value="v", Type="String")

    def test_single_level_name_with_and_without_slash_is_one_parameter(self):
        bare = f"single{secrets.token_hex(4)}"
        self.ok("PutParameter", Name=bare, Value="one", Type="String")
        slashed = self.ok("GetParameter", Name="/" + bare)["Parameter"]
        self.assertEqual((slashed["Name"], slashed["Value"], slashed["ARN"]),
                         (bare, "one", ps.arn(bare)))
        self.err("ParameterAlreadyExists", "PutParameter", Name="/" + bare, Value="two",
                 Type="String")
        self.assertEqual(self.ok("PutParameter", Name="/" + bare, Value="two", Type="String",
                                 Overwrite=True)["Version"], 2)
        self.ok("AddTagsToResource", ResourceType="Parameter", ResourceId="/" + bare,
                Tags=[{"Key": "k", "Value": "v"}])
        self.assertEqual(self.ok("ListTagsForResource", ResourceType="Parameter",
                                 ResourceId=bare)["TagList"], [{"Key": "k", "Value": "v"}])
        self.ok("DeleteParameter", Name="/" + bare)
        self.assert_absent(bare)

    def test_arn_format_for_hierarchy_and_single_level(self):
        deep = self.unique("leaf")
        single = f"flat{secrets.token_hex(4)}"
        self.put(deep)
        self.put(single)
        self.assertEqual(self.get(deep, driver=self.c)["ARN"],
                         f"arn:aws:ssm:us-east-1:{ps.ACCOUNT}:parameter{deep}")
        self.assertEqual(self.get(single, driver=self.c)["ARN"],
                         f"arn:aws:ssm:us-east-1:{ps.ACCOUNT}:parameter/{single}")

    def test_get_parameter_by_arn(self):
        name = self.unique()
        self.put(name, "first")
        self.put(name, "second", Overwrite=True)
        p = self.ok("GetParameter", Name=ps.arn(name))["Parameter"]
        self.assertIn(p["Name"], (name, ps.arn(name)))
        self.assertEqual((p["Value"], p["Version"], p["ARN"]), ("second", 2, ps.arn(name)))
        p = self.ok("GetParameter", Name=ps.arn(name) + ":1")["Parameter"]
        self.assertEqual((p["Value"], p["Version"], p.get("Selector")), ("first", 1, ":1"))
        self.err("ParameterNotFound", "GetParameter", Name=ps.arn(name + "-missing"))

    def test_case_sensitive_names(self):
        name = self.unique("Leaf")
        self.put(name, "upper")
        self.assert_absent(name.lower())
        self.put(name.lower(), "lower")
        self.assertEqual(self.get(name, driver=self.c)["Value"], "upper")


class SecureStringCases:
    """SecureString, KeyId forms, WithDecryption (§2.7)."""

    def test_with_decryption_true_returns_plaintext_false_returns_ciphertext(self):
        name = self.unique()
        canary = self.canary()
        self.ok("PutParameter", Name=name, Value=canary, Type="SecureString")
        plain = self.ok("GetParameter", Name=name, WithDecryption=True)["Parameter"]
        self.assertEqual(plain["Value"], mask(canary))
        cipher = self.ok("GetParameter", Name=name, WithDecryption=False)["Parameter"]
        self.assertTrue(cipher["Value"])
        self.assertNotIn(mask(canary), cipher["Value"])
        self.assertNotEqual(cipher["Value"], plain["Value"])
        self.assertEqual(self.ok("GetParameter", Name=name)["Parameter"]["Type"], "SecureString")
        self.assertNotIn("KeyId", plain)

    def test_default_key_is_reported_as_alias_aws_ssm(self):
        name = self.unique()
        self.ok("PutParameter", Name=name, Value=self.canary(), Type="SecureString")
        [m] = self.describe(driver=self.c, ParameterFilters=[{"Key": "Name", "Values": [name]}])
        self.assertEqual(m["KeyId"], "alias/aws/ssm")

    def test_string_metadata_has_no_key_id(self):
        name = self.unique()
        self.put(name)
        [m] = self.describe(driver=self.c, ParameterFilters=[{"Key": "Name", "Values": [name]}])
        self.assertNotIn("KeyId", m)

    def create_key(self):
        alias = f"alias/e2e-{secrets.token_hex(4)}"
        r = ps.H().run_admin("kms", "create-key", "--alias", alias)
        self.assertEqual(r.returncode, 0, ps.H().secrets.redact(r.stderr))
        return alias, json.loads(r.stdout)["KeyMetadata"]

    def test_key_id_alias_key_arn_key_id_and_alias_arn_are_accepted(self):
        alias, key = self.create_key()
        alias_arn = f"arn:aws:kms:us-east-1:{ps.ACCOUNT}:{alias}"
        for key_ref in (alias, key["Arn"], key["KeyId"], alias_arn):
            with self.subTest(key_id=key_ref):
                name = self.unique()
                canary = self.canary()
                self.ok("PutParameter", Name=name, Value=canary, Type="SecureString",
                        KeyId=key_ref)
                p = self.ok("GetParameter", Name=name, WithDecryption=True)["Parameter"]
                self.assertEqual(p["Value"], mask(canary))
                [m] = self.describe(ParameterFilters=[{"Key": "Name", "Values": [name]}])
                self.assertEqual(m["KeyId"], key_ref)

    def test_unknown_key_is_invalid_key_id(self):
        for key_ref in ("alias/does-not-exist",
                        "0d3e1b5e-0000-4000-8000-000000000000",
                        f"arn:aws:kms:us-east-1:{ps.ACCOUNT}:key/0d3e1b5e-0000-4000-8000-0000000000aa"):
            with self.subTest(key_id=key_ref):
                name = self.unique()
                self.err("InvalidKeyId", "PutParameter", Name=name, Value=self.canary(),
                         Type="SecureString", KeyId=key_ref)
                self.assert_absent(name)

    def test_key_id_with_string_type_is_validation_exception(self):
        name = self.unique()
        self.err("ValidationException", "PutParameter", Name=name, Value="v", Type="String",
                 KeyId="alias/aws/ssm")
        self.assert_absent(name)

    def test_get_parameters_with_decryption(self):
        name = self.unique()
        canary = self.canary()
        self.put(name, canary, "SecureString")
        [p] = self.ok("GetParameters", Names=[name], WithDecryption=True)["Parameters"]
        self.assertEqual(p["Value"], mask(canary))
        [c] = self.ok("GetParameters", Names=[name])["Parameters"]
        self.assertNotIn(mask(canary), c["Value"])


class DataTypeCases:
    """DataType (§2.5)."""

    def test_ec2_image_data_type_round_trip(self):
        name = self.unique()
        self.ok("PutParameter", Name=name, Value="ami-0123456789abcdef0", Type="String",
                DataType="aws:ec2:image")
        p = self.ok("GetParameter", Name=name)["Parameter"]
        self.assertEqual((p["DataType"], p["Value"]), ("aws:ec2:image", "ami-0123456789abcdef0"))

    def test_ec2_image_with_non_ami_value_is_validation_exception(self):
        name = self.unique()
        self.err("ValidationException", "PutParameter", Name=name, Value="not-an-ami",
                 Type="String", DataType="aws:ec2:image")
        self.assert_absent(name)

    def test_unknown_data_type_is_validation_exception(self):
        name = self.unique()
        self.err("ValidationException", "PutParameter",
                 message="The following data type is not supported: Text (Data type names are "
                         "all lowercase.)",
                 Name=name, Value="v", Type="String", DataType="Text")
        self.assert_absent(name)


class AllowedPatternCases:
    """AllowedPattern on create and on every overwrite."""

    def test_value_not_matching_on_create_is_pattern_mismatch(self):
        name = self.unique()
        self.err("ParameterPatternMismatchException", "PutParameter",
                 message="Parameter value, cannot be validated against allowedPattern: ^[0-9]+$",
                 Name=name, Value="abc", Type="String", AllowedPattern="^[0-9]+$")
        self.assert_absent(name)

    def test_stored_pattern_is_enforced_on_later_overwrites(self):
        name = self.unique()
        self.ok("PutParameter", Name=name, Value="123", Type="String", AllowedPattern="^[0-9]+$")
        self.err("ParameterPatternMismatchException", "PutParameter", Name=name, Value="12a",
                 Overwrite=True)
        self.assertEqual(self.get(name)["Version"], 1)
        self.assertEqual(self.ok("PutParameter", Name=name, Value="456",
                                 Overwrite=True)["Version"], 2)
        # A new pattern replaces the stored one, and is checked against the new value.
        self.assertEqual(self.ok("PutParameter", Name=name, Value="abc", Overwrite=True,
                                 AllowedPattern="^[a-z]+$")["Version"], 3)
        self.err("ParameterPatternMismatchException", "PutParameter", Name=name, Value="789",
                 Overwrite=True)

    def test_pattern_must_match_the_whole_value(self):
        name = self.unique()
        self.err("ParameterPatternMismatchException", "PutParameter", Name=name, Value="12a",
                 Type="String", AllowedPattern="[0-9]+")
        self.assert_absent(name)

    def test_invalid_regex_is_invalid_allowed_pattern(self):
        name = self.unique()
        self.err("InvalidAllowedPatternException", "PutParameter", Name=name, Value="v",
                 Type="String", AllowedPattern="([a-z")
        self.assert_absent(name)


class TierCases:
    """Tiers and the 4096 / 8192 limits (§2.5, §2.6)."""

    def test_standard_takes_4096_and_refuses_4097(self):
        name = self.unique()
        self.assertEqual(self.ok("PutParameter", Name=name, Value="x" * 4096, Type="String",
                                 Tier="Standard")["Tier"], "Standard")
        big = self.unique()
        self.err("ValidationException", "PutParameter", contains=STANDARD_TOO_BIG, Name=big,
                 Value="x" * 4097, Type="String", Tier="Standard")
        self.assert_absent(big)
        self.err("ValidationException", "PutParameter", contains=STANDARD_TOO_BIG, Name=name,
                 Value="x" * 4097, Overwrite=True)  # the tier is kept: Standard
        self.assertEqual(self.get(name)["Version"], 1)

    def test_advanced_takes_8192_and_refuses_8193(self):
        name = self.unique()
        self.assertEqual(self.ok("PutParameter", Name=name, Value="y" * 8192, Type="String",
                                 Tier="Advanced"),
                         {"Version": 1, "Tier": "Advanced"})
        self.assertEqual(len(self.get(name, driver=self.c)["Value"]), 8192)
        self.err("ValidationException", "PutParameter", Name=name, Value="y" * 8193,
                 Overwrite=True)
        self.assertEqual(self.get(name)["Version"], 1)

    def test_intelligent_tiering_picks_the_tier_the_value_needs(self):
        small, large = self.unique("small"), self.unique("large")
        self.assertEqual(self.ok("PutParameter", Name=small, Value="s", Type="String",
                                 Tier="Intelligent-Tiering")["Tier"], "Standard")
        self.assertEqual(self.ok("PutParameter", Name=large, Value="z" * 5000, Type="String",
                                 Tier="Intelligent-Tiering")["Tier"], "Advanced")

    def test_upgrade_to_advanced_and_no_way_back(self):
        name = self.unique()
        self.put(name, "v")
        self.assertEqual(self.ok("PutParameter", Name=name, Value="w", Overwrite=True,
                                 Tier="Advanced"), {"Version": 2, "Tier": "Advanced"})
        self.err("ValidationException", "PutParameter", Name=name, Value="x", Overwrite=True,
                 Tier="Standard")
        self.assertEqual(self.ok("PutParameter", Name=name, Value="x", Overwrite=True),
                         {"Version": 3, "Tier": "Advanced"})


class GetParametersCases:
    """GetParameters: selectors, InvalidParameters."""

    def test_found_missing_and_selected(self):
        name = self.unique()
        self.put(name, "one")
        self.put(name, "two", Overwrite=True)
        self.ok("LabelParameterVersion", driver=self.fx, Name=name, ParameterVersion=1,
                Labels=["old"])
        missing = self.unique("missing")
        names = [name, name + ":1", name + ":old", name + ":99", name + ":nolabel", missing, name]
        out = self.ok("GetParameters", Names=names)
        got = [(p["Name"], p["Version"], p.get("Selector"), p["Value"]) for p in out["Parameters"]]
        self.assertEqual(sorted(got, key=str), sorted([(name, 2, None, "two"), (name, 1, ":1", "one"),
                                                       (name, 1, ":old", "one")], key=str))
        self.assertEqual(sorted(out["InvalidParameters"]),
                         sorted([name + ":99", name + ":nolabel", missing]))

    def test_only_missing_names_is_not_an_error(self):
        missing = [self.unique(f"m{i}") for i in range(3)]
        out = self.ok("GetParameters", Names=missing)
        self.assertEqual(out["Parameters"], [])
        self.assertEqual(sorted(out["InvalidParameters"]), sorted(missing))

    def test_more_than_10_names_is_validation_exception(self):
        names = [self.unique(f"n{i}") for i in range(11)]
        self.err("ValidationException", "GetParameters",
                 contains="Member must have length less than or equal to 10", Names=names)


class SelectorCases:
    """name:version and name:label in GetParameter (§2.3)."""

    def test_version_and_label_selectors(self):
        name = self.unique()
        for v in ("one", "two", "three"):
            self.put(name, v, Overwrite=v != "one")
        self.ok("LabelParameterVersion", driver=self.fx, Name=name, ParameterVersion=2,
                Labels=["Prod"])
        p = self.ok("GetParameter", Name=name + ":1")["Parameter"]
        self.assertEqual((p["Name"], p["Version"], p["Selector"], p["Value"]),
                         (name, 1, ":1", "one"))
        p = self.ok("GetParameter", Name=name + ":Prod")["Parameter"]
        self.assertEqual((p["Name"], p["Version"], p["Selector"], p["Value"]),
                         (name, 2, ":Prod", "two"))
        self.assertNotIn("Selector", self.ok("GetParameter", Name=name)["Parameter"])

    def test_missing_version_is_parameter_version_not_found(self):
        name = self.unique()
        self.put(name)
        self.err("ParameterVersionNotFound", "GetParameter",
                 message=version_not_found(name, 99), Name=name + ":99")

    def test_unknown_label_is_parameter_version_not_found(self):
        name = self.unique()
        self.put(name)
        self.err("ParameterVersionNotFound", "GetParameter", Name=name + ":nolabel")

    def test_selector_on_missing_name_is_parameter_not_found(self):
        name = self.unique()
        self.err("ParameterNotFound", "GetParameter", message=not_found(name), Name=name + ":1")

    def test_malformed_selectors_are_validation_exception(self):
        name = self.unique()
        self.put(name)
        for bad in (name + ":", name + ":1:2"):
            with self.subTest(name=bad):
                self.err("ValidationException", "GetParameter", Name=bad)

    def test_unknown_name_is_parameter_not_found(self):
        name = self.unique()
        self.err("ParameterNotFound", "GetParameter", message=not_found(name), Name=name)


VALUE_CASES = [PutGetCases, NameCases, SecureStringCases, DataTypeCases, AllowedPatternCases,
               TierCases, GetParametersCases, SelectorCases]
