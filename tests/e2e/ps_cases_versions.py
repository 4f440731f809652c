"""Parameter Store cases, part 2: versions over time — GetParameterHistory,
LabelParameterVersion, UnlabelParameterVersion, DeleteParameter(s).

Mixins over parameter_store.PsTestCase (see ps_cases_values.py).
"""

import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import parameter_store as ps  # noqa: E402
from parameter_store import mask  # noqa: E402
from ps_cases_values import not_found  # noqa: E402

LABEL_LIMIT = ("A parameter version can have maximum 10 labels.Move one or more labels to "
               "another version and try again.")


class HistoryCases:
    def test_history_lists_versions_oldest_first_with_attributes(self):
        name = self.unique()
        self.put(name, "1", Description="first")
        self.put(name, "2", Overwrite=True, Description="second", AllowedPattern="^[0-9]$")
        self.put(name, "3", Overwrite=True)
        self.ok("LabelParameterVersion", driver=self.fx, Name=name, ParameterVersion=2,
                Labels=["b", "a"])
        out = self.ok("GetParameterHistory", Name=name)
        self.assertNotIn("NextToken", out)
        hist = out["Parameters"]
        self.assertEqual([(h["Version"], h["Value"], h.get("Description")) for h in hist],
                         [(1, "1", "first"), (2, "2", "second"), (3, "3", "second")])
        self.assertEqual(sorted(hist[1].get("Labels", [])), ["a", "b"])
        self.assertEqual([h.get("Labels", []) for h in (hist[0], hist[2])], [[], []])
        self.assertEqual([h.get("AllowedPattern") for h in hist], [None, "^[0-9]$", "^[0-9]$"])
        for h in hist:
            self.assertEqual((h["Name"], h["Type"], h["Tier"], h["DataType"],
                              h["LastModifiedUser"], h.get("Policies", [])),
                             (name, "String", "Standard", "text", ps.ADMIN_ARN, []))
            self.assert_timestamp(h["LastModifiedDate"])
            self.assertNotIn("ARN", h)
            self.assertNotIn("KeyId", h)

    def test_history_of_securestring_hides_values_without_decryption(self):
        name = self.unique()
        first, second = self.canary(), self.canary()
        self.put(name, first, "SecureString")
        self.put(name, second, "SecureString", Overwrite=True)
        plain = self.ok("GetParameterHistory", Name=name, WithDecryption=True)["Parameters"]
        self.assertEqual([h["Value"] for h in plain], [mask(first), mask(second)])
        self.assertEqual([h["KeyId"] for h in plain], ["alias/aws/ssm"] * 2)
        cipher = self.ok("GetParameterHistory", Name=name)["Parameters"]
        for h in cipher:
            self.assertTrue(h["Value"])
            self.assertNotIn("<secret:", h["Value"])

    def test_history_of_missing_parameter_is_parameter_not_found(self):
        name = self.unique()
        self.err("ParameterNotFound", "GetParameterHistory", message=not_found(name), Name=name)

    def test_history_max_results_pages_and_bad_token(self):
        name = self.unique()
        for i in range(5):
            self.put(name, str(i), Overwrite=i > 0)
        first = self.ok("GetParameterHistory", Name=name, MaxResults=2)
        self.assertEqual([h["Version"] for h in first["Parameters"]], [1, 2])
        self.assertTrue(first.get("NextToken"))
        second = self.ok("GetParameterHistory", Name=name, MaxResults=2,
                         NextToken=first["NextToken"])
        self.assertEqual([h["Version"] for h in second["Parameters"]], [3, 4])
        self.err("InvalidNextToken", "GetParameterHistory", Name=name,
                 NextToken=first["NextToken"][:-4] + "AAAA")
        self.err("ValidationException", "GetParameterHistory", Name=name, MaxResults=51)


class LabelCases:
    def test_label_latest_by_default(self):
        name = self.unique()
        self.put(name, "1")
        self.put(name, "2", Overwrite=True)
        self.assertEqual(self.ok("LabelParameterVersion", Name=name, Labels=["live"]),
                         {"InvalidLabels": [], "ParameterVersion": 2})
        self.assertEqual(self.get(name + ":live")["Version"], 2)

    def test_label_does_not_create_a_version(self):
        name = self.unique()
        self.put(name)
        before = self.get(name)
        self.ok("LabelParameterVersion", Name=name, ParameterVersion=1, Labels=["x"])
        after = self.get(name)
        self.assertEqual((after["Version"], after["LastModifiedDate"]),
                         (before["Version"], before["LastModifiedDate"]))

    def test_invalid_labels_are_listed_and_valid_ones_attached(self):
        name = self.unique()
        self.put(name)
        bad = ["1starts-with-digit", "awsLabel", "SSMlabel", "has space", "slash/no"]
        out = self.ok("LabelParameterVersion", Name=name, ParameterVersion=1,
                      Labels=["good.one_-x"] + bad)
        self.assertEqual((sorted(out["InvalidLabels"]), out["ParameterVersion"]),
                         (sorted(bad), 1))
        self.assertEqual(self.history(name)[0].get("Labels", []), ["good.one_-x"])

    def test_moving_a_label_between_versions(self):
        name = self.unique()
        self.put(name, "1")
        self.put(name, "2", Overwrite=True)
        self.ok("LabelParameterVersion", Name=name, ParameterVersion=1, Labels=["stage"])
        self.ok("LabelParameterVersion", Name=name, ParameterVersion=2, Labels=["stage"])
        self.assertEqual([h.get("Labels", []) for h in self.history(name)], [[], ["stage"]])
        self.assertEqual(self.get(name + ":stage")["Value"], "2")

    def test_labels_are_case_sensitive(self):
        name = self.unique()
        self.put(name, "1")
        self.put(name, "2", Overwrite=True)
        self.ok("LabelParameterVersion", Name=name, ParameterVersion=1, Labels=["Blue"])
        self.ok("LabelParameterVersion", Name=name, ParameterVersion=2, Labels=["blue"])
        self.assertEqual([sorted(h.get("Labels", [])) for h in self.history(name)], [["Blue"], ["blue"]])

    def test_eleventh_label_on_a_version_is_label_limit_exceeded(self):
        name = self.unique()
        self.put(name)
        self.ok("LabelParameterVersion", Name=name, ParameterVersion=1,
                Labels=[f"l{i}" for i in range(10)])
        self.err("ParameterVersionLabelLimitExceeded", "LabelParameterVersion", Name=name,
                 ParameterVersion=1, Labels=["l10"])
        self.assertEqual(sorted(self.history(name)[0].get("Labels", [])), sorted(f"l{i}" for i in range(10)))

    def test_label_errors(self):
        name = self.unique()
        self.err("ParameterNotFound", "LabelParameterVersion", Name=name, Labels=["x"])
        self.put(name)
        self.err("ParameterVersionNotFound", "LabelParameterVersion", Name=name,
                 ParameterVersion=7, Labels=["x"])
        self.err("ValidationException", "LabelParameterVersion", Name=name, Labels=["l" * 101])
        self.err("ValidationException", "LabelParameterVersion", Name=name,
                 Labels=[f"m{i}" for i in range(11)])
        self.assertEqual(self.history(name)[0].get("Labels", []), [])

    def test_unlabel_removes_and_reports_missing_labels(self):
        name = self.unique()
        self.put(name, "1")
        self.put(name, "2", Overwrite=True)
        self.ok("LabelParameterVersion", driver=self.fx, Name=name, ParameterVersion=1,
                Labels=["a", "b"])
        out = self.ok("UnlabelParameterVersion", Name=name, ParameterVersion=1,
                      Labels=["a", "never", "b"])
        self.assertEqual((sorted(out["RemovedLabels"]), out["InvalidLabels"]), (["a", "b"], ["never"]))
        self.assertEqual(self.history(name)[0].get("Labels", []), [])
        self.err("ParameterVersionNotFound", "GetParameter", Name=name + ":a")

    def test_unlabel_errors(self):
        name = self.unique()
        self.err("ParameterNotFound", "UnlabelParameterVersion", Name=name, ParameterVersion=1,
                 Labels=["a"])
        self.put(name)
        self.err("ParameterVersionNotFound", "UnlabelParameterVersion", Name=name,
                 ParameterVersion=5, Labels=["a"])


class DeleteCases:
    def test_delete_parameter_removes_every_version(self):
        name = self.unique()
        self.put(name, "1")
        self.put(name, "2", Overwrite=True)
        self.assertEqual(self.ok("DeleteParameter", Name=name), {})
        self.err("ParameterNotFound", "GetParameter", message=not_found(name), Name=name)
        self.err("ParameterNotFound", "GetParameter", Name=name + ":1")
        self.err("ParameterNotFound", "GetParameterHistory", Name=name)

    def test_delete_missing_is_parameter_not_found(self):
        name = self.unique()
        self.err("ParameterNotFound", "DeleteParameter", message=not_found(name), Name=name)

    def test_recreated_parameter_starts_at_version_1_without_labels_or_tags(self):
        name = self.unique()
        self.put(name, "1", Tags=[{"Key": "t", "Value": "v"}])
        self.put(name, "2", Overwrite=True)
        self.ok("LabelParameterVersion", driver=self.fx, Name=name, Labels=["l"])
        self.ok("DeleteParameter", Name=name)
        self.assertEqual(self.ok("PutParameter", Name=name, Value="new", Type="String"),
                         {"Version": 1, "Tier": "Standard"})
        self.assertEqual([h.get("Labels", []) for h in self.history(name)], [[]])
        self.assertEqual(self.ok("ListTagsForResource", ResourceType="Parameter",
                                 ResourceId=name)["TagList"], [])

    def test_delete_parameters_reports_deleted_and_invalid(self):
        a, b, missing = self.unique("a"), self.unique("b"), self.unique("missing")
        self.put(a)
        self.put(b)
        out = self.ok("DeleteParameters", Names=[a, missing, b])
        self.assertEqual((sorted(out["DeletedParameters"]), out["InvalidParameters"]),
                         (sorted([a, b]), [missing]))
        self.assert_absent(a)
        self.assert_absent(b)

    def test_delete_parameters_more_than_10_is_validation_exception(self):
        names = [self.unique(f"d{i}") for i in range(11)]
        self.put(names[0])
        self.err("ValidationException", "DeleteParameters",
                 contains="Member must have length less than or equal to 10", Names=names)
        self.assertEqual(self.get(names[0])["Version"], 1)


VERSION_CASES = [HistoryCases, LabelCases, DeleteCases]
