// Status and Result<T>: how every layer below the ABI reports failure.
//
// A Status carries a Code (what kind of failure, the thing adapters switch on) and
// a reason text for humans. Reasons never carry a secret value. Thread-compatible
// value types.
#ifndef PARAMSAFE_CORE_STATUS_H_
#define PARAMSAFE_CORE_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace paramsafe::core {

enum class Code {
  kOk = 0,
  kNotFound,             // the item does not exist
  kVersionNotFound,      // the item exists, the version or label does not
  kAlreadyExists,        // create of an existing item
  kInvalidArgument,      // input breaks a rule (adapters map to ValidationException)
  kKeyNotFound,          // KMS key unknown or disabled
  kDecryptFailed,        // ciphertext failed authentication (tampered, moved, wrong key)
  kMissingAuthentication,  // no Authorization header at all
  kIncompleteSignature,    // Authorization unparsable or missing a part
  kUnrecognizedClient,     // unknown or inactive access key id
  kSignatureMismatch,      // wrong signature, body changed, or clock skew
  kPermissionDenied,     // authorization refused
  kConflict,             // concurrent modification, serialization failure
  kLimitExceeded,        // a quota or per-item limit
  kFailedPrecondition,   // the request is wrong for the item's state (e.g. scheduled for deletion)
  kUnavailable,          // database unreachable, pool exhausted; retryable
  kOutcomeUnknown,       // connection lost during COMMIT: the write may or may not exist
  kInternal,             // a bug or an unexpected state
};

const char* CodeName(Code code);

// A finer reason within a Code, for the failures one API face reports with a
// specific error type (adapters switch on code and detail, never on text).
enum class Detail {
  kNone = 0,
  kPatternMismatch,        // value does not match the item's AllowedPattern
  kInvalidPattern,         // AllowedPattern is not a usable regular expression
  kTypeChange,             // a write changes the type in a way that is refused
  kHierarchyTooDeep,       // more levels than allowed
  kReservedName,           // a name under a reserved prefix (AWS: access denied)
  kUnsupportedType,        // value type outside the enum
  kOldestVersionLabelled,  // version window full and the oldest carries a label
  kLabelLimit,             // too many labels on a version
  kTagLimit,               // too many tags on an item
  kPolicyLimit,            // too many policies
  kPolicyType,             // a policy of an unknown type
  kPolicyAttribute,        // a policy attribute missing or malformed
  kPolicyConflict,         // policies that cannot be used together
  kMarkedForDeletion,      // the secret is scheduled for deletion
  kTokenReused,            // a ClientRequestToken names a version with another value
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(Code code, std::string reason) : code_(code), reason_(std::move(reason)) {}
  Status(Code code, Detail detail, std::string reason)
      : code_(code), detail_(detail), reason_(std::move(reason)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  Detail detail() const { return detail_; }
  const std::string& reason() const { return reason_; }
  std::string ToString() const;

 private:
  Code code_ = Code::kOk;
  Detail detail_ = Detail::kNone;
  std::string reason_;
};

// Either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}            // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {      // NOLINT: implicit by design
    assert(!std::get<Status>(v_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace paramsafe::core

// Returns early with the Status of an expression that yields a Status.
#define PS_RETURN_IF_ERROR(expr)                              \
  do {                                                        \
    ::paramsafe::core::Status ps_status_ = (expr);            \
    if (!ps_status_.ok()) return ps_status_;                  \
  } while (0)

#define PS_CONCAT_INNER_(a, b) a##b
#define PS_CONCAT_(a, b) PS_CONCAT_INNER_(a, b)

// Declares `lhs` from a Result<T> expression, or returns its Status.
#define PS_ASSIGN_OR_RETURN(lhs, expr) \
  PS_ASSIGN_OR_RETURN_IMPL_(PS_CONCAT_(ps_result_, __LINE__), lhs, expr)
#define PS_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(tmp).value()

#endif  // PARAMSAFE_CORE_STATUS_H_
