// secretsmanager.CreateSecret through the Router.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "secretsmanager_fixture.h"

namespace paramsafe::adapters::testing {
namespace {

class AdaptersSmCreateSecret : public SmTest {};

TEST_F(AdaptersSmCreateSecret, AnswersArnNameAndVersionId) {
  boost::json::object body = CreateString("app/db", "s3cr3t", Token(1));
  ASSERT_EQ(body.size(), 3u) << boost::json::serialize(body);
  const std::string arn = Str(body.at("ARN"));
  EXPECT_TRUE(std::regex_match(
      arn,
      std::regex("arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-[A-Za-z0-9]{6}")))
      << arn;
  EXPECT_EQ(Str(body.at("Name")), "app/db");
  EXPECT_EQ(Str(body.at("VersionId")), Token(1));
  EXPECT_EQ(CurrentValue("app/db"), "s3cr3t");
}

TEST_F(AdaptersSmCreateSecret, WithoutAValueAnswersNoVersionId) {
  boost::json::object body =
      Ok("CreateSecret", {{"Name", "empty"}, {"ClientRequestToken", Token(1)}});
  EXPECT_TRUE(body.contains("ARN"));
  EXPECT_FALSE(body.contains("VersionId")) << boost::json::serialize(body);
  EXPECT_FALSE(Describe("empty").contains("VersionIdsToStages"));
  ExpectError(Sm("GetSecretValue", {{"SecretId", "empty"}}), "ResourceNotFoundException");
}

TEST_F(AdaptersSmCreateSecret, ATokenIsMadeWhenTheRequestHasNone) {
  boost::json::object body = Ok("CreateSecret", {{"Name", "n"}, {"SecretString", "v"}});
  const std::string id = Str(body.at("VersionId"));
  EXPECT_TRUE(std::regex_match(
      id, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")))
      << id;
}

TEST_F(AdaptersSmCreateSecret, BinaryValuesTravelAsBase64) {
  Ok("CreateSecret", {{"Name", "bin"}, {"SecretBinary", "AAEC/w=="}});
  boost::json::object got = Ok("GetSecretValue", {{"SecretId", "bin"}});
  EXPECT_EQ(Str(got.at("SecretBinary")), "AAEC/w==");
  EXPECT_FALSE(got.contains("SecretString"));
  auto stored = Stored(Str(got.at("ARN")));
  ASSERT_TRUE(stored.has_value());
  auto sealed = secret_repo_.StoredValue(stored->arn, 1);
  ASSERT_TRUE(sealed.has_value());
  EXPECT_EQ(sealed->type, core::SecretValueType::kBinary);
  EXPECT_EQ(sealed->sealed.ciphertext.size(), 4u) << "the decoded bytes are stored, not the text";
}

TEST_F(AdaptersSmCreateSecret, SameTokenAndValueAnswersTheFirstCallAgain) {
  boost::json::object first = CreateString("idem", "v", Token(1));
  boost::json::object again = CreateString("idem", "v", Token(1));
  EXPECT_EQ(Str(again.at("ARN")), Str(first.at("ARN")));
  EXPECT_EQ(Str(again.at("VersionId")), Token(1));
  EXPECT_EQ(secret_repo_.SecretCount(), 1u);
}

TEST_F(AdaptersSmCreateSecret, ATakenNameIsResourceExists) {
  CreateString("taken", "v", Token(1));
  std::string text =
      ErrorText(Sm("CreateSecret",
                   {{"Name", "taken"}, {"SecretString", "v"}, {"ClientRequestToken", Token(2)}}),
                "ResourceExistsException");
  EXPECT_TRUE(Has(text, "already exists")) << text;
}

TEST_F(AdaptersSmCreateSecret, SameTokenWithAnotherValueIsResourceExists) {
  CreateString("reuse", "one", Token(1));
  std::string text =
      ErrorText(Sm("CreateSecret",
                   {{"Name", "reuse"}, {"SecretString", "two"}, {"ClientRequestToken", Token(1)}}),
                "ResourceExistsException");
  EXPECT_FALSE(Has(text, "two")) << "never echo a value: " << text;
  EXPECT_EQ(CurrentValue("reuse"), "one");
}

TEST_F(AdaptersSmCreateSecret, BothValuesAreInvalidParameterAndWriteNothing) {
  std::string text = ErrorText(
      Sm("CreateSecret", {{"Name", "both"}, {"SecretString", "s"}, {"SecretBinary", "AAEC"}}),
      "InvalidParameterException");
  EXPECT_EQ(text,
            "You can't specify both a binary secret value and a string secret value in the same "
            "secret.");
  EXPECT_EQ(secret_repo_.SecretCount(), 0u);
}

TEST_F(AdaptersSmCreateSecret, ModelLimitsAreValidationExceptions) {
  struct Case {
    boost::json::object body;
    const char* at;
  };
  const std::string long_name(513, 'n');
  const Case cases[] = {
      {{{"Name", ""}}, "at 'name'"},
      {{{"Name", long_name}}, "at 'name'"},
      {{{"Name", "n"}, {"ClientRequestToken", std::string(31, 't')}}, "at 'clientRequestToken'"},
      {{{"Name", "n"}, {"ClientRequestToken", std::string(65, 't')}}, "at 'clientRequestToken'"},
      {{{"Name", "n"}, {"Description", std::string(2049, 'd')}}, "at 'description'"},
      {{{"Name", "n"}, {"KmsKeyId", std::string(2049, 'k')}}, "at 'kmsKeyId'"},
      {{{"Name", "n"}, {"SecretString", ""}}, "at 'secretString'"},
      {{{"Name", "n"}, {"SecretString", std::string(65537, 'x')}}, "at 'secretString'"},
      {{{"Name", "n"}, {"SecretBinary", ""}}, "at 'secretBinary'"},
      {{{"Name", "n"}, {"Type", std::string(257, 't')}}, "at 'type'"},
      {{{"Name", "n"}, {"AddReplicaRegions", boost::json::array{}}}, "at 'addReplicaRegions'"},
  };
  for (const Case& c : cases) {
    std::string text = ErrorText(Sm("CreateSecret", c.body), "ValidationException");
    EXPECT_TRUE(Has(text, c.at)) << text;
  }
  ErrorText(Sm("CreateSecret", "{}"), "ValidationException");
  EXPECT_EQ(secret_repo_.SecretCount(), 0u);
}

TEST_F(AdaptersSmCreateSecret, TheLargestValuesAreAccepted) {
  Ok("CreateSecret", {{"Name", "big"}, {"SecretString", std::string(65536, 'x')}});
  // 65,536 bytes of binary: 87,384 base64 characters.
  std::string b64;
  for (int i = 0; i < 65536 / 3; ++i) b64 += "AAAA";
  b64 += "AA==";
  Ok("CreateSecret", {{"Name", "bigbin"}, {"SecretBinary", b64}});
  std::string over = b64.substr(0, b64.size() - 4) + "AAA=";  // 65,537 bytes
  ErrorText(Sm("CreateSecret", {{"Name", "over"}, {"SecretBinary", over}}), "ValidationException");
}

TEST_F(AdaptersSmCreateSecret, ViolationsNeverShowTheValue) {
  const std::string value = "TOPSECRET" + std::string(65536, 'x');
  std::string text = ErrorText(Sm("CreateSecret", {{"Name", "n"}, {"SecretString", value}}),
                               "ValidationException");
  EXPECT_FALSE(Has(text, "TOPSECRET")) << text.substr(0, 200);
}

TEST_F(AdaptersSmCreateSecret, BinaryThatIsNotBase64IsSerializationException) {
  for (const char* bad : {"not base64!", "AAE", "AA=A", "A", "AAEC\n"}) {
    std::string text = ErrorText(Sm("CreateSecret", {{"Name", "n"}, {"SecretBinary", bad}}),
                                 "SerializationException");
    EXPECT_FALSE(Has(text, bad)) << text;
  }
  EXPECT_EQ(secret_repo_.SecretCount(), 0u);
}

TEST_F(AdaptersSmCreateSecret, WrongJsonTypesAreSerializationExceptions) {
  ErrorText(Sm("CreateSecret", R"({"Name": 5})"), "SerializationException");
  ErrorText(Sm("CreateSecret", R"({"Name": "n", "SecretBinary": [1, 2]})"),
            "SerializationException");
  ErrorText(Sm("CreateSecret", R"({"Name": "n", "Tags": {"Key": "a"}})"), "SerializationException");
}

TEST_F(AdaptersSmCreateSecret, TagsAreStoredAndAValueMayBeLeftOut) {
  Ok("CreateSecret",
     {{"Name", "tagged"},
      {"SecretString", "v"},
      {"Tags", boost::json::array{boost::json::object{{"Key", "team"}, {"Value", "x"}},
                                  boost::json::object{{"Key", "bare"}}}}});
  boost::json::object d = Describe("tagged");
  ASSERT_TRUE(d.contains("Tags"));
  const boost::json::array& tags = d.at("Tags").as_array();
  ASSERT_EQ(tags.size(), 2u);
  EXPECT_EQ(Str(tags[0].at("Key")), "bare");
  EXPECT_EQ(Str(tags[0].at("Value")), "");
  EXPECT_EQ(Str(tags[1].at("Key")), "team");
  EXPECT_EQ(Str(tags[1].at("Value")), "x");
}

TEST_F(AdaptersSmCreateSecret, TagViolationsNameTheTag) {
  boost::json::array tags{boost::json::object{{"Key", "ok"}, {"Value", "v"}},
                          boost::json::object{{"Key", std::string(129, 'k')}},
                          boost::json::object{{"Value", "no key"}},
                          boost::json::object{{"Key", "k"}, {"Value", std::string(257, 'v')}}};
  std::string text =
      ErrorText(Sm("CreateSecret", {{"Name", "n"}, {"Tags", tags}}), "ValidationException");
  EXPECT_TRUE(Has(text, "3 validation errors")) << text;
  EXPECT_TRUE(Has(text, "at 'tags.2.member.key'")) << text;
  EXPECT_TRUE(Has(text, "Value null at 'tags.3.member.key'")) << text;
  EXPECT_TRUE(Has(text, "at 'tags.4.member.value'")) << text;
  EXPECT_EQ(secret_repo_.SecretCount(), 0u);
}

TEST_F(AdaptersSmCreateSecret, ReplicationIsRefusedHonestlyBeforeAnyWrite) {
  boost::json::array regions{boost::json::object{{"Region", "eu-west-1"}}};
  std::string text = ErrorText(
      Sm("CreateSecret", {{"Name", "r"}, {"SecretString", "v"}, {"AddReplicaRegions", regions}}),
      "InvalidRequestException");
  EXPECT_EQ(text, "Replication is not supported by this paramsafe server yet.");
  ErrorText(Sm("CreateSecret", {{"Name", "r"}, {"ForceOverwriteReplicaSecret", true}}),
            "InvalidRequestException");
  EXPECT_EQ(secret_repo_.SecretCount(), 0u);
  // false asks for nothing.
  Ok("CreateSecret", {{"Name", "r"}, {"ForceOverwriteReplicaSecret", false}});
}

TEST_F(AdaptersSmCreateSecret, MalformedReplicaRegionsAreValidationExceptions) {
  boost::json::array bad{boost::json::object{{"Region", "Not A Region"}},
                         boost::json::object{{"Region", ""}}};
  std::string text = ErrorText(
      Sm("CreateSecret", {{"Name", "m"}, {"SecretString", "v"}, {"AddReplicaRegions", bad}}),
      "ValidationException");
  EXPECT_NE(text.find("2 validation errors"), std::string::npos) << text;
  EXPECT_NE(text.find("'addReplicaRegions.1.member.region'"), std::string::npos) << text;
  EXPECT_NE(text.find("regular expression pattern: ^([a-z]+-)+\\d+$"), std::string::npos) << text;
  ErrorText(Sm("CreateSecret", {{"Name", "m"}, {"AddReplicaRegions", boost::json::array{}}}),
            "ValidationException");
  EXPECT_EQ(secret_repo_.SecretCount(), 0u);
}

TEST_F(AdaptersSmCreateSecret, TypeAndUnknownMembersAreIgnored) {
  boost::json::object body = Ok(
      "CreateSecret", {{"Name", "t"}, {"SecretString", "v"}, {"Type", "partner"}, {"Future", 1}});
  EXPECT_FALSE(body.contains("Type"));
}

TEST_F(AdaptersSmCreateSecret, AnUnusableKeyIsEncryptionFailure) {
  keyring_.MarkUnknown("alias/missing");
  std::string text = ErrorText(
      Sm("CreateSecret", {{"Name", "k"}, {"SecretString", "v"}, {"KmsKeyId", "alias/missing"}}),
      "EncryptionFailure");
  EXPECT_FALSE(text.empty());
  EXPECT_EQ(secret_repo_.SecretCount(), 0u);
}

TEST_F(AdaptersSmCreateSecret, ANameScheduledForDeletionIsInvalidRequest) {
  CreateString("gone", "v");
  ScheduleDeletion("gone");
  std::string text = ErrorText(Sm("CreateSecret", {{"Name", "gone"}, {"SecretString", "w"}}),
                               "InvalidRequestException");
  EXPECT_TRUE(Has(text, "scheduled for deletion")) << text;
}

TEST_F(AdaptersSmCreateSecret, ANameWithForbiddenCharactersIsInvalidParameter) {
  ErrorText(Sm("CreateSecret", {{"Name", "no spaces"}, {"SecretString", "v"}}),
            "InvalidParameterException");
  EXPECT_EQ(secret_repo_.SecretCount(), 0u);
}

}  // namespace
}  // namespace paramsafe::adapters::testing
