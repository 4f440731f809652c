// RequestReader: typed access to the members of an AWS JSON request, checking
// them against the service model's constraints and collecting every violation
// into one ValidationException, in AWS's wording:
//   "2 validation errors detected: Value 'x' at 'name' failed to satisfy
//    constraint: Member must have length less than or equal to 2048; ..."
// A member of the wrong JSON type is a SerializationException. Unknown members
// are ignored (newer clients send newer members). Not thread-safe.
#ifndef PARAMSAFE_ADAPTERS_COMMON_REQUEST_READER_H_
#define PARAMSAFE_ADAPTERS_COMMON_REQUEST_READER_H_

#include <boost/json/object.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/aws_error.h"
#include "core/secure_buffer.h"

namespace paramsafe::adapters {

struct StringRule {
  std::size_t min = 0;
  std::size_t max = 0;           // 0: no maximum
  const char* pattern = nullptr;  // ECMAScript regex the whole value must match
  std::initializer_list<const char*> allowed = {};  // enum values, if any
  bool sensitive = false;        // never echo the value in messages
};

class RequestReader {
 public:
  // REQUIRES: request outlives the reader.
  explicit RequestReader(const boost::json::object& request) : request_(request) {}

  // Members are named as on the wire ("Name"); messages use AWS's camelCase.
  std::optional<std::string> String(std::string_view member, const StringRule& rule,
                                    bool required = false);
  // A secret-bearing string, read straight into wiping memory.
  std::optional<core::SecureBuffer> SecretString(std::string_view member, const StringRule& rule,
                                                 bool required = false);
  std::optional<bool> Bool(std::string_view member);
  std::optional<std::int64_t> Int(std::string_view member, std::int64_t min, std::int64_t max,
                                  bool required = false);

  // Adds a violation in AWS's format for a rule checked by the caller. The value
  // is shown quoted; an empty shown_value leaves it out (sensitive members).
  void Violation(std::string_view member, std::string_view shown_value,
                 std::string_view constraint);
  // Adds "Value null at '<member>' ... Member must not be null", for a required
  // member the caller found missing (e.g. inside a list: "tags.1.member.key").
  void NullViolation(std::string_view member);

  // The first type error, or all violations as one ValidationException.
  std::optional<AwsError> Error() const;

 private:
  const boost::json::value* Find(std::string_view member, const char* expected);
  // Find(), recording "Member must not be null" when a required member is absent.
  const boost::json::value* FindRequired(std::string_view member, const char* expected,
                                         bool required);
  void CheckString(std::string_view member, std::string_view v, const StringRule& rule);

  const boost::json::object& request_;
  std::optional<AwsError> type_error_;
  std::vector<std::string> violations_;
};

// "Name" -> "name", "WithDecryption" -> "withDecryption".
std::string CamelCase(std::string_view member);

}  // namespace paramsafe::adapters

#endif  // PARAMSAFE_ADAPTERS_COMMON_REQUEST_READER_H_
