// ssm/parameter_filters: the JSON shape and model constraints of Filters and
// ParameterFilters, DescribeParameters' and GetParametersByPath's rules with
// AWS's error types and texts, and the query parts they select.
#include "ssm/parameter_filters.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <ostream>
#include <string>
#include <vector>

// Found by argument-dependent lookup, so they live in FilterTerm's namespace.
namespace paramsafe::core {
static bool operator==(const FilterTerm& a, const FilterTerm& b) {
  return a.field == b.field && a.option == b.option && a.value == b.value;
}
[[maybe_unused]] static void PrintTo(const FilterTerm& t, std::ostream* os) {
  *os << "{" << t.field << ", " << t.option << ", " << t.value << "}";
}
}  // namespace paramsafe::core

namespace paramsafe::adapters::ssm {
namespace {

using core::FilterTerm;

constexpr const char* kPathShape =
    "The parameter doesn't meet the parameter name requirements. The parameter name must begin "
    "with a forward slash \"/\". It can't be prefixed with \"aws\" or \"ssm\" "
    "(case-insensitive). It must use only letters, numbers, or the following symbols: . "
    "(period), - (hyphen), _ (underscore). Special characters are not allowed. All sub-paths, "
    "if specified, must use the forward slash symbol \"/\". Valid example: "
    "/get/parameters2-/by1./path0_.";
constexpr const char* kPathFilterReserved =
    "Filters for common parameters can't be prefixed with \"aws\" or \"ssm\" "
    "(case-insensitive). When using global parameters, please specify within a global "
    "namespace.";

// Reads a request body's filters as an operation does: step 1, then step 2.
Parsed<QueryScope> Describe(std::string_view body) {
  boost::json::object req = boost::json::parse(body).as_object();
  RequestReader r(req);
  auto legacy = ReadLegacyFilters(r, req);
  if (auto* e = std::get_if<AwsError>(&legacy)) return *e;
  auto filters = ReadParameterFilters(r, req);
  if (auto* e = std::get_if<AwsError>(&filters)) return *e;
  if (auto e = r.Error()) return *e;
  const auto& l = std::get<0>(legacy);
  return DescribeScope(l.empty() ? std::get<0>(filters) : l);
}

Parsed<QueryScope> ByPath(std::string_view path, bool recursive, std::string_view filters = "[]") {
  boost::json::object req = boost::json::parse(R"({"ParameterFilters": )" +
                                               std::string(filters) + "}")
                                .as_object();
  RequestReader r(req);
  auto parsed = ReadParameterFilters(r, req);
  if (auto* e = std::get_if<AwsError>(&parsed)) return *e;
  if (auto e = r.Error()) return *e;
  return ByPathScope(path, recursive, std::get<0>(parsed));
}

QueryScope Ok(const Parsed<QueryScope>& p) {
  if (const auto* e = std::get_if<AwsError>(&p)) {
    ADD_FAILURE() << e->type << ": " << e->message;
    return {};
  }
  return std::get<QueryScope>(p);
}

// Expects an error of this type and returns it.
AwsError Err(const Parsed<QueryScope>& p, std::string_view type) {
  const auto* e = std::get_if<AwsError>(&p);
  if (e == nullptr) {
    ADD_FAILURE() << "expected " << type << ", got a scope";
    return {};
  }
  EXPECT_EQ(e->type, type) << e->message;
  return *e;
}

std::string Filter(std::string_view key, std::string_view option, std::string_view values) {
  std::string f = R"({"Key": ")" + std::string(key) + "\"";
  if (!option.empty()) f += R"(, "Option": ")" + std::string(option) + "\"";
  if (!values.empty()) f += R"(, "Values": )" + std::string(values);
  return f + "}";
}
std::string Filters(const std::vector<std::string>& filters) {
  std::string body = R"({"ParameterFilters": [)";
  for (std::size_t i = 0; i < filters.size(); ++i) body += (i ? ", " : "") + filters[i];
  return body + "]}";
}

// ---- DescribeParameters: what filters select ------------------------------

TEST(AdaptersSsmParameterFilters, NoFiltersSelectEverything) {
  QueryScope s = Ok(Describe("{}"));
  EXPECT_TRUE(s.terms.empty());
  EXPECT_FALSE(s.prefix.has_value());
  EXPECT_FALSE(s.parent.has_value());
  EXPECT_TRUE(s.labels.empty());
}

TEST(AdaptersSsmParameterFilters, NameDefaultsToEqualsOnTheLookupName) {
  QueryScope s = Ok(Describe(Filters({Filter("Name", "", R"(["/foo"])")})));
  EXPECT_EQ(s.terms, (std::vector<FilterTerm>{{"Name", "Equals", "foo"}}));
  EXPECT_EQ(s.prefix, "foo");
}

TEST(AdaptersSsmParameterFilters, NameEqualsKeepsAHierarchicalNamesSlash) {
  QueryScope s = Ok(Describe(Filters({Filter("Name", "Equals", R"(["/a/b", "c"])")})));
  EXPECT_EQ(s.terms, (std::vector<FilterTerm>{{"Name", "Equals", "/a/b"}, {"Name", "Equals", "c"}}));
  EXPECT_FALSE(s.prefix.has_value()) << "two names are two ranges";
}

TEST(AdaptersSsmParameterFilters, NameBeginsWithCoversBothSpellingsOfATopLevelPrefix) {
  QueryScope s = Ok(Describe(Filters({Filter("Name", "BeginsWith", R"(["/fo"])")})));
  EXPECT_EQ(s.terms, (std::vector<FilterTerm>{{"Name", "BeginsWith", "/fo"},
                                              {"Name", "BeginsWith", "fo"}}));
  EXPECT_FALSE(s.prefix.has_value());
  QueryScope bare = Ok(Describe(Filters({Filter("Name", "BeginsWith", R"(["fo"])")})));
  EXPECT_EQ(bare.terms, s.terms);
}

TEST(AdaptersSsmParameterFilters, NameBeginsWithADeeperPrefixIsOneRange) {
  QueryScope s = Ok(Describe(Filters({Filter("Name", "BeginsWith", R"(["/a/b"])")})));
  EXPECT_EQ(s.terms, (std::vector<FilterTerm>{{"Name", "BeginsWith", "/a/b"}}));
  EXPECT_EQ(s.prefix, "/a/b");
}

TEST(AdaptersSsmParameterFilters, NameBeginsWithRootSelectsEveryName) {
  QueryScope s = Ok(Describe(Filters({Filter("Name", "BeginsWith", R"(["/", "/x/y"])")})));
  EXPECT_TRUE(s.terms.empty());
  EXPECT_FALSE(s.prefix.has_value());
}

TEST(AdaptersSsmParameterFilters, NameContainsALeadingSlashAlsoMatchesTopLevelNames) {
  QueryScope s = Ok(Describe(Filters({Filter("Name", "Contains", R"(["/ab", "cd"])")})));
  EXPECT_EQ(s.terms, (std::vector<FilterTerm>{{"Name", "Contains", "/ab"},
                                              {"Name", "BeginsWith", "ab"},
                                              {"Name", "Contains", "cd"}}));
  EXPECT_FALSE(s.prefix.has_value());
}

TEST(AdaptersSsmParameterFilters, PathDefaultsToOneLevel) {
  QueryScope s = Ok(Describe(Filters({Filter("Path", "", R"(["/a/b/"])")})));
  EXPECT_EQ(s.parent, "/a/b");
  EXPECT_FALSE(s.prefix.has_value());
  EXPECT_TRUE(s.terms.empty());
}

TEST(AdaptersSsmParameterFilters, PathRecursiveIsAPrefix) {
  QueryScope s = Ok(Describe(Filters({Filter("Path", "Recursive", R"(["/a"])")})));
  EXPECT_EQ(s.prefix, "/a/");
  EXPECT_FALSE(s.parent.has_value());
}

TEST(AdaptersSsmParameterFilters, RootPathOneLevelIsTheTopLevel) {
  EXPECT_EQ(Ok(Describe(Filters({Filter("Path", "OneLevel", R"(["/"])")}))).parent, "/");
  QueryScope all = Ok(Describe(Filters({Filter("Path", "Recursive", R"(["/"])")})));
  EXPECT_FALSE(all.prefix.has_value());
  EXPECT_FALSE(all.parent.has_value());
}

TEST(AdaptersSsmParameterFilters, NarrowerOfPathAndNamePrefixIsRead) {
  QueryScope s = Ok(Describe(Filters({Filter("Path", "Recursive", R"(["/a"])"),
                                      Filter("Name", "BeginsWith", R"(["/a/b/c"])")})));
  EXPECT_EQ(s.prefix, "/a/b/c");
  EXPECT_EQ(s.terms, (std::vector<FilterTerm>{{"Name", "BeginsWith", "/a/b/c"}}));
  QueryScope wider = Ok(Describe(Filters({Filter("Path", "Recursive", R"(["/a/b"])"),
                                          Filter("Name", "Equals", R"(["/a/b/c"])")})));
  EXPECT_EQ(wider.prefix, "/a/b/c");
  QueryScope one_level = Ok(Describe(Filters({Filter("Path", "", R"(["/a"])"),
                                              Filter("Name", "BeginsWith", R"(["/a/x"])")})));
  EXPECT_EQ(one_level.parent, "/a");
  EXPECT_EQ(one_level.prefix, "/a/x");
}

TEST(AdaptersSsmParameterFilters, AttributeKeysDefaultToEquals) {
  QueryScope s = Ok(Describe(Filters({Filter("Type", "", R"(["SecureString"])"),
                                      Filter("KeyId", "BeginsWith", R"(["alias/"])"),
                                      Filter("Tier", "", R"(["Advanced", "Standard"])"),
                                      Filter("DataType", "", R"(["aws:ec2:image"])")})));
  EXPECT_EQ(s.terms, (std::vector<FilterTerm>{{"Type", "Equals", "SecureString"},
                                              {"KeyId", "BeginsWith", "alias/"},
                                              {"Tier", "Equals", "Advanced"},
                                              {"Tier", "Equals", "Standard"},
                                              {"DataType", "Equals", "aws:ec2:image"}}));
}

TEST(AdaptersSsmParameterFilters, TagFilterMatchesValuesOrPresence) {
  QueryScope s = Ok(Describe(Filters({Filter("tag:env", "BeginsWith", R"(["pr"])"),
                                      Filter("tag:team", "", "")})));
  EXPECT_EQ(s.terms, (std::vector<FilterTerm>{{"tag:env", "BeginsWith", "pr"},
                                              {"tag:team", "Exists", ""}}));
}

TEST(AdaptersSsmParameterFilters, TypeBeginsWithTakesAPartialValue) {
  QueryScope s = Ok(Describe(Filters({Filter("Type", "BeginsWith", R"(["Secure"])")})));
  EXPECT_EQ(s.terms, (std::vector<FilterTerm>{{"Type", "BeginsWith", "Secure"}}));
}

TEST(AdaptersSsmParameterFilters, LegacyFiltersImplyTheirOptions) {
  QueryScope s = Ok(Describe(
      R"({"Filters": [{"Key": "Name", "Values": ["/a/b"]}, {"Key": "Type", "Values": ["String"]},
                      {"Key": "KeyId", "Values": ["alias/aws/ssm"]}]})"));
  EXPECT_EQ(s.terms, (std::vector<FilterTerm>{{"Name", "BeginsWith", "/a/b"},
                                              {"Type", "Equals", "String"},
                                              {"KeyId", "Equals", "alias/aws/ssm"}}));
  EXPECT_EQ(s.prefix, "/a/b");
}

TEST(AdaptersSsmParameterFilters, CanonicalTextIgnoresOrderAndDefaults) {
  QueryScope a = Ok(Describe(Filters({Filter("Type", "", R"(["String", "SecureString"])"),
                                      Filter("Name", "BeginsWith", R"(["/x"])")})));
  QueryScope b = Ok(Describe(Filters({Filter("Name", "BeginsWith", R"(["/x"])"),
                                      Filter("Type", "Equals", R"(["SecureString", "String"])")})));
  EXPECT_EQ(a.canonical, b.canonical);
  QueryScope c = Ok(Describe(Filters({Filter("Type", "BeginsWith", R"(["String", "SecureString"])"),
                                      Filter("Name", "BeginsWith", R"(["/x"])")})));
  EXPECT_NE(a.canonical, c.canonical);
  EXPECT_NE(a.canonical, Ok(Describe("{}")).canonical);
}

TEST(AdaptersSsmParameterFilters, CanonicalTextCannotBeForgedByValueContents) {
  QueryScope one = Ok(Describe(Filters({Filter("Name", "Contains", R"(["a;1:b"])")})));
  QueryScope two = Ok(Describe(Filters({Filter("Name", "Contains", R"(["a", "b"])")})));
  EXPECT_NE(one.canonical, two.canonical);
}

// ---- DescribeParameters: the rules ------------------------------------------

TEST(AdaptersSsmParameterFilters, LabelKeyIsNotValidInDescribe) {
  AwsError e = Err(Describe(Filters({Filter("Label", "", R"(["prod"])")})), "InvalidFilterKey");
  EXPECT_EQ(e.message,
            "The following filter key is not valid: Label. Valid filter keys include: [Path, "
            "Name, Type, KeyId, Tier].");
  EXPECT_STREQ(e.message_member, "message");
}

TEST(AdaptersSsmParameterFilters, MissingValuesAreInvalidFilterValue) {
  for (const char* key : {"Name", "Path", "Type", "KeyId", "Tier", "DataType"}) {
    AwsError e = Err(Describe(Filters({Filter(key, "", "")})), "InvalidFilterValue");
    EXPECT_EQ(e.message,
              std::string("The following filter values are missing : null for filter key ") + key +
                  ".");
    EXPECT_STREQ(e.message_member, "Message");
  }
}

TEST(AdaptersSsmParameterFilters, DuplicateKeyIsInvalidFilterKey) {
  AwsError e = Err(Describe(Filters({Filter("Name", "", R"(["a"])"),
                                     Filter("Name", "BeginsWith", R"(["b"])")})),
                   "InvalidFilterKey");
  EXPECT_EQ(e.message,
            "The following filter is duplicated in the request: Name. A request can contain only "
            "one occurrence of a specific filter.");
  Err(Describe(Filters({Filter("tag:a", "", ""), Filter("tag:a", "", R"(["x"])")})),
      "InvalidFilterKey");
}

TEST(AdaptersSsmParameterFilters, DistinctTagKeysAreNotDuplicates) {
  QueryScope s = Ok(Describe(Filters({Filter("tag:a", "", ""), Filter("tag:b", "", "")})));
  EXPECT_EQ(s.terms.size(), 2u);
}

TEST(AdaptersSsmParameterFilters, PathOptionsAreRecursiveAndOneLevel) {
  AwsError e = Err(Describe(Filters({Filter("Path", "Equals", R"(["/a"])")})),
                   "InvalidFilterOption");
  EXPECT_EQ(e.message,
            "The following filter option is not valid: Equals. Valid options include: "
            "[Recursive, OneLevel].");
  EXPECT_STREQ(e.message_member, "message");
}

TEST(AdaptersSsmParameterFilters, OtherKeysTakeEqualsAndBeginsWith) {
  for (const char* key : {"Type", "KeyId", "Tier", "DataType", "tag:x"}) {
    AwsError e = Err(Describe(Filters({Filter(key, "Contains", R"(["String"])")})),
                     "InvalidFilterOption");
    EXPECT_EQ(e.message,
              "The following filter option is not valid: Contains. Valid options include: "
              "[BeginsWith, Equals].")
        << key;
  }
  AwsError e = Err(Describe(Filters({Filter("Name", "Recursive", R"(["a"])")})),
                   "InvalidFilterOption");
  EXPECT_EQ(e.message,
            "The following filter option is not valid: Recursive. Valid options include: "
            "[BeginsWith, Equals].");
}

TEST(AdaptersSsmParameterFilters, ReservedPathIsValidationException) {
  for (const char* path : {"/aws", "/aws/x", "/SSM/x", "/awsome", "/Ssm"}) {
    AwsError e = Err(Describe(Filters({Filter("Path", "", std::string("[\"") + path + "\"]")})),
                     "ValidationException");
    EXPECT_EQ(e.message, kPathFilterReserved) << path;
  }
}

TEST(AdaptersSsmParameterFilters, MalformedPathIsValidationException) {
  for (const char* path : {"test", "//", "/###", "/a//b", "/a b", "/a:b"}) {
    AwsError e = Err(Describe(Filters({Filter("Path", "Recursive",
                                              std::string("[\"") + path + "\"]")})),
                     "ValidationException");
    EXPECT_EQ(e.message, kPathShape) << path;
  }
}

TEST(AdaptersSsmParameterFilters, PathTakesOneValue) {
  AwsError e = Err(Describe(Filters({Filter("Path", "", R"(["/a", "/b"])")})),
                   "InvalidFilterValue");
  EXPECT_EQ(e.message,
            "The Path filter accepts a single value in this service; send one request per path.");
}

TEST(AdaptersSsmParameterFilters, TypeEqualsValueMustBeAType) {
  AwsError e = Err(Describe(Filters({Filter("Type", "", R"(["String", "test"])")})),
                   "InvalidFilterValue");
  EXPECT_EQ(e.message,
            "The following filter value is not valid: test. Valid values include: [String, "
            "StringList, SecureString].");
  EXPECT_STREQ(e.message_member, "Message");
}

TEST(AdaptersSsmParameterFilters, TierEqualsValueMustBeATier) {
  AwsError e = Err(Describe(Filters({Filter("Tier", "Equals", R"(["test"])")})),
                   "InvalidFilterValue");
  EXPECT_EQ(e.message,
            "The following filter value is not valid: test. Valid values include: [Standard, "
            "Advanced, Intelligent-Tiering].");
}

TEST(AdaptersSsmParameterFilters, RulesApplyInRequestOrder) {
  // The first offending filter decides, as AWS checks filters one by one.
  Err(Describe(Filters({Filter("Type", "Bad", R"(["String"])"), Filter("Label", "", "")})),
      "InvalidFilterOption");
  Err(Describe(Filters({Filter("Label", "", ""), Filter("Type", "Bad", R"(["String"])")})),
      "InvalidFilterKey");
}

// ---- The model's constraints ----------------------------------------------

TEST(AdaptersSsmParameterFilters, KeyMustMatchTheModelPattern) {
  AwsError e = Err(Describe(Filters({Filter("key", "", R"(["v"])")})), "ValidationException");
  EXPECT_EQ(e.message,
            "1 validation error detected: Value 'key' at 'parameterFilters.1.member.key' failed "
            "to satisfy constraint: Member must satisfy regular expression pattern: "
            "tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType");
  Err(Describe(Filters({Filter("tag:", "", R"(["v"])")})), "ValidationException");
  Err(Describe(Filters({Filter("Names", "", R"(["v"])")})), "ValidationException");
}

TEST(AdaptersSsmParameterFilters, KeyIsAtMost132Characters) {
  std::string key = "tag:" + std::string(129, 't');
  AwsError e = Err(Describe(Filters({Filter(key, "", R"(["v"])")})), "ValidationException");
  EXPECT_EQ(e.message, "1 validation error detected: Value '" + key +
                           "' at 'parameterFilters.1.member.key' failed to satisfy constraint: "
                           "Member must have length less than or equal to 132");
  Ok(Describe(Filters({Filter("tag:" + std::string(128, 't'), "", R"(["v"])")})));
}

TEST(AdaptersSsmParameterFilters, OptionIsAtMost10Characters) {
  AwsError e = Err(Describe(Filters({Filter("Name", "over 10 chars", R"(["v"])")})),
                   "ValidationException");
  EXPECT_EQ(e.message,
            "1 validation error detected: Value 'over 10 chars' at "
            "'parameterFilters.1.member.option' failed to satisfy constraint: Member must have "
            "length less than or equal to 10");
}

TEST(AdaptersSsmParameterFilters, ValuesHoldOneToFiftyItems) {
  std::string many = "[";
  for (int i = 0; i < 51; ++i) many += std::string(i ? ", " : "") + "\"v\"";
  many += "]";
  AwsError e = Err(Describe(Filters({Filter("Name", "", many)})), "ValidationException");
  EXPECT_NE(e.message.find("at 'parameterFilters.1.member.values' failed to satisfy constraint: "
                           "Member must have length less than or equal to 50"),
            std::string::npos)
      << e.message;
  AwsError empty = Err(Describe(Filters({Filter("Name", "", "[]")})), "ValidationException");
  EXPECT_EQ(empty.message,
            "1 validation error detected: Value '[]' at 'parameterFilters.1.member.values' failed "
            "to satisfy constraint: Member must have length greater than or equal to 1");
}

TEST(AdaptersSsmParameterFilters, EachValueHoldsOneTo1024Characters) {
  std::string long_value = std::string(1025, 't');
  for (const std::string& v : {std::string(), long_value}) {
    AwsError e = Err(Describe(Filters({Filter("Name", "", "[\"" + v + "\"]")})),
                     "ValidationException");
    EXPECT_EQ(e.message, "1 validation error detected: Value '[" + v +
                             "]' at 'parameterFilters.1.member.values' failed to satisfy "
                             "constraint: Member must satisfy constraint: [Member must have "
                             "length less than or equal to 1024, Member must have length greater "
                             "than or equal to 1]");
  }
}

TEST(AdaptersSsmParameterFilters, ViolationsOfSeveralFiltersAreReportedTogether) {
  AwsError e = Err(Describe(Filters({Filter("Name", "over 10 chars", R"(["v"])"),
                                     Filter("key", "", R"(["v"])")})),
                   "ValidationException");
  EXPECT_EQ(e.message.rfind("2 validation errors detected: ", 0), 0u) << e.message;
  EXPECT_NE(e.message.find("'parameterFilters.2.member.key'"), std::string::npos) << e.message;
}

TEST(AdaptersSsmParameterFilters, KeyIsRequired) {
  AwsError e = Err(Describe(R"({"ParameterFilters": [{"Values": ["v"]}]})"),
                   "ValidationException");
  EXPECT_EQ(e.message,
            "1 validation error detected: Value null at 'parameterFilters.1.member.key' failed "
            "to satisfy constraint: Member must not be null");
}

TEST(AdaptersSsmParameterFilters, WrongJsonTypesAreSerializationExceptions) {
  for (const char* body : {R"({"ParameterFilters": {"Key": "Name"}})",
                           R"({"ParameterFilters": ["Name"]})",
                           R"({"ParameterFilters": [{"Key": 1, "Values": ["v"]}]})",
                           R"({"ParameterFilters": [{"Key": "Name", "Option": true}]})",
                           R"({"ParameterFilters": [{"Key": "Name", "Values": "v"}]})",
                           R"({"ParameterFilters": [{"Key": "Name", "Values": [1]}]})",
                           R"({"Filters": [{"Key": "Name", "Values": [null]}]})"}) {
    Err(Describe(body), "SerializationException");
  }
}

TEST(AdaptersSsmParameterFilters, NullFilterListsAreAbsent) {
  QueryScope s = Ok(Describe(R"({"ParameterFilters": null, "Filters": null})"));
  EXPECT_TRUE(s.terms.empty());
}

TEST(AdaptersSsmParameterFilters, LegacyKeysAreNameTypeAndKeyId) {
  AwsError e = Err(Describe(R"({"Filters": [{"Key": "Tier", "Values": ["Standard"]}]})"),
                   "ValidationException");
  EXPECT_EQ(e.message,
            "1 validation error detected: Value 'Tier' at 'filters.1.member.key' failed to "
            "satisfy constraint: Member must satisfy enum value set: [Name, Type, KeyId]");
}

TEST(AdaptersSsmParameterFilters, LegacyValuesAreRequired) {
  AwsError e = Err(Describe(R"({"Filters": [{"Key": "Name"}]})"), "ValidationException");
  EXPECT_EQ(e.message,
            "1 validation error detected: Value null at 'filters.1.member.values' failed to "
            "satisfy constraint: Member must not be null");
}

TEST(AdaptersSsmParameterFilters, LegacyFiltersFollowTheSameRules) {
  Err(Describe(R"({"Filters": [{"Key": "Type", "Values": ["Bogus"]}]})"), "InvalidFilterValue");
  Err(Describe(R"({"Filters": [{"Key": "Name", "Values": ["a"]}, {"Key": "Name", "Values": ["b"]}]})"),
      "InvalidFilterKey");
}

// ---- GetParametersByPath ------------------------------------------------------

TEST(AdaptersSsmParameterFilters, ByPathOneLevelReadsTheLevel) {
  QueryScope s = Ok(ByPath("/a/b", false));
  EXPECT_EQ(s.parent, "/a/b");
  EXPECT_FALSE(s.prefix.has_value());
  EXPECT_EQ(Ok(ByPath("/a/b/", false)).parent, "/a/b");
}

TEST(AdaptersSsmParameterFilters, ByPathRecursiveReadsEverythingBelow) {
  QueryScope s = Ok(ByPath("/a/b/", true));
  EXPECT_EQ(s.prefix, "/a/b/");
  EXPECT_FALSE(s.parent.has_value());
}

TEST(AdaptersSsmParameterFilters, ByPathRoot) {
  EXPECT_EQ(Ok(ByPath("/", false)).parent, "/");
  QueryScope all = Ok(ByPath("/", true));
  EXPECT_FALSE(all.parent.has_value());
  EXPECT_FALSE(all.prefix.has_value());
}

TEST(AdaptersSsmParameterFilters, ByPathTakesTypeKeyIdAndLabel) {
  QueryScope s = Ok(ByPath("/a", true,
                           "[" + Filter("Type", "", R"(["SecureString"])") + ", " +
                               Filter("KeyId", "BeginsWith", R"(["alias/"])") + ", " +
                               Filter("Label", "Equals", R"(["prod", "blue"])") + "]"));
  EXPECT_EQ(s.terms, (std::vector<FilterTerm>{{"Type", "Equals", "SecureString"},
                                              {"KeyId", "BeginsWith", "alias/"}}));
  EXPECT_EQ(s.labels, (std::vector<std::string>{"prod", "blue"}));
}

TEST(AdaptersSsmParameterFilters, ByPathRefusesOtherKeys) {
  for (const char* key : {"Name", "Path", "Tier", "DataType", "tag:env"}) {
    AwsError e = Err(ByPath("/a", false, "[" + Filter(key, "", R"(["x"])") + "]"),
                     "InvalidFilterKey");
    EXPECT_EQ(e.message, std::string("The following filter key is not valid: ") + key +
                             ". Valid filter keys include: [Type, KeyId].");
  }
}

TEST(AdaptersSsmParameterFilters, ByPathLabelTakesOnlyEquals) {
  AwsError e = Err(ByPath("/a", false, "[" + Filter("Label", "BeginsWith", R"(["p"])") + "]"),
                   "InvalidFilterOption");
  EXPECT_EQ(e.message,
            "The following filter option is not valid: BeginsWith. Valid options include: "
            "[Equals].");
}

TEST(AdaptersSsmParameterFilters, ByPathFilterRules) {
  AwsError missing = Err(ByPath("/a", false, "[" + Filter("Label", "", "") + "]"),
                         "InvalidFilterValue");
  EXPECT_EQ(missing.message, "The following filter values are missing : null for filter key Label.");
  Err(ByPath("/a", false,
             "[" + Filter("Type", "", R"(["String"])") + ", " + Filter("Type", "", R"(["String"])") +
                 "]"),
      "InvalidFilterKey");
  Err(ByPath("/a", false, "[" + Filter("KeyId", "Contains", R"(["x"])") + "]"),
      "InvalidFilterOption");
  Err(ByPath("/a", false, "[" + Filter("Type", "", R"(["Bogus"])") + "]"), "InvalidFilterValue");
}

TEST(AdaptersSsmParameterFilters, ByPathReservedPath) {
  for (const char* path : {"/aws", "/aws/", "/AWS/x", "/ssm/a", "/sSmX"}) {
    AwsError e = Err(ByPath(path, true), "ValidationException");
    EXPECT_EQ(e.message,
              "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive).")
        << path;
  }
}

TEST(AdaptersSsmParameterFilters, ByPathMalformedPath) {
  for (const char* path : {"a", "a/b", "/a//b", "//", "/a b", "/a:1", "/ä"}) {
    AwsError e = Err(ByPath(path, false), "ValidationException");
    EXPECT_EQ(e.message, kPathShape) << path;
  }
}

TEST(AdaptersSsmParameterFilters, ByPathCanonicalTextBindsPathAndRecursion) {
  EXPECT_EQ(Ok(ByPath("/a", false)).canonical, Ok(ByPath("/a/", false)).canonical);
  EXPECT_NE(Ok(ByPath("/a", false)).canonical, Ok(ByPath("/a", true)).canonical);
  EXPECT_NE(Ok(ByPath("/a", false)).canonical, Ok(ByPath("/b", false)).canonical);
  EXPECT_NE(Ok(ByPath("/a", false)).canonical,
            Ok(ByPath("/a", false, "[" + Filter("Label", "", R"(["x"])") + "]")).canonical);
}

TEST(AdaptersSsmParameterFilters, QueryCarriesScopeAndBounds) {
  QueryScope s = Ok(ByPath("/a", false, "[" + Filter("Type", "", R"(["String"])") + "]"));
  CallContext ctx;
  ctx.account_id = "123456789012";
  ctx.region = "eu-west-1";
  core::ParameterQuery q = MakeQuery(s, ctx, 7);
  EXPECT_EQ(q.account_id, "123456789012");
  EXPECT_EQ(q.region, "eu-west-1");
  EXPECT_EQ(q.parent, "/a");
  EXPECT_EQ(q.terms, s.terms);
  EXPECT_EQ(q.page_size, 7);
  EXPECT_EQ(q.scan_limit, 70);
  EXPECT_EQ(q.after, "");
  EXPECT_EQ(ScanLimit(1), 50);
  EXPECT_EQ(ScanLimit(50), 500);
}

}  // namespace
}  // namespace paramsafe::adapters::ssm
