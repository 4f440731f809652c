// The record of a write commits in the write's own transaction and is gone
// when the write is; reads and refusals go through the group commit; a
// refused authentication is recorded without a principal or a body.
#include "store/audit_attachment.h"

#include <gtest/gtest.h>

#include <string>

#include "abi/request_audit.h"
#include "audit_fixture.h"
#include "auth/http_request.h"
#include "store/pool.h"
#include "store/transaction.h"

namespace paramsafe::integration {
namespace {

constexpr const char* kCanary = "cnry-attach-8e4f0b2d6a1c9e37";

class IntegrationAuditAttachment : public AuditTest {
 protected:
  // The transaction that created the parameter's item row.
  std::string ItemXmin(const std::string& name) {
    return SqlScalar("SELECT xmin::text FROM paramsafe.items WHERE name = $1", {name});
  }
  std::string AuditXmin(const std::string& request_id) {
    return SqlScalar("SELECT xmin::text FROM paramsafe.audit_events WHERE request_id = $1",
                     {request_id});
  }
  // A trigger that raises when `condition` (over NEW) holds, on `table`;
  // deferred ones fire at COMMIT.
  void Refuse(const std::string& table, const std::string& condition, bool at_commit) {
    SqlResult r =
        Sql("CREATE FUNCTION public.refuse_row() RETURNS trigger LANGUAGE plpgsql AS $$"
            " BEGIN IF " +
            condition + " THEN RAISE EXCEPTION 'refused by test'; END IF; RETURN NEW; END $$;" +
            (at_commit ? " CREATE CONSTRAINT TRIGGER refuse_row AFTER INSERT ON "
                       : " CREATE TRIGGER refuse_row BEFORE INSERT ON ") +
            table + (at_commit ? " DEFERRABLE INITIALLY DEFERRED" : "") +
            " FOR EACH ROW EXECUTE FUNCTION public.refuse_row()");
    ASSERT_TRUE(r.ok) << r.error;
  }
  core::AuditRecord WriteRecord(const std::string& request_id) {
    core::AuditRecord r = Record(request_id);
    r.event_name = "PutParameter";
    r.read_only = false;
    return r;
  }
};

TEST_F(IntegrationAuditAttachment, WriteAndItsRecordCommitInOneTransaction) {
  core::AuditRecord record = WriteRecord("req-put");
  store::AuditAttachment attachment(record);
  record.resources = {"arn:added-after-attaching"};  // read at commit, not at attach
  ASSERT_TRUE(Put("/att/p", "SecureString", kCanary).ok());
  EXPECT_TRUE(attachment.written());
  ASSERT_EQ(RowsFor("req-put"), 1);
  EXPECT_EQ(AuditXmin("req-put"), ItemXmin("/att/p"));
  EXPECT_EQ(SqlScalar("SELECT resources[1] FROM paramsafe.audit_events"
                      " WHERE request_id = 'req-put'"),
            "arn:added-after-attaching");
}

TEST_F(IntegrationAuditAttachment, OnlyTheFirstWritingTransactionInsertsTheRecord) {
  core::AuditRecord record = WriteRecord("req-twice");
  store::AuditAttachment attachment(record);
  ASSERT_TRUE(Put("/att/one", "String", "v").ok());
  ASSERT_TRUE(Put("/att/two", "String", "v").ok());
  EXPECT_EQ(RowsFor("req-twice"), 1);
  EXPECT_EQ(AuditXmin("req-twice"), ItemXmin("/att/one"));
}

TEST_F(IntegrationAuditAttachment, TransactionThatChangedNothingInsertsNothing) {
  core::AuditRecord record = Record("req-read");
  store::AuditAttachment attachment(record);
  // A plain transaction, and a READ ONLY one (where an INSERT would be an error
  // even if it inserted no row), as the secret listing runs.
  for (bool read_only : {false, true}) {
    SCOPED_TRACE(read_only ? "read only" : "read write");
    auto lease = rt().pool().Acquire();
    ASSERT_TRUE(lease.ok()) << lease.status().ToString();
    auto tx = store::Transaction::Begin(**lease);
    ASSERT_TRUE(tx.ok()) << tx.status().ToString();
    if (read_only) {
      ASSERT_TRUE((*lease)->Exec("SET TRANSACTION READ ONLY").ok());
    }
    static const store::Statement kCount = {"audit_test_count_items",
                                            "SELECT count(*) FROM paramsafe.items"};
    ASSERT_TRUE(tx->Run(kCount).ok());
    core::Status committed = tx->Commit();
    ASSERT_TRUE(committed.ok()) << committed.ToString();
    EXPECT_FALSE(attachment.written());
    EXPECT_EQ(RowsFor("req-read"), 0);
  }
}

TEST_F(IntegrationAuditAttachment, WriteRolledBackAtCommitLeavesNoRecord) {
  ASSERT_NO_FATAL_FAILURE(
      Refuse("paramsafe.items", "NEW.name LIKE '/att/doomed%'", /*at_commit=*/true));
  core::AuditRecord record = WriteRecord("req-doomed");
  store::AuditAttachment attachment(record);
  EXPECT_FALSE(Put("/att/doomed", "String", "v").ok());
  EXPECT_FALSE(attachment.written());
  EXPECT_EQ(RowsFor("req-doomed"), 0);
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.items WHERE name = '/att/doomed'"), "0");
}

TEST_F(IntegrationAuditAttachment, RecordThatCannotBeStoredStopsTheWrite) {
  ASSERT_NO_FATAL_FAILURE(Refuse("paramsafe.audit_events", "NEW.request_id = 'req-refused'",
                                 /*at_commit=*/false));
  core::AuditRecord record = WriteRecord("req-refused");
  store::AuditAttachment attachment(record);
  auto put = Put("/att/unaudited", "String", "v");
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.status().code(), core::Code::kUnavailable) << put.status().ToString();
  EXPECT_FALSE(attachment.written());
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.items WHERE name = '/att/unaudited'"), "0");
}

TEST_F(IntegrationAuditAttachment, WritesWithoutAnAttachmentInsertNoRecord) {
  ASSERT_TRUE(Put("/att/plain", "String", "v").ok());
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.audit_events"), "0");
}

TEST_F(IntegrationAuditAttachment, AttachmentEndsWithItsScope) {
  {
    core::AuditRecord record = WriteRecord("req-scoped");
    store::AuditAttachment attachment(record);
  }
  ASSERT_TRUE(Put("/att/after", "String", "v").ok());
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.audit_events"), "0");
}

// ---- RequestAudit: the ABI's record of one request

TEST_F(IntegrationAuditAttachment, FinishAfterAnAttachedWriteAddsNoSecondRecord) {
  abi::RequestAudit audit(log(), WriteRecord("req-abi-write"));
  ASSERT_TRUE(Put("/att/abi", "String", "v").ok());
  EXPECT_TRUE(audit.Finish(std::nullopt).ok());
  EXPECT_EQ(RowsFor("req-abi-write"), 1);
  EXPECT_EQ(log().stats().records, 0u);  // the group commit was not used
}

TEST_F(IntegrationAuditAttachment, FinishOfAReadStoresItWithItsError) {
  abi::RequestAudit audit(log(), Record("req-abi-read"));
  adapters::AwsError e{400, "ParameterNotFound", "Parameter /a not found."};
  ASSERT_TRUE(audit.Finish(e).ok());
  EXPECT_EQ(SqlScalar("SELECT error_code || ': ' || error_message FROM paramsafe.audit_events"
                      " WHERE request_id = 'req-abi-read'"),
            "ParameterNotFound: Parameter /a not found.");
  EXPECT_EQ(log().stats().records, 1u);
}

TEST_F(IntegrationAuditAttachment, FinishFailsWhenTheRecordCannotBeStored) {
  ASSERT_NO_FATAL_FAILURE(Refuse("paramsafe.audit_events", "NEW.request_id = 'req-abi-lost'",
                                 /*at_commit=*/false));
  abi::RequestAudit audit(log(), Record("req-abi-lost"));
  EXPECT_FALSE(audit.Finish(std::nullopt).ok());
}

TEST_F(IntegrationAuditAttachment, RefusedAuthenticationIsRecordedWithoutPrincipalOrBody) {
  auth::HttpRequest req;
  req.method = "POST";
  req.path = "/";
  std::string body = std::string(R"({"SecretId":"x","SecretString":")") + kCanary + "\"}";
  req.body = body;
  req.headers = {
      {"Host", "localhost"},
      {"X-Amz-Target", "secretsmanager.GetSecretValue"},
      {"X-Amz-Date", "20240101T000000Z"},
      {"User-Agent", "refused-agent/1.0"},
      {"Authorization",
       "AWS4-HMAC-SHA256 Credential=AKIAREFUSEDTEST00001/20240101/eu-west-1/secretsmanager/"
       "aws4_request, SignedHeaders=host;x-amz-date, Signature=00"},
  };
  adapters::AwsError e{400, "UnrecognizedClientException",
                       "The security token included in the request is invalid."};
  ASSERT_TRUE(
      abi::AuditRefusedAuthentication(log(), req, "198.51.100.7", "req-refused-auth", e).ok());
  SqlResult row =
      Sql("SELECT event_source, event_name, access_key_id, aws_region, principal_arn IS NULL,"
          " request_parameters IS NULL, source_ip, user_agent, error_code, read_only"
          " FROM paramsafe.audit_events WHERE request_id = 'req-refused-auth'");
  ASSERT_TRUE(row.ok) << row.error;
  ASSERT_EQ(row.rows.size(), 1u);
  const auto& c = row.rows[0];
  EXPECT_EQ(*c[0], "secretsmanager.amazonaws.com");
  EXPECT_EQ(*c[1], "GetSecretValue");
  EXPECT_EQ(*c[2], "AKIAREFUSEDTEST00001");
  EXPECT_EQ(*c[3], "eu-west-1");
  EXPECT_EQ(*c[4], "t");
  EXPECT_EQ(*c[5], "t");
  EXPECT_EQ(*c[6], "198.51.100.7");
  EXPECT_EQ(*c[7], "refused-agent/1.0");
  EXPECT_EQ(*c[8], "UnrecognizedClientException");
  EXPECT_EQ(*c[9], "t");
  EXPECT_EQ(SqlScalar("SELECT count(*) FROM paramsafe.audit_events"
                      " WHERE audit_events::text LIKE '%' || $1 || '%'",
                      {kCanary}),
            "0");
}

TEST_F(IntegrationAuditAttachment, RefusedAuthenticationWithoutACredentialHasNoAccessKey) {
  auth::HttpRequest req;
  req.method = "POST";
  req.path = "/";
  req.headers = {{"X-Amz-Target", "AmazonSSM.PutParameter"},
                 {"Authorization", "AWS4-HMAC-SHA256 Credential=not/a+secret"}};
  adapters::AwsError e{400, "IncompleteSignatureException", "bad"};
  ASSERT_TRUE(abi::AuditRefusedAuthentication(log(), req, "", "req-no-key", e).ok());
  EXPECT_EQ(SqlScalar("SELECT concat_ws(',', event_source, event_name, read_only,"
                      " access_key_id IS NULL, source_ip IS NULL)"
                      " FROM paramsafe.audit_events WHERE request_id = 'req-no-key'"),
            "ssm.amazonaws.com,PutParameter,f,t,t");
}

}  // namespace
}  // namespace paramsafe::integration
