// AuditParameters against the AWS service models themselves: for every
// operation of both models, a request holding every member of its input shape
// (sensitive ones carrying a canary, the others plain text) must come out
// without the canary, and with the plain text where the operation is one the
// audit trail knows. Operations it does not know must keep nothing.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "common/audit_parameters.h"

namespace paramsafe::adapters {
namespace {

constexpr const char* kCanary = "cnry-model-3a7e9c1d5b2f8064";
constexpr const char* kPlain = "plain-model-text";

boost::json::object LoadModel(const std::string& file) {
  std::ifstream in(std::string(PARAMSAFE_SHARED_DIR) + "/aws-models/" + file);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_TRUE(in.good() || in.eof()) << "cannot read " << file;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text.str(), ec);
  EXPECT_FALSE(ec) << file;
  return ec ? boost::json::object() : v.as_object();
}

// A value of `shape` with every member filled: strings inside a sensitive
// shape or member are the canary, the others plain text. Recursive shapes
// stop at a fixed depth.
boost::json::value Sample(const boost::json::object& shapes, std::string_view name, bool secret,
                          int depth) {
  const auto& s = shapes.at(name).as_object();
  secret = secret || (s.contains("sensitive") && s.at("sensitive").as_bool());
  const std::string type(s.at("type").as_string());
  if (type == "structure") {
    boost::json::object o;
    if (depth > 6) return o;
    for (const auto& m : s.at("members").as_object()) {
      const auto& member = m.value().as_object();
      bool member_secret =
          secret || (member.contains("sensitive") && member.at("sensitive").as_bool());
      o[m.key()] = Sample(shapes, member.at("shape").as_string(), member_secret, depth + 1);
    }
    return o;
  }
  if (type == "list") {
    boost::json::array a;
    if (depth <= 6) {
      a.push_back(
          Sample(shapes, s.at("member").as_object().at("shape").as_string(), secret, depth + 1));
    }
    return a;
  }
  if (type == "map") {
    boost::json::object o;
    if (depth <= 6) {
      o["key"] =
          Sample(shapes, s.at("value").as_object().at("shape").as_string(), secret, depth + 1);
    }
    return o;
  }
  if (type == "string" || type == "blob") return boost::json::value(secret ? kCanary : kPlain);
  if (type == "boolean") return true;
  return 1;  // integer, long, timestamp
}

struct Face {
  const char* file;
  const char* prefix;
  // The operations whose parameters the audit trail keeps (the rest of the
  // model must keep none).
  std::set<std::string> known;
};

const Face kFaces[] = {
    {"secretsmanager-2017-10-17.json", "secretsmanager", {/* every operation */}},
    {"ssm-2014-11-06.json",
     "AmazonSSM",
     {"AddTagsToResource", "DeleteParameter", "DeleteParameters", "DescribeParameters",
      "GetParameter", "GetParameterHistory", "GetParameters", "GetParametersByPath",
      "LabelParameterVersion", "ListTagsForResource", "PutParameter", "RemoveTagsFromResource",
      "UnlabelParameterVersion"}},
};

TEST(AdaptersAuditParametersModel, NoSensitiveMemberOfAnyOperationIsKept) {
  int operations = 0, with_secrets = 0;
  for (const Face& face : kFaces) {
    SCOPED_TRACE(face.file);
    boost::json::object model = LoadModel(face.file);
    ASSERT_FALSE(model.empty());
    const auto& shapes = model.at("shapes").as_object();
    for (const auto& op : model.at("operations").as_object()) {
      const std::string name(op.key());
      SCOPED_TRACE(name);
      const auto& def = op.value().as_object();
      if (!def.contains("input")) continue;
      ++operations;
      boost::json::value request =
          Sample(shapes, def.at("input").as_object().at("shape").as_string(), false, 0);
      std::string text = boost::json::serialize(request);
      bool has_secret = text.find(kCanary) != std::string::npos;
      with_secrets += has_secret;
      auto kept = AuditParameters(face.prefix, name, request.as_object());
      bool known = face.known.empty() || face.known.contains(name);
      if (!known) {
        EXPECT_FALSE(kept.has_value()) << "parameters kept for an operation not in the table";
        continue;
      }
      ASSERT_TRUE(kept.has_value());
      EXPECT_EQ(kept->find(kCanary), std::string::npos) << *kept;
      // Positive control: what is not secret is kept.
      if (text.find(kPlain) != std::string::npos) {
        EXPECT_NE(kept->find(kPlain), std::string::npos) << *kept;
      }
    }
  }
  // The models were read whole: 23 + 146 operations, a few dozen with secrets.
  EXPECT_GE(operations, 160);
  EXPECT_GE(with_secrets, 15);
}

}  // namespace
}  // namespace paramsafe::adapters
