// secretsmanager.ListSecrets through the Router: entries, filters, sorting and
// NextToken paging.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "common/next_token.h"
#include "secretsmanager_fixture.h"

namespace paramsafe::adapters::testing {
namespace {

class AdaptersSmListSecrets : public SmTest {
 protected:
  // Names of one page.
  static std::vector<std::string> Names(const boost::json::object& page) {
    std::vector<std::string> out;
    for (const boost::json::value& e : page.at("SecretList").as_array())
      out.push_back(Str(e.at("Name")));
    return out;
  }
  // Every name, following NextToken.
  std::vector<std::string> AllNames(boost::json::object request) {
    std::vector<std::string> out;
    for (int pages = 0; pages < 50; ++pages) {
      boost::json::object page = Ok("ListSecrets", request);
      for (const std::string& n : Names(page)) out.push_back(n);
      if (!page.contains("NextToken")) return out;
      request["NextToken"] = page.at("NextToken");
    }
    ADD_FAILURE() << "paging does not end";
    return out;
  }
  static boost::json::object Filter(const std::string& key, boost::json::array values) {
    return {{"Key", key}, {"Values", std::move(values)}};
  }
  std::string ListError(const boost::json::object& body, std::string_view type) {
    return ErrorText(Sm("ListSecrets", body), type);
  }
};

TEST_F(AdaptersSmListSecrets, EntriesCarrySecretVersionsToStages) {
  CreateString("db", "v", Token(1));
  boost::json::object page = Ok("ListSecrets", {});
  ASSERT_EQ(page.at("SecretList").as_array().size(), 1u);
  EXPECT_FALSE(page.contains("NextToken"));
  const boost::json::object& e = page.at("SecretList").as_array()[0].as_object();
  EXPECT_EQ(Str(e.at("Name")), "db");
  EXPECT_TRUE(e.contains("ARN"));
  EXPECT_DOUBLE_EQ(e.at("CreatedDate").to_number<double>(), kNowSeconds);
  EXPECT_EQ(Strings(e.at("SecretVersionsToStages").as_object().at(Token(1))),
            std::vector<std::string>{"AWSCURRENT"});
  EXPECT_FALSE(e.contains("VersionIdsToStages"));
  EXPECT_FALSE(e.contains("KmsKeyId"));
}

TEST_F(AdaptersSmListSecrets, PagesFollowNextTokenToTheEnd) {
  for (const char* n : {"a", "b", "c", "d", "e"}) {
    CreateString(n, "v");
    clock_.Advance(std::chrono::seconds(1));
  }
  EXPECT_EQ(AllNames({{"MaxResults", 2}}), (std::vector<std::string>{"a", "b", "c", "d", "e"}));
  boost::json::object first = Ok("ListSecrets", {{"MaxResults", 2}});
  EXPECT_EQ(Names(first).size(), 2u);
  ASSERT_TRUE(first.contains("NextToken"));
  // MaxResults may change between pages.
  boost::json::object rest =
      Ok("ListSecrets", {{"MaxResults", 10}, {"NextToken", first.at("NextToken")}});
  EXPECT_EQ(Names(rest), (std::vector<std::string>{"c", "d", "e"}));
}

TEST_F(AdaptersSmListSecrets, ATokenOnlyServesTheListingThatMadeIt) {
  for (const char* n : {"a", "b", "c"}) CreateString(n, "v");
  boost::json::object first = Ok("ListSecrets", {{"MaxResults", 1}});
  const std::string token = Str(first.at("NextToken"));
  const boost::json::array by_name{Filter("name", {"a"})};
  std::string text =
      ListError({{"NextToken", token}, {"Filters", by_name}}, "InvalidNextTokenException");
  EXPECT_FALSE(text.empty());
  ListError({{"NextToken", token}, {"SortOrder", "desc"}}, "InvalidNextTokenException");
  ListError({{"NextToken", token}, {"IncludePlannedDeletion", true}}, "InvalidNextTokenException");
  ListError({{"NextToken", token + "0"}}, "InvalidNextTokenException");
  ListError({{"NextToken", "garbage"}}, "InvalidNextTokenException");
  ListError({{"NextToken", EncodeNextToken("BatchGetSecretValue", "", "a")}},
            "InvalidNextTokenException");
  ListError({{"NextToken", ""}}, "ValidationException");
}

TEST_F(AdaptersSmListSecrets, FiltersSelectAndNegate) {
  Ok("CreateSecret", {{"Name", "prod/db"}, {"Description", "Main database"}});
  clock_.Advance(std::chrono::seconds(1));
  Ok("CreateSecret",
     {{"Name", "prod/api"},
      {"Tags", boost::json::array{boost::json::object{{"Key", "team"}, {"Value", "payments"}}}}});
  clock_.Advance(std::chrono::seconds(1));
  Ok("CreateSecret", {{"Name", "dev/db"}});
  EXPECT_EQ(AllNames({{"Filters", boost::json::array{Filter("name", {"prod/"})}}}),
            (std::vector<std::string>{"prod/db", "prod/api"}));
  EXPECT_EQ(AllNames({{"Filters", boost::json::array{Filter("name", {"!prod/"})}}}),
            (std::vector<std::string>{"dev/db"}));
  EXPECT_EQ(AllNames({{"Filters", boost::json::array{Filter("tag-key", {"team"})}}}),
            (std::vector<std::string>{"prod/api"}));
  EXPECT_EQ(AllNames({{"Filters", boost::json::array{Filter("name", {"prod/", "dev/"}),
                                                     Filter("description", {"main"})}}}),
            (std::vector<std::string>{"prod/db"}));
}

TEST_F(AdaptersSmListSecrets, SortOrderAndSortBy) {
  for (const char* n : {"b", "a", "c"}) {
    CreateString(n, "v");
    clock_.Advance(std::chrono::seconds(1));
  }
  EXPECT_EQ(AllNames({{"SortOrder", "desc"}}), (std::vector<std::string>{"c", "a", "b"}));
  EXPECT_EQ(AllNames({{"SortBy", "name"}}), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(AllNames({{"SortBy", "name"}, {"SortOrder", "desc"}, {"MaxResults", 1}}),
            (std::vector<std::string>{"c", "b", "a"}));
}

TEST_F(AdaptersSmListSecrets, ScheduledSecretsOnlyWithIncludePlannedDeletion) {
  CreateString("kept", "v");
  clock_.Advance(std::chrono::seconds(1));
  CreateString("going", "v");
  ScheduleDeletion("going");
  EXPECT_EQ(AllNames({}), std::vector<std::string>{"kept"});
  boost::json::object page = Ok("ListSecrets", {{"IncludePlannedDeletion", true}});
  ASSERT_EQ(Names(page), (std::vector<std::string>{"kept", "going"}));
  EXPECT_TRUE(page.at("SecretList").as_array()[1].as_object().contains("DeletedDate"));
  EXPECT_FALSE(page.at("SecretList").as_array()[0].as_object().contains("DeletedDate"));
}

TEST_F(AdaptersSmListSecrets, ModelLimitsAreValidationExceptions) {
  boost::json::array eleven_values;
  for (int i = 0; i < 11; ++i) eleven_values.emplace_back("v" + std::to_string(i));
  boost::json::array eleven_filters;
  for (int i = 0; i < 11; ++i) eleven_filters.emplace_back(Filter("name", {"x"}));
  struct Case {
    boost::json::object body;
    const char* at;
  };
  const Case cases[] = {
      {{{"MaxResults", 0}}, "at 'maxResults'"},
      {{{"MaxResults", 101}}, "at 'maxResults'"},
      {{{"SortOrder", "up"}}, "at 'sortOrder'"},
      {{{"SortBy", "size"}}, "at 'sortBy'"},
      {{{"Filters", boost::json::array{Filter("colour", {"x"})}}}, "at 'filters.1.member.key'"},
      {{{"Filters", boost::json::array{Filter("name", eleven_values)}}},
       "at 'filters.1.member.values'"},
      {{{"Filters", boost::json::array{Filter("name", {"a*b"})}}}, "at 'filters.1.member.values'"},
      {{{"Filters", boost::json::array{Filter("name", {std::string(513, 'a')})}}},
       "at 'filters.1.member.values'"},
      {{{"Filters", eleven_filters}}, "at 'filters'"},
  };
  for (const Case& c : cases) {
    std::string text = ListError(c.body, "ValidationException");
    EXPECT_TRUE(Has(text, c.at)) << text;
  }
  std::string text =
      ListError({{"Filters", boost::json::array{Filter("colour", {"x"})}}}, "ValidationException");
  EXPECT_TRUE(Has(text,
                  "Member must satisfy enum value set: [description, name, tag-key, "
                  "tag-value, primary-region, owning-service, all]"))
      << text;
  ListError({{"Filters", boost::json::array{Filter("name", {"a", 5})}}}, "SerializationException");
}

TEST_F(AdaptersSmListSecrets, IncompleteFiltersAreInvalidParameter) {
  // An empty Values list breaks the model's minimum of 1: that is a ValidationException.
  ListError({{"Filters", boost::json::array{Filter("name", {})}}}, "ValidationException");
  const boost::json::object cases[] = {
      {{"Filters", boost::json::array{Filter("name", {"!"})}}},
      {{"Filters", boost::json::array{boost::json::object{{"Key", "name"}}}}},
      {{"Filters", boost::json::array{boost::json::object{{"Values", boost::json::array{"a"}}}}}},
  };
  for (const boost::json::object& body : cases) {
    ListError(body, "InvalidParameterException");
  }
  // A '!' with a value after it is a negation, and a '!' inside a value is allowed.
  Ok("ListSecrets", {{"Filters", boost::json::array{Filter("name", {"!a", "a!b"})}}});
}

}  // namespace
}  // namespace paramsafe::adapters::testing
