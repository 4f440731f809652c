"""Secrets Manager cases, part 2: versions and staging labels —
UpdateSecretVersionStage (attach, move, detach and their rules and texts),
AWSPREVIOUS following AWSCURRENT, deprecated versions, the label quota, and
ListSecretVersionIds (entries, IncludeDeprecated, paging).

Mixins over secrets_manager.SmTestCase (see sm_cases_values.py).
"""

import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import secrets_manager as sm  # noqa: E402

USVS = "UpdateSecretVersionStage"


class VersionStageCases:
    def two_versions(self):
        """(name, arn, v1, v2): v2 AWSCURRENT, v1 AWSPREVIOUS."""
        c = self.create()
        v2 = self.put_value(c["Name"])["VersionId"]
        return c["Name"], c["ARN"], c["VersionId"], v2

    def test_moving_awscurrent_needs_remove_from_version_id(self):
        name, _, v1, v2 = self.two_versions()
        self.err("InvalidParameterException", USVS,
                 message=sm.remove_from_required("AWSCURRENT", v2), SecretId=name,
                 VersionStage="AWSCURRENT", MoveToVersionId=v1)
        self.assertEqual(self.stages(name), {v1: ["AWSPREVIOUS"], v2: ["AWSCURRENT"]})

    def test_moving_awscurrent_back_puts_awsprevious_on_the_version_that_lost_it(self):
        name, arn, v1, v2 = self.two_versions()
        out = self.ok(USVS, SecretId=name, VersionStage="AWSCURRENT", MoveToVersionId=v1,
                      RemoveFromVersionId=v2)
        self.assertEqual(out, {"ARN": arn, "Name": name})
        self.assertEqual(self.stages(name), {v1: ["AWSCURRENT"], v2: ["AWSPREVIOUS"]})
        self.assertEqual(self.get_value(name)["VersionId"], v1)

    def test_manual_rotation_finish_keeps_awspending_on_the_new_current(self):
        c = self.create()
        name, v1 = c["Name"], c["VersionId"]
        pending = self.put_value(name, VersionStages=["AWSPENDING"])["VersionId"]
        self.ok(USVS, SecretId=name, VersionStage="AWSCURRENT", MoveToVersionId=pending,
                RemoveFromVersionId=v1)
        self.assertEqual(self.stages(name), {pending: ["AWSCURRENT", "AWSPENDING"],
                                             v1: ["AWSPREVIOUS"]})
        # Clearing AWSPENDING afterwards, as the rotation templates may.
        self.ok(USVS, SecretId=name, VersionStage="AWSPENDING", RemoveFromVersionId=pending)
        self.assertEqual(self.stages(name), {pending: ["AWSCURRENT"], v1: ["AWSPREVIOUS"]})

    def test_custom_label_attach_and_move(self):
        name, _, v1, v2 = self.two_versions()
        self.ok(USVS, SecretId=name, VersionStage="blue", MoveToVersionId=v1)
        self.assertEqual(self.stages(name), {v1: ["AWSPREVIOUS", "blue"], v2: ["AWSCURRENT"]})
        # On another version already: RemoveFromVersionId must name that version.
        self.err("InvalidParameterException", USVS, SecretId=name, VersionStage="blue",
                 MoveToVersionId=v2)
        self.err("InvalidParameterException", USVS, SecretId=name, VersionStage="blue",
                 MoveToVersionId=v2, RemoveFromVersionId=v2)
        self.assertEqual(self.stages(name), {v1: ["AWSPREVIOUS", "blue"], v2: ["AWSCURRENT"]})
        self.ok(USVS, SecretId=name, VersionStage="blue", MoveToVersionId=v2,
                RemoveFromVersionId=v1)
        self.assertEqual(self.stages(name), {v1: ["AWSPREVIOUS"], v2: ["AWSCURRENT", "blue"]})
        got = self.get_value(name, driver=self.c, VersionStage="blue")
        self.assertEqual(got["VersionId"], v2)

    def test_detaching_the_last_label_deprecates_the_version(self):
        name, _, v1, v2 = self.two_versions()
        self.ok(USVS, SecretId=name, VersionStage="AWSPREVIOUS", RemoveFromVersionId=v1)
        self.assertEqual(self.stages(name), {v2: ["AWSCURRENT"]})
        self.assertEqual([e["VersionId"] for e in self.version_list(name, driver=self.c)], [v2])
        every = {e["VersionId"]: e.get("VersionStages", [])
                 for e in self.version_list(name, include_deprecated=True, driver=self.c)}
        self.assertEqual(every, {v1: [], v2: ["AWSCURRENT"]})
        # Still readable by its id (deprecated, not deleted).
        self.assertEqual(self.get_value(name, VersionId=v1)["VersionId"], v1)

    def test_removing_awscurrent_without_a_destination_is_refused(self):
        name, _, v1, v2 = self.two_versions()
        self.err("InvalidParameterException", USVS, SecretId=name, VersionStage="AWSCURRENT",
                 RemoveFromVersionId=v2)
        self.assertEqual(self.stages(name), {v1: ["AWSPREVIOUS"], v2: ["AWSCURRENT"]})

    def test_remove_from_a_version_without_the_label_is_invalid_parameter(self):
        name, _, v1, v2 = self.two_versions()
        self.err("InvalidParameterException", USVS, SecretId=name, VersionStage="AWSPREVIOUS",
                 RemoveFromVersionId=v2)
        self.err("InvalidParameterException", USVS, SecretId=name, VersionStage="nowhere",
                 RemoveFromVersionId=v1)
        self.assertEqual(self.stages(name), {v1: ["AWSPREVIOUS"], v2: ["AWSCURRENT"]})

    def test_unknown_versions_are_invalid_parameter(self):
        name, _, v1, v2 = self.two_versions()
        missing = sm.token()
        self.err("InvalidParameterException", USVS, SecretId=name, VersionStage="blue",
                 MoveToVersionId=missing, contains=missing)
        self.err("InvalidParameterException", USVS, SecretId=name, VersionStage="AWSCURRENT",
                 MoveToVersionId=missing, RemoveFromVersionId=v2)
        self.err("InvalidParameterException", USVS, SecretId=name, VersionStage="AWSPREVIOUS",
                 RemoveFromVersionId=missing)
        self.assertEqual(self.stages(name), {v1: ["AWSPREVIOUS"], v2: ["AWSCURRENT"]})

    def test_missing_secret_is_not_found(self):
        self.err("ResourceNotFoundException", USVS, message=sm.NOT_FOUND,
                 SecretId=self.secret_name(), VersionStage="x", MoveToVersionId=sm.token())

    def test_twenty_labels_per_secret_then_limit_exceeded(self):
        name, _, v1, v2 = self.two_versions()  # AWSCURRENT + AWSPREVIOUS
        for i in range(18):
            self.ok(USVS, driver=self.fx, SecretId=name, VersionStage=f"L{i:02d}",
                    MoveToVersionId=v1 if i % 2 else v2)
        self.err("LimitExceededException", USVS, SecretId=name, VersionStage="L18",
                 MoveToVersionId=v1)
        self.err("LimitExceededException", "PutSecretValue", SecretId=name,
                 SecretString=self.canary(), VersionStages=["L19"])
        stages = self.stages(name)
        self.assertEqual(sum(len(s) for s in stages.values()), 20)
        self.assertNotIn("L18", stages[v1])
        self.assertEqual(len(self.version_list(name, include_deprecated=True)), 2)
        # Moving a label that exists does not count twice.
        self.ok(USVS, SecretId=name, VersionStage="L00", MoveToVersionId=v1,
                RemoveFromVersionId=v2)

    def test_new_awscurrent_by_put_moves_awsprevious_off_an_older_version(self):
        name, _, v1, v2 = self.two_versions()
        v3 = self.put_value(name)["VersionId"]
        self.assertEqual(self.stages(name), {v2: ["AWSPREVIOUS"], v3: ["AWSCURRENT"]})
        # AWSCURRENT moved by UpdateSecretVersionStage onto the deprecated v1.
        self.ok(USVS, SecretId=name, VersionStage="AWSCURRENT", MoveToVersionId=v1,
                RemoveFromVersionId=v3)
        self.assertEqual(self.stages(name), {v1: ["AWSCURRENT"], v3: ["AWSPREVIOUS"]})


class VersionListCases:
    def test_entries_and_shape(self):
        c = self.create()
        name = c["Name"]
        v2 = self.put_value(name)["VersionId"]
        self.get_value(name, VersionId=v2)
        out = self.ok("ListSecretVersionIds", SecretId=name)
        self.assertEqual((out["ARN"], out["Name"]), (c["ARN"], name))
        self.assertNotIn("NextToken", out)
        entries = {e["VersionId"]: e for e in out["Versions"]}
        self.assertEqual(set(entries), {c["VersionId"], v2})
        read = entries[v2]
        self.assertEqual(read["VersionStages"], ["AWSCURRENT"])
        self.assert_timestamp(read["CreatedDate"])
        self.assert_read_today(read["LastAccessedDate"])
        self.assertIsInstance(read["KmsKeyIds"], list)
        self.assertEqual(len(read["KmsKeyIds"]), 1)
        unread = entries[c["VersionId"]]
        self.assertEqual(unread["VersionStages"], ["AWSPREVIOUS"])
        self.assertNotIn("LastAccessedDate", unread)

    def test_paging_with_max_results_and_include_deprecated(self):
        c = self.create()
        name = c["Name"]
        ids = [c["VersionId"]] + [self.put_value(name)["VersionId"] for _ in range(6)]
        seen, token, pages = [], None, 0
        while True:
            params = {"SecretId": name, "MaxResults": 3, "IncludeDeprecated": True}
            if token:
                params["NextToken"] = token
            out = self.ok("ListSecretVersionIds", **params)
            self.assertLessEqual(len(out["Versions"]), 3)
            seen += [e["VersionId"] for e in out["Versions"]]
            pages += 1
            token = out.get("NextToken")
            if not token:
                break
            self.assertLess(pages, 10, "NextToken never ends")
        self.assertEqual(sorted(seen), sorted(ids))
        self.assertEqual(len(seen), len(set(seen)), "a version listed twice")
        labelled = [e["VersionId"] for e in self.version_list(name, driver=self.c, page=1)]
        self.assertEqual(sorted(labelled), sorted(ids[-2:]))

    def test_bad_next_token_and_missing_secret(self):
        name = self.create()["Name"]
        self.err("InvalidNextTokenException", "ListSecretVersionIds", SecretId=name,
                 NextToken="not-a-token")
        self.err("ResourceNotFoundException", "ListSecretVersionIds", message=sm.NOT_FOUND,
                 SecretId=self.secret_name())


VERSION_CASES = [VersionStageCases, VersionListCases]
