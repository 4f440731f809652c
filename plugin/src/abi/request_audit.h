// The audit record of one request, from the ABI slot that receives it to the
// commit that keeps it.
//
// A request that writes stores its record in the same transaction as its
// write: while a RequestAudit is alive, its record is this thread's pending
// record (store/audit_attachment.h), and the first transaction on this thread
// that commits a change inserts it before COMMIT. Every other request (reads,
// refusals, failures) stores its record through the AuditLog's group commit in
// Finish(), which returns only once the record is durable. Not thread-safe:
// one per request, on the thread that serves it.
#ifndef PARAMSAFE_ABI_REQUEST_AUDIT_H_
#define PARAMSAFE_ABI_REQUEST_AUDIT_H_

#include <optional>
#include <string_view>

#include "auth/http_request.h"
#include "common/aws_error.h"
#include "core/audit.h"
#include "store/audit_attachment.h"

namespace paramsafe::abi {

class RequestAudit {
 public:
  // REQUIRES: log outlives this; no other RequestAudit alive on this thread.
  RequestAudit(core::AuditLog& log, core::AuditRecord record);
  ~RequestAudit();
  RequestAudit(const RequestAudit&) = delete;
  RequestAudit& operator=(const RequestAudit&) = delete;

  // The record, for the adapters to add resources and request parameters.
  core::AuditRecord& record();

  // Completes the record with the response's error (none = success) and makes
  // sure it is durable: a no-op when a write already committed it (that record
  // was completed when it committed, so it names no error that came later). An
  // error means it could not be stored; the caller must then not send the
  // response.
  core::Status Finish(const std::optional<adapters::AwsError>& error);

 private:
  core::AuditLog& log_;
  core::AuditRecord record_;
  store::AuditAttachment attachment_;  // after record_, which it borrows
};

// Stores the record of a request whose authentication failed: the event name
// from X-Amz-Target, the access key id from the Authorization header when it
// names one, the user agent, and the error. Blocks until durable.
core::Status AuditRefusedAuthentication(core::AuditLog& log, const auth::HttpRequest& request,
                                        std::string_view source_ip, std::string_view request_id,
                                        const adapters::AwsError& error);

}  // namespace paramsafe::abi

#endif  // PARAMSAFE_ABI_REQUEST_AUDIT_H_
