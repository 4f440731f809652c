#include "fixtures.h"

#include "core/parameter_names.h"

namespace paramsafe::integration {

void ScratchDatabaseTest::SetUp() {
  std::string error;
  db_ = ScratchDatabase::Create(&error);
  ASSERT_TRUE(db_) << error;
  sql_ = db_->Connect(&error);
  ASSERT_TRUE(sql_) << "cannot connect to the scratch database: " << error;
}

void RuntimeTest::SetUp() {
  ScratchDatabaseTest::SetUp();
  if (HasFatalFailure()) return;
  Reopen(TestConfig());
}

void RuntimeTest::Reopen(const abi::Config& config) {
  runtime_.reset();
  auto opened = abi::Runtime::Open(config);
  ASSERT_TRUE(opened.ok()) << "Runtime::Open: " << opened.status().ToString();
  runtime_ = std::move(opened).value();
}

abi::Config RuntimeTest::TestConfig(const std::string& root_key_hex) {
  abi::Config c;
  c.database_url = db().url();
  c.root_key_hex = root_key_hex;
  c.account_id = kAccount;
  c.default_region = kRegion;
  c.cache = false;
  // Tests run due jobs themselves, with the time they choose; a worker on the
  // real clock would run them behind the test's back.
  c.job_poll_ms = 0;
  return c;
}

core::ItemKey RuntimeTest::Key(const std::string& name) const {
  return core::ParameterKey(kAccount, kRegion, name);
}

core::Result<core::PutParameterOutput> RuntimeTest::Put(const std::string& name,
                                                        const std::string& type,
                                                        const std::string& value, bool overwrite,
                                                        std::optional<std::string> key_id) {
  core::PutParameterInput in;
  in.key = Key(name);
  in.value = core::ToSecureBuffer(value);
  in.type = type;
  in.overwrite = overwrite;
  in.key_id = std::move(key_id);
  in.principal_arn = std::string("arn:aws:iam::") + kAccount + ":user/integration";
  return rt().parameters().Put(in);
}

core::Result<core::ParameterValue> RuntimeTest::Get(const std::string& name,
                                                    std::optional<std::int64_t> version) {
  core::GetParameterInput in;
  in.key = Key(name);
  in.version = version;
  in.with_decryption = true;
  return rt().parameters().Get(in);
}

bool PlaintextIs(const core::ParameterValue& v, const std::string& expected) {
  return v.plaintext && core::AsStringView(*v.plaintext) == expected;
}

}  // namespace paramsafe::integration
