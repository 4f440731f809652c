// Reading AWS JSON request bodies and writing response bodies. Both sides use
// wiping memory, because values may be secrets.
#ifndef PARAMSAFE_ADAPTERS_COMMON_JSON_IO_H_
#define PARAMSAFE_ADAPTERS_COMMON_JSON_IO_H_

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string_view>
#include <variant>

#include "common/aws_error.h"
#include "core/clock.h"
#include "core/secure_buffer.h"

namespace paramsafe::adapters {

// Parses a request body that must be a JSON object ("" counts as {}).
// SerializationException otherwise.
std::variant<boost::json::object, AwsError> ParseRequestObject(std::string_view body);

// An empty object allocated with wiping storage, to build a response in.
boost::json::object NewResponseObject();

// Serializes into wiping memory.
core::SecureString Serialize(const boost::json::value& v);

// The AWS error shape: {"__type": ..., "message": ...}.
core::SecureString SerializeError(const AwsError& e);

// AWS JSON timestamps: epoch seconds as a number, with milliseconds.
double EpochSeconds(core::TimePoint t);

}  // namespace paramsafe::adapters

#endif  // PARAMSAFE_ADAPTERS_COMMON_JSON_IO_H_
