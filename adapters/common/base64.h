// Base64 (RFC 4648, with padding), as AWS JSON uses for blobs.
#ifndef PARAMSAFE_ADAPTERS_COMMON_BASE64_H_
#define PARAMSAFE_ADAPTERS_COMMON_BASE64_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/secure_buffer.h"

namespace paramsafe::adapters {

std::string Base64Encode(const std::uint8_t* data, std::size_t size);
inline std::string Base64Encode(const std::vector<std::uint8_t>& v) {
  return Base64Encode(v.data(), v.size());
}

// Decodes into wiping memory (blobs may be secrets). Strict, as the AWS JSON
// services read blobs: the standard alphabet, padded to a multiple of four;
// any other character (whitespace included), an '=' elsewhere than in the
// padding, or a missing padding gives nullopt.
std::optional<core::SecureBuffer> Base64Decode(std::string_view text);

}  // namespace paramsafe::adapters

#endif  // PARAMSAFE_ADAPTERS_COMMON_BASE64_H_
