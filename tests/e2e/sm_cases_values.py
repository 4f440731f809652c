"""Secrets Manager cases, part 1: values — CreateSecret, GetSecretValue,
PutSecretValue, UpdateSecret; string and binary values, secrets without a value,
descriptions and tags at creation, KMS keys, secret ids (name, full ARN, partial
ARN, other regions), and ClientRequestToken idempotency under retries.

Mixins over secrets_manager.SmTestCase: self.c is the client under test (a
driver), self.fx the fixture driver. Expected types and texts come from
../shared/reference/secrets-manager.md and the model.
"""

import os
import secrets
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import secrets_manager as sm  # noqa: E402
from secrets_manager import masked  # noqa: E402


class CreateCases:
    def test_create_string_secret_returns_arn_name_and_version(self):
        name, value = self.secret_name(), self.canary()
        out = self.ok("CreateSecret", Name=name, SecretString=value)
        self.assertEqual(set(out), {"ARN", "Name", "VersionId"})
        self.assertEqual(out["Name"], name)
        self.assert_arn(out["ARN"], name)
        self.assert_token_shaped(out["VersionId"])  # the SDK's automatic token
        got = self.get_value(name, driver=self.c)
        created = got.pop("CreatedDate")
        self.assert_timestamp(created)
        self.assertEqual(got, {"ARN": out["ARN"], "Name": name, "VersionId": out["VersionId"],
                               "SecretString": masked(value), "VersionStages": ["AWSCURRENT"]})

    def test_create_with_token_uses_it_as_the_version_id(self):
        name, t = self.secret_name(), sm.token()
        out = self.ok("CreateSecret", Name=name, SecretString=self.canary(),
                      ClientRequestToken=t)
        self.assertEqual(out["VersionId"], t)
        self.assertEqual(self.stages(name), {t: ["AWSCURRENT"]})

    def test_create_binary_secret_round_trips_every_byte(self):
        name, blob = self.secret_name(), self.binary() + bytes(range(256))
        out = self.ok("CreateSecret", Name=name, SecretBinary=blob)
        got = self.get_value(name, driver=self.c)
        self.assertEqual(got["SecretBinary"], masked(blob))
        self.assertNotIn("SecretString", got)
        self.assertEqual((got["VersionId"], got["VersionStages"]),
                         (out["VersionId"], ["AWSCURRENT"]))

    def test_create_string_secret_has_no_binary_member(self):
        name = self.create()["Name"]
        self.assertNotIn("SecretBinary", self.get_value(name, driver=self.c))

    def test_unicode_and_json_string_round_trip(self):
        name = self.secret_name()
        value = '{"username": "grüße", "password": "日本\\u00e9 \U0001f511 \\" \\\\"}'
        self.ok("CreateSecret", Name=name, SecretString=value)
        self.assertEqual(self.get_value(name, driver=self.c)["SecretString"], value)

    def test_create_without_value_has_no_version(self):
        name = self.secret_name()
        out = self.ok("CreateSecret", Name=name, Description="no value yet")
        self.assertEqual(set(out), {"ARN", "Name"})
        d = self.describe(name)
        self.assertEqual(d.get("VersionIdsToStages", {}), {})
        self.assertEqual(self.version_list(name, include_deprecated=True), [])
        self.err("ResourceNotFoundException", "GetSecretValue", SecretId=name)
        # The first version gets AWSCURRENT whatever VersionStages says.
        first = self.ok("PutSecretValue", SecretId=name, SecretString=self.canary(),
                        VersionStages=["AWSPENDING"])
        self.assertIn("AWSCURRENT", first["VersionStages"])
        self.assertEqual(self.get_value(name)["VersionId"], first["VersionId"])

    def test_existing_name_is_resource_exists(self):
        first = self.create()
        name = first["Name"]
        self.err("ResourceExistsException", "CreateSecret", message=sm.already_exists(name),
                 Name=name, SecretString=self.canary())
        self.err("ResourceExistsException", "CreateSecret", message=sm.already_exists(name),
                 Name=name, Description="metadata only")
        got = self.get_value(name)
        self.assertEqual((got["ARN"], got["VersionId"], got["SecretString"]),
                         (first["ARN"], first["VersionId"], masked(first["Value"])))
        self.assertNotIn("Description", self.describe(name))

    def test_description_tags_and_dates_on_create(self):
        name = self.secret_name()
        tags = [{"Key": "env", "Value": "prod"}, {"Key": "Owner", "Value": "team a"},
                {"Key": "empty", "Value": ""}]
        if not self.NEW_MODEL:
            tags = tags[:2]  # the Debian model's TagValue has a minimum of 1
        out = self.ok("CreateSecret", Name=name, SecretString=self.canary(),
                      Description="the description", Tags=tags)
        d = self.describe(name, driver=self.c)
        self.assertEqual(d["Description"], "the description")
        self.assertEqual(sorted(d["Tags"], key=lambda t: t["Key"]),
                         sorted(tags, key=lambda t: t["Key"]))
        self.assertEqual(d["VersionIdsToStages"], {out["VersionId"]: ["AWSCURRENT"]})
        self.assert_timestamp(d["CreatedDate"])
        self.assert_timestamp(d["LastChangedDate"])
        self.assertNotIn("KmsKeyId", d)  # the default key is not shown

    def test_name_with_every_allowed_character(self):
        name = f"e2e/chars-{secrets.token_hex(3)}/A-z_0+9=x.y@z"
        out = self.ok("CreateSecret", Name=name, SecretString=self.canary())
        self.assert_arn(out["ARN"], name)
        self.assertEqual(self.get_value(out["ARN"], driver=self.c)["Name"], name)

    def test_longest_name_is_accepted(self):
        name = f"e2e/{secrets.token_hex(4)}/" + "n" * 499
        self.assertEqual(len(name), 512)
        out = self.ok("CreateSecret", Name=name, SecretString=self.canary())
        self.assertEqual(self.describe(out["ARN"])["Name"], name)

    def test_largest_values_are_accepted(self):
        name = self.secret_name()
        value = self.canary()
        value += "x" * (65536 - len(value))
        self.ok("CreateSecret", Name=name, SecretString=value)
        self.assertEqual(self.get_value(name, driver=self.c)["SecretString"], masked(value))
        blob = self.binary()
        blob += b"\x01" * (65536 - len(blob))
        out = self.ok("PutSecretValue", SecretId=name, SecretBinary=blob)
        got = self.get_value(name, driver=self.c)
        self.assertEqual((got["VersionId"], got["SecretBinary"]), (out["VersionId"], masked(blob)))

    def test_value_over_the_limit_is_refused_and_nothing_written(self):
        name = self.secret_name()
        value = self.canary()
        value += "x" * (65537 - len(value))
        r = self.err(("ValidationException", "InvalidParameterException"), "CreateSecret",
                     Name=name, SecretString=value)
        self.assertEqual(sm.H().secrets.find_in(r.message), 0)
        self.assert_missing(name)


class KmsCases:
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alias = f"alias/e2e-sm-{secrets.token_hex(4)}"
        cls.key = sm.create_key(cls.alias)

    def key_forms(self):
        """What DescribeSecret may show for the customer key: the KmsKeyId given, the
        key id, or either ARN ("the key ID or alias ARN" in the model)."""
        k = self.key
        alias_arn = k["Arn"].split(":key/")[0] + ":" + self.alias
        return {self.alias, k["KeyId"], k["Arn"], alias_arn}

    def test_customer_key_by_alias_encrypts_and_decrypts(self):
        name, value = self.secret_name(), self.canary()
        out = self.ok("CreateSecret", Name=name, SecretString=value, KmsKeyId=self.alias)
        self.assertEqual(self.get_value(name, driver=self.c)["SecretString"], masked(value))
        d = self.describe(name, driver=self.c)
        self.assertIn(d.get("KmsKeyId"), self.key_forms())
        [v] = self.version_list(name, driver=self.c)
        self.assertEqual(v["VersionId"], out["VersionId"])
        self.assertEqual(len(v["KmsKeyIds"]), 1, v)
        self.assertIn(self.key["KeyId"], v["KmsKeyIds"][0])

    def test_customer_key_by_key_arn(self):
        name, value = self.secret_name(), self.canary()
        self.ok("CreateSecret", Name=name, SecretString=value, KmsKeyId=self.key["Arn"])
        self.assertEqual(self.get_value(name, driver=self.c)["SecretString"], masked(value))

    def test_default_key_alias_is_accepted(self):
        name, value = self.secret_name(), self.canary()
        self.ok("CreateSecret", Name=name, SecretString=value,
                KmsKeyId="alias/aws/secretsmanager")
        self.assertEqual(self.get_value(name, driver=self.c)["SecretString"], masked(value))

    def test_update_secret_changes_the_key_and_empty_goes_back_to_default(self):
        name = self.create()["Name"]
        out = self.ok("UpdateSecret", SecretId=name, KmsKeyId=self.alias)
        self.assertNotIn("VersionId", out)
        self.assertIn(self.describe(name)["KmsKeyId"], self.key_forms())
        new = self.put_value(name)
        entries = {v["VersionId"]: v for v in self.version_list(name)}
        self.assertIn(self.key["KeyId"], entries[new["VersionId"]]["KmsKeyIds"][0])
        self.ok("UpdateSecret", SecretId=name, KmsKeyId="")
        self.assertNotIn("KmsKeyId", self.describe(name, driver=self.c))
        for stage in ("AWSCURRENT", "AWSPREVIOUS"):  # still readable
            self.assertIn("SecretString", self.get_value(name, VersionStage=stage))

    def test_unknown_key_is_refused_and_nothing_written(self):
        name = self.secret_name()
        # AWS: EncryptionFailure for an unusable key; an unknown key id has also
        # been answered InvalidParameterException ("invalid KMS key") and
        # ResourceNotFoundException [R]: any of them, and nothing created.
        self.err(("EncryptionFailure", "InvalidParameterException", "ResourceNotFoundException"),
                 "CreateSecret", Name=name, SecretString=self.canary(),
                 KmsKeyId="alias/e2e-no-such-key")
        self.assert_missing(name)
        existing = self.create()["Name"]
        before = self.stages(existing)
        self.err(("EncryptionFailure", "InvalidParameterException", "ResourceNotFoundException"),
                 "UpdateSecret", SecretId=existing, SecretString=self.canary(),
                 KmsKeyId="alias/e2e-no-such-key")
        self.assertEqual(self.stages(existing), before)
        self.assertNotIn("KmsKeyId", self.describe(existing))


class GetValueCases:
    def setup_three_versions(self):
        """v1, v2, v3 written in order: v3 AWSCURRENT, v2 AWSPREVIOUS, v1 deprecated."""
        c = self.create(ClientRequestToken=sm.token())
        name = c["Name"]
        v = [(c["VersionId"], c["Value"])]
        for _ in range(2):
            val = self.canary()
            v.append((self.put_value(name, val)["VersionId"], val))
        return name, v

    def test_by_stage_by_version_id_and_both(self):
        name, v = self.setup_three_versions()
        got = self.get_value(name, driver=self.c, VersionStage="AWSPREVIOUS")
        self.assertEqual((got["VersionId"], got["SecretString"], got["VersionStages"]),
                         (v[1][0], masked(v[1][1]), ["AWSPREVIOUS"]))
        got = self.get_value(name, driver=self.c, VersionId=v[0][0])
        self.assertEqual((got["VersionId"], got["SecretString"]), (v[0][0], masked(v[0][1])))
        self.assertEqual(got.get("VersionStages", []), [])  # deprecated: no label
        got = self.get_value(name, driver=self.c, VersionId=v[2][0], VersionStage="AWSCURRENT")
        self.assertEqual((got["VersionId"], got["SecretString"]), (v[2][0], masked(v[2][1])))
        got = self.get_value(name, driver=self.c)
        self.assertEqual(got["VersionId"], v[2][0])

    def test_created_date_is_the_versions(self):
        name, v = self.setup_three_versions()
        entries = {e["VersionId"]: e["CreatedDate"]
                   for e in self.version_list(name, include_deprecated=True)}
        for vid, _ in v:
            self.assertEqual(self.get_value(name, driver=self.c, VersionId=vid)["CreatedDate"],
                             entries[vid])

    def test_version_and_stage_that_disagree_is_invalid_request(self):
        name, v = self.setup_three_versions()
        self.err("InvalidRequestException", "GetSecretValue", message=sm.STAGE_NOT_ON_VERSION,
                 SecretId=name, VersionId=v[0][0], VersionStage="AWSCURRENT")

    def test_unknown_version_stage_or_secret_is_not_found(self):
        name, v = self.setup_three_versions()
        missing = sm.token()
        self.err("ResourceNotFoundException", "GetSecretValue", SecretId=name, VersionId=missing,
                 contains=missing)
        self.err("ResourceNotFoundException", "GetSecretValue", SecretId=name,
                 VersionStage="NOPE", contains="NOPE")
        self.err("ResourceNotFoundException", "GetSecretValue", SecretId=name,
                 VersionStage="AWSPENDING")
        self.err("ResourceNotFoundException", "GetSecretValue", message=sm.NOT_FOUND,
                 SecretId=name + "-missing")


class IdCases:
    def test_every_operation_accepts_name_full_arn_and_partial_arn(self):
        c = self.create(Tags=[{"Key": "k", "Value": "v"}])
        name, arn = c["Name"], c["ARN"]
        for i, sid in enumerate((name, arn, sm.arn_prefix(name))):
            with self.subTest(id=sid):
                self.assertEqual(self.get_value(sid, driver=self.c)["ARN"], arn)
                self.assertEqual(self.describe(sid, driver=self.c)["ARN"], arn)
                self.assertEqual(self.ok("ListSecretVersionIds", SecretId=sid)["ARN"], arn)
                out = self.ok("PutSecretValue", SecretId=sid, SecretString=self.canary(),
                              VersionStages=["e2e-by-id"])
                self.assertEqual((out["ARN"], out["Name"]), (arn, name))
                self.assertEqual(self.ok("UpdateSecret", SecretId=sid,
                                         Description=sid[-20:])["ARN"], arn)
                self.assertEqual(self.ok("TagResource", SecretId=sid,
                                         Tags=[{"Key": "by", "Value": "id"}]), {})
                self.assertEqual(self.ok("UntagResource", SecretId=sid, TagKeys=["by"]), {})
                self.assertEqual(self.ok("UpdateSecretVersionStage", SecretId=sid,
                                         VersionStage=f"e2e-moved-{i}",
                                         MoveToVersionId=out["VersionId"]),
                                 {"ARN": arn, "Name": name})
                self.assertEqual(self.ok("RestoreSecret", SecretId=sid), {"ARN": arn, "Name": name})

    def test_arn_of_another_region_account_or_suffix_is_not_found(self):
        c = self.create()
        name, arn = c["Name"], c["ARN"]
        suffix = arn[-6:]
        other_suffix = ("a" if suffix[0] != "a" else "b") + suffix[1:]
        for sid in (arn.replace(":us-east-1:", ":us-west-2:"),
                    sm.arn_prefix(name, region="eu-west-1"),
                    arn.replace(f":{sm.ACCOUNT}:", ":210987654321:"),
                    arn[:-6] + other_suffix,
                    arn + "x",
                    name + "/"):
            with self.subTest(id=sid):
                self.err("ResourceNotFoundException", "GetSecretValue", message=sm.NOT_FOUND,
                         SecretId=sid)
                self.err("ResourceNotFoundException", "DescribeSecret", message=sm.NOT_FOUND,
                         SecretId=sid)

    def test_names_are_case_sensitive(self):
        name = self.create()["Name"]
        self.err("ResourceNotFoundException", "DescribeSecret", SecretId=name.upper())

    def test_regions_are_separate_namespaces(self):
        name = self.secret_name()
        east = self.create(name)
        west_value = self.canary()
        west = self.ok("CreateSecret", region="us-west-2", Name=name, SecretString=west_value)
        self.assert_arn(west["ARN"], name, region="us-west-2")
        self.assertNotEqual(west["ARN"], east["ARN"])
        got = self.ok("GetSecretValue", region="us-west-2", SecretId=name)
        self.assertEqual((got["ARN"], got["SecretString"]), (west["ARN"], masked(west_value)))
        self.assertEqual(self.get_value(name, driver=self.c)["SecretString"],
                         masked(east["Value"]))
        # An ARN names its region: asking us-west-2 for the us-east-1 ARN finds nothing.
        self.err("ResourceNotFoundException", "DescribeSecret", region="us-west-2",
                 SecretId=east["ARN"])


class PutValueCases:
    def test_put_moves_awscurrent_and_awsprevious(self):
        c = self.create()
        name, v1 = c["Name"], c["VersionId"]
        out = self.ok("PutSecretValue", SecretId=name, SecretString=self.canary())
        self.assertEqual(set(out), {"ARN", "Name", "VersionId", "VersionStages"})
        self.assertEqual((out["ARN"], out["Name"], out["VersionStages"]),
                         (c["ARN"], name, ["AWSCURRENT"]))
        v2 = out["VersionId"]
        self.assertEqual(self.stages(name), {v1: ["AWSPREVIOUS"], v2: ["AWSCURRENT"]})
        v3 = self.ok("PutSecretValue", SecretId=name, SecretString=self.canary())["VersionId"]
        self.assertEqual(self.stages(name), {v2: ["AWSPREVIOUS"], v3: ["AWSCURRENT"]})
        listed = {e["VersionId"]: sorted(e.get("VersionStages", []))
                  for e in self.version_list(name, include_deprecated=True)}
        self.assertEqual(listed, {v1: [], v2: ["AWSPREVIOUS"], v3: ["AWSCURRENT"]})

    def test_put_awspending_leaves_awscurrent(self):
        c = self.create()
        name, pending_value = c["Name"], self.canary()
        out = self.ok("PutSecretValue", SecretId=name, SecretString=pending_value,
                      VersionStages=["AWSPENDING"])
        self.assertEqual(out["VersionStages"], ["AWSPENDING"])
        self.assertEqual(self.stages(name), {c["VersionId"]: ["AWSCURRENT"],
                                             out["VersionId"]: ["AWSPENDING"]})
        self.assertEqual(self.get_value(name)["SecretString"], masked(c["Value"]))
        got = self.get_value(name, driver=self.c, VersionStage="AWSPENDING")
        self.assertEqual(got["SecretString"], masked(pending_value))

    def test_put_with_custom_and_current_labels(self):
        c = self.create()
        name = c["Name"]
        out = self.ok("PutSecretValue", SecretId=name, SecretString=self.canary(),
                      VersionStages=["blue", "AWSCURRENT"])
        self.assertEqual(sorted(out["VersionStages"]), ["AWSCURRENT", "blue"])
        self.assertEqual(self.stages(name), {c["VersionId"]: ["AWSPREVIOUS"],
                                             out["VersionId"]: ["AWSCURRENT", "blue"]})
        # A label lives on one version: putting "blue" again moves it.
        again = self.ok("PutSecretValue", SecretId=name, SecretString=self.canary(),
                        VersionStages=["blue"])
        self.assertEqual(self.stages(name), {c["VersionId"]: ["AWSPREVIOUS"],
                                             out["VersionId"]: ["AWSCURRENT"],
                                             again["VersionId"]: ["blue"]})

    def test_binary_put_and_read(self):
        name = self.create()["Name"]
        blob = self.binary()
        out = self.ok("PutSecretValue", SecretId=name, SecretBinary=blob)
        got = self.get_value(name, driver=self.c)
        self.assertEqual((got["VersionId"], got["SecretBinary"]), (out["VersionId"], masked(blob)))
        self.assertNotIn("SecretString", got)
        self.assertIn("SecretString", self.get_value(name, VersionStage="AWSPREVIOUS"))

    def test_both_or_neither_value_is_invalid_parameter(self):
        c = self.create()
        name = c["Name"]
        self.err("InvalidParameterException", "PutSecretValue", SecretId=name,
                 SecretString=self.canary(), SecretBinary=b"x")
        self.err("InvalidParameterException", "PutSecretValue", SecretId=name)
        self.assertEqual(len(self.version_list(name, include_deprecated=True)), 1)

    def test_put_on_missing_secret_is_not_found(self):
        name = self.secret_name()
        self.err("ResourceNotFoundException", "PutSecretValue", message=sm.NOT_FOUND,
                 SecretId=name, SecretString=self.canary())
        self.assert_missing(name)


class IdempotencyCases:
    def test_put_retry_with_same_token_and_value_returns_the_same_version(self):
        c = self.create()
        name, t, value = c["Name"], sm.token(), self.canary()
        first = self.ok("PutSecretValue", SecretId=name, ClientRequestToken=t, SecretString=value)
        self.assertEqual(first["VersionId"], t)
        changed = self.describe(name)["LastChangedDate"]
        for _ in range(2):
            again = self.ok("PutSecretValue", SecretId=name, ClientRequestToken=t,
                            SecretString=value)
            self.assertEqual(again, first)
        self.assertEqual(len(self.version_list(name, include_deprecated=True)), 2)
        self.assertEqual(self.stages(name), {c["VersionId"]: ["AWSPREVIOUS"], t: ["AWSCURRENT"]})
        self.assertEqual(self.describe(name)["LastChangedDate"], changed)

    def test_retry_after_the_version_lost_awscurrent_changes_no_label(self):
        c = self.create()
        name, t, value = c["Name"], sm.token(), self.canary()
        self.ok("PutSecretValue", SecretId=name, ClientRequestToken=t, SecretString=value)
        newer = self.put_value(name)["VersionId"]
        again = self.ok("PutSecretValue", SecretId=name, ClientRequestToken=t, SecretString=value)
        self.assertEqual((again["VersionId"], again["VersionStages"]), (t, ["AWSPREVIOUS"]))
        self.assertEqual(self.stages(name), {t: ["AWSPREVIOUS"], newer: ["AWSCURRENT"]})

    def test_same_token_with_another_value_is_resource_exists(self):
        c = self.create()
        name, t, value = c["Name"], sm.token(), self.canary()
        self.ok("PutSecretValue", SecretId=name, ClientRequestToken=t, SecretString=value)
        self.err("ResourceExistsException", "PutSecretValue", message=sm.token_in_use(t, c["ARN"]),
                 SecretId=name, ClientRequestToken=t, SecretString=self.canary())
        self.err("ResourceExistsException", "UpdateSecret", message=sm.token_in_use(t, c["ARN"]),
                 SecretId=name, ClientRequestToken=t, SecretString=self.canary())
        self.assertEqual(self.get_value(name)["SecretString"], masked(value))
        self.assertEqual(len(self.version_list(name, include_deprecated=True)), 2)

    def test_the_sdks_automatic_token_makes_each_call_a_new_version(self):
        name, value = self.create()["Name"], self.canary()
        ids = [self.ok("PutSecretValue", SecretId=name, SecretString=value)["VersionId"]
               for _ in range(3)]
        self.assertEqual(len(set(ids)), 3)
        for vid in ids:
            self.assert_token_shaped(vid)
        self.assertEqual(len(self.version_list(name, include_deprecated=True)), 4)

    def test_create_retry_with_same_token_and_value_returns_the_same_secret(self):
        name, t, value = self.secret_name(), sm.token(), self.canary()
        first = self.ok("CreateSecret", Name=name, ClientRequestToken=t, SecretString=value)
        again = self.ok("CreateSecret", Name=name, ClientRequestToken=t, SecretString=value)
        self.assertEqual(again, first)
        self.assertEqual(len(self.version_list(name, include_deprecated=True)), 1)
        self.err("ResourceExistsException", "CreateSecret",
                 message=sm.token_in_use(t, first["ARN"]), Name=name, ClientRequestToken=t,
                 SecretString=self.canary())
        self.err("ResourceExistsException", "CreateSecret", message=sm.already_exists(name),
                 Name=name, ClientRequestToken=sm.token(), SecretString=value)
        self.assertEqual(self.get_value(name)["SecretString"], masked(value))

    def test_update_secret_retry_with_same_token_and_value(self):
        c = self.create()
        name, t, value = c["Name"], sm.token(), self.canary()
        first = self.ok("UpdateSecret", SecretId=name, ClientRequestToken=t, SecretString=value)
        self.assertEqual(first, {"ARN": c["ARN"], "Name": name, "VersionId": t})
        self.assertEqual(self.ok("UpdateSecret", SecretId=name, ClientRequestToken=t,
                                 SecretString=value), first)
        self.assertEqual(self.stages(name), {c["VersionId"]: ["AWSPREVIOUS"], t: ["AWSCURRENT"]})


class UpdateCases:
    def test_metadata_only_update_writes_no_version(self):
        c = self.create(Description="before")
        name = c["Name"]
        before = self.describe(name)
        out = self.ok("UpdateSecret", SecretId=name, Description="after")
        self.assertEqual(out, {"ARN": c["ARN"], "Name": name})
        after = self.describe(name, driver=self.c)
        self.assertEqual(after["Description"], "after")
        self.assertEqual(after["VersionIdsToStages"], before["VersionIdsToStages"])
        self.assertGreaterEqual(after["LastChangedDate"], before["LastChangedDate"])
        self.assertEqual(len(self.version_list(name, include_deprecated=True)), 1)

    def test_update_with_value_makes_a_new_current_version(self):
        c = self.create()
        name, value = c["Name"], self.canary()
        out = self.ok("UpdateSecret", SecretId=name, SecretString=value, Description="d2")
        self.assertEqual(set(out), {"ARN", "Name", "VersionId"})
        self.assertEqual(self.stages(name), {c["VersionId"]: ["AWSPREVIOUS"],
                                             out["VersionId"]: ["AWSCURRENT"]})
        self.assertEqual(self.get_value(name, driver=self.c)["SecretString"], masked(value))
        self.assertEqual(self.describe(name)["Description"], "d2")

    def test_update_with_binary_value(self):
        name, blob = self.create()["Name"], self.binary()
        out = self.ok("UpdateSecret", SecretId=name, SecretBinary=blob)
        got = self.get_value(name)
        self.assertEqual((got["VersionId"], got["SecretBinary"]), (out["VersionId"], masked(blob)))

    def test_update_with_both_values_is_invalid_parameter(self):
        c = self.create()
        self.err("InvalidParameterException", "UpdateSecret", SecretId=c["Name"],
                 SecretString=self.canary(), SecretBinary=b"x", Description="changed?")
        self.assertEqual(len(self.version_list(c["Name"], include_deprecated=True)), 1)
        self.assertNotIn("Description", self.describe(c["Name"]))

    def test_update_missing_secret_is_not_found(self):
        self.err("ResourceNotFoundException", "UpdateSecret", message=sm.NOT_FOUND,
                 SecretId=self.secret_name(), Description="x")


VALUE_CASES = [CreateCases, KmsCases, GetValueCases, IdCases, PutValueCases, IdempotencyCases,
               UpdateCases]
