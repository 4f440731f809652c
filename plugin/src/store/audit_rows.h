// The paramsafe.audit_events rows of a set of audit records: one INSERT of any
// number of rows, each column travelling as one array parameter (unnest), so
// a batch costs one statement and one commit whatever its size. Used by the
// group commit (pg_audit_log.cc) and by the record attached to a write
// (audit_attachment.cc).
#ifndef PARAMSAFE_STORE_AUDIT_ROWS_H_
#define PARAMSAFE_STORE_AUDIT_ROWS_H_

#include <span>
#include <string>
#include <string_view>

#include "core/audit.h"
#include "store/params.h"
#include "store/statement.h"

namespace paramsafe::store {

// Inserts the rows of AuditRowParams(records), in order.
extern const Statement kInsertAuditRows;

// The 15 parameters of kInsertAuditRows. Text is made valid UTF-8 without
// U+0000 first (each bad byte becomes U+FFFD), so that no header a client sent
// can make the insert, and with it every other record of the batch, fail.
// Empty optional fields (principal, access key, source IP, ...) become NULL.
// REQUIRES: every pointer is non-null.
Params AuditRowParams(std::span<const core::AuditRecord* const> records);

// `s` as valid UTF-8 without U+0000: each byte that does not start a valid
// sequence, and each NUL, becomes U+FFFD. Exposed for tests.
std::string ValidText(std::string_view s);

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_AUDIT_ROWS_H_
