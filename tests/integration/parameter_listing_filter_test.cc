// PgParameterListing over real PostgreSQL: filter terms (every field and
// option, OR within a field, AND across fields), labels, prefix bounds, and
// values that need quoting on their way to PostgreSQL.
#include <string>
#include <vector>

#include "parameter_listing_fixture.h"
#include "store/pg_parameter_listing_bounds.h"
#include "store/pg_text_array.h"

namespace paramsafe::integration {
namespace {

using core::Code;
using core::FilterTerm;
using core::ParameterPage;
using core::ParameterQuery;

TEST_F(IntegrationParameterListing, PrefixUpperBoundRaisesTheLastCodePoint) {
  auto bound = [](std::string_view p) { return store::PrefixUpperBound(p); };
  EXPECT_EQ(*bound("/a/"), std::optional<std::string>("/a0"));
  EXPECT_EQ(*bound("/a"), std::optional<std::string>("/b"));
  EXPECT_EQ(*bound("\x7f"), std::optional<std::string>("\u0080"));
  EXPECT_EQ(*bound("x\u00bf"), std::optional<std::string>("x\u00c0"));
  EXPECT_EQ(*bound("\ud7ff"), std::optional<std::string>("\ue000"));  // skips surrogates
  EXPECT_EQ(*bound("\uffff"), std::optional<std::string>("\U00010000"));
  EXPECT_EQ(*bound("a\U0010FFFF\U0010FFFF"), std::optional<std::string>("b"));
  EXPECT_EQ(*bound(""), std::nullopt);
  EXPECT_EQ(*bound("\U0010FFFF"), std::nullopt);
  for (const std::string& bad :
       std::vector<std::string>{"\xff", "\xc3", "\xc0\xaf", "\xed\xa0\x80", "a\xf4\x90\x80\x80",
                                std::string("a\0b", 3)}) {
    auto r = bound(bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  }
}

TEST_F(IntegrationParameterListing, InvalidUtf8PrefixIsInvalidArgument) {
  ParameterQuery q = Query();
  q.prefix = "/a\xff";
  auto page = listing().List(q);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), Code::kInvalidArgument);
}

// --- terms -----------------------------------------------------------------

class IntegrationParameterListingTerms : public IntegrationParameterListing {
 protected:
  void SetUp() override {
    IntegrationParameterListing::SetUp();
    if (HasFatalFailure()) return;
    InsertParameters({"/t/plain", "/t/list", "/t/secret", "/t/custom-key", "/t/ami", "/t/adv"});
    AddVersion("/t/list", {.type = "StringList"});
    AddVersion("/t/secret", {.type = "SecureString", .key_ref = "alias/aws/ssm"});
    AddVersion("/t/custom-key", {.type = "SecureString", .key_ref = "alias/team/key"});
    AddVersion("/t/ami", {.data_type = "aws:ec2:image"});
    AddVersion("/t/adv", {.tier = "Advanced"});
    Tag("/t/plain", "env", "prod");
    Tag("/t/list", "env", "production");
    Tag("/t/secret", "env", "dev");
    Tag("/t/secret", "team", "blue");
    Tag("/t/ami", "team", "");
  }

  std::vector<std::string> Match(std::vector<FilterTerm> terms) {
    ParameterQuery q = Query();
    q.terms = std::move(terms);
    return Sorted(ListAll(q));
  }
};

TEST_F(IntegrationParameterListingTerms, NameOptions) {
  EXPECT_EQ(Match({{"Name", "Equals", "/t/plain"}}), (std::vector<std::string>{"/t/plain"}));
  EXPECT_EQ(Match({{"Name", "BeginsWith", "/t/a"}}),
            (std::vector<std::string>{"/t/adv", "/t/ami"}));
  EXPECT_EQ(Match({{"Name", "Contains", "e"}}),
            (std::vector<std::string>{"/t/custom-key", "/t/secret"}));
  EXPECT_EQ(Match({{"Name", "Equals", "/t/pla"}}), std::vector<std::string>{});
}

TEST_F(IntegrationParameterListingTerms, TypeOptions) {
  EXPECT_EQ(Match({{"Type", "Equals", "StringList"}}), (std::vector<std::string>{"/t/list"}));
  EXPECT_EQ(Match({{"Type", "BeginsWith", "Secure"}}),
            (std::vector<std::string>{"/t/custom-key", "/t/secret"}));
  EXPECT_EQ(Match({{"Type", "Equals", "String"}}),
            (std::vector<std::string>{"/t/adv", "/t/ami", "/t/plain"}));
}

TEST_F(IntegrationParameterListingTerms, KeyIdOptions) {
  EXPECT_EQ(Match({{"KeyId", "Equals", "alias/aws/ssm"}}), (std::vector<std::string>{"/t/secret"}));
  EXPECT_EQ(Match({{"KeyId", "BeginsWith", "alias/"}}),
            (std::vector<std::string>{"/t/custom-key", "/t/secret"}));
}

TEST_F(IntegrationParameterListingTerms, TierOptions) {
  EXPECT_EQ(Match({{"Tier", "Equals", "Advanced"}}), (std::vector<std::string>{"/t/adv"}));
  EXPECT_EQ(Match({{"Tier", "BeginsWith", "Stand"}}).size(), 5u);
}

TEST_F(IntegrationParameterListingTerms, DataTypeOptions) {
  EXPECT_EQ(Match({{"DataType", "Equals", "aws:ec2:image"}}), (std::vector<std::string>{"/t/ami"}));
  EXPECT_EQ(Match({{"DataType", "BeginsWith", "aws:"}}), (std::vector<std::string>{"/t/ami"}));
  EXPECT_EQ(Match({{"DataType", "Equals", "text"}}).size(), 5u);
}

TEST_F(IntegrationParameterListingTerms, TagOptions) {
  EXPECT_EQ(Match({{"tag:env", "Equals", "prod"}}), (std::vector<std::string>{"/t/plain"}));
  EXPECT_EQ(Match({{"tag:env", "BeginsWith", "prod"}}),
            (std::vector<std::string>{"/t/list", "/t/plain"}));
  EXPECT_EQ(Match({{"tag:team", "Exists", ""}}), (std::vector<std::string>{"/t/ami", "/t/secret"}));
  EXPECT_EQ(Match({{"tag:team", "Equals", ""}}), (std::vector<std::string>{"/t/ami"}));
  EXPECT_EQ(Match({{"tag:nope", "Exists", ""}}), std::vector<std::string>{});
}

TEST_F(IntegrationParameterListingTerms, TermsOfOneFieldAreOred) {
  EXPECT_EQ(Match({{"Type", "Equals", "StringList"}, {"Type", "Equals", "SecureString"}}),
            (std::vector<std::string>{"/t/custom-key", "/t/list", "/t/secret"}));
  EXPECT_EQ(Match({{"tag:env", "Equals", "dev"}, {"tag:env", "BeginsWith", "produ"}}),
            (std::vector<std::string>{"/t/list", "/t/secret"}));
}

TEST_F(IntegrationParameterListingTerms, TermsOfDifferentFieldsAreAnded) {
  EXPECT_EQ(Match({{"Type", "BeginsWith", "String"}, {"tag:env", "BeginsWith", "prod"}}),
            (std::vector<std::string>{"/t/list", "/t/plain"}));
  EXPECT_EQ(Match({{"Type", "Equals", "SecureString"},
                   {"Type", "Equals", "StringList"},
                   {"tag:env", "Equals", "dev"},
                   {"tag:team", "Exists", ""},
                   {"Name", "Contains", "sec"}}),
            (std::vector<std::string>{"/t/secret"}));
  EXPECT_EQ(Match({{"Type", "Equals", "StringList"}, {"tag:team", "Exists", ""}}),
            std::vector<std::string>{});
}

TEST_F(IntegrationParameterListingTerms, TermsAreCheckedAgainstTheFieldsTheyApplyTo) {
  for (const FilterTerm& bad : std::vector<FilterTerm>{{"Type", "Contains", "S"},
                                                       {"Name", "Exists", ""},
                                                       {"Label", "Equals", "x"},
                                                       {"tag:", "Exists", ""},
                                                       {"Tier", "Like", "S"}}) {
    ParameterQuery q = Query();
    q.terms = {bad};
    auto page = listing().List(q);
    ASSERT_FALSE(page.ok()) << bad.field << " " << bad.option;
    EXPECT_EQ(page.status().code(), Code::kInvalidArgument);
  }
}

TEST_F(IntegrationParameterListing, AwkwardTermValuesTravelVerbatim) {
  const std::vector<std::string> odd = {"/odd/q\"uote",
                                        "/odd/back\\slash",
                                        "/odd/com,ma",
                                        "/odd/{brace}",
                                        "/odd/NULL",
                                        "/odd/ sp ace ",
                                        "/odd/\u00fcnic\u00f6de-\u2713-\U0001F600",
                                        "/odd/\\\"",
                                        "/odd/}{,"};
  InsertParameters(odd);
  for (const auto& name : odd) {
    Tag(name, "k,{\"}\\", name);
    ParameterQuery q = Query();
    q.terms = {{"Name", "Equals", name}};
    EXPECT_EQ(ListAll(q), std::vector<std::string>{name}) << name;
    q.terms = {{"tag:k,{\"}\\", "Equals", name}};
    EXPECT_EQ(ListAll(q), std::vector<std::string>{name}) << name;
  }
  ParameterQuery q = Query();
  q.terms = {{"Name", "Equals", "/odd/null"}};
  EXPECT_EQ(ListAll(q), std::vector<std::string>{});
}

TEST_F(IntegrationParameterListing, TextArrayLiteralRoundTripsThroughPostgres) {
  const std::vector<std::string> values = {"plain",       "q\"uote",
                                           "back\\slash", "com,ma",
                                           "{brace}",     "NULL",
                                           "null",        "",
                                           " sp ace ",    "\u00fcnic\u00f6de \u2713 \U0001F600",
                                           "\\\"",        "}{,",
                                           "a\tb\nc"};
  SqlResult r = Sql("SELECT e FROM unnest($1::text[]) WITH ORDINALITY AS t(e, n) ORDER BY n",
                    {store::TextArrayLiteral(values)});
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(r.rows.size(), values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    ASSERT_TRUE(r.rows[i][0].has_value()) << "element " << i << " came back NULL";
    EXPECT_EQ(*r.rows[i][0], values[i]);
  }
  SqlResult empty = Sql("SELECT cardinality($1::text[])", {store::TextArrayLiteral({})});
  ASSERT_TRUE(empty.ok) << empty.error;
  EXPECT_EQ(empty.Scalar(), "0");
}

// --- labels ----------------------------------------------------------------

TEST_F(IntegrationParameterListing, LabelsSelectTheHighestLabelledVersion) {
  InsertParameters({"/l/a", "/l/b", "/l/c"});
  AddVersion("/l/a", {.tier = "Advanced"});  // v2
  AddVersion("/l/a", {});                    // v3
  AddVersion("/l/b", {});                    // v2
  Label("/l/a", 1, "old");
  Label("/l/a", 2, "prod");
  Label("/l/b", 1, "prod");
  // /l/c carries no label and is left out.
  ParameterQuery q = Query();
  q.labels = {"prod", "old"};
  ParameterPage page = Page(q);
  ASSERT_EQ(Names(page), (std::vector<std::string>{"/l/a", "/l/b"}));
  EXPECT_EQ(page.parameters[0].version, 2);
  EXPECT_EQ(page.parameters[0].attributes.tier, "Advanced");
  EXPECT_EQ(page.parameters[1].version, 1);
  EXPECT_TRUE(page.parameters[0].labels.empty());

  q.labels = {"old"};
  page = Page(q);
  ASSERT_EQ(Names(page), (std::vector<std::string>{"/l/a"}));
  EXPECT_EQ(page.parameters[0].version, 1);
}

TEST_F(IntegrationParameterListing, TermsSeeTheLabelledVersion) {
  InsertParameters({"/l/a", "/l/b"});
  AddVersion("/l/a", {.tier = "Advanced"});  // v2, latest
  AddVersion("/l/b", {.tier = "Advanced"});  // v2, latest
  Label("/l/a", 1, "stable");
  Label("/l/b", 2, "stable");
  ParameterQuery q = Query();
  q.labels = {"stable"};
  q.terms = {{"Tier", "Equals", "Advanced"}};
  EXPECT_EQ(ListAll(q), std::vector<std::string>{"/l/b"});
  q.labels = {};
  EXPECT_EQ(ListAll(q), (std::vector<std::string>{"/l/a", "/l/b"}));
}

TEST_F(IntegrationParameterListing, LabelledVersionWithSupersededPoliciesReportsFinished) {
  InsertParameters({"/l/p"});
  AddVersion("/l/p", {.tier = "Advanced", .policies = R"([{"Type":"Expiration"}])"});  // v2
  AddVersion("/l/p", {.tier = "Advanced", .policies = R"([{"Type":"NoChangeNotification"}])"});
  Label("/l/p", 2, "old");
  Job("/l/p", 0, "pending");
  ParameterQuery q = Query();
  q.labels = {"old"};
  ParameterPage page = Page(q);
  ASSERT_EQ(page.parameters.size(), 1u);
  EXPECT_EQ(page.parameters[0].version, 2);
  EXPECT_EQ(page.parameters[0].policy_statuses, std::vector<std::string>{"Finished"});
  page = Page(Query());
  ASSERT_EQ(page.parameters.size(), 1u);
  EXPECT_EQ(page.parameters[0].policy_statuses, std::vector<std::string>{"Pending"});
}

}  // namespace
}  // namespace paramsafe::integration
