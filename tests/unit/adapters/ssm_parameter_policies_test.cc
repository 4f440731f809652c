// ssm::ParsePolicies and ssm::ParsePolicyTimestamp: the Policies member of
// PutParameter, each error with the AWS error type and text it answers.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "ssm/errors.h"
#include "ssm/parameter_policies.h"

namespace paramsafe::adapters::ssm {
namespace {

using core::PolicyType;
using core::TimePoint;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::nanoseconds;
using std::chrono::seconds;

// Seconds since the epoch of a UTC civil time.
TimePoint Utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0) {
  return TimePoint(std::chrono::sys_days(std::chrono::year(y) / mo / d).time_since_epoch() +
                   hours(h) + minutes(mi) + seconds(s));
}

const char kExpiration[] =
    R"({"Type":"Expiration","Version":"1.0","Attributes":{"Timestamp":"2030-05-13T00:00:00.000Z"}})";
const char kNotification[] =
    R"({"Type":"ExpirationNotification","Version":"1.0","Attributes":{"Before":"15","Unit":"Days"}})";
const char kNoChange[] =
    R"({"Type":"NoChangeNotification","Version":"1.0","Attributes":{"After":"20","Unit":"Hours"}})";

std::string List(const std::vector<std::string>& entries) {
  std::string s = "[";
  for (const std::string& e : entries) s += (s.size() > 1 ? "," : "") + e;
  return s + "]";
}

// --- timestamps -----------------------------------------------------------------

TEST(AdaptersSsmPolicyTimestamp, ReadsAnInstantWithMilliseconds) {
  EXPECT_EQ(ParsePolicyTimestamp("2020-05-13T00:00:00.000Z"), Utc(2020, 5, 13));
}

TEST(AdaptersSsmPolicyTimestamp, ReadsAnInstantWithoutFraction) {
  EXPECT_EQ(ParsePolicyTimestamp("2018-12-02T21:34:33Z"), Utc(2018, 12, 2, 21, 34, 33));
}

TEST(AdaptersSsmPolicyTimestamp, SecondsAreOptional) {
  EXPECT_EQ(ParsePolicyTimestamp("2018-12-02T21:34Z"), Utc(2018, 12, 2, 21, 34));
}

TEST(AdaptersSsmPolicyTimestamp, ReadsAPositiveOffsetWithAShortFraction) {
  // 22:13:48.87 at +10:30 is 11:43:48.87 UTC.
  EXPECT_EQ(ParsePolicyTimestamp("2019-11-01T22:13:48.87+10:30"),
            Utc(2019, 11, 1, 11, 43, 48) + milliseconds(870));
}

TEST(AdaptersSsmPolicyTimestamp, ReadsANegativeOffsetAcrossMidnight) {
  EXPECT_EQ(ParsePolicyTimestamp("2019-12-31T23:30:00-02:00"), Utc(2020, 1, 1, 1, 30));
}

TEST(AdaptersSsmPolicyTimestamp, ReadsNanoseconds) {
  EXPECT_EQ(ParsePolicyTimestamp("2020-01-01T00:00:00.123456789Z"),
            Utc(2020, 1, 1) + nanoseconds(123456789));
}

TEST(AdaptersSsmPolicyTimestamp, AcceptsLowerCaseSeparators) {
  EXPECT_EQ(ParsePolicyTimestamp("2020-05-13t00:00:00z"), Utc(2020, 5, 13));
}

TEST(AdaptersSsmPolicyTimestamp, ReadsALeapDay) {
  EXPECT_EQ(ParsePolicyTimestamp("2028-02-29T12:00:00Z"), Utc(2028, 2, 29, 12));
}

TEST(AdaptersSsmPolicyTimestamp, RefusesMalformedText) {
  for (const char* bad : {"", "2020-05-13", "2020-05-13T00:00:00", "2020-05-13 00:00:00Z",
                          "2020-05-13T00:00:00.Z", "2020-05-13T00:00:00.1234567890Z",
                          "2020-5-13T00:00:00Z", "2020-05-13T00:00:00+1030",
                          "2020-05-13T00:00:00+10", "2020-05-13T00:00:00Zjunk", "20200513T000000Z",
                          "tomorrow", "2020-05-13T00:00:00.000+19:00"}) {
    EXPECT_FALSE(ParsePolicyTimestamp(bad).has_value()) << bad;
  }
}

TEST(AdaptersSsmPolicyTimestamp, RefusesDatesThatDoNotExist) {
  for (const char* bad : {"2027-02-29T00:00:00Z", "2020-13-01T00:00:00Z", "2020-04-31T00:00:00Z",
                          "2020-01-01T24:00:00Z", "2020-01-01T23:60:00Z", "2020-01-01T23:59:60Z"}) {
    EXPECT_FALSE(ParsePolicyTimestamp(bad).has_value()) << bad;
  }
}

TEST(AdaptersSsmPolicyTimestamp, RefusesYearsOutsideTheClockRange) {
  EXPECT_FALSE(ParsePolicyTimestamp("2262-05-01T00:00:00Z").has_value());
  EXPECT_FALSE(ParsePolicyTimestamp("1600-01-01T00:00:00Z").has_value());
  EXPECT_EQ(ParsePolicyTimestamp("2261-12-31T23:59:59Z"), Utc(2261, 12, 31, 23, 59, 59));
}

// --- accepted policy sets --------------------------------------------------------

TEST(AdaptersSsmParsePolicies, ReadsTheThreeTypes) {
  auto out = ParsePolicies(List({kExpiration, kNotification, kNoChange}));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->policies.size(), 3u);
  EXPECT_EQ(out->policies[0].type, PolicyType::kExpiration);
  EXPECT_EQ(out->policies[0].expires_at, Utc(2030, 5, 13));
  EXPECT_EQ(out->policies[1].type, PolicyType::kExpirationNotification);
  EXPECT_EQ(out->policies[1].offset, hours(15 * 24));
  EXPECT_EQ(out->policies[2].type, PolicyType::kNoChangeNotification);
  EXPECT_EQ(out->policies[2].offset, hours(20));
}

TEST(AdaptersSsmParsePolicies, StoresTheEntriesAsGivenInCompactForm) {
  auto out = ParsePolicies(
      "[ {\"Type\": \"NoChangeNotification\", \"Version\": \"1.0\",\n"
      "   \"Attributes\": {\"Unit\": \"Days\", \"After\": \"3\"}} ]");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->text,
            R"([{"Type":"NoChangeNotification","Version":"1.0","Attributes":{"Unit":"Days","After":"3"}}])");
}

TEST(AdaptersSsmParsePolicies, EmptyListClears) {
  auto out = ParsePolicies("[]");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(out->policies.empty());
  EXPECT_EQ(out->text, "[]");
}

TEST(AdaptersSsmParsePolicies, ListOfAnEmptyObjectClears) {
  auto out = ParsePolicies("[{}]");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(out->policies.empty());
  EXPECT_EQ(out->text, "[]");
}

TEST(AdaptersSsmParsePolicies, EmptyObjectsBesidePoliciesAreLeftOut) {
  auto out = ParsePolicies(List({"{}", kNoChange, "{}"}));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->policies.size(), 1u);
  EXPECT_EQ(out->text, List({kNoChange}));
}

TEST(AdaptersSsmParsePolicies, TenPoliciesAreAllowed) {
  std::vector<std::string> ten(10, kNoChange);
  auto out = ParsePolicies(List(ten));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->policies.size(), 10u);
}

TEST(AdaptersSsmParsePolicies, SeveralExpirationNotificationsAreAllowed) {
  auto out = ParsePolicies(List({kExpiration, kNotification, kNotification}));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->policies.size(), 3u);
}

TEST(AdaptersSsmParsePolicies, UnitIsReadInAnyCase) {
  auto out = ParsePolicies(
      R"([{"Type":"NoChangeNotification","Version":"1.0","Attributes":{"After":"2","Unit":"DAYS"}}])");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->policies[0].offset, hours(48));
}

TEST(AdaptersSsmParsePolicies, CountMayBeAJsonInteger) {
  auto out = ParsePolicies(
      R"([{"Type":"NoChangeNotification","Version":"1.0","Attributes":{"After":7,"Unit":"Hours"}}])");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->policies[0].offset, hours(7));
}

TEST(AdaptersSsmParsePolicies, AnOffsetTimestampIsReadInUtc) {
  auto out = ParsePolicies(
      R"([{"Type":"Expiration","Version":"1.0","Attributes":{"Timestamp":"2030-01-01T10:30:00+10:30"}}])");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->policies[0].expires_at, Utc(2030, 1, 1));
}

TEST(AdaptersSsmParsePolicies, TheCapOfOneHundredYearsIsAllowed) {
  auto out = ParsePolicies(
      R"([{"Type":"NoChangeNotification","Version":"1.0","Attributes":{"After":"36500","Unit":"Days"}}])");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->policies[0].offset, hours(36500 * 24));
}

// --- refused policy sets: the AWS error each one answers --------------------------

struct Refusal {
  const char* label;
  std::string policies;
  const char* type;  // the __type
  std::string message;
};

void PrintTo(const Refusal& r, std::ostream* os) { *os << r.label; }

std::string Expiring(const std::string& attributes) {
  return R"([{"Type":"Expiration","Version":"1.0","Attributes":)" + attributes + "}]";
}
std::string NoChange(const std::string& attributes) {
  return R"([{"Type":"NoChangeNotification","Version":"1.0","Attributes":)" + attributes + "}]";
}
std::string Notifying(const std::string& attributes) {
  return "[" + std::string(kExpiration) +
         R"(,{"Type":"ExpirationNotification","Version":"1.0","Attributes":)" + attributes + "}]";
}

const char kTimestampHint[] = ". Use ISO-8601 with an offset, e.g. 2020-05-13T00:00:00.000Z.";
const char kTypes[] =
    " is not supported. Supported policy types: Expiration, ExpirationNotification, "
    "NoChangeNotification.";

const Refusal kRefusals[] = {
    {"not JSON", "[{", "ValidationException", "Invalid policies input: [{."},
    {"an object, not a list", kExpiration, "ValidationException",
     std::string("Invalid policies input: ") + kExpiration + "."},
    {"a string entry", R"(["Expiration"])", "ValidationException",
     R"(Invalid policies input: ["Expiration"].)"},
    {"a null entry", "[null]", "ValidationException", "Invalid policies input: [null]."},
    {"eleven policies", List(std::vector<std::string>(11, kNoChange)),
     "PoliciesLimitExceededException",
     "Number of policies attached to a parameter cannot exceed 10"},
    {"unknown type", R"([{"Type":"Rotation","Version":"1.0","Attributes":{}}])",
     "InvalidPolicyTypeException", std::string("Policy type Rotation") + kTypes},
    {"type in the wrong case", R"([{"Type":"expiration","Version":"1.0","Attributes":{}}])",
     "InvalidPolicyTypeException", std::string("Policy type expiration") + kTypes},
    {"type not a string", R"([{"Type":7,"Version":"1.0","Attributes":{}}])",
     "InvalidPolicyTypeException", std::string("Policy type 7") + kTypes},
    {"missing type", R"([{"Version":"1.0","Attributes":{}}])", "InvalidPolicyTypeException",
     "Mandatory policy attribute Type is missing."},
    {"missing version",
     R"([{"Type":"Expiration","Attributes":{"Timestamp":"2030-05-13T00:00:00Z"}}])",
     "InvalidPolicyAttributeException", "Mandatory policy attribute Version is missing."},
    {"version 2.0",
     R"([{"Type":"Expiration","Version":"2.0","Attributes":{"Timestamp":"2030-05-13T00:00:00Z"}}])",
     "InvalidPolicyAttributeException", "Unsupported policy version. The supported version is 1.0."},
    {"version as a number",
     R"([{"Type":"Expiration","Version":1.0,"Attributes":{"Timestamp":"2030-05-13T00:00:00Z"}}])",
     "InvalidPolicyAttributeException", "Unsupported policy version. The supported version is 1.0."},
    {"missing attributes", R"([{"Type":"Expiration","Version":"1.0"}])",
     "InvalidPolicyAttributeException", "Mandatory policy attribute Attributes is missing."},
    {"attributes not an object", R"([{"Type":"Expiration","Version":"1.0","Attributes":"x"}])",
     "InvalidPolicyAttributeException", "Mandatory policy attribute Attributes is missing."},
    {"missing timestamp", Expiring("{}"), "InvalidPolicyAttributeException",
     "A valid Expiration policy must have an attribute of Timestamp."},
    {"timestamp without offset", Expiring(R"({"Timestamp":"2030-05-13T00:00:00"})"),
     "InvalidPolicyAttributeException",
     std::string("Invalid timestamp format: \"2030-05-13T00:00:00\"") + kTimestampHint},
    {"timestamp as epoch seconds", Expiring(R"({"Timestamp":1900000000})"),
     "InvalidPolicyAttributeException",
     std::string("Invalid timestamp format: 1900000000") + kTimestampHint},
    {"timestamp on a day that does not exist", Expiring(R"({"Timestamp":"2030-02-30T00:00:00Z"})"),
     "InvalidPolicyAttributeException",
     std::string("Invalid timestamp format: \"2030-02-30T00:00:00Z\"") + kTimestampHint},
    {"missing After", NoChange(R"({"Unit":"Days"})"), "InvalidPolicyAttributeException",
     "Mandatory policy attribute After is missing."},
    {"missing Unit", NoChange(R"({"After":"3"})"), "InvalidPolicyAttributeException",
     "Mandatory policy attribute Unit is missing."},
    {"unit in minutes", NoChange(R"({"After":"3","Unit":"Minutes"})"),
     "InvalidPolicyAttributeException", "Supported time units: DAYS HOURS"},
    {"unit not a string", NoChange(R"({"After":"3","Unit":1})"), "InvalidPolicyAttributeException",
     "Supported time units: DAYS HOURS"},
    {"After zero", NoChange(R"({"After":"0","Unit":"Days"})"), "InvalidPolicyAttributeException",
     "Attribute After must be a positive integer."},
    {"After negative", NoChange(R"({"After":"-3","Unit":"Days"})"),
     "InvalidPolicyAttributeException", "Attribute After must be a positive integer."},
    {"After negative number", NoChange(R"({"After":-3,"Unit":"Days"})"),
     "InvalidPolicyAttributeException", "Attribute After must be a positive integer."},
    {"After a fraction", NoChange(R"({"After":"1.5","Unit":"Days"})"),
     "InvalidPolicyAttributeException", "Attribute After must be a positive integer."},
    {"After a JSON fraction", NoChange(R"({"After":1.5,"Unit":"Days"})"),
     "InvalidPolicyAttributeException", "Attribute After must be a positive integer."},
    {"After empty", NoChange(R"({"After":"","Unit":"Days"})"), "InvalidPolicyAttributeException",
     "Attribute After must be a positive integer."},
    {"After over one hundred years", NoChange(R"({"After":"36501","Unit":"Days"})"),
     "InvalidPolicyAttributeException",
     "Attribute After must be at most 36500 days (876000 hours)."},
    {"After of many digits", NoChange(R"({"After":"99999999999999999999999","Unit":"Hours"})"),
     "InvalidPolicyAttributeException",
     "Attribute After must be at most 36500 days (876000 hours)."},
    {"missing Before", Notifying(R"({"Unit":"Days"})"), "InvalidPolicyAttributeException",
     "Mandatory policy attribute Before is missing."},
    {"Before not a number", Notifying(R"({"Before":"soon","Unit":"Days"})"),
     "InvalidPolicyAttributeException", "Attribute Before must be a positive integer."},
    {"two expirations", List({kExpiration, kExpiration}), "IncompatiblePolicyException",
     "There can be only one expiration policy"},
    {"notification without expiration", List({kNotification, kNoChange}),
     "IncompatiblePolicyException",
     "Expiration notification policies are missing expiration policy"},
};

class AdaptersSsmParsePoliciesRefusal : public ::testing::TestWithParam<Refusal> {};

TEST_P(AdaptersSsmParsePoliciesRefusal, AnswersTheAwsError) {
  const Refusal& r = GetParam();
  auto out = ParsePolicies(r.policies);
  ASSERT_FALSE(out.ok()) << r.label;
  const AwsError e = ErrorFromStatus(out.status());
  EXPECT_EQ(e.type, r.type);
  EXPECT_EQ(e.http_status, 400);
  EXPECT_EQ(e.message, r.message);
}

INSTANTIATE_TEST_SUITE_P(Cases, AdaptersSsmParsePoliciesRefusal, ::testing::ValuesIn(kRefusals));

// The count is checked before the entries: eleven unknown types are too many.
TEST(AdaptersSsmParsePolicies, TooManyIsReportedBeforeABadEntry) {
  std::vector<std::string> eleven(11, R"({"Type":"Nope"})");
  auto out = ParsePolicies(List(eleven));
  EXPECT_EQ(ErrorFromStatus(out.status()).type, "PoliciesLimitExceededException");
}

TEST(AdaptersSsmParsePolicies, EmptyObjectsDoNotCountTowardsTheLimit) {
  std::vector<std::string> entries(10, kNoChange);
  entries.push_back("{}");
  EXPECT_TRUE(ParsePolicies(List(entries)).ok());
}

}  // namespace
}  // namespace paramsafe::adapters::ssm
