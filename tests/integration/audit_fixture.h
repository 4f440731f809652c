// The audit trail's integration tests share this: a migrated scratch database
// (RuntimeTest), a PgAuditLog of the test's own over its own pool (so the test
// can read its stats), records to write and SQL to read them back.
#ifndef PARAMSAFE_TESTS_INTEGRATION_AUDIT_FIXTURE_H_
#define PARAMSAFE_TESTS_INTEGRATION_AUDIT_FIXTURE_H_

#include <chrono>
#include <memory>
#include <string>

#include "core/audit.h"
#include "fixtures.h"
#include "store/pg_audit_log.h"
#include "store/pool.h"

namespace paramsafe::integration {

class AuditTest : public RuntimeTest {
 protected:
  void SetUp() override {
    RuntimeTest::SetUp();
    if (HasFatalFailure()) return;
    pool_ = std::make_unique<store::Pool>(db().url(), 2, std::chrono::seconds(5));
    log_ = std::make_unique<store::PgAuditLog>(*pool_);
  }
  void TearDown() override {
    log_.reset();
    pool_.reset();
    RuntimeTest::TearDown();
  }

  store::PgAuditLog& log() { return *log_; }
  store::Pool& audit_pool() { return *pool_; }

  // A complete record of a successful read, told apart by `request_id`.
  static core::AuditRecord Record(const std::string& request_id) {
    core::AuditRecord r;
    r.event_time = std::chrono::system_clock::now();
    r.request_id = request_id;
    r.event_source = "ssm.amazonaws.com";
    r.event_name = "GetParameter";
    r.region = kRegion;
    r.account_id = kAccount;
    r.principal_arn = std::string("arn:aws:iam::") + kAccount + ":user/alice";
    r.access_key_id = "AKIAAUDITTEST0000001";
    r.source_ip = "192.0.2.10";
    r.user_agent = "aws-cli/2.9 audit-test";
    r.resources = {std::string("arn:aws:ssm:") + kRegion + ":" + kAccount + ":parameter/a"};
    r.read_only = true;
    r.request_parameters = R"({"Name":"/a"})";
    return r;
  }

  // How many audit rows carry `request_id`.
  int RowsFor(const std::string& request_id) {
    return std::stoi(SqlScalar("SELECT count(*) FROM paramsafe.audit_events WHERE request_id = $1",
                               {request_id}));
  }

 private:
  std::unique_ptr<store::Pool> pool_;
  std::unique_ptr<store::PgAuditLog> log_;
};

}  // namespace paramsafe::integration

#endif  // PARAMSAFE_TESTS_INTEGRATION_AUDIT_FIXTURE_H_
