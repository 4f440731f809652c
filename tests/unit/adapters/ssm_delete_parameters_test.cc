// AmazonSSM.DeleteParameters through the Router, over a ParameterService on fakes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "router_fixture.h"

namespace paramsafe::adapters::testing {
namespace {

using Strings = std::vector<std::string>;

class AdaptersSsmDeleteParameters : public RouterTest {
 protected:
  void Create(std::string_view name) {
    ExpectOk(Ssm("PutParameter",
                 boost::json::object{{"Name", name}, {"Value", "v"}, {"Type", "String"}}));
  }
  Response Delete(const Strings& names) {
    boost::json::array a;
    for (const std::string& n : names) a.emplace_back(n);
    return Ssm("DeleteParameters", boost::json::object{{"Names", std::move(a)}});
  }
  struct Answer {
    Strings deleted;
    Strings invalid;
  };
  Answer Ok(const Response& r) {
    boost::json::object body = ExpectOk(r);
    Answer a;
    EXPECT_EQ(body.size(), 2u) << Show(r);
    if (!body.contains("DeletedParameters") || !body.contains("InvalidParameters")) {
      ADD_FAILURE() << Show(r);
      return a;
    }
    for (const auto& v : body.at("DeletedParameters").as_array()) a.deleted.push_back(Str(v));
    for (const auto& v : body.at("InvalidParameters").as_array()) a.invalid.push_back(Str(v));
    return a;
  }
  bool Exists(const std::string& name) { return repo_.Latest(Key(name)).has_value(); }
  std::string Message(const Response& r) {
    return ErrorMessage(ExpectError(r, "ValidationException"));
  }
};

TEST_F(AdaptersSsmDeleteParameters, DeletesTheExistingAndListsTheMissing) {
  Create("/a");
  Create("/b");
  Create("/keep");
  Answer a = Ok(Delete({"/a", "/missing", "/b"}));
  EXPECT_EQ(a.deleted, (Strings{"/a", "/b"}));
  EXPECT_EQ(a.invalid, (Strings{"/missing"}));
  EXPECT_FALSE(Exists("/a"));
  EXPECT_FALSE(Exists("/b"));
  EXPECT_TRUE(Exists("/keep"));
}

TEST_F(AdaptersSsmDeleteParameters, DeletedParametersAreGoneForGetParameter) {
  Create("/a");
  Ok(Delete({"/a"}));
  ExpectError(Ssm("GetParameter", R"({"Name": "/a"})"), "ParameterNotFound");
}

TEST_F(AdaptersSsmDeleteParameters, OnlyMissingNamesIsNotAnError) {
  Answer a = Ok(Delete({"/x", "/y"}));
  EXPECT_TRUE(a.deleted.empty());
  EXPECT_EQ(a.invalid, (Strings{"/x", "/y"}));
}

TEST_F(AdaptersSsmDeleteParameters, MalformedNamesAreInvalidAndNeverReachTheStore) {
  Create("/a");
  Answer a = Ok(Delete({"/a:1", "a b", "bad*name"}));
  EXPECT_TRUE(a.deleted.empty());
  EXPECT_EQ(a.invalid, (Strings{"/a:1", "a b", "bad*name"}));
  EXPECT_EQ(repo_.delete_calls(), 0);
  EXPECT_TRUE(Exists("/a"));
}

TEST_F(AdaptersSsmDeleteParameters, ANameSentTwiceIsDeletedAndListedOnce) {
  Create("/a");
  Answer a = Ok(Delete({"/a", "/a"}));
  EXPECT_EQ(a.deleted, (Strings{"/a"}));
  EXPECT_TRUE(a.invalid.empty());
  EXPECT_EQ(repo_.delete_calls(), 1);
}

TEST_F(AdaptersSsmDeleteParameters, EitherSpellingOfASingleLevelNameDeletesIt) {
  Create("single");
  Answer a = Ok(Delete({"/single", "single"}));
  EXPECT_EQ(a.deleted, (Strings{"/single"}));
  EXPECT_EQ(a.invalid, (Strings{"single"}));  // already gone
  EXPECT_FALSE(Exists("single"));
}

TEST_F(AdaptersSsmDeleteParameters, TenNamesAreAllowed) {
  Strings names;
  for (int i = 0; i < 10; ++i) {
    names.push_back("/n" + std::to_string(i));
    Create(names.back());
  }
  EXPECT_EQ(Ok(Delete(names)).deleted, names);
  EXPECT_EQ(repo_.ItemCount(), 0u);
}

TEST_F(AdaptersSsmDeleteParameters, ElevenNamesAreAValidationErrorAndDeleteNothing) {
  Strings names;
  for (int i = 0; i < 11; ++i) {
    names.push_back("n" + std::to_string(i));
    Create(names.back());
  }
  EXPECT_EQ(Message(Delete(names)),
            "1 validation error detected: Value '[n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10]' at "
            "'names' failed to satisfy constraint: Member must have length less than or equal to "
            "10");
  EXPECT_EQ(repo_.ItemCount(), 11u);
}

TEST_F(AdaptersSsmDeleteParameters, AnEmptyListIsAValidationError) {
  EXPECT_EQ(Message(Delete({})),
            "1 validation error detected: Value '[]' at 'names' failed to satisfy constraint: "
            "Member must have length greater than or equal to 1");
}

TEST_F(AdaptersSsmDeleteParameters, MissingNamesIsAValidationError) {
  EXPECT_EQ(Message(Ssm("DeleteParameters", "{}")),
            "1 validation error detected: Value null at 'names' failed to satisfy constraint: "
            "Member must not be null");
}

TEST_F(AdaptersSsmDeleteParameters, AnEmptyOrOverlongNameIsAValidationErrorAndDeletesNothing) {
  Create("/a");
  const std::string long_name = "/" + std::string(2048, 'x');
  EXPECT_EQ(Message(Delete({"/a", long_name})),
            "1 validation error detected: Value '[/a, " + long_name +
                "]' at 'names' failed to satisfy constraint: Member must satisfy constraint: "
                "[Member must have length less than or equal to 2048, Member must have length "
                "greater than or equal to 1]");
  Message(Delete({"/a", ""}));
  EXPECT_TRUE(Exists("/a"));
}

TEST_F(AdaptersSsmDeleteParameters, WrongJsonTypesAreSerializationErrors) {
  ExpectError(Ssm("DeleteParameters", R"({"Names": "/a"})"), "SerializationException");
  ExpectError(Ssm("DeleteParameters", R"({"Names": [true]})"), "SerializationException");
}

}  // namespace
}  // namespace paramsafe::adapters::testing
