// The fake's ListSecrets filters agree with the store's SQL: the cases of
// tests/integration/secret_listing_test.cc, checked against MatchesFilters.
#include "secret_list_matching.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace paramsafe::core::testing {
namespace {

using Names = std::vector<std::string>;

Secret Named(const std::string& name, std::optional<std::string> description = std::nullopt,
             std::vector<Tag> tags = {}) {
  Secret s;
  s.name = name;
  s.description = std::move(description);
  s.tags = std::move(tags);
  return s;
}

// The names of the secrets one filter selects, in the given order.
Names Select(const std::vector<Secret>& secrets, const std::string& key,
             const std::vector<std::string>& values) {
  Names out;
  for (const Secret& s : secrets) {
    if (MatchesFilters(s, {SecretFilter{key, values}})) out.push_back(s.name);
  }
  return out;
}

TEST(CoreSecretListMatching, WordsBreakLikeTheSql) {
  EXPECT_EQ(SearchWords("HTTPServer"), (Names{"http", "server"}));
  EXPECT_EQ(SearchWords("camelCaseURLValue"), (Names{"camel", "case", "url", "value"}));
  EXPECT_EQ(SearchWords("db2Replica"), (Names{"db", "2", "replica"}));
  EXPECT_EQ(SearchWords("my.value+x"), (Names{"my", "value", "x"}));
  EXPECT_EQ(SearchWords("ABC"), (Names{"abc"}));
  EXPECT_EQ(SearchWords("-- "), (Names{}));
  // Non-ASCII characters are no separators and no letters, and keep their case.
  const std::string u_umlaut = "\xC3\x9C", e_acute = "\xC3\xA9";
  EXPECT_EQ(SearchWords(u_umlaut + "berKey"), (Names{u_umlaut + "ber", "key"}));
  EXPECT_EQ(SearchWords("caf" + e_acute + "Bar"), (Names{"caf" + e_acute + "bar"}));
}

TEST(CoreSecretListMatching, AllBreaksBeforeTheLastCapitalOfAnAcronym) {
  const std::vector<Secret> secrets{Named("HTTPServer"), Named("camelCaseURLValue")};
  EXPECT_EQ(Select(secrets, "all", {"server"}), (Names{"HTTPServer"}));
  EXPECT_EQ(Select(secrets, "all", {"http"}), (Names{"HTTPServer"}));
  EXPECT_EQ(Select(secrets, "all", {"url"}), (Names{"camelCaseURLValue"}));
  EXPECT_EQ(Select(secrets, "all", {"CaseURL"}), (Names{"camelCaseURLValue"}));
}

TEST(CoreSecretListMatching, AllWordsMustStartWordsOfOneAttribute) {
  const std::vector<Secret> secrets{
      Named("prod/DatabasePassword"), Named("plain1", "rotated weekly"),
      Named("plain2", std::nullopt, {{"CostCenter", "Finance42"}, {"env", "prod"}}),
      Named("other")};
  EXPECT_EQ(Select(secrets, "all", {"prod data"}), (Names{"prod/DatabasePassword"}));
  EXPECT_EQ(Select(secrets, "all", {"rot week"}), (Names{"plain1"}));
  EXPECT_EQ(Select(secrets, "all", {"cost center"}), (Names{"plain2"}));
  EXPECT_EQ(Select(secrets, "all", {"fin 42"}), (Names{"plain2"}));
  // Name and description, a tag key and its value, two tags: not one attribute.
  EXPECT_EQ(Select(secrets, "all", {"plain weekly"}), (Names{}));
  EXPECT_EQ(Select(secrets, "all", {"cost finance"}), (Names{}));
  EXPECT_EQ(Select(secrets, "all", {"cost env"}), (Names{}));
  EXPECT_EQ(Select(secrets, "all", {"ase"}), (Names{}));
  // A value without words matches nothing.
  EXPECT_EQ(Select(secrets, "all", {"-"}), (Names{}));
}

TEST(CoreSecretListMatching, DescriptionMatchesItsStartOrTheStartsOfWords) {
  const std::vector<Secret> secrets{Named("a", "Database password for Prod"),
                                    Named("b", "MyServiceKey"),
                                    Named("c", "prod api-key"),
                                    Named("d"),
                                    Named("e", "Myservice"),
                                    Named("f", "-x")};
  EXPECT_EQ(Select(secrets, "description", {"database"}), (Names{"a"}));
  EXPECT_EQ(Select(secrets, "description", {"PROD"}), (Names{"a", "c"}));
  EXPECT_EQ(Select(secrets, "description", {"serv"}), (Names{"b"}));
  EXPECT_EQ(Select(secrets, "description", {"key"}), (Names{"b", "c"}));
  EXPECT_EQ(Select(secrets, "description", {"ase"}), (Names{}));
  EXPECT_EQ(Select(secrets, "description", {"pass prod"}), (Names{"a"}));
  EXPECT_EQ(Select(secrets, "description", {"pass api"}), (Names{}));
  // Only as a prefix of the whole description ("myS" has the words my, s).
  EXPECT_EQ(Select(secrets, "description", {"myS"}), (Names{"b", "e"}));
  EXPECT_EQ(Select(secrets, "description", {"-"}), (Names{"f"}));
  // Without a description nothing matches, not even an empty prefix.
  EXPECT_EQ(Select(secrets, "description", {""}), (Names{"a", "b", "c", "e", "f"}));
}

TEST(CoreSecretListMatching, NegationSelectsExactlyWhatTheValueDoesNot) {
  Secret owned = Named("owned", std::nullopt, {{"env", "prod"}, {"team", "x"}});
  owned.owning_service = "appflow";
  owned.primary_region = "us-east-1";
  const std::vector<Secret> secrets{owned, Named("tagged", "prod api", {{"team", "y"}}),
                                    Named("bare")};
  EXPECT_EQ(Select(secrets, "tag-key", {"!env"}), (Names{"tagged", "bare"}));
  EXPECT_EQ(Select(secrets, "tag-value", {"!prod"}), (Names{"tagged", "bare"}));
  EXPECT_EQ(Select(secrets, "description", {"!prod"}), (Names{"owned", "bare"}));
  EXPECT_EQ(Select(secrets, "owning-service", {"!APP"}), (Names{"tagged", "bare"}));
  EXPECT_EQ(Select(secrets, "all", {"!-"}), (Names{"owned", "tagged", "bare"}));
  // For every key and value, the value and its negation split the secrets.
  for (const char* key :
       {"name", "description", "tag-key", "tag-value", "primary-region", "owning-service", "all"}) {
    for (const char* value : {"", "-", "prod", "team", "x", "us", "app", "bare", "prod api"}) {
      SCOPED_TRACE(std::string(key) + " " + value);
      const Names yes = Select(secrets, key, {value});
      const Names no = Select(secrets, key, {std::string("!") + value});
      for (const Secret& s : secrets) {
        EXPECT_NE(std::count(yes.begin(), yes.end(), s.name),
                  std::count(no.begin(), no.end(), s.name));
      }
    }
  }
}

}  // namespace
}  // namespace paramsafe::core::testing
